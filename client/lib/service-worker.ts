/**
 * The service worker's registration, written against the browser's own API rather than
 * workbox-window (about 3 KB gzip with vite-plugin-pwa's wrapper, on every screen's first load). It
 * keeps the plugin's "prompt" behaviour: a first install is announced as ready for offline use; a
 * newer version waits until the member asks for it, and client/sw.ts activates it on SKIP_WAITING.
 * What there is to say is kept here (`offlineReady`, `needRefresh`); the notice that says it
 * (components/ReloadPrompt.tsx) is fetched only then.
 */
import { createSignal } from 'solid-js'

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

/**
 * Registers the worker once the page has loaded, so its install (the precache) does not compete
 * with the screen's own files, and follows what it finds: a version already waiting from an earlier
 * visit, and each version installed from now on, which is an update when one was already active.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  const register = async () => {
    try {
      const registration = await navigator.serviceWorker.register(SCRIPT, { scope: '/' })
      if (registration.waiting && registration.active) setNeedRefresh(true)
      registration.addEventListener('updatefound', () => watchInstall(registration))
      checkForUpdates(registration)
    } catch (error) {
      console.warn('service worker registration failed', error)
    }
  }
  if (document.readyState === 'complete') void register()
  else window.addEventListener('load', () => void register(), { once: true })
}

/** Follows a version being installed until it is: ready offline (the first), or waiting (an update). */
function watchInstall(registration: ServiceWorkerRegistration): void {
  const worker = registration.installing
  if (!worker) return
  const update = registration.active !== null
  worker.addEventListener('statechange', () => {
    if (worker.state !== 'installed') return
    if (update) setNeedRefresh(true)
    else setOfflineReady(true)
  })
}

/**
 * The browser looks for a new service worker when a page is loaded (otherwise at most once a day),
 * and the app's own navigation loads none: an installed app brought back from the background, as
 * phones do, would not learn of a new build. So the registration is asked again when the app comes
 * back on screen and hourly while it stays there, unless offline or a new worker is already
 * installing (vite-plugin-pwa's guide, "Periodic Service Worker Updates").
 */
function checkForUpdates(registration: ServiceWorkerRegistration): void {
  let last = 0
  const check = () => {
    if (document.visibilityState !== 'visible' || !navigator.onLine || registration.installing) return
    if (Date.now() - last < UPDATE_CHECK_GAP_MS) return
    last = Date.now()
    registration.update().catch(() => {}) // the server is out of reach: the next check tries again
  }
  document.addEventListener('visibilitychange', check)
  setInterval(check, UPDATE_CHECK_MS)
}

/** 更新する: the waiting version takes over (client/sw.ts: SKIP_WAITING), then the page reloads under it. */
export async function activateWaiting(): Promise<void> {
  navigator.serviceWorker?.addEventListener('controllerchange', () => window.location.reload(), { once: true })
  const registration = await navigator.serviceWorker?.getRegistration()
  registration?.waiting?.postMessage({ type: 'SKIP_WAITING' })
}
