/**
 * Request bodies of the member API (docs/api.md), as valibot schemas shared by the worker (which
 * validates) and the client (which shows the same messages before sending). Every issue's message
 * is a MessageKey, translated by `fieldErrors` in the caller's language.
 *
 * Strings are never trimmed or otherwise repaired: a stray space is the member's mistake to see.
 * Every string is bounded, so no field makes the checks below do unbounded work.
 */
import * as v from 'valibot'
import { checkEmailConfirm, EMAIL_MAX, EMAIL_MESSAGES, emailMessage } from './email.ts'
import { isMessageKey, t, type Lang, type MessageKey } from './i18n.ts'
import { checkPassword } from './password.ts'
import { PASSWORD_MAX, PASSWORD_MESSAGES } from './password-rules.ts'
import { checkOneTimeCode, isOptionalCode } from './signup-codes.ts'

/** Links and sessions carry ≥128-bit random tokens; 128 characters leaves room for any encoding. */
const TOKEN_MAX = 128
/** A Turnstile response token is about 2 KB; twice that leaves room for growth. */
const CAPTCHA_TOKEN_MAX = 4096

/**
 * An object body. A missing field reads `field.<name>.required` (or `.invalid` when the field has
 * no "required" message); a body that is not an object at all reads `error.validation`.
 */
export function body<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return v.object(entries, (issue) => {
    const field = issue.path?.[0]?.key
    if (typeof field !== 'string') return 'error.validation'
    const required = `field.${field}.required`
    const invalid = `field.${field}.invalid`
    return isMessageKey(required) ? required : isMessageKey(invalid) ? invalid : 'error.validation'
  })
}

/** A sign-up style address: every rule of checkEmail, with its own message. */
export const email = v.pipe(
  v.string(EMAIL_MESSAGES.required),
  v.rawCheck<string>(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const message = emailMessage(dataset.value)
    if (message) addIssue({ message })
  }),
)

/**
 * A log-in style address: only present and bounded. A format message at log-in would tell nothing
 * an attacker wants, but the answer must not differ from a wrong password's for any real address.
 */
const looseEmail = v.pipe(
  v.string(EMAIL_MESSAGES.required),
  v.nonEmpty(EMAIL_MESSAGES.required),
  v.maxLength(EMAIL_MAX, EMAIL_MESSAGES.too_long),
)

/** A new password, without an e-mail to compare with (reset: the worker knows it, not the body). */
const newPassword = v.pipe(
  v.string(PASSWORD_MESSAGES.required),
  v.rawCheck<string>(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const [first] = checkPassword(dataset.value, {})
    if (first) addIssue({ message: PASSWORD_MESSAGES[first] })
  }),
)

/** A password being presented, not chosen: no policy, so an old password still logs in. */
const presentedPassword = v.pipe(
  v.string(PASSWORD_MESSAGES.required),
  v.nonEmpty(PASSWORD_MESSAGES.required),
  v.maxCodePoints(PASSWORD_MAX, PASSWORD_MESSAGES.too_long),
)

const token = v.pipe(
  v.string('field.token.required'),
  v.nonEmpty('field.token.required'),
  v.maxLength(TOKEN_MAX, 'field.token.invalid'),
)

/** Absent at captcha level 0; otherwise the Turnstile response, verified by the worker. */
export const captchaToken = v.optional(
  v.pipe(
    v.string('field.captchaToken.invalid'),
    v.maxLength(CAPTCHA_TOKEN_MAX, 'field.captchaToken.invalid'),
  ),
)

/** An optional code typed by the member; an empty field means "not given" (output undefined). */
function optionalCode(message: MessageKey) {
  return v.optional(
    v.pipe(
      v.string(message),
      v.check(isOptionalCode, message),
      v.transform((code): string | undefined => (code === '' ? undefined : code)),
    ),
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

/** Adds an issue at a top-level field from a check that spans several fields. */
function addFieldIssue(
  addIssue: (info: { message: MessageKey; path: [v.ObjectPathItem] }) => void,
  input: Record<string, unknown>,
  key: string,
  message: MessageKey,
): void {
  addIssue({ message, path: [{ type: 'object', origin: 'value', input, key, value: input[key] }] })
}

/**
 * POST /api/signup. Cross-field rules run even when other fields have problems, so the member sees
 * every message at once: the confirmation must equal the address exactly (no case folding: it is
 * a typing check), and the password is checked against the address's local part, its first
 * problem reported (the client can show them all with checkPassword).
 */
export const SignupBody = v.pipe(
  body({
    email,
    emailConfirm: v.pipe(
      v.string('field.emailConfirm.required'),
      v.nonEmpty('field.emailConfirm.required'),
    ),
    password: v.string(PASSWORD_MESSAGES.required),
    inviteCode: optionalCode('field.inviteCode.format'),
    orgCode: optionalCode('field.orgCode.format'),
    agreeTerms: v.literal(true, 'field.agreeTerms.required'),
    captchaToken,
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    const input = dataset.value
    if (!isRecord(input)) return
    const { email: address, emailConfirm, password } = input
    // Blank fields already have their "required" message; a mismatch would only add noise.
    if (typeof address === 'string' && typeof emailConfirm === 'string') {
      if (address !== '' && checkEmailConfirm(address, emailConfirm) === 'mismatch') {
        addFieldIssue(addIssue, input, 'emailConfirm', 'field.emailConfirm.mismatch')
      }
    }
    if (typeof password === 'string') {
      const context = typeof address === 'string' ? { email: address } : {}
      const [first] = checkPassword(password, context)
      if (first) addFieldIssue(addIssue, input, 'password', PASSWORD_MESSAGES[first])
    }
  }),
)

/** POST /api/signup/resend. */
export const ResendBody = body({ email, captchaToken })

/**
 * The password chosen at sign-up, asked for where a link or code is used outside the browser or app
 * that began the sign-up (docs/security.md, the sign-up binding). Any string up to the policy's length:
 * it is compared with the stored hash, not judged.
 */
const signupPassword = v.optional(
  v.pipe(v.string('field.password.required'), v.maxLength(128, 'field.password.too_long')),
)

/** POST /api/signup/verify: the token from the provisional-registration link (and, elsewhere, the password). */
export const VerifyBody = body({ token, password: signupPassword })

/** POST /api/signup/verify-code: the 6-digit code mailed beside the link. */
export const VerifyCodeBody = body({
  email,
  code: v.pipe(
    v.string('field.code.required'),
    v.rawCheck<string>(({ dataset, addIssue }) => {
      if (!dataset.typed) return
      const problem = checkOneTimeCode(dataset.value)
      if (problem) addIssue({ message: `field.code.${problem}` })
    }),
  ),
  password: signupPassword,
})

/** POST /api/login. No format rules (see `looseEmail`) and no password policy. */
export const LoginBody = body({ email: looseEmail, password: presentedPassword, captchaToken })

/** POST /api/password/forgot. */
export const ForgotBody = body({ email, captchaToken })

/** POST /api/password/check and /api/unlock: a token from a mailed link. */
export const TokenBody = body({ token })

/**
 * POST /api/password/reset. The body holds no address, so `contains_email` is left to the worker:
 * it should run checkPassword(password, { email }) once the token has told it whose account it is.
 */
export const ResetBody = body({ token, password: newPassword })

/** POST /api/captcha: which form is about to be sent (and for which address, when typed). */
export const CaptchaBody = body({
  action: v.picklist(
    ['login', 'signup', 'reset', 'resend', 'inquiry', 'staff_login'],
    'field.action.invalid',
  ),
  email: v.optional(looseEmail),
})

export type SignupInput = v.InferOutput<typeof SignupBody>
export type ResendInput = v.InferOutput<typeof ResendBody>
export type VerifyInput = v.InferOutput<typeof VerifyBody>
export type VerifyCodeInput = v.InferOutput<typeof VerifyCodeBody>
export type LoginInput = v.InferOutput<typeof LoginBody>
export type ForgotInput = v.InferOutput<typeof ForgotBody>
export type TokenInput = v.InferOutput<typeof TokenBody>
export type ResetInput = v.InferOutput<typeof ResetBody>
export type CaptchaInput = v.InferOutput<typeof CaptchaBody>

/**
 * The `fields` of a 400 `validation` answer, and the messages the client shows under its inputs:
 * the first message per top-level field, translated. Issues without a field (a body that is not
 * an object) are left to the caller's `error.validation`.
 */
export function fieldErrors(
  issues: readonly v.BaseIssue<unknown>[],
  lang: Lang,
): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of issues) {
    const field = issue.path?.[0]?.key
    if (typeof field !== 'string' || Object.hasOwn(errors, field)) continue
    errors[field] = t(lang, isMessageKey(issue.message) ? issue.message : 'field.invalid')
  }
  return errors
}
