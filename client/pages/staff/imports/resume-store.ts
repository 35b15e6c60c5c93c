/**
 * Where an import started in this browser can be picked up again (a closed tab, a lost network): one
 * IndexedDB record per file being imported, keyed by the staff member, the insurer, the kind and the
 * file's identity (file-identity.ts), holding the server's import id and the last batch the server
 * confirmed. The server stays authoritative (GET …/imports/:id answers where it really is); this record
 * only lets the screen offer 「前回の取り込みを再開」 and says from which line.
 *
 * No personal data: a file name, sizes, hashes, counts and line numbers. Records older than 7 days are
 * dropped when the store is opened; a completed import removes its record.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { FileIdentity } from './file-identity'

export const RESUME_DB_NAME = 'kenshin-staff-imports'
const VERSION = 1
/** A record not touched for this long is dropped (the server keeps its side 90 days). */
export const RESUME_MAX_AGE_MS = 7 * 86_400_000
/**
 * Bumped when the batching rules change (batch size, bytes per batch, what is rejected locally): a record
 * written by an older version then starts from the beginning, since skipping by batch number needs the
 * same batches.
 */
export const PARSER_VERSION = 1

export type ImportKind = 'roster' | 'checkups'

export type ResumeRecord = {
  key: string
  importId: string
  staffId: string
  insurer: string
  kind: ImportKind
  name: string
  size: number
  lastModified: number
  headSha: string
  tailSha: string
  parserVersion: number
  batchSize: number
  /** Highest seq such that every batch up to it was answered. */
  lastConfirmedSeq: number
  /** Roster: the last line of that batch. */
  lastConfirmedLine: number | null
  /** Checkups: the units (documents) consumed by then. */
  lastConfirmedUnit: number | null
  /** The encoding or format found, for the screen. */
  detected: string | null
  startedAt: number
  updatedAt: number
}

interface ResumeDB extends DBSchema {
  imports: { key: string; value: ResumeRecord; indexes: { updatedAt: number } }
}

export function resumeKey(
  staffId: string,
  insurer: string,
  kind: ImportKind,
  id: FileIdentity,
): string {
  return [staffId, insurer, kind, id.name, id.size, id.lastModified, id.headSha, id.tailSha].join(
    ':',
  )
}

let opened: Promise<IDBPDatabase<ResumeDB>> | undefined

async function db(now: number): Promise<IDBPDatabase<ResumeDB>> {
  opened ??= openDB<ResumeDB>(RESUME_DB_NAME, VERSION, {
    upgrade(database) {
      const store = database.createObjectStore('imports', { keyPath: 'key' })
      store.createIndex('updatedAt', 'updatedAt')
    },
  }).then(
    async (database) => {
      // Old records go before anything is read.
      const tx = database.transaction('imports', 'readwrite')
      const range = IDBKeyRange.upperBound(now - RESUME_MAX_AGE_MS, true)
      for (let c = await tx.store.index('updatedAt').openCursor(range); c; c = await c.continue())
        await c.delete()
      await tx.done
      return database
    },
    (err) => {
      opened = undefined
      throw err
    },
  )
  return opened
}

/** Closes the store (tests, and a page that wants a fresh open to drop old records again). */
export async function closeResumeStore(): Promise<void> {
  const current = opened
  opened = undefined
  if (current) (await current.catch(() => null))?.close()
}

/** The record for this staff member, insurer, kind and file, if one is kept and still usable. */
export async function findResume(
  staffId: string,
  insurer: string,
  kind: ImportKind,
  id: FileIdentity,
  now = Date.now(),
): Promise<ResumeRecord | null> {
  try {
    const database = await db(now)
    const record = await database.get('imports', resumeKey(staffId, insurer, kind, id))
    if (!record) return null
    if (record.parserVersion !== PARSER_VERSION) {
      await database.delete('imports', record.key)
      return null
    }
    return record
  } catch {
    return null // storage blocked or broken: no resume offered, the import still works
  }
}

/** Writes (or replaces) a record. Never throws: a resume is a convenience, the import goes on. */
export async function saveResume(record: ResumeRecord, now = Date.now()): Promise<boolean> {
  try {
    const database = await db(now)
    await database.put('imports', { ...record, updatedAt: now })
    return true
  } catch {
    return false
  }
}

export async function removeResume(key: string, now = Date.now()): Promise<void> {
  try {
    await (await db(now)).delete('imports', key)
  } catch {
    // nothing to do: the record ages out
  }
}

/**
 * Saves the record at most once per `everyMs` while batches settle, and at once when asked (`flush`):
 * one IndexedDB write per answered batch would cost more than the batch's own bookkeeping.
 */
export function throttledSaver(
  everyMs = 250,
  clock: () => number = Date.now,
): {
  save(record: ResumeRecord): void
  flush(): Promise<void>
} {
  let pending: ResumeRecord | null = null
  let last = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let writing: Promise<unknown> = Promise.resolve()
  const write = () => {
    timer = undefined
    const record = pending
    pending = null
    if (!record) return writing
    last = clock()
    writing = writing.then(() => saveResume(record, last))
    return writing
  }
  return {
    save(record) {
      pending = record
      if (timer) return
      const wait = Math.max(0, last + everyMs - clock())
      if (wait === 0) void write()
      else timer = setTimeout(() => void write(), wait)
    },
    async flush() {
      if (timer) clearTimeout(timer)
      await write()
    },
  }
}
