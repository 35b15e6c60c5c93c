import { createEffect, onCleanup, Show } from 'solid-js'
import { ui } from '../lib/i18n'
import {
  activateWaiting,
  needRefresh,
  offlineReady,
  setNeedRefresh,
  setOfflineReady,
} from '../lib/service-worker'
import './ReloadPrompt.css'

/**
 * What the service worker has to say (lib/service-worker.ts): a new version waits, with 更新する
 * (it takes over and the page reloads) or 閉じる, as a non-modal dialog; or the app is ready to
 * start offline, as a status. Layout draws it inside a polite live region at the end of the footer,
 * in the page's flow, never over the page, so it covers no control; and fetches this module only
 * when there is something to say.
 */
export default function ReloadPrompt() {
  const close = () => {
    setNeedRefresh(false)
    setOfflineReady(false)
  }
  // "Ready to work offline" is news, not a question: it goes by itself after a while (閉じる closes it
  // at once). The update prompt waits for the member.
  createEffect(() => {
    if (!offlineReady()) return
    const timer = setTimeout(() => setOfflineReady(false), 8000)
    onCleanup(() => clearTimeout(timer))
  })
  return (
    <>
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
            <button
              type="button"
              class="button button--primary"
              onClick={() => void activateWaiting()}
            >
              {ui('update')}
            </button>
            <CloseButton onClick={close} />
          </div>
        </div>
      </Show>
      <Show when={offlineReady() && !needRefresh()}>
        <div class="reload-prompt" role="status">
          <p>{ui('offlineReady')}</p>
          <div class="button-row">
            <CloseButton onClick={close} />
          </div>
        </div>
      </Show>
    </>
  )
}

/** 閉じる: the prompt goes until the service worker has something new to say. */
function CloseButton(props: { onClick: () => void }) {
  return (
    <button type="button" class="button button--secondary" onClick={() => props.onClick()}>
      {ui('close')}
    </button>
  )
}
