import { createMiddleware } from 'hono/factory'
import { generateCookie } from 'hono/cookie'
import type { Deps } from '../deps'
import { APP_COOKIE, APP_START_QUERY } from '../middleware/request'
import type { AppEnv } from '../types'

const HASHED_ASSET = /^\/assets\//
const CHUNK = /^\/assets\/[\w.-]+\.js$/

type RoutePreloads = Record<string, string[]>
/**
 * The screen whose chunks a path with a parameter loads: a checkup date's own URL (a notice's link,
 * `/checkups/2026-06-10`) is the results screen. The build lists static paths only.
 */
const preloadPathOf = (path: string) =>
  /^\/checkups\/\d{4}-\d{2}-\d{2}$/.test(path) ? '/checkups' : path

/** The last route-preloads.json read, with the shell's ETag it came beside (a new build, a new list). */
let preloadCache: { etag: string; routes: RoutePreloads } | undefined

/**
 * Each screen's chunks (route-preloads.json, written by the build: vite.config.ts routePreloads), so
 * that a cold start fetches the screen's code beside the entry rather than one round trip after it.
 * Read once per build: the shell's ETag changes with every chunk name. The value is kept, never a
 * pending read (a Worker must not wait on another request's I/O). A missing or odd file means no
 * preloads, never a failed page.
 */
async function routePreloads(
  assets: NonNullable<Deps['assets']>,
  url: string,
  etag: string | null,
): Promise<RoutePreloads> {
  if (etag && preloadCache?.etag === etag) return preloadCache.routes
  const routes: RoutePreloads = {}
  try {
    const res = await assets.fetch(new Request(new URL('/route-preloads.json', url)))
    const data: unknown = res.ok ? await res.json() : null
    if (data && typeof data === 'object')
      for (const [path, files] of Object.entries(data))
        if (Array.isArray(files))
          routes[path] = files.filter((f): f is string => typeof f === 'string' && CHUNK.test(f))
  } catch {
    return routes
  }
  if (etag) preloadCache = { etag, routes }
  return routes
}

/**
 * The installed app's mark (docs/security.md, sessions): the manifest's start URL (`/?app=1`) is opened by
 * the installed app when it starts, and a page there leaves this cookie, which with `X-Client-Mode:
 * standalone` gives app-length sessions (middleware/request.ts). 400 days is the longest a browser
 * keeps a cookie; each start renews it. HttpOnly: no script needs it, so no script can copy it.
 */
const APP_COOKIE_HEADER = generateCookie(APP_COOKIE.name, APP_COOKIE.value, {
  prefix: APP_COOKIE.prefix,
  httpOnly: true,
  secure: true,
  sameSite: 'Lax',
  path: '/',
  maxAge: 400 * 86_400,
})

/** Is this the manifest's start URL (the shell at `/` with the app's query)? */
function isAppStart(url: string): boolean {
  const { pathname, searchParams } = new URL(url)
  return pathname === '/' && searchParams.get(APP_START_QUERY.name) === APP_START_QUERY.value
}

/**
 * The PWA, the app's fallback (mounted last, for GET): static files from Workers assets, and every
 * app route answered with the shell, whose <script> and modulepreload tags get this response's CSP
 * nonce. The API and /dev/ paths, and what the assets lack, go on to the not-found answer.
 */
export function pageShell(deps: Deps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const path = c.req.path
    if (path.startsWith('/api/') || path.startsWith('/dev/') || !deps.assets) return next()
    const isFile = /\.[a-z0-9]+$/i.test(path)
    if (isFile) {
      const res = await deps.assets.fetch(c.req.raw)
      if (res.status === 404) return next()
      const out = new Response(res.body, res)
      if (HASHED_ASSET.test(path))
        out.headers.set('Cache-Control', 'public, max-age=31536000, immutable')
      else out.headers.set('Cache-Control', 'no-cache')
      return out
    }
    const shell = await deps.assets.fetch(
      new Request(new URL('/', c.req.url), { headers: c.req.raw.headers }),
    )
    if (!shell.ok) return next()
    const nonce = c.get('nonce')
    const addNonce = { element: (el: Element) => void el.setAttribute('nonce', nonce) }
    const routes = await routePreloads(deps.assets, c.req.url, shell.headers.get('ETag'))
    const preloads = routes[path] ?? routes[preloadPathOf(path)] ?? []
    const rewritten = new HTMLRewriter()
      .on('script', addNonce)
      .on('link[rel="modulepreload"]', addNonce)
      .on('head', {
        element: (el) => {
          const links = preloads.map(
            (href) => `<link rel="modulepreload" crossorigin href="${href}" nonce="${nonce}">`,
          )
          if (links.length) el.append(links.join(''), { html: true })
        },
      })
      .transform(shell)
    const res = new Response(rewritten.body, {
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' },
    })
    if (isAppStart(c.req.url)) res.headers.append('Set-Cookie', APP_COOKIE_HEADER)
    return res
  })
}
