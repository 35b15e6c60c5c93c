import { vValidator } from '@hono/valibot-validator'
import { Hono, type Context } from 'hono'
import { t } from '../../core/i18n'
import { ResendBody, SignupBody, VerifyBody, VerifyCodeBody } from '../../core/schemas'
import { normalizeInviteCode } from '../../core/signup-codes'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import type { Member } from '../services/accounts'
import { memberProfile } from '../services/card'
import { passGate, type Passage } from '../services/gate'
import { inviterOf } from '../services/invites'
import { liveOrgCode } from '../services/org-codes'
import {
  requestSignup,
  resendSignup,
  SIGNUP_LINK_MS,
  verifySignupCode,
  verifySignupLink,
} from '../services/signup'
import type { AppEnv } from '../types'
import { bindSignup, clearSignupBinding, logIn, sendInBackground, signupBinding } from './respond'
import { validationHook } from './validation'

/** The binding cookie lives as long as the longest link (the app's 24 hours). */
const BINDING_SECONDS = SIGNUP_LINK_MS.app / 1000

/**
 * Settles a code's guess at the gate by how its check ended: a right code that still waits for its
 * password is no failure of the address. An unexpected failure settles nothing.
 */
async function settledBy(gate: Passage, check: Promise<Member>): Promise<Member> {
  try {
    const member = await check
    await gate.settle('right')
    return member
  } catch (err) {
    if (err instanceof AppError)
      await gate.settle(err.code === 'signup_password_required' ? 'right' : 'wrong')
    throw err
  }
}

/** メールアドレス登録, 仮登録メール, 本登録 (journeys 1 and 2). */
export function signupRoutes(deps: Deps) {
  /** The account made by a link or code: logged in here, the binding spent. */
  const complete = async (c: Context<AppEnv>, member: Member) => {
    await logIn(c, deps, member.id)
    clearSignupBinding(c)
    return c.json({ member: await memberProfile(deps, member.id) })
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
      // A 団体連携コード must be live (product.md, journey 1): an unknown or retired one is refused
      // at once, by its field, and nothing is sent. It is kept as printed (upper-case, no hyphens).
      const orgCode = body.orgCode ? await liveOrgCode(deps, body.orgCode) : undefined
      if (orgCode === null)
        throw new AppError('validation', {
          fields: { orgCode: t(c.get('lang'), 'field.orgCode.unknown') },
        })
      // A 招待コード likewise: one no account has is refused at once, by its field (a typo would
      // otherwise be lost in silence). It is kept as stored (upper-case, no hyphen).
      const inviteCode = body.inviteCode ? normalizeInviteCode(body.inviteCode) : undefined
      if (inviteCode !== undefined && !(await inviterOf(deps, inviteCode)))
        throw new AppError('validation', {
          fields: { inviteCode: t(c.get('lang'), 'field.inviteCode.unknown') },
        })
      const mail = await requestSignup(deps, {
        email: body.email,
        password: body.password,
        bindingHash: await bindSignup(c, deps, BINDING_SECONDS),
        inviteCode,
        orgCode,
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
      const member = await verifySignupLink(
        deps,
        token,
        { bindingHash: await signupBinding(c), password },
        c.get('ip'),
      )
      return complete(c, member)
    })
    .post('/verify-code', vValidator('json', VerifyCodeBody, validationHook), async (c) => {
      const { email, code, password } = c.req.valid('json')
      const gate = await passGate(deps, {
        action: 'verify_code',
        ip: c.get('ip'),
        email,
        needsCaptcha: false,
      })
      const proof = { bindingHash: await signupBinding(c), password }
      const member = await settledBy(gate, verifySignupCode(deps, email, code, proof, c.get('ip')))
      return complete(c, member)
    })
}
