/**
 * The codes a member types at sign-up: the optional invitation and organisation codes, and the
 * 6-digit one-time code of the provisional-registration mail. The worker's schemas (schemas.ts)
 * and the client's form checks both ask these, so the two refuse the same input.
 */

/** Invitation and organisation codes: letters, digits and hyphens, at most 32 (empty: not given). */
const OPTIONAL_CODE = /^[A-Za-z0-9-]{0,32}$/
/** The mailed one-time code: exactly six ASCII digits (full-width digits are a format error). */
const ONE_TIME_CODE = /^[0-9]{6}$/

/** 招待コード / 団体連携コード as typed: empty, or up to 32 letters, digits and hyphens. */
export function isOptionalCode(value: string): boolean {
  return OPTIONAL_CODE.test(value)
}

/** The mailed code as typed: `required` when empty, `format` unless it is six ASCII digits. */
export function checkOneTimeCode(code: string): 'required' | 'format' | undefined {
  if (code === '') return 'required'
  return ONE_TIME_CODE.test(code) ? undefined : 'format'
}
