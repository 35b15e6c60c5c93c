/// <reference types="vite-plugin-pwa/solid" />
import { useRegisterSW } from 'virtual:pwa-register/solid'
import { createEffect, onCleanup, Show } from 'solid-js'
import { ui } from '../lib/i18n'

/** A page left open looks for a new version this often while it is on screen. */
const UPDATE_CHECK_MS = 60 * 60 * 1000
/** …and whenever it comes back on screen, but not twice within this. */
const UPDATE_CHECK_GAP_MS = 60 * 1000

/**
 * The browser looks for a new service worker when a page is loaded (otherwise at most once a day),
 * and the app's own navigation loads none: an installed app brought back from the background, as
 * phones do, would not learn of a new build. So the registration is asked again when the app comes back on
 * screen and hourly while it stays there, unless offline or a new worker is already installing
 * (vite-plugin-pwa's guide, "Periodic Service Worker Updates"). Registered once: the prompt lives
 * as long as the app.
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

/**
 * Registers the service worker and, when a new version is waiting, offers 更新する (which tells
 * the waiting worker to SKIP_WAITING and reloads once it controls the page) or 閉じる. A
 * non-modal dialog inside a polite live region: announced, but it never steals the focus.
 */
export function ReloadPrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    immediate: true,
    onRegisteredSW(_url, registration) {
      if (registration) checkForUpdates(registration)
    },
    onRegisterError(error) {
      console.warn('service worker registration failed', error)
    },
  })
  // 更新する: the waiting worker takes over, then the page reloads under it. The plugin reloads only
  // when the page had a controller at its first load; a first visit's page is taken by clientsClaim
  // (client/sw.ts) later, so the reload is asked for here too (once).
  const update = () => {
    navigator.serviceWorker?.addEventListener('controllerchange', () => window.location.reload(), { once: true })
    void updateServiceWorker(true)
  }
  const close = () => {
    setNeedRefresh(false)
    setOfflineReady(false)
  }
  // "Ready to work offline" is news, not a question: it goes by itself after a while, so it does not
  // sit over the page (閉じる still closes it at once). The update prompt waits for the member.
  createEffect(() => {
    if (!offlineReady()) return
    const timer = setTimeout(() => setOfflineReady(false), 8000)
    onCleanup(() => clearTimeout(timer))
  })
  return (
    <div class="reload-prompt-region" aria-live="polite">
      <Show when={needRefresh()}>
        <div
          class="reload-prompt"
          role="dialog"
          aria-modal="false"
          aria-labelledby="reload-prompt-title"
          aria-describedby="reload-prompt-text"
        >
          <h2 id="reload-prompt-title" class="reload-prompt__title">
            {ui('newVersionTitle')}
          </h2>
          <p id="reload-prompt-text">{ui('newVersionText')}</p>
          <div class="button-row">
            <button type="button" class="button button--primary" onClick={update}>
              {ui('update')}
            </button>
            <button type="button" class="button button--secondary" onClick={close}>
              {ui('close')}
            </button>
          </div>
        </div>
      </Show>
      <Show when={offlineReady() && !needRefresh()}>
        <div class="reload-prompt" role="status">
          <p>{ui('offlineReady')}</p>
          <div class="button-row">
            <button type="button" class="button button--secondary" onClick={close}>
              {ui('close')}
            </button>
          </div>
        </div>
      </Show>
    </div>
  )
}
