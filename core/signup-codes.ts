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

/**
 * 招待コード (journey 1): every account's own code, 8 symbols of an alphabet without the look-alikes
 * 0/O and 1/I (the 団体連携コード's). Shown in two groups of four (`ABCD-EFGH`); typed in any case,
 * with or without the hyphen or spaces, full-width too.
 */
export const INVITE_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const INVITE_CODE_LENGTH = 8

/** A code as typed, as it is stored: NFKC, spaces and hyphens dropped, upper-cased. */
export const normalizeInviteCode = (raw: string) =>
  raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()

/** Whether a normalised code could be one: 8 symbols of the alphabet. */
export const isInviteCodeShaped = (code: string) =>
  code.length === INVITE_CODE_LENGTH && [...code].every((ch) => INVITE_CODE_ALPHABET.includes(ch))

/** The stored code as shown and copied: `ABCD-EFGH`. */
export const displayInviteCode = (code: string) =>
  code.length === INVITE_CODE_LENGTH ? `${code.slice(0, 4)}-${code.slice(4)}` : code

/** 8 symbols of 32 from random bytes: each byte's low 5 bits (256 is a multiple of 32, so no bias). */
export function newInviteCode(randomBytes: (n: number) => Uint8Array): string {
  return Array.from(randomBytes(INVITE_CODE_LENGTH), (b) => INVITE_CODE_ALPHABET[b & 31]).join('')
}
