import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

type Store = typeof import('./offline-store')
type Network = typeof import('./network')

const DAY = 86_400_000
const NOW = Date.parse('2026-12-01T09:00:00Z')
const TERMS = { idleSeconds: 3600, expiresAt: new Date(NOW + 30 * DAY).toISOString() }

/** A fresh page: an empty IndexedDB, and the modules loaded anew (their state is per page). */
async function page(): Promise<{ store: Store; network: Network }> {
  vi.resetModules()
  return { store: await import('./offline-store'), network: await import('./network') }
}

/** Every record kept, as the device's storage holds it. */
async function rawRecords(): Promise<{ keys: IDBValidKey[]; values: unknown[] }> {
  const open = indexedDB.open('kenshin-offline')
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error)
  })
  const store = db.transaction('records').objectStore('records')
  const [keys, values] = await Promise.all(
    [store.getAllKeys(), store.getAll()].map(
      (request) =>
        new Promise<unknown[]>((resolve) => (request.onsuccess = () => resolve(request.result))),
    ),
  )
  db.close()
  return { keys: keys as IDBValidKey[], values }
}

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory())
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('the offline copy', () => {
  it('keeps what a member opened and gives it back, with when it was saved', async () => {
    const { store } = await page()
    await store.bindOffline('1', TERMS)
    await store.saveOffline('1', 'list', { checkups: ['2026-06-01'] }, NOW)
    expect(await store.readOffline('list', '1')).toEqual({
      data: { checkups: ['2026-06-01'] },
      savedAt: NOW,
    })
    // A new page (an offline start) reads it from the device.
    const next = await page()
    expect((await next.store.readOffline('list', '1'))?.data).toEqual({ checkups: ['2026-06-01'] })
  })

  it('writes neither the record’s name nor its content in clear', async () => {
    const { store } = await page()
    await store.bindOffline('1', TERMS)
    await store.saveOffline('1', 'checkup:2026-06-01', { name: '山田太郎' }, NOW)
    const { keys, values } = await rawRecords()
    expect(keys).toHaveLength(1)
    expect(String(keys[0])).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(values)).not.toContain('2026-06-01')
    const sealed = values[0] as { data: ArrayBuffer }
    expect(new TextDecoder().decode(sealed.data)).not.toContain('山田')
  })

  it('keeps nothing without a session bound to the account', async () => {
    const { store } = await page()
    await store.saveOffline('1', 'list', { checkups: [] })
    expect(await store.readOffline('list', '1')).toBeNull()
  })

  it('is another account’s: not read, and wiped when that account binds', async () => {
    const { store } = await page()
    await store.bindOffline('1', TERMS)
    await store.saveOffline('1', 'list', { checkups: [] }, NOW)
    expect(await store.readOffline('list', '2')).toBeNull()
    await store.bindOffline('2', TERMS)
    expect(await store.readOffline('list', '1')).toBeNull()
    expect(await store.readOffline('list', '2')).toBeNull()
  })

  it('goes with the session: past its idle deadline nothing is read', async () => {
    const { store } = await page()
    await store.bindOffline('1', TERMS)
    await store.saveOffline('1', 'list', { checkups: [] }, NOW)
    vi.setSystemTime(NOW + 3600_000 + 1)
    const next = await page()
    expect(await next.store.readOffline('list', '1')).toBeNull()
    expect(next.store.offlineRefusal()).toBeUndefined()
  })

  it('is refused 7 days after the last health read online, and says why', async () => {
    const { store } = await page()
    await store.bindOffline('1', { ...TERMS, idleSeconds: 30 * 86_400 })
    await store.saveOffline('1', 'list', { checkups: [] }, NOW)
    vi.setSystemTime(NOW + 7 * DAY + 1)
    const next = await page()
    expect(await next.store.readOffline('list', '1')).toBeNull()
    expect(next.store.offlineRefusal()).toBe('stale')
  })

  it('refuses a device clock turned back behind the server’s time', async () => {
    const { store, network } = await page()
    network.reportServerTime(new Date(NOW).toUTCString())
    await store.bindOffline('1', TERMS)
    await store.saveOffline('1', 'list', { checkups: [] }, NOW)
    vi.setSystemTime(NOW - DAY)
    expect(await store.readOffline('list', '1')).toBeNull()
    expect(store.offlineRefusal()).toBe('clock')
  })

  it('is gone after wipeOffline (log-out), keys and all', async () => {
    const { store } = await page()
    await store.bindOffline('1', TERMS)
    await store.saveOffline('1', 'list', { checkups: [] }, NOW)
    await store.wipeOffline()
    expect(await indexedDB.databases()).toEqual([])
    expect(await store.readOffline('list', '1')).toBeNull()
  })
})
