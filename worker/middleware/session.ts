import { createMiddleware } from 'hono/factory'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { readSession } from '../services/sessions'
import type { AppEnv } from '../types'

/**
 * For routes that need a logged-in member: reads the member of the session cookie (an ended or
 * expired session is no session). Only these routes read the session, so the others (log-in,
 * sign-up, config) cost no query; the health reads check the session inside their own batch.
 */
export function requireMember(deps: Deps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = c.get('sessionToken')
    const member = token && token.length <= 128 ? await readSession(deps, token) : null
    if (!member) throw new AppError('unauthenticated')
    c.set('member', member)
    await next()
  })
}
