import { Hono } from 'hono'
import type { Deps } from '../deps'
import { requireMember } from '../middleware/session'
import { memberAccessLog } from '../services/audit'
import type { AppEnv } from '../types'

/** The logged-in member's own account. */
export function accountRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/access-log', requireMember(deps), async (c) => {
    // Who read this member's health data, and what support did on their account, and when
    // (docs/security.md, audit): never which staff member, never the reason.
    const rows = await memberAccessLog(deps, c.get('member')!.accountId)
    return c.json({
      reads: rows.map((r) => ({
        at: new Date(r.at).toISOString(),
        actor: r.actorType,
        action: r.action,
      })),
    })
  })
}
