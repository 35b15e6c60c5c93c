import { describe, expect, it } from 'vitest'
import { importRoster, type BatchSettled } from './roster-import.ts'
import { bytesSource, MemorySink } from './source.ts'
import type { BatchResult, RosterBatch } from './types.ts'

// 25 rows (row i on line i + 1), 9 of them refused by the importer itself (column count): batches of 5
// rows are 1–5 | 6, 8–11 (+7) | 13–17 (+12) | 18 (+19–23: five refused fill a batch) | 24–25 refused only,
// which with a tag is posted with no rows.
const lines = ['person_key,name']
for (let i = 1; i <= 25; i++) {
  if (i === 7 || i === 12 || i >= 19) lines.push(`P${i},name,extra`)
  else lines.push(`P${i},name${i}`)
}
const CSV = new TextEncoder().encode(lines.join('\n') + '\n')

/** A server that takes every row and rejects those named BAD, recording the bodies. */
function server() {
  const bodies: RosterBatch[] = []
  const post = async (_insurer: string, batch: RosterBatch): Promise<BatchResult> => {
    bodies.push(structuredClone(batch))
    const rejected = batch.rows
      .filter((r) => r.fields[1] === 'name9')
      .map((r) => ({ line: r.line, column: 'name', reason: 'bad', message: 'bad name' }))
    return {
      inserted: batch.rows.length - rejected.length,
      updated: 0,
      unchanged: 0,
      rejected,
    }
  }
  return { bodies, post }
}

async function run(options: { tag?: boolean; skipBatches?: number; chunk?: number } = {}) {
  const { bodies, post } = server()
  const sink = new MemorySink()
  const settled: BatchSettled<BatchResult>[] = []
  const result = await importRoster({
    source: bytesSource('roster.csv', CSV, options.chunk),
    sink,
    insurer: '06139992',
    post,
    batchSize: 5,
    tag: options.tag ? { importId: 'imp-1' } : undefined,
    skipBatches: options.skipBatches,
    onBatchSettled: (info) => settled.push(info),
  })
  return { bodies, sink, settled, result }
}

describe('importRoster hooks', () => {
  it('without a tag, posts exactly the untracked bodies and leaves batches of local rejections unposted', async () => {
    const { bodies, settled, result, sink } = await run()
    expect(bodies.map((b) => Object.keys(b).sort())).toEqual(bodies.map(() => ['header', 'rows']))
    expect(bodies).toHaveLength(4) // the fifth batch holds only rows refused here
    expect(settled.map((s) => [s.seq, s.lastLine, s.answer === null])).toEqual([
      [1, 6, false],
      [2, 12, false],
      [3, 18, false],
      [4, 24, false],
      [5, 26, true],
    ])
    expect(result).toMatchObject({ rowsRead: 25, inserted: 15, rejected: 10, batches: 5 })
    expect(sink.rows.map((r) => r[0])).toEqual([8, 10, 13, 20, 21, 22, 23, 24, 25, 26])
  })

  it('with a tag, numbers the batches, carries their local rejections, and posts a batch of only those', async () => {
    const { bodies, sink } = await run({ tag: true })
    expect(
      bodies.map((b) => [b.importId, b.seq, b.rows.length, b.localRejections?.length]),
    ).toEqual([
      ['imp-1', 1, 5, 0],
      ['imp-1', 2, 5, 1],
      ['imp-1', 3, 5, 1],
      ['imp-1', 4, 1, 5],
      ['imp-1', 5, 0, 2],
    ])
    // exactly the rows the rejection file has for them
    expect(bodies[1].localRejections).toEqual([sink.rows.find((r) => r[0] === 8)])
    expect(bodies[4].localRejections).toEqual(sink.rows.slice(-2))
  })

  it('a resume builds the skipped batches as before, sends none of them, and goes on with the same ones', async () => {
    const full = await run({ tag: true })
    for (const chunk of [1, 7, 65536]) {
      const resumed = await run({ tag: true, skipBatches: 2, chunk })
      expect(resumed.bodies).toEqual(full.bodies.slice(2))
      expect(resumed.settled.map((s) => s.seq)).toEqual([3, 4, 5])
      // only the rejections of the batches sent this time
      expect(resumed.sink.rows).toEqual(full.sink.rows.filter((r) => Number(r[0]) > 12))
      expect(resumed.result.rowsDone).toBe(25)
      expect(resumed.result.batches).toBe(3)
    }
  })

  it('stops reading at an abort, still sending what was read', async () => {
    const controller = new AbortController()
    const { bodies, post } = server()
    const result = await importRoster({
      source: bytesSource('roster.csv', CSV, 16),
      sink: new MemorySink(),
      insurer: '06139992',
      post: (i, b) => {
        controller.abort()
        return post(i, b)
      },
      batchSize: 5,
      signal: controller.signal,
    })
    expect(result.fatal?.key).toBe('import_stopped')
    expect(bodies.length).toBeGreaterThan(0)
    expect(bodies.length).toBeLessThan(4)
  })
})
