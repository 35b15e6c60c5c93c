import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { and, count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { writeZip } from '../bench/gen-checkups.ts'
import { checkups } from '../db/schema'
import { parseStoredResults } from '../worker/checkup-json'
import { importCheckupFile, type CheckupImportResult, type PostCheckups } from './checkup-import.ts'
import type { CheckupBatch } from './client.ts'
import { demoApp, INSURER, root, tempFiles } from './testing/demo-app.ts'

/**
 * The checkup import against the real app (createApp on libSQL), its HTTP calls answered in-process: from a
 * CSV, an XML file or a zip on disk to checkups in the database. The demo roster is imported first, the way
 * `npm start` does.
 */
const DEMO_CSV = join(root, 'db/seed/demo-checkups.csv')
const DEMO_XML = join(root, 'db/seed/demo-checkup-2026.xml')

const { path } = tempFiles('kenshin-checkups-')

async function realServer() {
  const { h, api, fetch, tokens, roster, demo } = await demoApp()
  expect(roster).toMatchObject({ complete: true, rejected: 0 })
  const post = api.postCheckupBatch.bind(api)
  const stored = async () => (await demo.select({ n: count() }).from(checkups))[0].n
  const one = async (personKey: string, examDate: string) =>
    (
      await demo
        .select()
        .from(checkups)
        .where(and(eq(checkups.personKey, personKey), eq(checkups.examDate, examDate)))
    )[0]
  return { h, api, post, fetch, tokens, stored, one }
}

const csvLines = () => readFileSync(DEMO_CSV, 'utf8').trimEnd().split('\n')
const rejectedCsv = (r: CheckupImportResult) =>
  readFileSync(r.rejectedFile as string, 'utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')

describe('checkup import from file to database (CLI → operator API → libSQL)', () => {
  it('imports the demo CSV (36 checkups) in batches, and a second run changes nothing', async () => {
    const { post, stored, one } = await realServer()
    const batches: number[] = []
    const counting = (insurer: string, batch: CheckupBatch) => {
      batches.push(batch.checkups.length)
      return post(insurer, batch)
    }
    const first = await importCheckupFile({
      file: DEMO_CSV,
      insurer: INSURER,
      post: counting,
      batchSize: 10,
    })
    expect(first).toMatchObject({
      format: 'csv',
      encoding: { encoding: 'utf-8' },
      complete: true,
      checkupsRead: 36,
      checkupsDone: 36,
      inserted: 36,
      replaced: 0,
      unchanged: 0,
      rejected: 0,
      rejections: 0,
      rejectedFile: null,
    })
    expect(batches).toEqual([10, 10, 10, 6])
    expect(await stored()).toBe(36)
    const d0000 = await one('D0000', '2023-05-10')
    expect(d0000).toMatchObject({ source: 'csv', institution: 'デモ健診センター' })
    expect(parseStoredResults(d0000.results, d0000.tableVersion)).toHaveLength(19)

    const second = await importCheckupFile({ file: DEMO_CSV, insurer: INSURER, post })
    expect(second).toMatchObject({
      complete: true,
      checkupsRead: 36,
      inserted: 0,
      replaced: 0,
      unchanged: 36,
      rejected: 0,
      batches: 1,
    })
    expect(await stored()).toBe(36)
  })

  it("imports the demo 2026 XML as D0000's 2026-06-10 checkup, matched by card and birth date", async () => {
    const { post, stored, one } = await realServer()
    const result = await importCheckupFile({ file: DEMO_XML, insurer: INSURER, post })
    expect(result).toMatchObject({
      format: 'xml',
      complete: true,
      checkupsRead: 1,
      inserted: 1,
      rejected: 0,
      rejectedFile: null,
    })
    expect(await stored()).toBe(1)
    const row = await one('D0000', '2026-06-10')
    expect(row).toMatchObject({ source: 'xml', institution: 'デモ健診センター' })
    const results = parseStoredResults(row.results, row.tableVersion) as unknown as Array<
      Record<string, unknown>
    >
    expect(results).toHaveLength(18)
    expect(results.find((r) => r.code === '3F015000002327101')).toMatchObject({
      type: 'PQ',
      value: '182',
      unit: 'mg/dl',
      low: '30',
      high: '149',
    })
    expect(results.find((r) => r.code === '1A020000000191111')).toMatchObject({
      type: 'CO',
      answerCode: '1',
    })
    expect(results.find((r) => r.code === '9N511000000000049')).toMatchObject({
      type: 'ST',
      text: '要再検査（血糖・脂質）',
    })

    const again = await importCheckupFile({ file: DEMO_XML, insurer: INSURER, post })
    expect(again).toMatchObject({ complete: true, inserted: 0, unchanged: 1 })
  })

  it('imports the good document of a zip and reports the traversal entry and the junk, with their names', async () => {
    const { post, one } = await realServer()
    const zip = path('1310000001_06139992_202606101_1.zip')
    await writeZip(zip, [
      { name: 'ix08_V08.xml', content: '<index/>' },
      { name: 'DATA/h1310000001202606100001.xml', content: readFileSync(DEMO_XML) },
      { name: 'DATA/../../etc/h2.xml', content: readFileSync(DEMO_XML) },
      { name: 'notes.txt', content: 'not a checkup' },
    ])
    const result = await importCheckupFile({ file: zip, insurer: INSURER, post })
    expect(result).toMatchObject({
      format: 'zip',
      complete: true,
      checkupsRead: 3,
      inserted: 1,
      rejected: 2,
      rejections: 2,
    })
    expect(result.firstRejections.map((r) => [r.ref, r.reason])).toEqual([
      ['DATA/../../etc/h2.xml', 'unsafe_path'],
      ['notes.txt', 'unexpected_file'],
    ])
    expect(await one('D0000', '2026-06-10')).toMatchObject({ source: 'xml' })
    expect(result.rejectedFile).toBe(zip.replace(/\.zip$/, '.rejected.csv'))
    const lines = rejectedCsv(result)
    expect(lines[0]).toBe('参照,行番号,列・項目,理由,コード')
    expect(lines.slice(1).map((l) => [l.split(',')[0], l.split(',').at(-1)])).toEqual([
      ['DATA/../../etc/h2.xml', 'unsafe_path'],
      ['notes.txt', 'unexpected_file'],
    ])

    // the same archive again: nothing changes, and content tells the format when the name does not
    const bin = path('archive.bin')
    copyFileSync(zip, bin)
    const again = await importCheckupFile({ file: bin, insurer: INSURER, post, lang: 'en' })
    expect(again).toMatchObject({ format: 'zip', inserted: 0, unchanged: 1, rejected: 2 })
    expect(again.firstRejections[1].message).toMatch(/^not a checkup data file/)
  })

  it("rejects a document that fails to parse, and one of another insurer, each as the file's rejection", async () => {
    const { post } = await realServer()
    const demo = readFileSync(DEMO_XML, 'utf8')
    const zip = path('mixed.zip')
    await writeZip(zip, [
      { name: 'DATA/h1.xml', content: demo.replace('<birthTime value="19620110"/>', '') },
      {
        name: 'DATA/h2.xml',
        content: demo.replace('extension="06139992"', 'extension="06130001"'),
      },
      { name: 'DATA/h3.xml', content: demo.replace('value="171.2"', 'value="abc"') },
    ])
    const result = await importCheckupFile({ file: zip, insurer: INSURER, post })
    expect(result).toMatchObject({ complete: true, checkupsRead: 3, inserted: 0, rejected: 3 })
    expect(result.firstRejections.map((r) => [r.ref, r.reason])).toEqual([
      ['DATA/h1.xml', 'missing_field'],
      ['DATA/h2.xml', 'insurer_mismatch'],
      ['DATA/h3.xml', 'bad_value'],
    ])
    expect(result.firstRejections[2].line).toBeGreaterThan(1)
  })

  it('does not send a CSV checkup with a rejected row, sends the others, and reports the server’s rejections by line and item', async () => {
    const { post, one } = await realServer()
    expect(await importCheckupFile({ file: DEMO_CSV, insurer: INSURER, post })).toMatchObject({
      inserted: 36,
    })
    const storedBefore = (await one('D0000', '2023-05-10')).results

    const lines = csvLines()
    // D0000 2023-05-10 (lines 2–20): its weight row (line 3) has no value
    lines[2] = lines[2].replace(/,59\.1,kg$/, ',,kg')
    expect(lines[2]).toMatch(/,,kg$/)
    // D0001 2023-06-11 (lines 59–77): a height that is not a number (the server refuses the checkup whole)
    const d0001 = lines.findIndex((l) => l.startsWith('D0001,2023-06-11,')) + 1
    const height = lines.findIndex(
      (l) => l.startsWith('D0001,2023-06-11,') && l.includes(',9N001000000000001,'),
    )
    lines[height] = lines[height].replace(/,9N001000000000001,[^,]*,/, ',9N001000000000001,abc,')
    // D0000 2024-05-10: a changed value (replaced)
    const bmi = lines.findIndex(
      (l) => l.startsWith('D0000,2024-05-10,') && l.includes(',9N011000000000001,'),
    )
    lines[bmi] = lines[bmi].replace(/,9N011000000000001,[^,]*,/, ',9N011000000000001,24.9,')
    // someone not on the roster, and a row with a bad date that belongs to no checkup
    lines.push('Z9999,2025-01-01,デモ健診センター,9N001000000000001,170.1,cm')
    lines.push('D0000,2025-13-01,デモ健診センター,9N001000000000001,170.1,cm')
    const file = path('checkups.csv')
    writeFileSync(file, lines.join('\n') + '\n')

    const result = await importCheckupFile({ file, insurer: INSURER, post, batchSize: 7 })
    expect(result).toMatchObject({
      complete: true,
      checkupsRead: 37,
      inserted: 0,
      replaced: 1,
      unchanged: 33,
      rejected: 3,
      rowsRejected: 2,
      rejections: 5,
    })
    expect(result.checkupsRead).toBe(
      result.inserted + result.replaced + result.unchanged + result.rejected,
    )
    // in line order within a batch (the CSV parser emits checkups once their rows are all read: here, at the end)
    expect(
      result.firstRejections.map((r) => [r.ref, r.line, r.item ?? r.column, r.reason]),
    ).toEqual([
      ['line 2', 2, null, 'checkup_not_sent'],
      ['line 3', 3, '結果値', 'missing_value'],
      [`line ${d0001}`, height + 1, '9N001000000000001', 'checkup.value.number'],
      ['line 687', 687, '受診日', 'bad_date'],
      ['line 686', 686, null, 'checkup.person_not_found'],
    ])
    expect(result.firstRejections[0].message).toContain('行 3')
    // the stored checkup was not replaced by an incomplete one
    expect((await one('D0000', '2023-05-10')).results).toBe(storedBefore)
    const d2024 = await one('D0000', '2024-05-10')
    expect(parseStoredResults(d2024.results, d2024.tableVersion)).toContainEqual(
      expect.objectContaining({ code: '9N011000000000001', value: '24.9' }),
    )

    const written = rejectedCsv(result)
    expect(written).toHaveLength(6)
    expect(written[3]).toBe(
      `line ${d0001},${height + 1},9N001000000000001,数値の項目に数値でない結果があります,checkup.value.number`,
    )

    // fixed and run again: the rejection file of the earlier run goes
    writeFileSync(file, csvLines().join('\n') + '\n')
    const fixed = await importCheckupFile({ file, insurer: INSURER, post })
    expect(fixed).toMatchObject({ complete: true, rejected: 0, rejectedFile: null })
    expect(existsSync(file.replace(/\.csv$/, '.rejected.csv'))).toBe(false)
  })

  it('loses and duplicates nothing when interrupted and run again', async () => {
    const { post, stored } = await realServer()
    const controller = new AbortController()
    let batches = 0
    const dying = (insurer: string, batch: CheckupBatch) => {
      if (++batches === 2) controller.abort()
      return post(insurer, batch)
    }
    const killed = await importCheckupFile({
      file: DEMO_CSV,
      insurer: INSURER,
      post: dying,
      batchSize: 5,
      signal: controller.signal,
    })
    expect(killed.complete).toBe(false)
    expect(killed.fatal?.exitCode).toBe(130)
    const half = await stored()
    expect(half).toBeGreaterThan(0)
    expect(half).toBeLessThan(36)
    const resumed = await importCheckupFile({ file: DEMO_CSV, insurer: INSURER, post })
    expect(resumed).toMatchObject({ complete: true, inserted: 36 - half, unchanged: half })
    expect(await stored()).toBe(36)
  })
})

describe('checkup import: batches', () => {
  type Answer = Awaited<ReturnType<PostCheckups>>
  function fakePost(delayMs: number) {
    const seen = { inflight: 0, max: 0, batches: [] as Array<{ checkups: number; bytes: number }> }
    const post: PostCheckups = async (_insurer, batch) => {
      seen.batches.push({
        checkups: batch.checkups.length,
        bytes: Buffer.byteLength(JSON.stringify(batch)),
      })
      seen.max = Math.max(seen.max, ++seen.inflight)
      await new Promise((r) => setTimeout(r, delayMs))
      seen.inflight--
      return {
        inserted: batch.checkups.length,
        replaced: 0,
        unchanged: 0,
        rejected: [],
      } satisfies Answer
    }
    return { post, seen }
  }

  it('keeps at most 2 batches in flight', async () => {
    const { post, seen } = fakePost(20)
    const result = await importCheckupFile({ file: DEMO_CSV, insurer: INSURER, post, batchSize: 4 })
    expect(result).toMatchObject({ complete: true, inserted: 36, batches: 9 })
    expect(seen.max).toBe(2)
  })

  it('sends a batch early rather than pass 4 MB of JSON', async () => {
    // documents of ~1.45 MB each (480 comments of 1,000 characters, under the API's 1.5 MB of results): two fit in one batch, three do not
    const comment = 'ア'.repeat(1000)
    const entries = Array.from(
      { length: 480 },
      (_, i) =>
        `<entry><observation classCode="OBS" moodCode="EVN"><code code="X${String(i).padStart(16, '0')}"/><value xsi:type="ST">${comment}</value></observation></entry>`,
    ).join('\n')
    const big = readFileSync(DEMO_XML, 'utf8').replace(/<entry>[\s\S]*<\/entry>/, entries)
    expect(Buffer.byteLength(big)).toBeGreaterThan(1.4 * 1024 * 1024)
    const zip = path('big.zip')
    await writeZip(
      zip,
      [1, 2, 3].map((i) => ({ name: `DATA/h${i}.xml`, content: big })),
    )
    const { post, seen } = fakePost(0)
    const result = await importCheckupFile({ file: zip, insurer: INSURER, post })
    expect(result).toMatchObject({ complete: true, checkupsRead: 3, inserted: 3, rejected: 0 })
    expect(seen.batches.map((b) => b.checkups)).toEqual([2, 1])
    for (const b of seen.batches) expect(b.bytes).toBeLessThanOrEqual(4 * 1024 * 1024)
  })
})
