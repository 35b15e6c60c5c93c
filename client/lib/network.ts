/**
 * Whether the app can reach the server, as a signal (the offline banner, the actions that need the
 * network). The device's word (navigator.onLine and its events) and the API's own experience both
 * count: a dropped request means offline until the next answer, because a device can say it is online
 * with no way through (a captive portal, a dead mobile link, an emulated offline).
 */
import { createRoot, createSignal } from 'solid-js'

const state = createRoot(() => {
  const [online, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine)
  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => setOnline(true))
    window.addEventListener('offline', () => setOnline(false))
  }
  return { online, setOnline }
})

export const online = state.online

/** The API's experience: an answer (any status) means online, a dropped request offline. */
export function reportNetwork(reached: boolean): void {
  state.setOnline(reached)
}
