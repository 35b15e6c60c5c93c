import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { can, type Capability } from '../../core/staff'
import type { Config } from '../config'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { authenticateStaffToken, readStaffSession, type StaffMember } from '../services/staff'
import type { AppEnv } from '../types'
import { isTokenShaped } from './session'

export type StaffEnv = AppEnv & { Variables: AppEnv['Variables'] & { staff: StaffMember } }

export const OPS_MAX_BODY_BYTES = 8 * 1024 * 1024

/**
 * The staff console's cookie: `__Host-staff`, HttpOnly, Secure, SameSite=Strict. Its own name and its
 * own table, so it is never a member's session (routes under /api read `__Host-session` only) and a
 * member's cookie is never read here.
 */
export const STAFF_COOKIE = { name: 'staff', prefix: 'host' } as const

export function setStaffCookie(c: Context, token: string, maxAgeSeconds: number): void {
  setCookie(c, STAFF_COOKIE.name, token, {
    prefix: STAFF_COOKIE.prefix,
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: maxAgeSeconds,
  })
}

export function clearStaffCookie(c: Context): void {
  deleteCookie(c, STAFF_COOKIE.name, { prefix: STAFF_COOKIE.prefix, secure: true, path: '/' })
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * A request from the console's own page: same-origin `Origin` (or `Sec-Fetch-Site: same-origin`), as
 * for member routes (docs/security.md, CSRF). Bearer requests carry no cookie and need no such check.
 */
export function sameOriginCheck(config: Config, c: Context): boolean {
  const origin = c.req.header('Origin')
  const site = c.req.header('Sec-Fetch-Site')
  const own = new URL(c.req.url).origin
  return origin ? origin === own || origin === config.appOrigin : site === 'same-origin'
}

/**
 * The staff API's door (docs/security.md#staff): a staff API token in `Authorization: Bearer …` (the
 * command line) or the console's `__Host-staff` session cookie, with the Origin check of member routes
 * for a cookie's unsafe requests. Unsafe methods take JSON only; bodies up to 8 MiB (roster batches).
 * The credential is checked first, from the headers alone: an anonymous request is refused before its
 * body is read.
 */
export function staffGuards(deps: Deps) {
  const auth = createMiddleware<StaffEnv>(async (c, next) => {
    const header = c.req.header('Authorization')
    let member: StaffMember | null = null
    if (header !== undefined) {
      const token = /^Bearer\s+(\S{10,200})$/.exec(header)?.[1]
      member = token ? await authenticateStaffToken(deps, token) : null
    } else {
      const cookie = getCookie(c, STAFF_COOKIE.name, STAFF_COOKIE.prefix)
      if (isTokenShaped(cookie)) {
        member = await readStaffSession(deps, cookie)
        if (member && UNSAFE.has(c.req.method) && !sameOriginCheck(deps.config, c))
          throw new AppError('csrf')
        // Reads write audit rows too (a member's details, the audit log): a browser's request from
        // anywhere but the console's own pages (a sibling subdomain is "same-site", and SameSite=Strict
        // lets it through) is refused, whatever its method.
        const site = c.req.header('Sec-Fetch-Site')
        if (member && site !== undefined && site !== 'same-origin' && site !== 'none')
          throw new AppError('csrf')
      }
    }
    if (!member) throw new AppError('unauthenticated')
    c.set('staff', member)
    // A DELETE names its target in the URL and sends no body: no content type to check.
    if (UNSAFE.has(c.req.method) && c.req.method !== 'DELETE') {
      const type = c.req.header('Content-Type') ?? ''
      if (!/^application\/json\s*(;|$)/i.test(type)) throw new AppError('unsupported_media_type')
    }
    await next()
  })
  const limit = bodyLimit({
    maxSize: OPS_MAX_BODY_BYTES,
    onError: () => {
      throw new AppError('payload_too_large')
    },
  })
  return [auth, limit] as const
}

/** 403 unless the signed-in staff member's role has the capability (core/staff.ts). */
export function requireCapability(capability: Capability) {
  return createMiddleware<StaffEnv>(async (c, next) => {
    if (!can(c.get('staff').role, capability)) throw new AppError('forbidden')
    await next()
  })
}

/** Only in a console session (not with an API token): issuing tokens, signing out. */
export const requireConsoleSession = createMiddleware<StaffEnv>(async (c, next) => {
  if (!c.get('staff').sessionId) throw new AppError('forbidden')
  await next()
})
