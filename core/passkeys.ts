import * as v from 'valibot'
import { captchaToken } from './schemas'

/**
 * The member's passkeys (journey 10): the bodies of /api/passkeys. A passkey's name is the member's
 * own label in the list (1–60 characters); the browser's answers are checked by the worker's WebAuthn
 * library, here only their shape and size.
 */
export const PASSKEY_NAME_MAX = 60

export const passkeyName = v.pipe(
  v.string('field.passkeyName.invalid'),
  v.trim(),
  v.nonEmpty('field.passkeyName.invalid'),
  v.maxLength(PASSKEY_NAME_MAX, 'field.passkeyName.invalid'),
)

const challengeId = v.pipe(v.string(), v.minLength(1), v.maxLength(64))
const b64 = (max: number) => v.pipe(v.string(), v.maxLength(max))

const credentialId = v.pipe(v.string(), v.minLength(1), v.maxLength(1024))

/** The browser's answer to a registration (PublicKeyCredential as JSON). */
const registrationResponse = v.looseObject({
  id: credentialId,
  rawId: b64(1024),
  type: v.literal('public-key'),
  response: v.looseObject({
    clientDataJSON: b64(4096),
    attestationObject: b64(8192),
  }),
})

/** The browser's answer to a log-in or step-up (an assertion as JSON). */
const assertionResponse = v.looseObject({
  id: credentialId,
  rawId: b64(1024),
  type: v.literal('public-key'),
  response: v.looseObject({
    clientDataJSON: b64(4096),
    authenticatorData: b64(4096),
    signature: b64(1024),
    userHandle: v.optional(b64(1024)),
  }),
})

/**
 * POST /api/passkeys/options: adding one needs a recent proof, a log-in less than 10 minutes ago or
 * the password again (any string up to the policy's length: compared with the hash, not judged).
 */
export const PasskeyOptionsBody = v.strictObject(
  {
    password: v.optional(
      v.pipe(v.string('field.password.required'), v.maxLength(128, 'field.password.too_long')),
    ),
  },
  'error.validation',
)

/** POST /api/passkeys: the options' challenge id, a name, the browser's answer. */
export const PasskeyAddBody = v.strictObject(
  { challengeId, name: passkeyName, response: registrationResponse },
  'error.validation',
)

/** POST /api/passkeys/:id/name. */
export const PasskeyRenameBody = v.strictObject({ name: passkeyName }, 'error.validation')

/** POST /api/passkeys/login: the log-in options' challenge id, the assertion, the captcha's token. */
export const PasskeyLoginBody = v.strictObject(
  { challengeId, response: assertionResponse, captchaToken },
  'error.validation',
)

/** POST /api/passkeys/step-up: the step-up options' challenge id and the assertion. */
export const PasskeyStepUpBody = v.strictObject(
  { challengeId, response: assertionResponse },
  'error.validation',
)

/** An empty JSON body (the API wants one on every write). */
export const EmptyBody = v.strictObject({}, 'error.validation')
