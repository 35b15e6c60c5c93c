import { vValidator } from '@hono/valibot-validator'
import { Hono, type Context } from 'hono'
import { ResendBody, SignupBody, VerifyBody, VerifyCodeBody } from '../../core/schemas'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { validationHook } from './validation'
import {
  requestSignup,
  resendSignup,
  SIGNUP_LINK_MS,
  verifySignupCode,
  verifySignupLink,
  type SignupVerification,
} from '../services/signup'
import { passGate } from '../services/gate'
import type { AppEnv } from '../types'
import { memberProfile } from '../services/card'
import { bindSignup, clearSignupBinding, logIn, sendInBackground, signupBinding } from './respond'

/** The binding cookie lives as long as the longest link (the app's 24 hours). */
const BINDING_SECONDS = SIGNUP_LINK_MS.app / 1000

/** メールアドレス登録, 仮登録メール, 本登録 (journeys 1 and 2). */
export function signupRoutes(deps: Deps) {
  /** The account made by a link or code: logged in here, the binding spent. Otherwise the refusal. */
  const complete = async (
    c: Context<AppEnv>,
    outcome: SignupVerification,
    expired: 'link_expired' | 'code_expired',
  ) => {
    if (outcome.result === 'password_required') throw new AppError('signup_password_required')
    if (outcome.result === 'wrong_password') throw new AppError('signup_password_wrong')
    if (outcome.result === 'invalid') throw new AppError('invalid_code')
    if (outcome.result !== 'ok') throw new AppError(expired)
    await logIn(c, deps, outcome.member.id)
    clearSignupBinding(c)
    return c.json({ member: await memberProfile(deps, outcome.member.id) })
  }
  return new Hono<AppEnv>()
    .post('/', vValidator('json', SignupBody, validationHook), async (c) => {
      const body = c.req.valid('json')
      const mode = c.get('mode')
      await passGate(deps, {
        action: 'signup',
        ip: c.get('ip'),
        email: body.email,
        captchaToken: body.captchaToken,
        needsCaptcha: true,
      })
      const mail = await requestSignup(deps, {
        email: body.email,
        password: body.password,
        bindingHash: await bindSignup(c, deps, BINDING_SECONDS),
        inviteCode: body.inviteCode || undefined,
        orgCode: body.orgCode || undefined,
        mode,
        lang: c.get('lang'),
      })
      await sendInBackground(c, deps, mail)
      return c.json({ sent: true as const, linkMinutes: SIGNUP_LINK_MS[mode] / 60_000 }, 202)
    })
    .post('/resend', vValidator('json', ResendBody, validationHook), async (c) => {
      const body = c.req.valid('json')
      const mode = c.get('mode')
      await passGate(deps, {
        action: 'resend',
        ip: c.get('ip'),
        email: body.email,
        captchaToken: body.captchaToken,
        needsCaptcha: true,
      })
      const mail = await resendSignup(deps, {
        email: body.email,
        mode,
        lang: c.get('lang'),
        bindingHash: await signupBinding(c),
      })
      await sendInBackground(c, deps, mail)
      return c.json({ sent: true as const, linkMinutes: SIGNUP_LINK_MS[mode] / 60_000 }, 202)
    })
    .post('/verify', vValidator('json', VerifyBody, validationHook), async (c) => {
      const { token, password } = c.req.valid('json')
      const outcome = await verifySignupLink(
        deps,
        token,
        { bindingHash: await signupBinding(c), password },
        c.get('ip'),
      )
      return complete(c, outcome, 'link_expired')
    })
    .post('/verify-code', vValidator('json', VerifyCodeBody, validationHook), async (c) => {
      const { email, code, password } = c.req.valid('json')
      const gate = await passGate(deps, {
        action: 'verify_code',
        ip: c.get('ip'),
        email,
        needsCaptcha: false,
      })
      const outcome = await verifySignupCode(
        deps,
        email,
        code,
        { bindingHash: await signupBinding(c), password },
        c.get('ip'),
      )
      // A right code that still waits for its password is no failure of the address.
      await gate.settle(
        outcome.result === 'ok' || outcome.result === 'password_required' ? 'right' : 'wrong',
      )
      return complete(c, outcome, 'code_expired')
    })
}
