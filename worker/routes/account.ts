import { and, desc, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { auditLog } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { requireMember } from '../middleware/session'
import { memberProfile } from '../services/card'
import { SESSION_LIMITS } from '../services/sessions'
import type { AppEnv } from '../types'

/** The logged-in member's own account. */
export function accountRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/me', requireMember(deps), async (c) => {
      const session = c.get('member')!
      const member = await memberProfile(deps, session.accountId)
      if (!member) throw new AppError('unauthenticated')
      // The deadlines bound the offline copy on the device (issue 5): its key goes with the session.
      return c.json({
        member,
        session: {
          mode: session.mode,
          idleSeconds: SESSION_LIMITS[session.mode].idleMs / 1000,
          expiresAt: new Date(session.absoluteExpiresAt).toISOString(),
        },
      })
    })
    .get('/account/access-log', requireMember(deps), async (c) => {
      // Who read this member's health data, and when (security.md, audit).
      const rows = await deps.db
        .select({ at: auditLog.at, actorType: auditLog.actorType, action: auditLog.action })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.accountId, c.get('member')!.accountId),
            eq(auditLog.action, 'health.read'),
          ),
        )
        .orderBy(desc(auditLog.at))
        .limit(100)
      return c.json({
        reads: rows.map((r) => ({
          at: new Date(r.at).toISOString(),
          actor: r.actorType,
          action: r.action,
        })),
      })
    })
}
