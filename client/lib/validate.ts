/**
 * Field checks of the member forms: core's rules with core's messages (the ones the worker's
 * schemas answer with), so the client refuses exactly what the worker would, in the same words.
 * Password policy lives in validate-password.ts, which fetches the policy and its common-password
 * list only when a member starts choosing a password.
 */
import { checkEmailConfirm, emailMessage } from '../../core/email'
import { checkOneTimeCode, isOptionalCode } from '../../core/signup-codes'
import { coreMsg, type Msg } from './messages'

/** An address being registered or looked up: every rule of core's checkEmail. */
export function emailError(raw: string): Msg | undefined {
  const key = emailMessage(raw)
  return key && coreMsg(key)
}

/** The confirmation must repeat the address exactly (it is a typing check). */
export function emailConfirmError(email: string, confirm: string): Msg | undefined {
  const problem = checkEmailConfirm(email, confirm)
  return problem && coreMsg(`field.emailConfirm.${problem}`)
}

/** 招待コード / 団体連携コード: optional; letters, digits and hyphens, at most 32. */
export function optionalCodeError(
  value: string,
  key: 'field.inviteCode.format' | 'field.orgCode.format',
): Msg | undefined {
  return isOptionalCode(value) ? undefined : coreMsg(key)
}

/** The 6-digit code of the provisional-registration mail. */
export function oneTimeCodeError(code: string): Msg | undefined {
  const problem = checkOneTimeCode(code)
  return problem && coreMsg(`field.code.${problem}`)
}
