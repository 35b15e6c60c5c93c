/**
 * Request bodies of アカウント設定 (issue 12, journey 10), shared by the worker (which validates) and the
 * client (which shows the same messages before sending). Kept out of schemas.ts so four branches of
 * issue 12 do not meet in one file.
 */
import * as v from 'valibot'
import { checkEmailConfirm } from './email.ts'
import { PASSWORD_MAX, PASSWORD_MESSAGES } from './password-rules.ts'
import { checkPassword } from './password.ts'
import { body, email } from './schemas.ts'

/** The current password, presented, not chosen: no policy, only present and bounded. */
const currentPassword = v.pipe(
  v.string('field.currentPassword.required'),
  v.nonEmpty('field.currentPassword.required'),
  v.maxLength(PASSWORD_MAX * 4, 'field.currentPassword.required'),
)

/** A new password with the policy of sign-up; `contains_email` needs the address, so the worker adds it. */
const newPassword = v.pipe(
  v.string(PASSWORD_MESSAGES.required),
  v.rawCheck<string>(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const [first] = checkPassword(dataset.value, {})
    if (first) addIssue({ message: PASSWORD_MESSAGES[first] })
  }),
)

/** POST /api/account/email: the new address twice (as at sign-up) and the current password. */
export const EmailChangeBody = v.pipe(
  body({
    email,
    emailConfirm: v.pipe(
      v.string('field.emailConfirm.required'),
      v.nonEmpty('field.emailConfirm.required'),
      v.maxLength(254, 'field.emailConfirm.mismatch'),
    ),
    currentPassword,
  }),
  v.forward(
    v.check(
      (input) => checkEmailConfirm(input.email, input.emailConfirm) !== 'mismatch',
      'field.emailConfirm.mismatch',
    ),
    ['emailConfirm'],
  ),
)

/** POST /api/account/password. */
export const PasswordChangeBody = body({ currentPassword, password: newPassword })

/** POST /api/account/withdraw: the password, nothing else. */
export const WithdrawBody = body({ currentPassword })

/** POST /api/account/sessions/end: a session's display id (never its token or hash). */
export const SessionEndBody = body({
  id: v.pipe(
    v.string('field.sessionId.invalid'),
    v.regex(/^[0-9a-f]{32}$/, 'field.sessionId.invalid'),
  ),
})

/** POST /api/account/email/confirm and /revert: the token of a mailed link. */
export const LinkTokenBody = body({
  token: v.pipe(
    v.string('field.token.required'),
    v.nonEmpty('field.token.required'),
    v.maxLength(128, 'field.token.invalid'),
  ),
})

export type EmailChangeInput = v.InferOutput<typeof EmailChangeBody>
export type PasswordChangeInput = v.InferOutput<typeof PasswordChangeBody>
