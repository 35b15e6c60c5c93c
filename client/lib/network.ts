/**
 * Whether the app can reach the server, as a signal (the offline banner, the actions that need the
 * network). The device's word (navigator.onLine and its events) and the API's own experience both
 * count: a dropped request means offline until the next answer, because a device can say it is online
 * with no way through (a captive portal, a dead mobile link, an emulated offline).
 */
import { createRoot, createSignal } from 'solid-js'

const state = createRoot(() => {
  const [online, setOnline] = createSignal(
    typeof navigator === 'undefined' ? true : navigator.onLine,
  )
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

/** The latest server time seen (epoch ms, from the Date header of API answers); 0 before any. */
let latestServerTime = 0
const serverTimeListeners = new Set<(time: number) => void>()

/**
 * Takes an API answer's Date header: the server's time, which a device's clock may not agree with.
 * Keeps the latest seen (the offline copy refuses a clock set earlier than it) and returns this
 * answer's time, or undefined without a readable header.
 */
export function reportServerTime(header: string | null): number | undefined {
  const time = header ? Date.parse(header) : NaN
  if (!Number.isFinite(time)) return undefined
  if (time > latestServerTime) {
    latestServerTime = time
    for (const listener of serverTimeListeners) listener(time)
  }
  return time
}

/** The latest server time seen in this page's life (0 before any answer with a Date header). */
export const serverTimeSeen = (): number => latestServerTime

/** Calls `listener` with each newer server time seen (the offline store keeps it). */
export function onServerTime(listener: (time: number) => void): void {
  serverTimeListeners.add(listener)
}
