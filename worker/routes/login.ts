import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { CaptchaBody, LoginBody } from '../../core/schemas'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { accountExists, authenticate, issueUnlockLink } from '../services/accounts'
import { audit } from '../services/audit'
import { nextCaptcha, passGate } from '../services/gate'
import { previewLevel, siteKeyFor, subjectsFor } from '../services/risk'
import { endSession } from '../services/sessions'
import { memberProfile } from '../services/card'
import type { AppEnv } from '../types'
import { afterResponse, clearSessionCookie, logIn } from './respond'
import { validationHook } from './validation'

/** ログイン, ログアウト and the captcha level the next submit needs (journey 5). */
export function loginRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post('/captcha', vValidator('json', CaptchaBody, validationHook), async (c) => {
      const { email } = c.req.valid('json')
      const level = await previewLevel(deps, await subjectsFor(deps, c.get('ip'), email))
      return c.json({ level, siteKey: siteKeyFor(deps.config, level) })
    })
    .post('/login', vValidator('json', LoginBody, validationHook), async (c) => {
      const { email, password, captchaToken } = c.req.valid('json')
      const ip = c.get('ip')
      const gate = await passGate(deps, {
        action: 'login',
        ip,
        email,
        captchaToken,
        needsCaptcha: true,
      })
      const member = await authenticate(deps, email, password)
      if (!member) {
        const { lockedNow } = await gate.settle('wrong')
        // Only a registered address has an audit row or an unlock mail: written after the answer.
        await afterResponse(c, deps, async () => {
          const owner = await accountExists(deps, email)
          if (!owner) return null
          await audit(deps, {
            action: 'login.failed',
            actorType: 'anonymous',
            accountId: owner.id,
            ip,
          })
          if (!lockedNow || !gate.subjects.address) return null
          await audit(deps, {
            action: 'address.locked',
            actorType: 'system',
            accountId: owner.id,
            ip,
          })
          return issueUnlockLink(deps, owner, gate.subjects.address, c.get('lang'))
        })
        if (gate.level >= 2) await deps.sleep(deps.config.risk.failureDelayMs)
        throw new AppError('invalid_credentials', {
          captcha: await nextCaptcha(deps, gate.subjects),
        })
      }
      await gate.settle('right')
      await logIn(c, deps, member.id)
      await audit(deps, {
        action: 'login.succeeded',
        actorType: 'member',
        actorId: member.id,
        accountId: member.id,
        ip,
        detail: { mode: c.get('mode') },
      })
      return c.json({ member: await memberProfile(deps, member.id) })
    })
    .post('/logout', async (c) => {
      const token = c.get('sessionToken')
      const accountId = token && token.length <= 128 ? await endSession(deps, token) : null
      if (accountId)
        await afterResponse(c, deps, () =>
          audit(deps, {
            action: 'logout',
            actorType: 'member',
            actorId: accountId,
            accountId,
            ip: c.get('ip'),
          }),
        )
      clearSessionCookie(c)
      c.header('Clear-Site-Data', '"storage"')
      return c.body(null, 204)
    })
}
