/**
 * Chromium's offer to install the app (`beforeinstallprompt`, which TypeScript's DOM types lack),
 * kept from the start of the page: the event may come before any screen is drawn. Its default
 * mini-infobar is held back so the offer sits in the page (components/InstallPrompt.tsx, fetched
 * only once there is an offer). None inside the installed app, and none once it is installed.
 */
import { createSignal } from 'solid-js'

export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>
}

const [installOffer, setInstallOffer] = createSignal<BeforeInstallPromptEvent>()

/** The browser's offer, while there is one. */
export { installOffer }

const standalone = () =>
  window.matchMedia('(display-mode: standalone)').matches ||
  (navigator as Navigator & { standalone?: boolean }).standalone === true

/** Starts listening for the offer, unless this already is the installed app. */
export function listenForInstallOffer(): void {
  if (standalone()) return
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault()
    setInstallOffer(event as BeforeInstallPromptEvent)
  })
  window.addEventListener('appinstalled', () => setInstallOffer(undefined))
}

/**
 * Shows the browser's install dialog. The event can prompt once: whatever the answer, the offer goes
 * (the browser fires beforeinstallprompt again if installing becomes possible again).
 */
export async function acceptInstallOffer(): Promise<void> {
  const event = installOffer()
  if (!event) return
  setInstallOffer(undefined)
  await event.prompt()
}
