import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { pickLang } from '../../core/i18n'
import type { Config } from '../config'
import { AppError } from '../errors'
import type { AppEnv } from '../types'

export const SESSION_COOKIE = '__Host-session'
export const MAX_BODY_BYTES = 16 * 1024

/**
 * Language, client IP, client kind (browser or installed app) and a request id of every request. The
 * id goes back as `X-Request-Id` (on errors too) so that support can find a member's report in the
 * logs; it is always drawn here, never taken from the request, so a log line cannot be forged to
 * carry a chosen value.
 */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const requestId = crypto.randomUUID()
  c.set('requestId', requestId)
  c.set('lang', pickLang(c.req.header('Accept-Language')))
  c.set('ip', c.req.header('CF-Connecting-IP') ?? '0.0.0.0')
  c.set('mode', c.req.header('X-Client-Mode') === 'standalone' ? 'app' : 'browser')
  c.set('sessionToken', getCookie(c, SESSION_COOKIE) ?? null)
  c.set('member', null)
  await next()
  c.res.headers.set('X-Request-Id', requestId)
})

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * CSRF and body rules for the API (security.md): unsafe methods need a same-origin Origin (or
 * Sec-Fetch-Site: same-origin) and a JSON body of at most 16 KiB.
 */
export function apiGuards(config: Config) {
  const allowed = new Set([config.appOrigin])
  const originCheck = createMiddleware<AppEnv>(async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('Origin')
      const site = c.req.header('Sec-Fetch-Site')
      const own = new URL(c.req.url).origin
      const sameOrigin = origin ? origin === own || allowed.has(origin) : site === 'same-origin'
      if (!sameOrigin) throw new AppError('csrf')
      const type = c.req.header('Content-Type') ?? ''
      if (!/^application\/json\s*(;|$)/i.test(type)) throw new AppError('unsupported_media_type')
    }
    await next()
  })
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError('payload_too_large')
    },
  })
  return [originCheck, limit] as const
}
