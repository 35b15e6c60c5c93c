/**
 * The service worker's registration, with workbox-window (the project's stack: vite-plugin-pwa and
 * workbox-window), fetched once the page has loaded: the screen is drawn first, and neither its
 * bytes nor the worker's install (the precache) compete with the screen's own files. It keeps
 * vite-plugin-pwa's "prompt" behaviour: a first install is announced as ready for offline use; a
 * newer version waits until the member asks for it (更新する), and client/sw.ts activates it on
 * workbox-window's SKIP_WAITING message. What there is to say is kept here (`offlineReady`,
 * `needRefresh`); the notice that says it (components/ReloadPrompt.tsx) is fetched only then.
 */
import { createSignal } from 'solid-js'
import type { Workbox } from 'workbox-window'

/** The worker vite-plugin-pwa builds from client/sw.ts (injectManifest), for the whole origin. */
const SCRIPT = '/sw.js'
/** A page left open looks for a new version this often while it is on screen. */
const UPDATE_CHECK_MS = 60 * 60 * 1000
/** …and whenever it comes back on screen, but not twice within this. */
const UPDATE_CHECK_GAP_MS = 60 * 1000

const [offlineReady, setOfflineReady] = createSignal(false)
const [needRefresh, setNeedRefresh] = createSignal(false)

/** The first version is installed: the app can now start without a connection. */
export { offlineReady, setOfflineReady }
/** A newer version is installed and waits for `activateWaiting`. */
export { needRefresh, setNeedRefresh }

/** This page's Workbox, once registered (`activateWaiting` speaks to the worker through it). */
let registered: Promise<Workbox> | undefined

/**
 * Registers the worker once the page has loaded (workbox-window's own default too), fetching
 * workbox-window only then; from the precache once the app is installed, so offline as well.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  const start = () => {
    registered = register()
    registered.catch((error: unknown) => console.warn('service worker registration failed', error))
  }
  if (document.readyState === 'complete') start()
  else window.addEventListener('load', start, { once: true })
}

/**
 * Follows what workbox-window reports: a version installed while none was active is the first, and
 * makes the app ready offline; a version left waiting, whether from an earlier visit (reported right
 * after registering) or installed now beside the active one, is an update to offer. (An installed
 * event comes from the worker's statechange, after `register` has resolved.)
 */
async function register(): Promise<Workbox> {
  // The ES2017 build rather than the package's ES5 "module" (workbox-window.d.ts says why).
  const { Workbox } = await import('workbox-window/build/workbox-window.prod.mjs')
  const workbox = new Workbox(SCRIPT, { scope: '/' })
  let registration: ServiceWorkerRegistration | undefined
  workbox.addEventListener('installed', () => {
    if (registration && !registration.active) setOfflineReady(true)
  })
  workbox.addEventListener('waiting', () => setNeedRefresh(true))
  registration = await workbox.register()
  if (registration) checkForUpdates(workbox, registration)
  return workbox
}

/**
 * The browser looks for a new service worker when a page is loaded (otherwise at most once a day),
 * and the app's own navigation loads none: an installed app brought back from the background, as
 * phones do, would not learn of a new build. So the registration is asked again when the app comes
 * back on screen and hourly while it stays there, unless offline or a new worker is already
 * installing (vite-plugin-pwa's guide, "Periodic Service Worker Updates").
 */
function checkForUpdates(workbox: Workbox, registration: ServiceWorkerRegistration): void {
  let last = 0
  const check = () => {
    if (document.visibilityState !== 'visible' || !navigator.onLine || registration.installing)
      return
    if (Date.now() - last < UPDATE_CHECK_GAP_MS) return
    last = Date.now()
    workbox.update().catch(() => {}) // the server is out of reach: the next check tries again
  }
  document.addEventListener('visibilitychange', check)
  setInterval(check, UPDATE_CHECK_MS)
}

/**
 * 更新する: the waiting version takes over (workbox-window's SKIP_WAITING message, which client/sw.ts
 * answers with skipWaiting), then the page reloads under it. workbox-window's `controlling` comes for
 * any new controller, also on a first visit's page, which clientsClaim took without a reload.
 */
export async function activateWaiting(): Promise<void> {
  const workbox = await registered?.catch(() => undefined)
  if (!workbox) return
  workbox.addEventListener('controlling', () => window.location.reload())
  workbox.messageSkipWaiting()
}
