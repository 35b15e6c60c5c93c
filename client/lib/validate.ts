/**
 * Field checks of the member forms, using core's rules so the client refuses exactly what the
 * worker would, with the same words. Password policy lives in validate-password.ts, which fetches
 * the policy and its common-password list only when a member starts choosing a password.
 */
import { checkEmail, type EmailProblem } from '../../core/email'
import type { MessageKey } from '../../core/i18n'
import { coreMsg, type Msg } from './messages'

const EMAIL_KEYS: Record<EmailProblem, MessageKey> = {
  required: 'field.email.required',
  fullwidth: 'field.email.fullwidth',
  fullwidth_at: 'field.email.fullwidth_at',
  space: 'field.email.space',
  format: 'field.email.format',
  too_long: 'field.email.too_long',
}

/** An address being registered or looked up: every rule of core's checkEmail. */
export function emailError(raw: string): Msg | undefined {
  const result = checkEmail(raw)
  return result.ok ? undefined : coreMsg(EMAIL_KEYS[result.problem])
}

/** An address being presented at log-in: only required (format answers tell nothing useful). */
export function loginEmailError(raw: string): Msg | undefined {
  return raw === '' ? coreMsg('field.email.required') : undefined
}

/** The confirmation must repeat the address exactly (it is a typing check). */
export function emailConfirmError(email: string, confirm: string): Msg | undefined {
  if (confirm === '') return coreMsg('field.emailConfirm.required')
  if (confirm !== email) return coreMsg('field.emailConfirm.mismatch')
  return undefined
}

const OPTIONAL_CODE = /^[A-Za-z0-9-]{0,32}$/

/** 招待コード / 団体連携コード: optional; letters, digits and hyphens, at most 32. */
export function optionalCodeError(
  value: string,
  key: 'field.inviteCode.format' | 'field.orgCode.format',
): Msg | undefined {
  return OPTIONAL_CODE.test(value) ? undefined : coreMsg(key)
}

/** The 6-digit code of the provisional-registration mail. */
export function oneTimeCodeError(code: string): Msg | undefined {
  if (code === '') return coreMsg('field.code.required')
  return /^[0-9]{6}$/.test(code) ? undefined : coreMsg('field.code.format')
}
