/**
 * The password policy of docs/security.md, as the message of its first refusal. The policy
 * (core/password.ts) carries the 3,000 common passwords, about 14 KB gzip, so it is not part of any
 * screen's first load: it is fetched when the member starts on a form that chooses a password
 * (PasswordGuidance calls `preparePasswordPolicy` at the form's first focus). Until it is here, only
 * the length rules answer; a common password typed and sent within that moment is refused by the
 * server, which checks the whole policy again.
 */
import { createSignal } from 'solid-js'
import {
  PASSWORD_MESSAGES,
  passwordLengthProblems,
  type PasswordProblem,
} from '../../core/password-rules'
import { coreMsg, type Msg } from './messages'

type Policy = typeof import('../../core/password')

const [policy, setPolicy] = createSignal<Policy>()
let loading: Promise<void> | undefined

/** Fetches the policy, once; a failed fetch (offline) is tried again at the next call. */
export function preparePasswordPolicy(): Promise<void> {
  loading ??= import('../../core/password').then(
    (module) => void setPolicy(() => module),
    () => void (loading = undefined),
  )
  return loading
}

/** The problems the policy finds, in its order; before it is here, those of length only. */
function problems(password: string, email?: string): PasswordProblem[] {
  const rules = policy()
  if (rules) return rules.checkPassword(password, email ? { email } : {})
  void preparePasswordPolicy()
  return passwordLengthProblems(password)
}

/** A new password, checked against the member's address when it is known. */
export function newPasswordError(password: string, email?: string): Msg | undefined {
  const [first] = problems(password, email)
  return first ? coreMsg(PASSWORD_MESSAGES[first]) : undefined
}

/** The manual's checklist (core's passwordChecklist), reactive: nothing is ticked until the policy is here. */
export function passwordChecklist(password: string): { length: boolean; kinds: boolean } {
  return policy()?.passwordChecklist(password) ?? { length: false, kinds: false }
}
