import { Hono } from 'hono'
import type { Deps } from '../deps'
import { requireMember } from '../middleware/session'
import { memberProfile } from '../services/card'
import { SESSION_LIMITS } from '../services/sessions'
import type { AppEnv } from '../types'

/** The logged-in member and their session's deadlines. */
export function meRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/', requireMember(deps), async (c) => {
    const session = c.get('member')!
    const member = await memberProfile(deps, session.accountId)
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
}
