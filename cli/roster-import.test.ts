import { statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importRoster, type ImportProgress } from './roster-import.ts'
import { encodeShiftJis } from './sjis.ts'
import { fakeServer, fixture, INSURER, rosterText } from './testing/roster-files.ts'

describe('importRoster', () => {
  it('sends batches with each row’s line number and the header as read', async () => {
    const file = fixture('\uFEFF' + rosterText(2500, { crlf: true }))
    const fake = fakeServer()
    const result = await importRoster({ file, insurer: INSURER, post: fake.post, batchSize: 1000 })
    expect(result.fatal).toBeNull()
    expect(result.complete).toBe(true)
    expect(result.encoding).toEqual({ encoding: 'utf-8', bom: true })
    expect(fake.batches.map((b) => b.rows.length)).toEqual([1000, 1000, 500])
    expect(fake.batches[0].header[0]).toBe('個人識別番号')
    expect(fake.batches[0].header).toHaveLength(13)
    const lines = fake.batches.flatMap((b) => b.rows.map((r) => r.line))
    expect(lines).toEqual(Array.from({ length: 2500 }, (_, i) => i + 2))
    expect(fake.batches[0].rows[0].fields[0]).toBe('G00000001')
    expect(result).toMatchObject({
      rowsRead: 2500,
      inserted: 2500,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      batches: 3,
    })
    expect(result.rejectedFile).toBeNull()
  })

  it('keeps the line numbers of rows after quoted line breaks and empty lines', async () => {
    const file = fixture(
      'person_key,insurer_number,number,name_kana,birth_date,sex,relationship,address\n' +
        `A1,${INSURER},1,ケンコウ　タロウ,1962-01-10,1,1,"東京都\n千代田区"\n` + // 2–3
        '\n' + // 4
        `A2,${INSURER},2,ケンコウ　ハナコ,1964-10-01,2,2,"x\r\ny\r\nz"\n` + // 5–7
        `A3,${INSURER},3,ケンコウ　ジロウ,1990-02-03,1,2,\n`, // 8
    )
    const fake = fakeServer()
    const result = await importRoster({ file, insurer: INSURER, post: fake.post })
    expect(fake.batches[0].rows.map((r) => r.line)).toEqual([2, 5, 8])
    expect(fake.batches[0].rows[0].fields[7]).toBe('東京都\n千代田区')
    expect(result.inserted).toBe(3)
  })

  it('imports Shift_JIS and says so', async () => {
    const file = fixture(encodeShiftJis(rosterText(300, { crlf: true })))
    const fake = fakeServer()
    const result = await importRoster({ file, insurer: INSURER, post: fake.post })
    expect(result.encoding).toEqual({ encoding: 'shift_jis', bom: false })
    expect(result.inserted).toBe(300)
    expect(fake.batches[0].header[5]).toBe('氏名カナ')
    expect(fake.batches[0].rows[0].fields[5]).toMatch(/^[ァ-ヶ]+　[ァ-ヶ]+$/)
  })

  it('changes nothing the second time, and an interrupted import finishes when run again', async () => {
    const file = fixture(rosterText(3000))
    const fake = fakeServer()
    const first = await importRoster({ file, insurer: INSURER, post: fake.post })
    const second = await importRoster({ file, insurer: INSURER, post: fake.post })
    expect(first.inserted).toBe(3000)
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 3000, rejected: 0 })

    // interrupted after the first batch, then run again: nothing lost, nothing twice
    const other = fakeServer()
    const controller = new AbortController()
    const stopped = await importRoster({
      file,
      insurer: INSURER,
      post: async (i, b) => {
        const r = await other.post(i, b)
        controller.abort()
        return r
      },
      signal: controller.signal,
      batchSize: 500,
    })
    expect(stopped.fatal?.key).toBe('import_interrupted')
    expect(stopped.fatal?.exitCode).toBe(130)
    expect(stopped.inserted).toBeGreaterThan(0)
    expect(stopped.inserted).toBeLessThan(3000)
    const rerun = await importRoster({ file, insurer: INSURER, post: other.post, batchSize: 500 })
    expect(rerun.fatal).toBeNull()
    expect(stopped.inserted + rerun.inserted).toBe(3000)
    expect(rerun.unchanged).toBe(stopped.inserted)
    expect(other.store.get(INSURER)?.size).toBe(3000)
  })

  it('keeps at most two batches in flight and stops reading while they are out', async () => {
    const file = fixture(rosterText(5000))
    const fake = fakeServer({ delayMs: 15 })
    const snapshots: ImportProgress[] = []
    const result = await importRoster({
      file,
      insurer: INSURER,
      post: fake.post,
      batchSize: 250,
      onProgress: (p) => snapshots.push(p),
    })
    expect(result.inserted).toBe(5000)
    expect(fake.maxInFlight()).toBe(2)
    // read ahead of the answers by at most the two batches out, the one being filled and one chunk of the file
    const lead = Math.max(...snapshots.map((p) => p.rowsRead - p.rowsDone))
    expect(lead).toBeLessThanOrEqual(3 * 250 + 600)
  })

  it('reports progress up to the whole file', async () => {
    const file = fixture(rosterText(4000))
    const fake = fakeServer()
    const snapshots: ImportProgress[] = []
    const result = await importRoster({
      file,
      insurer: INSURER,
      post: fake.post,
      onProgress: (p) => snapshots.push(p),
    })
    expect(snapshots.length).toBeGreaterThanOrEqual(8)
    for (let i = 1; i < snapshots.length; i++) {
      expect(snapshots[i].rowsDone).toBeGreaterThanOrEqual(snapshots[i - 1].rowsDone)
      expect(snapshots[i].bytesRead).toBeGreaterThanOrEqual(snapshots[i - 1].bytesRead)
    }
    const last = snapshots.at(-1) as ImportProgress
    expect(last).toMatchObject({ done: true, rowsRead: 4000, rowsDone: 4000, inserted: 4000 })
    expect(last.bytesRead).toBe(statSync(file).size)
    expect(last.totalBytes).toBe(statSync(file).size)
    expect(result.rowsRead).toBe(4000)
  })
})
