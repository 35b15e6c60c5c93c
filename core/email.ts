/**
 * E-mail address rules of the sign-up journey (新規登録): the address is stored and
 * mailed as typed, matched without regard to case, and the typing mistakes Japanese keyboards
 * make (full-width characters, a full-width ＠, stray spaces) are refused with a message that
 * names them.
 */

import type { MessageKey } from './i18n.ts'

export type EmailProblem =
  'required' | 'fullwidth' | 'fullwidth_at' | 'space' | 'format' | 'too_long'

/** Each problem's message, the same under a field of the form and in the worker's 400 answer. */
export const EMAIL_MESSAGES: Record<EmailProblem, MessageKey> = {
  required: 'field.email.required',
  fullwidth: 'field.email.fullwidth',
  fullwidth_at: 'field.email.fullwidth_at',
  space: 'field.email.space',
  format: 'field.email.format',
  too_long: 'field.email.too_long',
}

/** RFC 5321's limit on a forward path, which every address must fit. */
export const EMAIL_MAX = 254
const LOCAL_PART_MAX = 64
const DOMAIN_LABEL_MAX = 63

const FULLWIDTH_AT = '\uFF20'
/** Any white space, half-width or not: ASCII space and tabs, U+3000 (ideographic), NBSP, … */
const WHITESPACE = /\s/u
/** Anything beyond ASCII that is not white space: full-width forms, kana, kanji, emoji, … */
const NON_ASCII = /[^\s\x00-\x7F]/u
/** RFC 5322 atom text of a local part; no quoted strings or comments (no one types them). */
const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/
/** A host name label: letters, digits and inner hyphens. */
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/

/**
 * Checks an address as typed, most specific problem first, so the message tells the member exactly
 * what to fix. The address is returned unchanged: nothing is trimmed, since a stray space is a
 * mistake the member should see rather than one we silently repair.
 *
 * Order: required, fullwidth_at (before fullwidth: the ＠ has its own message), fullwidth, space,
 * too_long, format. A full-width space (U+3000) on its own counts as `space`, the message that
 * tells how to fix it; beside other full-width characters, `fullwidth` wins.
 */
export function checkEmail(
  raw: string,
): { ok: true; email: string } | { ok: false; problem: EmailProblem } {
  if (raw === '') return { ok: false, problem: 'required' }
  if (raw.includes(FULLWIDTH_AT)) return { ok: false, problem: 'fullwidth_at' }
  if (NON_ASCII.test(raw)) return { ok: false, problem: 'fullwidth' }
  if (WHITESPACE.test(raw)) return { ok: false, problem: 'space' }
  if (raw.length > EMAIL_MAX) return { ok: false, problem: 'too_long' }
  if (!hasAddressFormat(raw)) return { ok: false, problem: 'format' }
  return { ok: true, email: raw }
}

/** checkEmail's message, or undefined for an address that passes. */
export function emailMessage(raw: string): MessageKey | undefined {
  const result = checkEmail(raw)
  return result.ok ? undefined : EMAIL_MESSAGES[result.problem]
}

/**
 * The confirmation field of the sign-up form repeats the address exactly (it is a typing check, so
 * no case folding): `required` when it is empty, `mismatch` when it differs.
 */
export function checkEmailConfirm(
  email: string,
  confirm: string,
): 'required' | 'mismatch' | undefined {
  if (confirm === '') return 'required'
  return confirm === email ? undefined : 'mismatch'
}

/**
 * RFC 5322-lite: one @, a local part of at most 64, a dotted host name, a real TLD.
 *
 * The local part is looser than RFC dot-atom on dots alone: Japanese mobile carriers long issued
 * addresses with consecutive dots or a dot at either end (taro..yamada@docomo.ne.jp,
 * taro.@ezweb.ne.jp, .taro@docomo.ne.jp), and their owners must be able to sign up. It still needs
 * at least one atom character, so a local part of dots only is refused. The domain stays strict.
 */
function hasAddressFormat(address: string): boolean {
  const parts = address.split('@')
  if (parts.length !== 2) return false
  const [local, domain] = parts
  if (local.length === 0 || local.length > LOCAL_PART_MAX) return false
  // Leading, trailing or doubled dots leave empty atoms, which the carriers' addresses need.
  const atoms = local.split('.').filter((atom) => atom !== '')
  if (atoms.length === 0 || !atoms.every((atom) => LOCAL_ATOM.test(atom))) return false
  const labels = domain.split('.')
  if (labels.length < 2) return false
  if (!labels.every((label) => label.length <= DOMAIN_LABEL_MAX && DOMAIN_LABEL.test(label))) {
    return false
  }
  // An all-digit last label is an IP address or a typo, never a top-level domain.
  return !/^\d+$/.test(labels[labels.length - 1])
}

/**
 * The key accounts are matched by: the address lower-cased, so that two accounts can never differ
 * only in case (the manual's case-sensitive login ID was a stumbling block its FAQ had to explain).
 */
export function normalizeEmail(email: string): string {
  return email.toLowerCase()
}

/** The part before the @ (the whole string when there is none); passwords must not contain it. */
export function emailLocalPart(email: string): string {
  const at = email.lastIndexOf('@')
  return at === -1 ? email : email.slice(0, at)
}
