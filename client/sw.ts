/// <reference lib="webworker" />
/**
 * The service worker (vite-plugin-pwa, injectManifest). It precaches the built shell and the
 * chunks of the offline journey (log-in, home, results, account: see vite.config.ts), answers every
 * app navigation with the precached index.html, and keeps the other hashed /assets/ files once they
 * have been fetched. /api/ and /dev/ are left to the network: API answers carry personal data and
 * are never cached here (no route below matches them, and none may).
 */
import { clientsClaim } from 'workbox-core'
import { ExpirationPlugin } from 'workbox-expiration'
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  matchPrecache,
  precacheAndRoute,
} from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { CacheFirst } from 'workbox-strategies'

declare let self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Parameters<typeof precacheAndRoute>[0]
}

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()
// The first worker takes the open pages at once, so a first visit is already offline-ready (an update
// still waits for the member's 更新する: a new worker only activates on SKIP_WAITING).
clientsClaim()

// The manifest's start URL goes to the network first, so the Worker can set __Host-app (the installed
// app's mark for app-length sessions); offline, or after 3 s, the precached shell answers.
const APP_START = /^\/\?app=1$/
registerRoute(
  ({ request, url }) => request.mode === 'navigate' && APP_START.test(url.pathname + url.search),
  async ({ request }) => {
    const shell = async () => (await matchPrecache('index.html')) ?? Response.error()
    const network = fetch(request).then((res) => (res.ok ? res : shell()))
    const late = new Promise<Response>((resolve) => setTimeout(() => resolve(shell()), 3_000))
    return Promise.race([network.catch(shell), late])
  },
)

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api\//, /^\/dev\//],
  }),
)

// The chunks left out of the precache (sign-up, card wizard, info pages, zxcvbn, …): content-hashed
// file names never change meaning, so the first copy fetched is good for good (CacheFirst). Only
// same-origin GETs under /assets/ whose name carries a hash; bounded, so old versions' files go.
const HASHED_ASSET = /^\/assets\/[\w.-]+-[\w-]{8,}\.(?:js|css)$/
registerRoute(
  ({ url, request, sameOrigin }) =>
    sameOrigin && request.method === 'GET' && HASHED_ASSET.test(url.pathname),
  new CacheFirst({
    cacheName: 'assets',
    plugins: [
      new ExpirationPlugin({
        maxEntries: 80,
        maxAgeSeconds: 60 * 60 * 24 * 60,
        purgeOnQuotaError: true,
      }),
    ],
  }),
)

// The ReloadPrompt's 更新する: the waiting worker takes over, then the page reloads.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') void self.skipWaiting()
})

// お知らせ by Web Push (issue 12): the payload is the notice's kind in words and its link, never
// health data (worker/services/notices.ts). Shown with the app's icon; a tap opens お知らせ, where
// opening the notice marks it read and follows its link.
self.addEventListener('push', (event) => {
  let data: { title?: unknown; body?: unknown; id?: unknown } = {}
  try {
    data = (event.data?.json() as typeof data) ?? {}
  } catch {
    data = {}
  }
  const title = typeof data.title === 'string' ? data.title.slice(0, 80) : 'Kenshin Portal'
  const body = typeof data.body === 'string' ? data.body.slice(0, 200) : 'お知らせがあります'
  event.waitUntil(
    self.registration.showNotification(title, {
      body,
      icon: '/icons/icon-192.png',
      tag: typeof data.id === 'string' ? data.id : undefined,
      data: { url: '/notices' },
    }),
  )
})

self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const url = new URL('/notices', self.location.origin).href
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin)
      if (open) {
        await open.focus()
        await open.navigate(url).catch(() => null)
        return
      }
      await self.clients.openWindow(url)
    })(),
  )
})
