/** The staff console's own endpoints for the fuzz test: its session and its API tokens. */
import { StaffLoginBody, TokenIssueBody } from '../../../core/staff'
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
    bodies: [() => ({ label: 'fuzz', days: 1 })],
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
