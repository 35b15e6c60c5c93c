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

/**
 * security.md headers on every response, with a fresh CSP nonce per request (pages.ts writes it into
 * the shell's <script> tags). 'strict-dynamic' lets the nonced entry load its chunks and Turnstile.
 */
export function securityHeaders(config: Config, randomBytes: (n: number) => Uint8Array) {
  const ts = turnstileOrigin(config)
  return createMiddleware<AppEnv>(async (c, next) => {
    const nonce = base64url(randomBytes(16))
    c.set('nonce', nonce)
    await next()
    const h = c.res.headers
    const csp = [
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
    h.set('Content-Security-Policy', csp)
    h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    h.set('X-Content-Type-Options', 'nosniff')
    h.set('Referrer-Policy', 'same-origin')
    h.set('Cross-Origin-Opener-Policy', 'same-origin')
    h.set(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), accelerometer=(), gyroscope=(), magnetometer=()',
    )
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/dev/')) {
      // Every API answer may carry personal data: never stored by any cache.
      h.set('Cache-Control', 'no-store')
    }
  })
}
