import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { CaptchaBody, LoginBody } from '../../core/schemas'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { accountExists, authenticate, issueUnlockLink } from '../services/accounts'
import { audit } from '../services/audit'
import { nextCaptcha, passGate } from '../services/gate'
import { assessRisk, recordFailure, siteKeyFor, subjectsFor } from '../services/risk'
import { endSession } from '../services/sessions'
import { memberProfile } from '../services/card'
import type { AppEnv } from '../types'
import { clearSessionCookie, logIn, sendInBackground } from './respond'
import { validationHook } from './validation'

/** ログイン, ログアウト and the captcha level the next submit needs (journey 5). */
export function loginRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post('/captcha', vValidator('json', CaptchaBody, validationHook), async (c) => {
      const { email } = c.req.valid('json')
      const { level } = await assessRisk(deps, await subjectsFor(deps, c.get('ip'), email))
      return c.json({ level, siteKey: siteKeyFor(deps.config, level) })
    })
    .post('/login', vValidator('json', LoginBody, validationHook), async (c) => {
      const { email, password, captchaToken } = c.req.valid('json')
      const ip = c.get('ip')
      const { subjects, level } = await passGate(deps, { action: 'login', ip, email, captchaToken, needsCaptcha: true })
      const member = await authenticate(deps, email, password)
      if (!member) {
        const owner = await accountExists(deps, email)
        if (owner) await audit(deps, { action: 'login.failed', actorType: 'anonymous', accountId: owner.id, ip })
        const { lockedNow } = await recordFailure(deps, subjects)
        if (lockedNow && owner && subjects.address) {
          await audit(deps, { action: 'address.locked', actorType: 'system', accountId: owner.id, ip })
          await sendInBackground(c, deps, await issueUnlockLink(deps, owner, subjects.address, c.get('lang')))
        }
        if (level >= 2) await deps.sleep(deps.config.risk.failureDelayMs)
        throw new AppError('invalid_credentials', { captcha: await nextCaptcha(deps, subjects) })
      }
      const previous = c.get('sessionToken')
      if (previous) await endSession(deps, previous)
      await logIn(c, deps, member.id)
      await audit(deps, { action: 'login.succeeded', actorType: 'member', actorId: member.id, accountId: member.id, ip, detail: { mode: c.get('mode') } })
      return c.json({ member: await memberProfile(deps, member.id) })
    })
    .post('/logout', async (c) => {
      const token = c.get('sessionToken')
      const accountId = token && token.length <= 128 ? await endSession(deps, token) : null
      if (accountId) await audit(deps, { action: 'logout', actorType: 'member', actorId: accountId, accountId, ip: c.get('ip') })
      clearSessionCookie(c)
      c.header('Clear-Site-Data', '"storage"')
      return c.body(null, 204)
    })
}
