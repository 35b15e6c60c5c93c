import { Hono } from 'hono'
import type { Deps } from '../deps'
import type { AppEnv } from '../types'

const HASHED_ASSET = /^\/assets\//

/**
 * The PWA: static files from Workers assets, and every app route answered with the shell, whose
 * <script> and modulepreload tags get this response's CSP nonce.
 */
export function pageRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/api/config', (c) =>
      c.json({
        turnstile: {
          scriptUrl: deps.config.turnstile.scriptUrl,
          siteKey: deps.config.turnstile.siteKey,
          siteKeyInteractive: deps.config.turnstile.siteKeyInteractive,
        },
        environment: deps.config.environment,
      }),
    )
    .get('*', async (c, next) => {
      const path = c.req.path
      if (path.startsWith('/api/') || path.startsWith('/dev/') || !deps.assets) return next()
      const isFile = /\.[a-z0-9]+$/i.test(path)
      if (isFile) {
        const res = await deps.assets.fetch(c.req.raw)
        if (res.status === 404) return next()
        const out = new Response(res.body, res)
        if (HASHED_ASSET.test(path)) out.headers.set('Cache-Control', 'public, max-age=31536000, immutable')
        else out.headers.set('Cache-Control', 'no-cache')
        return out
      }
      const shell = await deps.assets.fetch(new Request(new URL('/', c.req.url), { headers: c.req.raw.headers }))
      if (!shell.ok) return next()
      const nonce = c.get('nonce')
      const addNonce = { element: (el: Element) => void el.setAttribute('nonce', nonce) }
      const rewritten = new HTMLRewriter()
        .on('script', addNonce)
        .on('link[rel="modulepreload"]', addNonce)
        .transform(shell)
      const res = new Response(rewritten.body, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' } })
      return res
    })
}
