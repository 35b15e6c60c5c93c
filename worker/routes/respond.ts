import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { placeCode } from '../../core/places'
import { deviceLabel } from '../../core/user-agent'
import type { Deps } from '../deps'
import { errorName } from '../errors'
import { isTokenShaped, sessionTokenOf } from '../middleware/session'
import { getMember } from '../services/accounts'
import { audit } from '../services/audit'
import type { Mail } from '../services/mail'
import { mailTemplates } from '../services/mail-templates'
import { endSession, rememberDevice, startSession } from '../services/sessions'
import { hashToken, newToken } from '../services/tokens'
import type { AppEnv } from '../types'

/**
 * Work that must not show in the response time (docs/security.md: writes and mails that happen only for
 * a registered address): handed to `waitUntil`, so it runs after the answer is on its way. Outside
 * Workers (tests in Node and `app.request`) it is awaited. A failure is logged by its name only.
 */
export async function afterResponse(
  c: Context<AppEnv>,
  deps: Deps,
  work: () => Promise<Mail | null | void>,
): Promise<void> {
  const running = work()
    .then((mail) => (mail ? deps.mail.send(mail) : undefined))
    .catch((err: unknown) =>
      deps.log('error', 'background work failed', {
        name: errorName(err),
        route: c.req.routePath,
        requestId: c.get('requestId'),
      }),
    )
  let ctx: { waitUntil(p: Promise<unknown>): void } | undefined
  try {
    ctx = c.executionCtx
  } catch {
    ctx = undefined
  }
  if (ctx) ctx.waitUntil(running)
  else await running
}

/** Sends a mail after the answer is on its way (see afterResponse). */
export function sendInBackground(c: Context<AppEnv>, deps: Deps, mail: Mail | null): Promise<void> {
  return afterResponse(c, deps, async () => mail)
}

/** The app's own cookies: `__Host-`, HttpOnly, Secure, Lax, the whole site (docs/security.md#sessions). */
const HOST_COOKIE = {
  prefix: 'host',
  httpOnly: true,
  secure: true,
  sameSite: 'Lax',
  path: '/',
} as const

/** The device cookie lives 400 days (the longest a browser keeps a cookie) and is renewed at each log-in. */
const DEVICE_COOKIE_MAX_AGE = 400 * 86_400

/**
 * The SHA-256 of this browser's `__Host-device` cookie (new-device notice, journey 10), setting one when
 * it has none: a random value that only tells this browser from others. It never opens anything.
 */
async function deviceKeyOf(c: Context<AppEnv>, deps: Deps): Promise<string> {
  const held = getCookie(c, '__Host-device')
  const value = isTokenShaped(held) && held.length >= 32 ? held : newToken(deps.randomBytes)
  setCookie(c, 'device', value, { ...HOST_COOKIE, maxAge: DEVICE_COOKIE_MAX_AGE })
  return hashToken(value)
}

/** Cloudflare's request data (absent locally and in tests): the country and, in Japan, the prefecture. */
function placeOf(c: Context<AppEnv>): string | null {
  const cf = (c.req.raw as { cf?: Record<string, unknown> }).cf
  return cf ? placeCode(cf.country, cf.regionCode) : null
}

/**
 * Starts a session for the member and sets `__Host-session`. Every log-in path comes here, so the
 * browser's previous session (another member's, or the same one's) always ends: a new token at
 * every log-in (docs/security.md). It also records the device: the `__Host-device` cookie's hash goes
 * on the session and into known_devices, whose INSERT … ON CONFLICT DO NOTHING RETURNING decides
 * whether the device is new (two log-ins at once mail once). A new device of an account that already
 * had one gets a mail after the answer; the account's first device (the log-in that ends sign-up, or
 * the first log-in of an account older than the device cookie) gets none.
 */
export async function logIn(
  c: Context<AppEnv>,
  deps: Deps,
  accountId: string,
  options: { method?: 'password' | 'passkey' } = {},
): Promise<void> {
  const previous = sessionTokenOf(c)
  if (previous) await endSession(deps, previous)
  const deviceKey = await deviceKeyOf(c, deps)
  const userAgent = c.req.header('User-Agent') ?? null
  const { token, maxAgeSeconds } = await startSession(deps, {
    accountId,
    method: options.method ?? 'password',
    mode: c.get('mode'),
    ip: c.get('ip'),
    userAgent,
    deviceKey,
    place: placeOf(c),
  })
  c.set('sessionToken', token)
  setCookie(c, 'session', token, { ...HOST_COOKIE, maxAge: maxAgeSeconds })
  const now = deps.now()
  if ((await rememberDevice(deps, accountId, deviceKey)) !== 'new') return
  const lang = c.get('lang')
  const ip = c.get('ip')
  await afterResponse(c, deps, async () => {
    const member = await getMember(deps, accountId)
    if (!member) return null
    await audit(deps, {
      action: 'account.new_device',
      actorType: 'member',
      actorId: accountId,
      accountId,
      ip,
    })
    return mailTemplates.newDevice(
      lang,
      member.email,
      deps.config.appOrigin,
      deviceLabel(userAgent),
      new Date(now),
    )
  })
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, 'session', { prefix: 'host', secure: true, path: '/' })
}

/**
 * The sign-up binding (docs/security.md): a random value in an HttpOnly `__Host-signup` cookie of the
 * browser or app that starts a sign-up; its pending row keeps only the hash. Set for every sign-up,
 * registered address or not, so the answers' headers are the same.
 */
export async function bindSignup(
  c: Context<AppEnv>,
  deps: Deps,
  maxAgeSeconds: number,
): Promise<string> {
  const value = newToken(deps.randomBytes)
  setCookie(c, 'signup', value, { ...HOST_COOKIE, maxAge: maxAgeSeconds })
  return hashToken(value)
}

/** The hash of this browser's sign-up binding, or null when it has none. */
export async function signupBinding(c: Context<AppEnv>): Promise<string | null> {
  const value = getCookie(c, '__Host-signup')
  return isTokenShaped(value) ? hashToken(value) : null
}

export function clearSignupBinding(c: Context<AppEnv>): void {
  deleteCookie(c, 'signup', { prefix: 'host', secure: true, path: '/' })
}
