/** Whether the device says it is online, as a signal (the offline banner and the actions that need the network). */
import { createRoot, createSignal } from 'solid-js'

export const online = createRoot(() => {
  const [value, set] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine)
  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => set(true))
    window.addEventListener('offline', () => set(false))
  }
  return value
})
