import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { readSession } from '../services/sessions'
import type { AppEnv } from '../types'

/**
 * Could this cookie value be one of our tokens? The app's tokens are far shorter than 128
 * characters; a longer value is never hashed nor looked up.
 */
export function isTokenShaped(value: string | null | undefined): value is string {
  return !!value && value.length <= 128
}

/** The request's session token when it has a token's shape, else null (no session). */
export function sessionTokenOf(c: Context<AppEnv>): string | null {
  const token = c.get('sessionToken')
  return isTokenShaped(token) ? token : null
}

/**
 * For routes that need a logged-in member: reads the member of the session cookie (an ended or
 * expired session is no session). Only these routes read the session, so the others (log-in,
 * sign-up, config) cost no query; the health reads check the session inside their own batch.
 */
export function requireMember(deps: Deps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = sessionTokenOf(c)
    const member = token ? await readSession(deps, token) : null
    if (!member) throw new AppError('unauthenticated')
    c.set('member', member)
    await next()
  })
}
