/**
 * The checkup importer's hooks for import records and resume (core/import/checkup-import.ts: tag,
 * skipBatches, skipUnits, onBatchSettled) on a zip read with yauzl and the demo CSV, against a server
 * that takes every checkup.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkupDocuments, writeZip } from '../bench/gen-checkups.ts'
import { importCheckupFile } from '../core/import/checkup-import.ts'
import type { BatchSettled } from '../core/import/roster-import.ts'
import { bytesSource, MemorySink } from '../core/import/source.ts'
import type { CheckupBatch, CheckupBatchResult } from '../core/import/types.ts'
import { yauzlZip } from './zip-yauzl.ts'
import { root, tempFiles } from './testing/demo-app.ts'

const { path } = tempFiles('kenshin-checkup-hooks-')

function server() {
  const bodies: CheckupBatch[] = []
  const post = async (_insurer: string, batch: CheckupBatch): Promise<CheckupBatchResult> => {
    bodies.push(structuredClone(batch))
    return { inserted: batch.checkups.length, replaced: 0, unchanged: 0, rejected: [] }
  }
  return { bodies, post }
}

// 12 documents with junk between them: entries 0 (junk), 1–4, 5 (traversal), 6–13, and batches of 3
async function archive(): Promise<string> {
  const docs = [...checkupDocuments({ docs: 12, insurer: '06139992' })]
  const file = path('hooks.zip')
  await writeZip(file, [
    { name: 'readme.txt', content: 'x' },
    ...docs.slice(0, 4).map((d) => ({ name: d.name, content: d.xml })),
    { name: 'DATA/../h_evil.xml', content: docs[0].xml },
    ...docs.slice(4).map((d) => ({ name: d.name, content: d.xml })),
  ])
  return file
}

async function run(
  file: string,
  options: { tag?: boolean; skipBatches?: number; skipUnits?: number } = {},
) {
  const { bodies, post } = server()
  const sink = new MemorySink()
  const settled: BatchSettled<CheckupBatchResult>[] = []
  const bytes = readFileSync(file)
  const result = await importCheckupFile({
    source: bytesSource(file, bytes),
    zip: file.endsWith('.zip') ? yauzlZip(file) : undefined,
    sink,
    insurer: '06139992',
    post,
    batchSize: 3,
    tag: options.tag ? { importId: 'imp-2' } : undefined,
    skipBatches: options.skipBatches,
    skipUnits: options.skipUnits,
    onBatchSettled: (info) => settled.push(info),
  })
  return { bodies, sink, settled, result }
}

describe('importCheckupFile hooks', () => {
  it('tags each zip batch with its seq, its last entry and its local rejections', async () => {
    const file = await archive()
    const plain = await run(file)
    expect(plain.bodies.every((b) => Object.keys(b).join() === 'checkups')).toBe(true)
    const tagged = await run(file, { tag: true })
    expect(tagged.bodies.map((b) => b.checkups)).toEqual(plain.bodies.map((b) => b.checkups))
    expect(
      tagged.bodies.map((b) => [b.seq, b.lastUnit, b.checkups.length, b.localRejections?.length]),
    ).toEqual([
      [1, 3, 3, 1], // readme.txt (entry 0) refused here, entries 1–3 sent
      // entry 5 (DATA/../) refused here
      [2, 7, 3, 1],
      [3, 10, 3, 0],
      [4, 13, 3, 0],
    ])
    expect(tagged.settled.map((s) => [s.seq, s.lastUnit])).toEqual(
      tagged.bodies.map((b) => [b.seq, b.lastUnit]),
    )
    expect(tagged.sink.rows.map((r) => r[0])).toEqual(['readme.txt', 'DATA/../h_evil.xml'])
  })
})

describe('a resumed import', () => {
  it('skips batches by re-reading (CSV) and by entry index (zip), sending the same batches after', async () => {
    const csv = join(root, 'db/seed/demo-checkups.csv')
    const full = await run(csv, { tag: true })
    expect(full.bodies.length).toBeGreaterThan(3)
    const resumed = await run(csv, { tag: true, skipBatches: 2 })
    expect(resumed.bodies).toEqual(full.bodies.slice(2))

    const file = await archive()
    const zipFull = await run(file, { tag: true })
    const bySeq = await run(file, { tag: true, skipBatches: 2 })
    expect(bySeq.bodies).toEqual(zipFull.bodies.slice(2))
    const lastUnit = zipFull.settled[1].lastUnit as number
    const byUnit = await run(file, { tag: true, skipBatches: 2, skipUnits: lastUnit + 1 })
    expect(byUnit.bodies).toEqual(zipFull.bodies.slice(2))
    expect(byUnit.sink.rows).toEqual([])
  })
})
