/**
 * Wiping the offline copy (offline-store.ts) without loading it. The store and `idb` are fetched at
 * their first use (lib/session.ts), but the copy is also wiped when the server says there is no
 * session, which is every logged-out screen's first load: fetching the store only to delete it would
 * cost those screens its bytes. Deleting needs nothing of it, so the wipe lives here, with the
 * browser's own IndexedDB API. When the store has been loaded in this page, it is asked first to
 * close its connection and forget what it read (`beforeWipe`), as its own wipe always did.
 */
import { createSignal } from 'solid-js'

/** The IndexedDB database of the offline copy (offline-store.ts opens it). */
export const OFFLINE_DB_NAME = 'kenshin-offline'

/** Why the copy was refused: the device clock is behind the server's, or the last proof is too old. */
export type OfflineRefusal = 'clock' | 'stale'

const [refusal, setRefusal] = createSignal<OfflineRefusal>()
/**
 * Why the offline copy was last refused (and wiped) in this page's life, until a new one is bound.
 * Kept here, beside the wipe and in every screen's first load, so the start screen can lead to the
 * screen that says why without fetching the store (offline-store.ts sets it).
 */
export const offlineRefusal = refusal
export { setRefusal }

/**
 * The service worker's own caches: the app's files only (client/sw.ts: the precache and 'assets',
 * hashed /assets/ files). API answers are never cached, so no other cache may exist; any other is
 * deleted on a wipe as if it could hold personal data.
 */
const APP_FILE_CACHES = /(^workbox-precache|^assets$|^workbox-expiration)/

/** The loaded store's own part of a wipe (offline-store.ts registers it when it loads). */
let forgetOpenStore: (() => Promise<void>) | undefined

/** Called by offline-store.ts as it loads: its connection and reads go before each wipe. */
export function beforeWipe(forget: () => Promise<void>): void {
  forgetOpenStore = forget
}

/** Deletes the database as `idb`'s deleteDB does: done when it is gone, waiting while another tab holds it. */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => reject(request.error)
  })
}

/** Deletes the offline copy and its keys, and any cache that is not the app's own files. */
export async function wipeOffline(): Promise<void> {
  await forgetOpenStore?.()
  if (typeof indexedDB !== 'undefined') await deleteDatabase(OFFLINE_DB_NAME).catch(() => undefined)
  if (typeof caches !== 'undefined') {
    const names = await caches.keys().catch(() => [] as string[])
    await Promise.all(
      names.filter((name) => !APP_FILE_CACHES.test(name)).map((name) => caches.delete(name)),
    )
  }
}
