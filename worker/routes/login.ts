import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { LoginBody } from '../../core/schemas'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { accountExists, authenticate, issueUnlockLink } from '../services/accounts'
import { audit } from '../services/audit'
import { nextCaptcha, passGate } from '../services/gate'
import { memberProfile } from '../services/card'
import type { AppEnv } from '../types'
import { afterResponse, logIn } from './respond'
import { validationHook } from './validation'

/** ログイン (journey 5): the gate, the password, and on failure the unlock mail of a locked address. */
export function loginRoutes(deps: Deps) {
  return new Hono<AppEnv>().post('/', vValidator('json', LoginBody, validationHook), async (c) => {
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
}
