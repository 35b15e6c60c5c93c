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
 * - `wipeOffline` (offline-wipe.ts, so that a wipe needs none of this module) deletes the database,
 *   keys and all (log-out, session ended, another member); the server's log-out also sends
 *   `Clear-Site-Data: "storage"`, which empties every cache as well.
 * - The copy lives at most 7 days after the member last passed the step-up online: the server time
 *   (Date header) of the last health read that succeeded, which only a current step-up allows. And
 *   the latest server time seen is kept: a device clock set earlier than it (less 5 minutes) is
 *   refused, since turning the clock back would otherwise stretch both limits and the session's.
 *   Either refusal wipes the copy and says why (`offlineRefusal`).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import { onServerTime, serverTimeSeen } from './network'
import {
  beforeWipe,
  offlineRefusal,
  OFFLINE_DB_NAME,
  setRefusal,
  wipeOffline,
  type OfflineRefusal,
} from './offline-wipe'

export { wipeOffline }

const VERSION = 1

type Binding = {
  accountId: string
  aes: CryptoKey
  hmac: CryptoKey
  idleMs: number
  absoluteExpiresAt: number
  /** The last answer from the server for this session (moves the idle deadline, as the server does). */
  lastContact: number
  /** The latest server time seen (Date headers); 0 when no answer had one. */
  serverTime: number
  /**
   * When the session last passed the step-up online (X-Step-Up-At of a health read), in the server's
   * time; the store's creation for a store that holds no health data yet.
   */
  provenAt: number
  /**
   * The latest device time at which the copy was read: a clock turned back below it (say, to just
   * after the last read online, to stretch the 7 days while offline) is refused as well.
   */
  deviceSeen?: number
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
  opening ??= openDB<OfflineDB>(OFFLINE_DB_NAME, VERSION, {
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

const available = () =>
  typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && !!crypto.subtle

const expired = (binding: Binding, now = Date.now()) =>
  now >= binding.absoluteExpiresAt || now >= binding.lastContact + binding.idleMs

/**
 * How far a device clock may run behind the server's and still be trusted: clocks drift by seconds
 * and the Date header has whole seconds, while a clock turned back to stretch a limit is hours or
 * days behind. 5 minutes tells the two apart.
 */
const CLOCK_SKEW_MS = 5 * 60_000
/** The copy lives at most this long after the last health read online (docs/security.md: 7 days). */
const PROVEN_FOR_MS = 7 * 86_400_000

export { offlineRefusal, type OfflineRefusal }

/** The latest server time known: the store's, or this page's if later. */
const serverTimeOf = (binding: Binding): number =>
  Math.max(binding.serverTime ?? 0, serverTimeSeen())

/** Why the copy may not be used now, if it may not (a store of an older version has no times: stale). */
function refusalOf(binding: Binding, now = Date.now()): OfflineRefusal | undefined {
  const serverTime = serverTimeOf(binding)
  if (now < serverTime - CLOCK_SKEW_MS) return 'clock'
  if (now < Math.max(binding.lastContact, binding.deviceSeen ?? 0) - CLOCK_SKEW_MS) return 'clock'
  if (Math.max(now, serverTime) > (binding.provenAt ?? 0) + PROVEN_FOR_MS) return 'stale'
  return undefined
}

/** The binding as stored, read once per page load (kept in step by bind, save and wipe). */
let bindingRead: Promise<Binding | undefined> | null = null
const storedBinding = () => (bindingRead ??= db().then((open) => open.get('meta', 'binding')))

/**
 * The store's binding when it is this account's (any account's when `accountId` is omitted) and live.
 * Otherwise the store is wiped; when `reading` the copy, a refusal is recorded for the screen to say.
 */
async function liveBinding(accountId?: string, reading = false): Promise<Binding | null> {
  if (!available()) return null
  const binding = await storedBinding()
  if (!binding) return null
  const refused = refusalOf(binding)
  if (refused || expired(binding) || (accountId !== undefined && binding.accountId !== accountId)) {
    await wipeOffline()
    if (refused && reading) setRefusal(refused)
    return null
  }
  if (reading) return noteDeviceTime(binding)
  return binding
}

/** Keeps the device time of a read (at most once a minute), the floor for the clock from now on. */
async function noteDeviceTime(binding: Binding, now = Date.now()): Promise<Binding> {
  if (now < (binding.deviceSeen ?? 0) + 60_000) return binding
  const seen: Binding = { ...binding, deviceSeen: now }
  try {
    await (await db()).put('meta', seen, 'binding')
    bindingRead = Promise.resolve(seen)
  } catch {
    // A store that cannot be written keeps the floor it had.
  }
  return seen
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
  // A clock behind the server's: no copy is started (it would be refused when read).
  const serverTime = serverTimeSeen()
  if (now < serverTime - CLOCK_SKEW_MS) return
  setRefusal(undefined)
  const binding: Binding = existing
    ? {
        ...existing,
        idleMs: terms.idleSeconds * 1000,
        absoluteExpiresAt,
        lastContact: now,
        serverTime: serverTimeOf(existing),
      }
    : {
        accountId,
        aes: await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
          'encrypt',
          'decrypt',
        ]),
        hmac: await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
        idleMs: terms.idleSeconds * 1000,
        absoluteExpiresAt,
        lastContact: now,
        serverTime,
        provenAt: serverTime || now,
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
 * `provenAt`: for health data, the server time of the read (the step-up was current then).
 */
export async function saveOffline(
  accountId: string,
  name: string,
  data: unknown,
  provenAt?: number,
): Promise<void> {
  try {
    const binding = await liveBinding(accountId)
    if (!binding) return
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const plain = new TextEncoder().encode(JSON.stringify(data))
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, binding.aes, plain)
    const now = Date.now()
    // Everything awaited that is not the database comes before the transaction: one that waits on
    // anything else (WebCrypto) commits empty and refuses the writes that follow.
    const id = await recordId(binding, name)
    const database = await db()
    const tx = database.transaction(['meta', 'records'], 'readwrite')
    const moved: Binding = {
      ...binding,
      lastContact: now,
      serverTime: serverTimeOf(binding),
      provenAt: Math.max(binding.provenAt, provenAt ?? 0),
    }
    await Promise.all([
      tx.objectStore('records').put({ iv, data: sealed, savedAt: now }, id),
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
    const binding = await liveBinding(accountId, true)
    if (!binding) return null
    const record = await (await db()).get('records', await recordId(binding, name))
    if (!record) return null
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: record.iv },
      binding.aes,
      record.data,
    )
    return { data: JSON.parse(new TextDecoder().decode(plain)) as T, savedAt: record.savedAt }
  } catch {
    return null
  }
}

/**
 * Before each wipe (offline-wipe.ts, which deletes the database and the caches), this page's reads
 * are dropped and its connection closed, so the deletion is not held up by it.
 */
beforeWipe(async () => {
  ahead.clear()
  bindingRead = null
  if (opening) {
    const open = await opening.catch(() => null)
    open?.close()
    opening = null
  }
})

/** Server times already being written (one write at a time; the next answer brings the latest anyway). */
let keepingServerTime = false

/**
 * Writes a newer server time into a live store's metadata, so the next start (offline perhaps)
 * still knows it. At most once a minute of server time: a store a minute behind still refuses a
 * clock turned back by more than CLOCK_SKEW_MS. Read and write are one transaction, so a binding
 * written meanwhile (a save, a new session's deadlines) is not undone.
 */
async function keepServerTime(time: number): Promise<void> {
  if (keepingServerTime || !bindingRead || !available()) return
  const known = await bindingRead.catch(() => undefined)
  if (!known || time - (known.serverTime ?? 0) < 60_000) return
  keepingServerTime = true
  const read = bindingRead
  try {
    const tx = (await db()).transaction('meta', 'readwrite')
    const current = await tx.store.get('binding')
    const moved = current
      ? { ...current, serverTime: Math.max(current.serverTime ?? 0, time) }
      : undefined
    if (moved) await tx.store.put(moved, 'binding')
    await tx.done
    // Unless the store was wiped or bound anew meanwhile.
    if (moved && bindingRead === read) bindingRead = Promise.resolve(moved)
  } catch {
    // The store went (a wipe) or is unavailable: nothing to keep.
  } finally {
    keepingServerTime = false
  }
}

onServerTime((time) => void keepServerTime(time))
