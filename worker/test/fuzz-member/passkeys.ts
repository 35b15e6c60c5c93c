/**
 * The member's passkey endpoints for the fuzz test (issue 12, passkeys): every probe with a challenge
 * id that was never handed out or a passkey that does not exist, so a valid body is refused after
 * validation (400, 401, 404 or 409) and nothing is stored.
 */
import {
  EmptyBody,
  PasskeyAddBody,
  PasskeyLoginBody,
  PasskeyOptionsBody,
  PasskeyRenameBody,
  PasskeyStepUpBody,
} from '../../../core/passkeys'
import { member, type Endpoint } from '../fuzz-endpoint'
import { captcha } from '../harness'

const assertion = () => ({
  id: 'AAAA',
  rawId: 'AAAA',
  type: 'public-key',
  response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' },
})

export const PASSKEY_ENDPOINTS: Endpoint[] = [
  { method: 'GET', route: '/api/passkeys', as: ['member', 'ready'], doorAs: ['anon'] },
  {
    // The password would cost a hash per probe: the bodies leave it out (a recent session needs none).
    method: 'POST',
    route: '/api/passkeys/options',
    schema: PasskeyOptionsBody,
    as: ['member'],
    doorAs: ['anon'],
    bodies: [() => ({})],
    noOddValues: ['password'],
  },
  {
    method: 'POST',
    route: '/api/passkeys',
    schema: PasskeyAddBody,
    as: ['member'],
    doorAs: ['anon'],
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
    method: 'POST',
    route: '/api/passkeys/:id/name',
    param: 'no-such-passkey',
    schema: PasskeyRenameBody,
    as: ['member'],
    doorAs: ['anon'],
    bodies: [() => ({ name: 'fuzz' })],
  },
  {
    method: 'POST',
    route: '/api/passkeys/:id/remove',
    param: 'no-such-passkey',
    schema: EmptyBody,
    as: ['member'],
    doorAs: ['anon'],
    bodies: [() => ({})],
  },
  {
    method: 'POST',
    route: '/api/passkeys/login/options',
    schema: EmptyBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [() => ({})],
  },
  {
    method: 'POST',
    route: '/api/passkeys/login',
    schema: PasskeyLoginBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [
      () => ({
        challengeId: 'no-such-challenge',
        response: assertion(),
        captchaToken: captcha('login'),
      }),
    ],
    noOddValues: ['captchaToken'],
  },
  { method: 'GET', route: '/api/passkeys/step-up', as: member, doorAs: ['anon'] },
  {
    method: 'POST',
    route: '/api/passkeys/step-up/options',
    schema: EmptyBody,
    as: ['ready'],
    doorAs: ['anon', 'member'],
    bodies: [() => ({})],
  },
  {
    method: 'POST',
    route: '/api/passkeys/step-up',
    schema: PasskeyStepUpBody,
    as: ['ready'],
    doorAs: ['anon', 'member'],
    bodies: [() => ({ challengeId: 'no-such-challenge', response: assertion() })],
  },
]
