/**
 * The browser's side of passkeys (issue 12): @simplewebauthn/browser is loaded here, on the screens
 * that use a passkey only (a dynamic import: never in the first load). Each ceremony fetches its
 * options from the worker and answers with the browser's credential; the worker decides.
 */
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser'
import { call, type ApiResult } from './api'

const lib = () => import('@simplewebauthn/browser')

/** Why a ceremony gave no credential: the member closed the prompt (or it was cancelled), or no support. */
export type CeremonyFailure = 'cancelled' | 'unsupported' | 'failed'

/** Whether this browser does WebAuthn at all (the buttons are shown only then). */
export async function passkeysSupported(): Promise<boolean> {
  if (typeof window === 'undefined' || !('PublicKeyCredential' in window)) return false
  return (await lib()).browserSupportsWebAuthn()
}

/** Whether the browser offers passkeys in the address field's autofill (conditional mediation). */
export async function autofillSupported(): Promise<boolean> {
  if (typeof window === 'undefined' || !('PublicKeyCredential' in window)) return false
  return (await lib()).browserSupportsWebAuthnAutofill()
}

/** Stops a pending ceremony (the autofill request when the page leaves or the button is used). */
export async function cancelCeremony(): Promise<void> {
  if (typeof window === 'undefined' || !('PublicKeyCredential' in window)) return
  ;(await lib()).WebAuthnAbortService.cancelCeremony()
}

const failureOf = (err: unknown): CeremonyFailure => {
  const name = (err as { name?: string } | null)?.name
  return name === 'NotAllowedError' || name === 'AbortError' ? 'cancelled' : 'failed'
}

/** Asks the browser for an assertion; the credential or why there is none. */
export async function assert(
  optionsJSON: unknown,
  autofill = false,
): Promise<
  { ok: true; response: AuthenticationResponseJSON } | { ok: false; why: CeremonyFailure }
> {
  try {
    const { startAuthentication } = await lib()
    const response = await startAuthentication({
      optionsJSON: optionsJSON as PublicKeyCredentialRequestOptionsJSON,
      useBrowserAutofill: autofill,
    })
    return { ok: true, response }
  } catch (err) {
    return { ok: false, why: failureOf(err) }
  }
}

/** Asks the browser to make a passkey; the registration or why there is none. */
export async function create(
  optionsJSON: unknown,
): Promise<{ ok: true; response: RegistrationResponseJSON } | { ok: false; why: CeremonyFailure }> {
  try {
    const { startRegistration } = await lib()
    const response = await startRegistration({
      optionsJSON: optionsJSON as PublicKeyCredentialCreationOptionsJSON,
    })
    return { ok: true, response }
  } catch (err) {
    const name = (err as { name?: string } | null)?.name
    // The authenticator already holds one of the member's passkeys (excludeCredentials).
    if (name === 'InvalidStateError') return { ok: false, why: 'failed' }
    return { ok: false, why: failureOf(err) }
  }
}

/** The member API's passkey routes (typed from the worker's routes). */
export const passkeyApi = {
  list: () => call('$get', '/api/passkeys'),
  registrationOptions: (password?: string) =>
    call('$post', '/api/passkeys/options', { json: password === undefined ? {} : { password } }),
  add: (json: { challengeId: string; name: string; response: RegistrationResponseJSON }) =>
    call('$post', '/api/passkeys', { json: json as never }),
  rename: (id: string, name: string) =>
    call('$post', '/api/passkeys/:id/name', { param: { id }, json: { name } }),
  remove: (id: string) => call('$post', '/api/passkeys/:id/remove', { param: { id }, json: {} }),
  loginOptions: () => call('$post', '/api/passkeys/login/options', { json: {} }),
  login: (json: {
    challengeId: string
    response: AuthenticationResponseJSON
    captchaToken?: string
  }) => call('$post', '/api/passkeys/login', { json: json as never }),
  stepUpAvailable: () => call('$get', '/api/passkeys/step-up'),
  stepUpOptions: () => call('$post', '/api/passkeys/step-up/options', { json: {} }),
  stepUp: (json: { challengeId: string; response: AuthenticationResponseJSON }) =>
    call('$post', '/api/passkeys/step-up', { json: json as never }),
}

export type { ApiResult }
