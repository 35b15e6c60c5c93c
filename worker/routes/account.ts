import { Hono } from 'hono'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { getMember } from '../services/accounts'
import { requireMember } from '../middleware/session'
import type { AppEnv } from '../types'

/** The logged-in member's own account. */
export function accountRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/me', requireMember, async (c) => {
    const member = await getMember(deps, c.get('member')!.accountId)
    if (!member) throw new AppError('unauthenticated')
    return c.json({ member: { id: member.id, email: member.email, linked: false, name: null as string | null } })
  })
}
