import { Hono } from 'hono'
import type { Deps } from '../deps'
import { sessionTokenOf } from '../middleware/session'
import { audit } from '../services/audit'
import { endSession } from '../services/sessions'
import type { AppEnv } from '../types'
import { afterResponse, clearSessionCookie } from './respond'

/** ログアウト: the session ends, its cookie and the device's stored data are cleared. */
export function logoutRoutes(deps: Deps) {
  return new Hono<AppEnv>().post('/', async (c) => {
    const token = sessionTokenOf(c)
    const accountId = token ? await endSession(deps, token) : null
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
