import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import type { Deps } from '../deps'
import type { Mail } from '../services/mail'
import { startSession } from '../services/sessions'
import type { AppEnv } from '../types'

/**
 * Sends a mail after the answer is on its way, so whether a mail was sent (an account exists) does
 * not show in the response time. Outside Workers (tests in Node) it is awaited.
 */
export async function sendInBackground(c: Context<AppEnv>, deps: Deps, mail: Mail | null): Promise<void> {
  if (!mail) return
  const sending = deps.mail.send(mail).catch((err: unknown) =>
    deps.log('error', 'mail not sent', { reason: err instanceof Error ? err.message : 'unknown' }),
  )
  let ctx: { waitUntil(p: Promise<unknown>): void } | undefined
  try {
    ctx = c.executionCtx
  } catch {
    ctx = undefined
  }
  if (ctx) ctx.waitUntil(sending)
  else await sending
}

/** Starts a session for the member (a new token at every log-in) and sets `__Host-session`. */
export async function logIn(c: Context<AppEnv>, deps: Deps, accountId: string): Promise<void> {
  const { token, maxAgeSeconds } = await startSession(deps, {
    accountId,
    mode: c.get('mode'),
    ip: c.get('ip'),
    userAgent: c.req.header('User-Agent') ?? null,
  })
  setCookie(c, 'session', token, {
    prefix: 'host',
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: maxAgeSeconds,
  })
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, 'session', { prefix: 'host', secure: true, path: '/' })
}
