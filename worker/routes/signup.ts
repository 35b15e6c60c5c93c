import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
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
} from '../services/accounts'
import { passGate } from '../services/gate'
import { recordFailure } from '../services/risk'
import type { AppEnv } from '../types'
import { memberProfile } from '../services/card'
import { logIn, sendInBackground } from './respond'

/** メールアドレス登録, 仮登録メール, 本登録 (journeys 1 and 2). */
export function signupRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post('/', vValidator('json', SignupBody, validationHook), async (c) => {
      const body = c.req.valid('json')
      const mode = c.get('mode')
      await passGate(deps, { action: 'signup', ip: c.get('ip'), email: body.email, captchaToken: body.captchaToken, needsCaptcha: true })
      const mail = await requestSignup(deps, {
        email: body.email,
        password: body.password,
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
      await passGate(deps, { action: 'resend', ip: c.get('ip'), email: body.email, captchaToken: body.captchaToken, needsCaptcha: true })
      const mail = await resendSignup(deps, { email: body.email, mode, lang: c.get('lang') })
      await sendInBackground(c, deps, mail)
      return c.json({ sent: true as const, linkMinutes: SIGNUP_LINK_MS[mode] / 60_000 }, 202)
    })
    .post('/verify', vValidator('json', VerifyBody, validationHook), async (c) => {
      const member = await verifySignupLink(deps, c.req.valid('json').token, c.get('ip'))
      if (!member) throw new AppError('link_expired')
      await logIn(c, deps, member.id)
      return c.json({ member: await memberProfile(deps, member.id) })
    })
    .post('/verify-code', vValidator('json', VerifyCodeBody, validationHook), async (c) => {
      const { email, code } = c.req.valid('json')
      const { subjects } = await passGate(deps, { action: 'verify_code', ip: c.get('ip'), email, needsCaptcha: false })
      const outcome = await verifySignupCode(deps, email, code, c.get('ip'))
      if (outcome.result !== 'ok') {
        await recordFailure(deps, subjects)
        throw new AppError(outcome.result === 'invalid' ? 'invalid_code' : 'code_expired')
      }
      await logIn(c, deps, outcome.member.id)
      return c.json({ member: await memberProfile(deps, outcome.member.id) })
    })
}
