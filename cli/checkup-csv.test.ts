import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import {
  CheckupCsvError,
  normaliseDate,
  openCheckupCsv as openCheckupSource,
  type CheckupCsvItem,
  type CheckupCsvOptions,
  type CsvCheckup,
} from '../core/import/checkup-csv.ts'
import { ImportError } from '../core/import/errors.ts'
import { fileSource } from './import-files.ts'
import { encodeShiftJis } from './sjis.ts'

// the shared reader (core/import/checkup-csv.ts) over a file on disk, as the command line reads it
async function openCheckupCsv(
  path: string,
  options: CheckupCsvOptions & { highWaterMark?: number } = {},
) {
  return openCheckupSource(
    await fileSource(path, { highWaterMark: options.highWaterMark }),
    options,
  )
}

const dir = mkdtempSync(join(tmpdir(), 'kenshin-checkup-csv-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const DEMO = fileURLToPath(new URL('../db/seed/demo-checkups.csv', import.meta.url))
const MIXED = fileURLToPath(new URL('./fixtures/checkups-mixed.csv', import.meta.url))

let n = 0
function fixture(content: string | Uint8Array): string {
  const path = join(dir, `checkups${++n}.csv`)
  writeFileSync(path, content)
  return path
}

async function readAll(file: string, options: CheckupCsvOptions = {}) {
  const csv = await openCheckupCsv(file, options)
  const items: CheckupCsvItem[] = []
  for await (const item of csv.items) items.push(item)
  const checkups = items.flatMap((i) => (i.kind === 'checkup' ? [i.checkup] : []))
  const rejected = items.flatMap((i) => (i.kind === 'rejected' ? [i] : []))
  return { csv, items, checkups, rejected }
}

const HEADER_EN = 'person_key,exam_date,institution,item_code,value,unit\n'
const row = (key: string, date: string, code: string, value = '1', unit = '') =>
  `${key},${date},機関,${code},${value},${unit}\n`
const code = (i: number) => `9N${String(i).padStart(15, '0')}`

describe('openCheckupCsv', () => {
  it('groups the demo file (Japanese headers) into its 36 checkups, also as Shift_JIS', async () => {
    const utf8 = await readAll(DEMO)
    expect(utf8.rejected).toEqual([])
    expect(utf8.checkups).toHaveLength(36)
    expect(utf8.checkups.reduce((s, c) => s + c.results.length, 0)).toBe(684)
    const first = utf8.checkups[0]
    expect(first).toMatchObject({
      personKey: 'D0000',
      examDate: '2023-05-10',
      institution: 'デモ健診センター',
      rejectedLines: [],
    })
    expect(first.results[0]).toEqual({
      code: '9N001000000000001',
      value: '152.8',
      unit: 'cm',
      line: 2,
    })
    expect(first.results.find((r) => r.code === '1A020000000191111')).toEqual({
      code: '1A020000000191111',
      value: '2',
      unit: null,
      line: 16,
    })
    expect(first.results.at(-1)).toMatchObject({ value: '要精密検査（血糖）', line: 20 })

    const sjis = await readAll(
      fixture(encodeShiftJis(readFileSync(DEMO, 'utf8').replace(/\n/g, '\r\n'))),
    )
    expect(sjis.csv.encoding).toEqual({ encoding: 'shift_jis', bom: false })
    expect(sjis.checkups).toEqual(utf8.checkups)
  })

  it('checks every row and reports line, column and reason', async () => {
    const { checkups, rejected, items } = await readAll(MIXED)
    expect(items.filter((i) => i.kind === 'blank')).toEqual([{ kind: 'blank', line: 10 }])
    expect(rejected.map((r) => [r.line, r.column, r.reason])).toEqual([
      [7, 'item_code', 'bad_item_code'],
      [8, 'exam_date', 'bad_date'],
      [9, 'value', 'missing_value'],
      [12, 'item_code', 'duplicate_item'],
      [13, 'person_key', 'missing_person_key'],
      [14, '-', 'column_count'],
    ])
    for (const r of rejected) expect(r.detail.length).toBeGreaterThan(0)
    expect(checkups).toEqual<CsvCheckup[]>([
      {
        personKey: 'P001',
        examDate: '2026-04-01',
        institution: 'テスト健診センター',
        results: [
          { code: '9N001000000000001', value: '170.50', unit: 'cm', line: 2 },
          { code: '3D010000001926101', value: '', unit: null, line: 3, notPerformed: true },
          { code: '9N511000000000049', value: '要再検査\n（血糖）', unit: null, line: 4 },
        ],
        rejectedLines: [],
      },
      {
        personKey: 'P002',
        examDate: '2026-04-02',
        institution: null,
        results: [{ code: '1A010000000191111', value: '2', unit: null, line: 6 }],
        rejectedLines: [7, 9],
      },
      {
        personKey: 'P003',
        examDate: '2026-04-03',
        institution: '別の機関',
        results: [{ code: '9N001000000000001', value: '150', unit: 'cm', line: 11 }],
        rejectedLines: [12],
      },
      {
        personKey: 'P004',
        examDate: '2026-04-04',
        institution: 'テスト健診センター',
        results: [{ code: '9N006000000000001', value: '60.0', unit: 'kg', line: 15 }],
        rejectedLines: [],
      },
    ])
  })

  it('rejects a field longer than the server takes, and items past 2,000 in one checkup', async () => {
    let text = HEADER_EN + row('L', '2026-01-01', code(9999), 'x'.repeat(2001))
    for (let i = 0; i < 2001; i++) text += row('M', '2026-01-01', code(i))
    const { checkups, rejected } = await readAll(fixture(text))
    expect(rejected.map((r) => [r.line, r.column, r.reason])).toEqual([
      [2, 'value', 'field_too_long'],
      [2003, '-', 'too_many_items'],
    ])
    expect(checkups.map((c) => [c.personKey, c.results.length, c.rejectedLines])).toEqual([
      ['M', 2000, [2003]],
    ])
  })

  it('takes columns in any order, without the optional ones', async () => {
    const file = fixture(
      '結果値,項目コード,受診日,個人識別番号\n5.5,3D046000001906202,2026-05-01,K1\n',
    )
    const { checkups } = await readAll(file)
    expect(checkups).toEqual([
      {
        personKey: 'K1',
        examDate: '2026-05-01',
        institution: null,
        results: [{ code: '3D046000001906202', value: '5.5', unit: null, line: 2 }],
        rejectedLines: [],
      },
    ])
  })

  it('refuses a header without a required column, or with one twice', async () => {
    await expect(
      openCheckupCsv(fixture('person_key,exam_date,item_code\nA,2026-01-01,x\n')),
    ).rejects.toMatchObject({
      name: 'CheckupCsvError',
      reason: 'missing_column',
      column: '結果値 / value',
    })
    await expect(
      openCheckupCsv(fixture('person_key,exam_date,item_code,value,値,結果値\n')),
    ).rejects.toBeInstanceOf(CheckupCsvError)
    await expect(openCheckupCsv(fixture('A,2026-01-01,x\n'))).rejects.toMatchObject({
      key: 'csv_no_header',
    })
    await expect(openCheckupCsv(join(dir, 'missing.csv'))).rejects.toBeInstanceOf(ImportError)
  })

  it('keeps interleaved checkups together while fewer than maxOpen are open', async () => {
    let text = HEADER_EN
    for (let item = 0; item < 3; item++)
      for (let p = 0; p < 5; p++) text += row(`P${p}`, '2026-01-01', code(item))
    const { checkups, rejected } = await readAll(fixture(text), { maxOpen: 5 })
    expect(rejected).toEqual([])
    expect(checkups.map((c) => [c.personKey, c.results.length])).toEqual([
      ['P0', 3],
      ['P1', 3],
      ['P2', 3],
      ['P3', 3],
      ['P4', 3],
    ])
  })

  it('rejects the rows of a checkup that was already emitted (too far apart), rather than splitting it', async () => {
    let text = HEADER_EN
    for (let item = 0; item < 2; item++)
      for (let p = 0; p < 4; p++) text += row(`P${p}`, '2026-01-01', code(item))
    const { checkups, rejected } = await readAll(fixture(text), { maxOpen: 2 })
    expect(checkups.map((c) => [c.personKey, c.results.length])).toEqual([
      ['P0', 1],
      ['P1', 1],
      ['P2', 2],
      ['P3', 2],
    ])
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [6, 'checkup_split'],
      [7, 'checkup_split'],
    ])
  })

  it('streams a sorted file: checkups come out long before the end', async () => {
    const persons = 3000
    const chunks = [HEADER_EN]
    for (let p = 0; p < persons; p++) {
      let block = ''
      for (let item = 0; item < 20; item++)
        block += row(`G${String(p).padStart(8, '0')}`, '2026-02-03', code(item), String(item), 'cm')
      chunks.push(block)
    }
    const file = fixture(chunks.join(''))
    const size = statSync(file).size
    let bytesRead = 0
    const csv = await openCheckupCsv(file, {
      maxOpen: 100,
      highWaterMark: 16 * 1024,
      onBytes: (b) => (bytesRead += b),
    })
    let count = 0
    let readAtFirst = -1
    let rows = 0
    for await (const item of csv.items) {
      if (item.kind !== 'checkup') throw new Error(`unexpected ${item.kind}`)
      if (readAtFirst < 0) readAtFirst = bytesRead
      count++
      rows += item.checkup.results.length
    }
    expect(count).toBe(persons)
    expect(rows).toBe(persons * 20)
    expect(readAtFirst).toBeLessThan(size / 5) // 101st checkup's row read, not the whole file
  })

  it('an unclosed quote is thrown after the checkups before it', async () => {
    const text =
      HEADER_EN +
      row('A', '2026-01-01', code(1)) +
      row('B', '2026-01-01', code(1)) +
      'C,2026-01-01,"機関,x,1,\n'
    const csv = await openCheckupCsv(fixture(text), { maxOpen: 1 })
    const seen: CheckupCsvItem[] = []
    await expect(
      (async () => {
        for await (const item of csv.items) seen.push(item)
      })(),
    ).rejects.toMatchObject({ key: 'csv_unclosed_quote', params: { line: 4 } })
    expect(seen.map((i) => (i.kind === 'checkup' ? i.checkup.personKey : i.kind))).toEqual(['A'])
  })
})

describe('normaliseDate', () => {
  it('accepts the three forms and full-width digits, refuses impossible dates', () => {
    expect(normaliseDate('2026-04-01')).toBe('2026-04-01')
    expect(normaliseDate('2026/4/1')).toBe('2026-04-01')
    expect(normaliseDate('20260401')).toBe('2026-04-01')
    expect(normaliseDate(' ２０２６－０４－０１ ')).toBe('2026-04-01')
    expect(normaliseDate('２０２６/０４/０１')).toBe('2026-04-01')
    expect(normaliseDate('2026-02-29')).toBeNull()
    expect(normaliseDate('2026-4-1x')).toBeNull()
    expect(normaliseDate('')).toBeNull()
  })
})
