/**
 * The offline copy (issue 5): what the member has opened — the list of checkups, each checkup
 * opened, and who they are — kept in IndexedDB (through `idb`), encrypted with AES-GCM.
 *
 * - The keys are made on this device, non-extractable (script can use them, never read them), and
 *   kept in the same database, so they go when it goes.
 * - The store belongs to one account and to the session that made it: its deadline is the session's
 *   (the absolute deadline, and the idle one counted from the last answer from the server). Past it, or
 *   for another account, the store is deleted before anything is read or written.
 * - Record names are HMACs (a checkup's date is not written in clear); each record has its own IV.
 * - `wipeOffline` deletes the database, keys and all (log-out, session ended, another member); the
 *   server's log-out also sends `Clear-Site-Data: "storage"`, which empties every cache as well.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb'

const DB_NAME = 'kenshin-offline'
const VERSION = 1

type Binding = {
  accountId: string
  aes: CryptoKey
  hmac: CryptoKey
  idleMs: number
  absoluteExpiresAt: number
  /** The last answer from the server for this session (moves the idle deadline, as the server does). */
  lastContact: number
}
type Sealed = { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer; savedAt: number }

interface OfflineDB extends DBSchema {
  meta: { key: 'binding'; value: Binding }
  records: { key: string; value: Sealed }
}

/** What the server said of the session (GET /api/me). */
export type SessionTerms = { idleSeconds: number; expiresAt: string }

export type OfflineCopy<T> = { data: T; savedAt: number }

let opening: Promise<IDBPDatabase<OfflineDB>> | null = null

function db(): Promise<IDBPDatabase<OfflineDB>> {
  opening ??= openDB<OfflineDB>(DB_NAME, VERSION, {
    upgrade(database) {
      database.createObjectStore('meta')
      database.createObjectStore('records')
    },
    // Another tab deletes the database (log-out there): let it, and open anew next time.
    blocking() {
      void opening?.then((open) => open.close())
      opening = null
      bindingRead = null
    },
  }).catch((error) => {
    opening = null
    throw error
  })
  return opening
}

const available = () => typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && !!crypto.subtle

const expired = (binding: Binding, now = Date.now()) =>
  now >= binding.absoluteExpiresAt || now >= binding.lastContact + binding.idleMs

/** The binding as stored, read once per page load (kept in step by bind, save and wipe). */
let bindingRead: Promise<Binding | undefined> | null = null
const storedBinding = () => (bindingRead ??= db().then((open) => open.get('meta', 'binding')))

/** The store's binding when it is this account's (any account's when `accountId` is omitted) and live. */
async function liveBinding(accountId?: string): Promise<Binding | null> {
  if (!available()) return null
  const binding = await storedBinding()
  if (!binding) return null
  if (expired(binding) || (accountId !== undefined && binding.accountId !== accountId)) {
    await wipeOffline()
    return null
  }
  return binding
}

/**
 * Binds the store to the logged-in member and their session, online: another account's store, or
 * an expired one, is wiped first; keys are made when there are none. Called with every answer of
 * GET /api/me, which also moves the idle deadline.
 */
export async function bindOffline(accountId: string, terms: SessionTerms): Promise<void> {
  if (!available()) return
  const existing = await liveBinding(accountId)
  const now = Date.now()
  const absoluteExpiresAt = Date.parse(terms.expiresAt)
  if (!Number.isFinite(absoluteExpiresAt)) return
  const binding: Binding = existing
    ? { ...existing, idleMs: terms.idleSeconds * 1000, absoluteExpiresAt, lastContact: now }
    : {
        accountId,
        aes: await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
        hmac: await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
        idleMs: terms.idleSeconds * 1000,
        absoluteExpiresAt,
        lastContact: now,
      }
  await (await db()).put('meta', binding, 'binding')
  bindingRead = Promise.resolve(binding)
}

async function recordId(binding: Binding, name: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', binding.hmac, new TextEncoder().encode(name))
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Keeps `data` under `name` for this account, sealed, after a good answer from the server (which also
 * moved the session's idle deadline). Nothing is kept without a live binding for this account.
 */
export async function saveOffline(accountId: string, name: string, data: unknown): Promise<void> {
  try {
    const binding = await liveBinding(accountId)
    if (!binding) return
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const plain = new TextEncoder().encode(JSON.stringify(data))
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, binding.aes, plain)
    const now = Date.now()
    const database = await db()
    const tx = database.transaction(['meta', 'records'], 'readwrite')
    const moved = { ...binding, lastContact: now }
    await Promise.all([
      tx.objectStore('records').put({ iv, data: sealed, savedAt: now }, await recordId(binding, name)),
      tx.objectStore('meta').put(moved, 'binding'),
      tx.done,
    ])
    bindingRead = Promise.resolve(moved)
  } catch {
    // A full or unavailable store only loses the offline copy; the screen goes on.
  }
}

/** Reads started ahead of their screen (`prefetchOffline`), taken by the first `readOffline` of each. */
const ahead = new Map<string, Promise<OfflineCopy<unknown> | null>>()

/**
 * Starts reading copies a screen is about to ask for, without a network (the offline start: the
 * member, then the results list, would otherwise be read one after the other).
 */
export function prefetchOffline(names: string[], accountId?: string): void {
  for (const name of names) if (!ahead.has(name)) ahead.set(name, read(name, accountId))
}

/** The copy of `name` for this account (any live account's when omitted), or null. */
export function readOffline<T>(name: string, accountId?: string): Promise<OfflineCopy<T> | null> {
  const started = ahead.get(name)
  ahead.delete(name)
  return (started ?? read(name, accountId)).then(async (copy) => {
    // A read started for any account must still be this account's.
    if (copy && accountId !== undefined && !(await liveBinding(accountId))) return null
    return copy as OfflineCopy<T> | null
  })
}

async function read<T>(name: string, accountId?: string): Promise<OfflineCopy<T> | null> {
  try {
    const binding = await liveBinding(accountId)
    if (!binding) return null
    const record = await (await db()).get('records', await recordId(binding, name))
    if (!record) return null
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv }, binding.aes, record.data)
    return { data: JSON.parse(new TextDecoder().decode(plain)) as T, savedAt: record.savedAt }
  } catch {
    return null
  }
}

/**
 * The service worker's own caches: the app's files only (client/sw.ts: the precache and 'assets',
 * hashed /assets/ files). API answers are never cached, so no other cache may exist; any other is
 * deleted on a wipe as if it could hold personal data.
 */
const APP_FILE_CACHES = /(^workbox-precache|^assets$|^workbox-expiration)/

/** Deletes the offline copy and its keys, and any cache that is not the app's own files. */
export async function wipeOffline(): Promise<void> {
  ahead.clear()
  bindingRead = null
  if (opening) {
    const open = await opening.catch(() => null)
    open?.close()
    opening = null
  }
  if (typeof indexedDB !== 'undefined') await deleteDB(DB_NAME).catch(() => undefined)
  if (typeof caches !== 'undefined') {
    const names = await caches.keys().catch(() => [] as string[])
    await Promise.all(names.filter((name) => !APP_FILE_CACHES.test(name)).map((name) => caches.delete(name)))
  }
}
