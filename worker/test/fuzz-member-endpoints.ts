/**
 * The member API's endpoints for the fuzz test (worker/fuzz.test.ts), in the order they run: the reads of
 * health data before the clock moves a day (for the answer step); log-out runs last of all endpoints.
 */
import { CardLinkBody } from '../../core/card'
import { InquiryBody } from '../../core/inquiry-body'
import { SecretAnswerBody, SecretQuestionBody, ViewingCodeBody } from '../../core/health-access'
import {
  CaptchaBody,
  ForgotBody,
  LoginBody,
  ResendBody,
  ResetBody,
  SignupBody,
  TokenBody,
  VerifyBody,
  VerifyCodeBody,
} from '../../core/schemas'
import { cardAttempts, inquiries } from '../../db/schema'
import { captcha, DEMO_INSURER } from './harness'
import { CAPTCHA_TOKEN, freshEmail, HOUR, member, PASSWORD, type Endpoint } from './fuzz-endpoint'
import { ctx } from './fuzz-runner'

/** The member API's endpoints, from sign-up to the secret answer. */
export const MEMBER_ENDPOINTS: Endpoint[] = [
  {
    method: 'POST',
    route: '/api/signup',
    schema: SignupBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [
      () => {
        const email = freshEmail()
        return {
          email,
          emailConfirm: email,
          password: PASSWORD,
          inviteCode: 'INV-1',
          orgCode: 'ORG-1',
          agreeTerms: true,
          captchaToken: captcha('signup'),
        }
      },
    ],
    // Without a captcha token the gate refuses before the hash (and the write).
    doorBody: () => {
      const email = freshEmail()
      return { email, emailConfirm: email, password: PASSWORD, agreeTerms: true }
    },
    noOddValues: [CAPTCHA_TOKEN],
  },
  {
    method: 'POST',
    route: '/api/signup/resend',
    schema: ResendBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [() => ({ email: freshEmail(), captchaToken: captcha('resend') })],
  },
  {
    method: 'POST',
    route: '/api/signup/verify',
    schema: VerifyBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [() => ({ token: 'A'.repeat(43) })],
  },
  {
    method: 'POST',
    route: '/api/signup/verify-code',
    schema: VerifyCodeBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [() => ({ email: freshEmail(), code: '123456' })],
  },
  {
    method: 'POST',
    route: '/api/captcha',
    schema: CaptchaBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [() => ({ action: 'login', email: freshEmail() })],
  },
  {
    method: 'POST',
    route: '/api/login',
    schema: LoginBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [
      () => ({ email: freshEmail(), password: 'wrong-password-x', captchaToken: captcha('login') }),
    ],
    doorBody: () => ({ email: freshEmail(), password: 'wrong-password-x' }),
    noOddValues: [CAPTCHA_TOKEN],
  },
  {
    method: 'POST',
    route: '/api/password/forgot',
    schema: ForgotBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [() => ({ email: freshEmail(), captchaToken: captcha('reset') })],
  },
  {
    method: 'POST',
    route: '/api/password/check',
    schema: TokenBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [() => ({ token: 'B'.repeat(43) })],
  },
  {
    method: 'POST',
    route: '/api/password/reset',
    schema: ResetBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [() => ({ token: 'C'.repeat(43), password: 'hoshi-zora-tsuki-41' })],
  },
  {
    method: 'POST',
    route: '/api/unlock',
    schema: TokenBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [() => ({ token: 'D'.repeat(43) })],
  },
  { method: 'GET', route: '/api/config', as: ['anon'], doorAs: ['member'] },
  {
    // The cap (5 inquiries an hour per address and IP) would refuse all but the first five valid
    // bodies, so the stored inquiries are aged past the hour before each probe (not deleted: the
    // count of rows is what a refused probe must leave alone).
    method: 'POST',
    route: '/api/inquiries',
    schema: InquiryBody,
    as: ['anon', 'member'],
    doorAs: [],
    beforeEach: () => ctx.db.plain.update(inquiries).set({ createdAt: 0 }),
    bodies: [
      () => {
        const email = freshEmail()
        return {
          nameKana: 'フズ　テスト',
          email,
          emailConfirm: email,
          insurerName: 'フズ健康保険組合',
          birthDate: '1980-01-01',
          type: 'other',
          message: 'fuzz',
          appVersion: '1.0',
          device: 'x',
          osVersion: 'y',
          browser: 'z',
          agreePrivacy: true,
          captchaToken: captcha('inquiry'),
        }
      },
    ],
  },
  { method: 'GET', route: '/api/inquiries', as: ['member', 'ready'], doorAs: ['anon'] },
  { method: 'GET', route: '/api/me', as: ['member', 'ready'], doorAs: ['anon'] },
  { method: 'GET', route: '/api/account/access-log', as: ['member', 'ready'], doorAs: ['anon'] },
  {
    // The cap (5 checks a day) would refuse all but the first five valid bodies before the matching
    // they are meant to reach, so the checks are forgotten before each probe.
    method: 'POST',
    route: '/api/card/link',
    schema: CardLinkBody,
    as: ['member'],
    doorAs: ['ready', 'anon'],
    beforeEach: () => ctx.db.plain.delete(cardAttempts),
    bodies: [
      () => ({
        nameKana: 'フズ　テスト',
        birthDate: '1980-01-01',
        insurerNumber: DEMO_INSURER.number,
        symbol: '9999',
        number: '999',
        branch: '01',
      }),
    ],
  },
  { method: 'GET', route: '/api/checkups/access', as: member, doorAs: ['anon'] },
  {
    // Every code sent costs a hash (found or not), so the door probes send a blank one.
    method: 'POST',
    route: '/api/checkups/code',
    schema: ViewingCodeBody,
    as: ['linked'],
    doorAs: ['ready', 'anon', 'member'],
    bodies: [() => ({ code: 'AAAA-BBBB-CCCC' })],
    doorBody: () => ({ code: '' }),
  },
  {
    method: 'POST',
    route: '/api/checkups/question',
    schema: SecretQuestionBody,
    as: ['asked', 'ready'],
    doorAs: ['anon', 'member'],
    bodies: [() => ({ questionId: 'birthplace', answer: 'Hakodate' })],
  },
  {
    method: 'POST',
    route: '/api/checkups/notice',
    as: ['linked', 'ready'],
    doorAs: ['anon', 'member'],
  },
  { method: 'GET', route: '/api/checkups', as: ['ready', 'linked'], doorAs: ['anon', 'member'] },
  { method: 'GET', route: '/api/checkups/fhir', as: ['ready'], doorAs: ['anon', 'member'] },
  {
    method: 'GET',
    route: '/api/checkups/:examDate',
    param: '2026-06-10',
    as: ['ready'],
    doorAs: ['anon', 'member'],
  },
  {
    // A day on, the demo account is asked its secret question again: wrong answers reach the hash
    // and the lock (5 in 24 hours), then the lock answers.
    method: 'POST',
    route: '/api/checkups/answer',
    schema: SecretAnswerBody,
    as: ['ready'],
    doorAs: ['anon', 'member'],
    bodies: [() => ({ answer: 'Kushiro' })],
    doorBody: () => ({ answer: '' }),
    prepare: (ctx) => ctx.h.advance(25 * HOUR),
  },
]

/** Last: a log-out ends the member's session, which the probes before it need. */
export const LOG_OUT: Endpoint[] = [
  // Last: a log-out ends the member's session, which the probes before it need.
  { method: 'POST', route: '/api/logout', as: ['member'], doorAs: ['anon'] },
]
