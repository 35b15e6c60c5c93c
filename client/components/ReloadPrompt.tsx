/// <reference types="vite-plugin-pwa/solid" />
import { useRegisterSW } from 'virtual:pwa-register/solid'
import { createEffect, onCleanup, Show } from 'solid-js'
import { ui } from '../lib/i18n'

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
    onRegisterError(error) {
      console.warn('service worker registration failed', error)
    },
  })
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
            <button type="button" class="button button--primary" onClick={() => void updateServiceWorker(true)}>
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
