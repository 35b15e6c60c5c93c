import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FileIdentity } from './file-identity'
import {
  closeResumeStore,
  findResume,
  PARSER_VERSION,
  removeResume,
  RESUME_MAX_AGE_MS,
  resumeKey,
  saveResume,
  throttledSaver,
  type ResumeRecord,
} from './resume-store'

const NOW = Date.parse('2026-12-07T09:00:00Z')
const ID: FileIdentity = {
  name: 'members.csv',
  size: 12_345,
  lastModified: NOW - 60_000,
  headSha: 'a'.repeat(64),
  tailSha: 'b'.repeat(64),
}

function record(staffId: string, over: Partial<ResumeRecord> = {}): ResumeRecord {
  return {
    key: resumeKey(staffId, '06139992', 'roster', ID),
    importId: crypto.randomUUID(),
    staffId,
    insurer: '06139992',
    kind: 'roster',
    name: ID.name,
    size: ID.size,
    lastModified: ID.lastModified,
    headSha: ID.headSha,
    tailSha: ID.tailSha,
    parserVersion: PARSER_VERSION,
    batchSize: 1000,
    lastConfirmedSeq: 3,
    lastConfirmedLine: 3001,
    lastConfirmedUnit: null,
    detected: 'Shift_JIS',
    startedAt: NOW,
    updatedAt: NOW,
    ...over,
  }
}

beforeEach(async () => {
  await closeResumeStore()
  vi.stubGlobal('indexedDB', new IDBFactory())
})
afterEach(async () => {
  await closeResumeStore()
  vi.useRealTimers()
})

describe('the resume store', () => {
  it('finds a record by staff member, insurer, kind and file identity, and only so', async () => {
    const mine = record('staff-1')
    expect(await saveResume(mine, NOW)).toBe(true)
    expect(await findResume('staff-1', '06139992', 'roster', ID, NOW)).toMatchObject({
      importId: mine.importId,
      lastConfirmedSeq: 3,
      lastConfirmedLine: 3001,
    })
    // another operator on the same PC, another insurer, the other kind, another file: nothing
    expect(await findResume('staff-2', '06139992', 'roster', ID, NOW)).toBeNull()
    expect(await findResume('staff-1', '06139463', 'roster', ID, NOW)).toBeNull()
    expect(await findResume('staff-1', '06139992', 'checkups', ID, NOW)).toBeNull()
    for (const changed of [
      { size: ID.size + 1 },
      { lastModified: ID.lastModified + 1 },
      { headSha: 'c'.repeat(64) },
      { tailSha: 'c'.repeat(64) },
    ])
      expect(
        await findResume('staff-1', '06139992', 'roster', { ...ID, ...changed }, NOW),
      ).toBeNull()
  })

  it('drops records older than 7 days when opened, keeps younger ones', async () => {
    await saveResume(record('old'), NOW - RESUME_MAX_AGE_MS - 1)
    await saveResume(record('young'), NOW - RESUME_MAX_AGE_MS + 60_000)
    await closeResumeStore()
    expect(await findResume('old', '06139992', 'roster', ID, NOW)).toBeNull()
    expect(await findResume('young', '06139992', 'roster', ID, NOW)).not.toBeNull()
    // gone from the database, not only hidden
    await closeResumeStore()
    expect(await findResume('old', '06139992', 'roster', ID, NOW - RESUME_MAX_AGE_MS)).toBeNull()
  })

  it('forgets a record written by another parser version (its batches may differ)', async () => {
    await saveResume(record('staff-1', { parserVersion: PARSER_VERSION + 1 }), NOW)
    expect(await findResume('staff-1', '06139992', 'roster', ID, NOW)).toBeNull()
  })

  it('removes a record', async () => {
    const r = record('staff-1')
    await saveResume(r, NOW)
    await removeResume(r.key, NOW)
    expect(await findResume('staff-1', '06139992', 'roster', ID, NOW)).toBeNull()
  })

  it('never throws when storage is unusable: no resume is offered', async () => {
    await closeResumeStore()
    vi.stubGlobal('indexedDB', {
      open() {
        throw new Error('blocked')
      },
    })
    expect(await saveResume(record('staff-1'), NOW)).toBe(false)
    expect(await findResume('staff-1', '06139992', 'roster', ID, NOW)).toBeNull()
    await expect(removeResume('x', NOW)).resolves.toBeUndefined()
  })

  it('writes at most once per interval while batches settle, the latest state, and all on flush', async () => {
    let clock = NOW
    const saver = throttledSaver(250, () => clock)
    saver.save(record('staff-1', { lastConfirmedSeq: 1 }))
    await saver.flush()
    expect((await findResume('staff-1', '06139992', 'roster', ID, NOW))?.lastConfirmedSeq).toBe(1)
    for (let seq = 2; seq <= 9; seq++) {
      clock += 10
      saver.save(record('staff-1', { lastConfirmedSeq: seq }))
    }
    // within 250 ms of the last write: nothing new written yet
    await new Promise((r) => setTimeout(r, 20))
    expect((await findResume('staff-1', '06139992', 'roster', ID, NOW))?.lastConfirmedSeq).toBe(1)
    await saver.flush()
    expect((await findResume('staff-1', '06139992', 'roster', ID, NOW))?.lastConfirmedSeq).toBe(9)
  })
})
