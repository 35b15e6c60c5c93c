/** The password policy of security.md, as the message of its first refusal. */
import type { MessageKey } from '../../core/i18n'
import { checkPassword, type PasswordProblem } from '../../core/password'
import { coreMsg, type Msg } from './messages'

const PASSWORD_KEYS: Record<PasswordProblem, MessageKey> = {
  required: 'field.password.required',
  too_short: 'field.password.too_short',
  too_long: 'field.password.too_long',
  common: 'field.password.common',
  contains_email: 'field.password.contains_email',
  contains_service: 'field.password.contains_service',
  sequence: 'field.password.sequence',
}

/** A new password, checked against the member's address when it is known. */
export function newPasswordError(password: string, email?: string): Msg | undefined {
  const [first] = checkPassword(password, email ? { email } : {})
  return first ? coreMsg(PASSWORD_KEYS[first]) : undefined
}
