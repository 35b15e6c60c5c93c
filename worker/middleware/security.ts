import { createMiddleware } from 'hono/factory'
import type { Config } from '../config'
import { base64url } from '../services/tokens'
import type { AppEnv } from '../types'

function turnstileOrigin(config: Config): string {
  try {
    return new URL(config.turnstile.scriptUrl).origin
  } catch {
    return '' // relative: the development stand-in, same origin
  }
}

const PERMISSIONS =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), accelerometer=(), gyroscope=(), magnetometer=()'

/** What an answer that is not a page may do in a browser: nothing (API JSON, files, redirects). */
const NON_PAGE_CSP =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/**
 * docs/security.md headers on every response. Pages (the PWA shell) get a CSP with a fresh nonce per
 * request (shell.ts writes it into the shell's <script> tags; 'strict-dynamic' lets the nonced entry
 * load its chunks and Turnstile). The API and /dev/ JSON get `default-src 'none'`, with no nonce to
 * draw, and `Cache-Control: no-store`: every API answer may carry personal data. The fixed headers
 * are built once.
 */
export function securityHeaders(config: Config, randomBytes: (n: number) => Uint8Array) {
  const ts = turnstileOrigin(config)
  const pageCsp = (nonce: string) =>
    [
      "default-src 'self'",
      `script-src 'nonce-${nonce}' 'strict-dynamic' 'self'${ts ? ` ${ts}` : ''}`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      `frame-src 'self'${ts ? ` ${ts}` : ''}`,
      "worker-src 'self'",
      "manifest-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join('; ')
  return createMiddleware<AppEnv>(async (c, next) => {
    const path = c.req.path
    const api = path.startsWith('/api/') || path.startsWith('/dev/')
    let nonce = ''
    if (!api) {
      nonce = base64url(randomBytes(16))
      c.set('nonce', nonce)
    }
    await next()
    const h = c.res.headers
    h.set('Content-Security-Policy', api ? NON_PAGE_CSP : pageCsp(nonce))
    h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    h.set('X-Content-Type-Options', 'nosniff')
    h.set('Referrer-Policy', 'same-origin')
    h.set('Cross-Origin-Opener-Policy', 'same-origin')
    h.set('Permissions-Policy', PERMISSIONS)
    if (api) h.set('Cache-Control', 'no-store')
  })
}
