/**
 * The import record's batch decision itself (services/imports.ts recordedBatch): when another copy of a
 * batch is recorded between this copy's read and its write, this copy's db.batch fails on the
 * import_batches primary key and rolls back whole (its upserts too), and it answers with the first's
 * stored answer. Forced here by recording the other copy inside the service call, on D1 and libSQL.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { importBatches, imports, rosterPersons } from '../../db/schema'
import {
  DEMO_INSURER,
  insurerDb,
  makeHarness,
  ROSTER_HEADER,
  seedDemo,
  testDb,
} from '../test/harness'
import { freshRows, uniquePrefix } from '../test/ops-data'
import { recordedBatch, startImport } from './imports'
import { importRosterBatch } from './roster'
import { AppError } from '../errors'
import { t, type MessageKey } from '../../core/i18n'

describe('recordedBatch', () => {
  it('a copy that loses the race writes nothing and answers with the first copy’s answer', async () => {
    const h = makeHarness(await testDb())
    await seedDemo(h.deps)
    // The insurer's database (issue 14): its imports, batches and roster.
    const demo = await insurerDb(h.deps.db, DEMO_INSURER.id)
    const id = crypto.randomUUID()
    await startImport(h.deps, { id: 'dev-operator' }, h.ip, DEMO_INSURER, {
      id,
      kind: 'roster',
      source: 'cli',
      fileName: 'race.csv',
      fileSize: 1,
      fingerprint: '',
    })
    const p = uniquePrefix()
    const rows = freshRows(p, 3)
    const first = { inserted: 99, updated: 0, unchanged: 0, rejected: [] }
    const answer = await recordedBatch(
      h.deps,
      DEMO_INSURER.id,
      'roster',
      { importId: id, seq: 1 },
      'ja',
      async (record) => {
        // The other copy is recorded after this one's read, before its write.
        await demo.insert(importBatches).values({
          importId: id,
          seq: 1,
          answer: JSON.stringify(first),
          at: h.deps.now(),
        })
        return importRosterBatch(h.deps, DEMO_INSURER, ROSTER_HEADER, rows, 'ja', record)
      },
    )
    expect(answer).toEqual({ ...first, repeated: true })
    const written = await demo.select().from(rosterPersons).where(eq(rosterPersons.symbol, '77'))
    expect(written.filter((r) => r.personKey.startsWith(p))).toEqual([])
    const [row] = await demo.select().from(imports).where(eq(imports.id, id))
    expect(row).toMatchObject({ inserted: 0, batches: 0 })
  })

  it('an error of the batch itself is the request’s own, and records nothing', async () => {
    const h = makeHarness(await testDb())
    await seedDemo(h.deps)
    // The insurer's database (issue 14): its imports, batches and roster.
    const demo = await insurerDb(h.deps.db, DEMO_INSURER.id)
    const id = crypto.randomUUID()
    await startImport(h.deps, { id: 'dev-operator' }, h.ip, DEMO_INSURER, {
      id,
      kind: 'roster',
      source: 'cli',
      fileName: 'bad.csv',
      fileSize: 1,
      fingerprint: '',
    })
    await expect(
      recordedBatch(h.deps, DEMO_INSURER.id, 'roster', { importId: id, seq: 1 }, 'ja', async () => {
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await demo.select().from(importBatches).where(eq(importBatches.importId, id))).toEqual(
      [],
    )
  })
})

describe('recordedBatch and a finish between its read and its write', () => {
  it('a batch whose import is finished just before its db.batch writes nothing, and answers 409', async () => {
    const h = makeHarness(await testDb())
    await seedDemo(h.deps)
    // The insurer's database (issue 14): its imports, batches and roster.
    const demo = await insurerDb(h.deps.db, DEMO_INSURER.id)
    const id = crypto.randomUUID()
    await startImport(h.deps, { id: 'dev-operator' }, h.ip, DEMO_INSURER, {
      id,
      kind: 'roster',
      source: 'cli',
      fileName: 'late.csv',
      fileSize: 1,
      fingerprint: '',
    })
    const p = uniquePrefix()
    const rows = freshRows(p, 3)
    // The hook: the finish lands after recordedBatch read the import as open, before the batch runs.
    const db = demo
    const finishing = new Proxy(db, {
      get(target, key) {
        if (key === 'batch')
          return async (statements: unknown) => {
            await db.update(imports).set({ outcome: 'complete' }).where(eq(imports.id, id))
            return (target as unknown as { batch: (s: unknown) => unknown }).batch(statements)
          }
        const value: unknown = Reflect.get(target, key)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    const deps = { ...h.deps, dbFor: async () => finishing }
    const refused = await recordedBatch(
      deps,
      DEMO_INSURER.id,
      'roster',
      { importId: id, seq: 1 },
      'ja',
      (record) => importRosterBatch(deps, DEMO_INSURER, ROSTER_HEADER, rows, 'ja', record),
    ).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(AppError)
    expect(refused).toMatchObject({ code: 'wrong_state', extra: { detail: { state: 'complete' } } })
    const written = await db.select().from(rosterPersons).where(eq(rosterPersons.symbol, '77'))
    expect(written.filter((r) => r.personKey.startsWith(p))).toEqual([])
    expect(await db.select().from(importBatches).where(eq(importBatches.importId, id))).toEqual([])
    const [row] = await db.select().from(imports).where(eq(imports.id, id))
    expect(row).toMatchObject({ inserted: 0, batches: 0, outcome: 'complete' })
  })

  it('keeps the answer without messages, and words a repeat in the language of whoever repeats it', async () => {
    const h = makeHarness(await testDb())
    await seedDemo(h.deps)
    // The insurer's database (issue 14): its imports, batches and roster.
    const demo = await insurerDb(h.deps.db, DEMO_INSURER.id)
    const id = crypto.randomUUID()
    await startImport(h.deps, { id: 'dev-operator' }, h.ip, DEMO_INSURER, {
      id,
      kind: 'roster',
      source: 'cli',
      fileName: 'words.csv',
      fileSize: 1,
      fingerprint: '',
    })
    const rows = freshRows(uniquePrefix(), 2).map((r) => ({
      ...r,
      fields: r.fields.map((f, i) => (ROSTER_HEADER[i] === '生年月日' ? 'x' : f)),
    }))
    const send = (lang: 'ja' | 'en') =>
      recordedBatch(h.deps, DEMO_INSURER.id, 'roster', { importId: id, seq: 1 }, lang, (record) =>
        importRosterBatch(h.deps, DEMO_INSURER, ROSTER_HEADER, rows, lang, record),
      )
    const first = await send('ja')
    expect(first.rejected).toHaveLength(2)
    const [stored] = await demo.select().from(importBatches).where(eq(importBatches.importId, id))
    expect(JSON.parse(stored.answer).rejected).toEqual(
      first.rejected.map(({ message: _, ...kept }) => kept),
    )
    expect(await send('ja')).toEqual({ ...first, repeated: true })
    const inEnglish = await send('en')
    expect(inEnglish).toEqual({
      ...first,
      rejected: first.rejected.map((r) => ({ ...r, message: t('en', r.reason as MessageKey) })),
      repeated: true,
    })
    expect(inEnglish.rejected[0].message).not.toBe(first.rejected[0].message)
  })
})
