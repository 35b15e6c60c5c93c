import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { TokenBody } from '../../core/schemas'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { consumeEmailToken } from '../services/accounts'
import { audit } from '../services/audit'
import { unlockAddress } from '../services/risk'
import type { AppEnv } from '../types'
import { validationHook } from './validation'

/** The level-3 unlock link mailed to the owner of a locked address. */
export function unlockRoutes(deps: Deps) {
  return new Hono<AppEnv>().post('/', vValidator('json', TokenBody, validationHook), async (c) => {
    const used = await consumeEmailToken(deps, 'unlock', c.req.valid('json').token)
    if (!used?.subjectKey) throw new AppError('link_expired')
    await unlockAddress(deps, used.subjectKey)
    await audit(deps, {
      action: 'address.unlocked',
      actorType: 'member',
      actorId: used.accountId,
      accountId: used.accountId,
      ip: c.get('ip'),
    })
    return c.json({ ok: true as const })
  })
}
