import { Hono } from 'hono'
import type { Deps } from '../deps'
import { sessionTokenOf } from '../middleware/session'
import { audit } from '../services/audit'
import { removeSessionPush } from '../services/push-subscriptions'
import { endSession } from '../services/sessions'
import { hashToken } from '../services/tokens'
import type { AppEnv } from '../types'
import { afterResponse, clearSessionCookie } from './respond'

/** ログアウト: the session ends, its cookie and the device's stored data are cleared. */
export function logoutRoutes(deps: Deps) {
  return new Hono<AppEnv>().post('/', async (c) => {
    const token = sessionTokenOf(c)
    const accountId = token ? await endSession(deps, token) : null
    // This device's push subscriptions end with the session (docs: Web Push).
    if (token) await removeSessionPush(deps, await hashToken(token))
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
