import { createMiddleware } from 'hono/factory'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { readSession } from '../services/sessions'
import type { AppEnv } from '../types'

/** Loads the member of the session cookie, if any (an ended or expired session is no session). */
export function loadSession(deps: Deps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = c.get('sessionToken')
    if (token && token.length <= 128) c.set('member', await readSession(deps, token))
    await next()
  })
}

/** For routes that need a logged-in member. */
export const requireMember = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get('member')) throw new AppError('unauthenticated')
  await next()
})
