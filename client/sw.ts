/// <reference lib="webworker" />
/**
 * The service worker (vite-plugin-pwa, injectManifest). It precaches the built shell and its
 * chunks, answers every app navigation with the precached index.html, and leaves /api/ and /dev/
 * to the network: API answers carry personal data and are never cached here.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'

declare let self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Parameters<typeof precacheAndRoute>[0] }

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api\//, /^\/dev\//],
  }),
)

// The ReloadPrompt's 更新する: the waiting worker takes over, then the page reloads.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') void self.skipWaiting()
})
