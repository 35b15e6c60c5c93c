/**
 * アカウント設定's endpoints for the fuzz test (issue 12, worker/fuzz.test.ts). Run before log-out.
 * The bodies that would change the fuzz members for the probes after them (a new password, 退会) carry
 * a wrong current password: they reach the password check and its counter, and are refused there.
 */
import {
  EmailChangeBody,
  LinkTokenBody,
  PasswordChangeBody,
  SessionEndBody,
  WithdrawBody,
} from '../../../core/account-settings'
import { freshEmail, PASSWORD, type Endpoint } from '../fuzz-endpoint'

const WRONG = 'not-the-fuzz-password-1'
const token = () => ({ token: 'A'.repeat(43) })

export const ACCOUNT_ENDPOINTS: Endpoint[] = [
  { method: 'GET', route: '/api/account/sessions', as: ['member', 'ready'], doorAs: ['anon'] },
  {
    method: 'POST',
    route: '/api/account/email',
    schema: EmailChangeBody,
    as: ['member'],
    doorAs: ['anon'],
    bodies: [
      () => {
        const email = freshEmail()
        return { email, emailConfirm: email, currentPassword: PASSWORD }
      },
    ],
  },
  {
    method: 'POST',
    route: '/api/account/email/check',
    schema: LinkTokenBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [token],
  },
  {
    method: 'POST',
    route: '/api/account/email/confirm',
    schema: LinkTokenBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [token],
  },
  {
    method: 'POST',
    route: '/api/account/email/revert',
    schema: LinkTokenBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [token],
  },
  {
    method: 'POST',
    route: '/api/account/password',
    schema: PasswordChangeBody,
    as: ['member'],
    doorAs: ['anon'],
    bodies: [() => ({ currentPassword: WRONG, password: 'aozora-yuki-tanbo-52' })],
  },
  {
    method: 'POST',
    route: '/api/account/sessions/end',
    schema: SessionEndBody,
    as: ['member'],
    doorAs: ['anon'],
    bodies: [() => ({ id: '0'.repeat(32) })],
  },
  {
    method: 'POST',
    route: '/api/account/sessions/end-others',
    as: ['member'],
    doorAs: ['anon'],
  },
  {
    method: 'POST',
    route: '/api/account/withdraw',
    schema: WithdrawBody,
    as: ['member'],
    doorAs: ['anon'],
    bodies: [() => ({ currentPassword: WRONG })],
  },
]
