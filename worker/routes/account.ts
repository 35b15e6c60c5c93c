import { Hono } from 'hono'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { requireMember } from '../middleware/session'
import { memberProfile } from '../services/card'
import type { AppEnv } from '../types'

/** The logged-in member's own account. */
export function accountRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/me', requireMember, async (c) => {
    const member = await memberProfile(deps, c.get('member')!.accountId)
    if (!member) throw new AppError('unauthenticated')
    return c.json({ member })
  })
}
