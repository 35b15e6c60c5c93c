import { createSignal, onCleanup, onMount, Show } from 'solid-js'
import { ui } from '../lib/i18n'

/** Chromium's install event (not in TypeScript's DOM types). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>
}

const standalone = () =>
  window.matchMedia('(display-mode: standalone)').matches ||
  (navigator as Navigator & { standalone?: boolean }).standalone === true

/**
 * アプリをインストール: offered only where the browser allows it (Chromium's `beforeinstallprompt`,
 * whose default mini-infobar is held back so the offer sits in the page instead), never inside the
 * installed app, and gone once the app is installed. An ordinary button: reachable by keyboard, its
 * meaning in its text and icon, not in colour.
 */
export function InstallPrompt() {
  const [deferred, setDeferred] = createSignal<BeforeInstallPromptEvent>()

  onMount(() => {
    if (standalone()) return
    const onBeforeInstall = (event: Event) => {
      event.preventDefault()
      setDeferred(event as BeforeInstallPromptEvent)
    }
    const onInstalled = () => setDeferred(undefined)
    window.addEventListener('beforeinstallprompt', onBeforeInstall)
    window.addEventListener('appinstalled', onInstalled)
    onCleanup(() => {
      window.removeEventListener('beforeinstallprompt', onBeforeInstall)
      window.removeEventListener('appinstalled', onInstalled)
    })
  })

  const install = async () => {
    const event = deferred()
    if (!event) return
    // The event can prompt once: whatever the answer, the button goes (the browser fires
    // beforeinstallprompt again if installing becomes possible again).
    setDeferred(undefined)
    await event.prompt()
  }

  return (
    <Show when={deferred()}>
      <div class="install-prompt">
        <button type="button" class="button button--secondary install-prompt__button" onClick={() => void install()}>
          <svg class="install-prompt__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M12 3v11m0 0-4.5-4.5M12 14l4.5-4.5M4 16v4h16v-4" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
          {ui('installApp')}
        </button>
      </div>
    </Show>
  )
}
