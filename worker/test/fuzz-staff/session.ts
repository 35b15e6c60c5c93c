/** The staff console's own endpoints for the fuzz test: its session and its API tokens. */
import { PasskeyRegisterBody, StaffLoginBody, TokenIssueBody } from '../../../core/staff'
import { staffDoor, staffTokens, type Endpoint } from '../fuzz-endpoint'
import { captcha, uniqueEmail } from '../harness'

export const SESSION_ENDPOINTS: Endpoint[] = [
  {
    // An unknown address: each valid probe costs one password hash, as a real one would.
    method: 'POST',
    route: '/api/ops/session',
    schema: StaffLoginBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [
      () => ({
        email: uniqueEmail('fuzz-staff'),
        password: 'wrong-password-x',
        code: '123456',
        captchaToken: captcha('staff_login'),
      }),
    ],
    doorBody: () => ({ email: uniqueEmail('fuzz-staff'), password: 'x', code: '123456' }),
    noOddValues: ['captchaToken'],
  },
  { method: 'GET', route: '/api/ops/session', as: ['console', ...staffTokens], doorAs: staffDoor },
  { method: 'GET', route: '/api/ops/tokens', as: ['console', 'support'], doorAs: staffDoor },
  {
    method: 'POST',
    route: '/api/ops/tokens',
    schema: TokenIssueBody,
    as: ['console'],
    doorAs: ['support', ...staffDoor],
    bodies: [() => ({ code: '123456', label: 'fuzz', days: 1 })],
  },
  { method: 'POST', route: '/api/ops/session/passkey-options', as: ['anon'], doorAs: ['member'] },
  { method: 'GET', route: '/api/ops/passkeys', as: ['console', 'support'], doorAs: staffDoor },
  {
    method: 'POST',
    route: '/api/ops/passkeys/options',
    as: ['console'],
    doorAs: ['support', ...staffDoor],
  },
  {
    // A challenge id that was never handed out: refused (400) after validation, nothing stored.
    method: 'POST',
    route: '/api/ops/passkeys',
    schema: PasskeyRegisterBody,
    as: ['console'],
    doorAs: ['support', ...staffDoor],
    bodies: [
      () => ({
        challengeId: 'no-such-challenge',
        name: 'fuzz',
        response: {
          id: 'AAAA',
          rawId: 'AAAA',
          type: 'public-key',
          response: { clientDataJSON: 'e30', attestationObject: 'oA' },
        },
      }),
    ],
  },
  {
    method: 'DELETE',
    route: '/api/ops/passkeys/:id',
    param: 'no-such-passkey',
    as: ['console'],
    doorAs: ['support', ...staffDoor],
  },
  {
    method: 'DELETE',
    route: '/api/ops/tokens/:id',
    param: 'no-such-token',
    as: ['console', 'support'],
    doorAs: staffDoor,
  },
]

/** Last of all: signing out ends the console session that the probes before it use. */
export const SESSION_END: Endpoint[] = [
  { method: 'DELETE', route: '/api/ops/session', as: ['console'], doorAs: ['anon'] },
]
