/**
 * The import record's batch decision itself (services/imports.ts recordedBatch): when another copy of a
 * batch is recorded between this copy's read and its write, this copy's db.batch fails on the
 * import_batches primary key and rolls back whole (its upserts too), and it answers with the first's
 * stored answer. Forced here by recording the other copy inside the service call, on D1 and libSQL.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { importBatches, imports, rosterPersons } from '../../db/schema'
import { DEMO_INSURER, makeHarness, ROSTER_HEADER, seedDemo, testDb } from '../test/harness'
import { freshRows, uniquePrefix } from '../test/ops-data'
import { recordedBatch, startImport } from './imports'
import { importRosterBatch } from './roster'

describe('recordedBatch', () => {
  it('a copy that loses the race writes nothing and answers with the first copy’s answer', async () => {
    const h = makeHarness(await testDb())
    await seedDemo(h.deps)
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
      async (record) => {
        // The other copy is recorded after this one's read, before its write.
        await h.deps.db.insert(importBatches).values({
          importId: id,
          seq: 1,
          answer: JSON.stringify(first),
          at: h.deps.now(),
        })
        return importRosterBatch(h.deps, DEMO_INSURER, ROSTER_HEADER, rows, 'ja', record)
      },
    )
    expect(answer).toEqual({ ...first, repeated: true })
    const written = await h.deps.db
      .select()
      .from(rosterPersons)
      .where(eq(rosterPersons.symbol, '77'))
    expect(written.filter((r) => r.personKey.startsWith(p))).toEqual([])
    const [row] = await h.deps.db.select().from(imports).where(eq(imports.id, id))
    expect(row).toMatchObject({ inserted: 0, batches: 0 })
  })

  it('an error of the batch itself is the request’s own, and records nothing', async () => {
    const h = makeHarness(await testDb())
    await seedDemo(h.deps)
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
      recordedBatch(h.deps, DEMO_INSURER.id, 'roster', { importId: id, seq: 1 }, async () => {
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(
      await h.deps.db.select().from(importBatches).where(eq(importBatches.importId, id)),
    ).toEqual([])
  })
})
