import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { pickLang } from '../../core/i18n'
import type { Config } from '../config'
import { AppError } from '../errors'
import type { ClientMode } from '../services/sessions'
import type { AppEnv } from '../types'

export const SESSION_COOKIE = '__Host-session'
export const MAX_BODY_BYTES = 16 * 1024

/**
 * The installed app's mark, `__Host-app=1` (docs/security.md, sessions): set by the Worker when the shell
 * is served for the manifest's start URL (routes/shell.ts), which the installed app opens at start.
 */
export const APP_COOKIE = { name: 'app', prefix: 'host', value: '1' } as const
/** The manifest's start_url (vite.config.ts): the shell with this query marks the client as the app. */
export const APP_START_QUERY = { name: 'app', value: '1' } as const

/**
 * The client is the installed app only when it says so (`X-Client-Mode: standalone`, from its
 * display mode) and it was started from the manifest's start URL (the cookie): a header alone is
 * what any script or browser tab can send, so it changes nothing.
 */
export function clientMode(header: string | undefined, appCookie: string | undefined): ClientMode {
  return header === 'standalone' && appCookie === APP_COOKIE.value ? 'app' : 'browser'
}

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
  c.set(
    'mode',
    clientMode(c.req.header('X-Client-Mode'), getCookie(c, APP_COOKIE.name, APP_COOKIE.prefix)),
  )
  c.set('sessionToken', getCookie(c, SESSION_COOKIE) ?? null)
  c.set('member', null)
  await next()
  c.res.headers.set('X-Request-Id', requestId)
})

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * CSRF and body rules for the API (docs/security.md): unsafe methods need a same-origin Origin (or
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
  return [originCheck, limit, jsonObjectBody] as const
}

/**
 * A JSON body must be an object: valibot's object schemas take an array as an object with no keys
 * (`[]` would pass for `{}`), so an array, a string or a number at the top is refused here, before
 * any route reads it. A body that is not JSON at all is left to the route's validator (400). Hono
 * keeps the parsed body, so the validator does not parse it again.
 */
export const jsonObjectBody = createMiddleware<AppEnv>(async (c, next) => {
  if (UNSAFE.has(c.req.method)) {
    const parsed: unknown = await c.req.json().catch(() => ({}))
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new AppError('validation')
  }
  await next()
})
