/**
 * The light part of the password policy (docs/security.md, "Passwords"): its lengths, the names of its
 * refusals and their messages, and the length rules. The policy itself (password.ts) carries the
 * common-password list, about 14 KB gzip, so a screen imports this file at once and fetches the
 * policy only when a member starts choosing a password; both answer with the same words.
 */
import type { MessageKey } from './i18n.ts'

export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

export type PasswordProblem =
  | 'required'
  | 'too_short'
  | 'too_long'
  | 'common'
  | 'contains_email'
  | 'contains_service'
  | 'sequence'

/** Each refusal's message, the same under a field of the form and in the worker's 400 answer. */
export const PASSWORD_MESSAGES: Record<PasswordProblem, MessageKey> = {
  required: 'field.password.required',
  too_short: 'field.password.too_short',
  too_long: 'field.password.too_long',
  common: 'field.password.common',
  contains_email: 'field.password.contains_email',
  contains_service: 'field.password.contains_service',
  sequence: 'field.password.sequence',
}

/**
 * The refusals the lengths alone decide: `required` for an empty password, else `too_short` or
 * `too_long`. Lengths count Unicode code points, so an emoji or a kanji is one character, as
 * members see it.
 */
export function passwordLengthProblems(password: string): PasswordProblem[] {
  if (password === '') return ['required']
  const length = countCodePoints(password)
  if (length < PASSWORD_MIN) return ['too_short']
  return length > PASSWORD_MAX ? ['too_long'] : []
}

export function countCodePoints(text: string): number {
  return [...text].length
}
