import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  countLineBreaks,
  detectEncoding,
  openCsv as openCsvSource,
  SNIFF_BYTES,
  type CsvItem,
  type OpenOptions as SourceOptions,
} from '../core/import/csv-records.ts'
import { ImportError } from '../core/import/errors.ts'
import { fileSource } from './import-files.ts'
import { encodeShiftJis } from './sjis.ts'

// the shared reader (core/import/csv-records.ts) over a file on disk, as the command line reads it
type OpenOptions = SourceOptions & { highWaterMark?: number }
async function openCsv(path: string, options: OpenOptions = {}) {
  return openCsvSource(await fileSource(path, { highWaterMark: options.highWaterMark }), options)
}

const dir = mkdtempSync(join(tmpdir(), 'kenshin-csv-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let n = 0
function fixture(content: string | Buffer, name = `f${++n}.csv`): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

const HEADER =
  '個人識別番号,保険者番号,記号,番号,枝番,氏名カナ,生年月日,性別,続柄,資格取得日,資格喪失日,郵便番号,住所'
const ROW1 =
  'D0000,06139992,1200,100,,ケンコウ　タロウ,1962-01-10,1,1,2010-04-01,,100-0000,東京都千代田区デモ町1-1'
const ROW2 =
  'D0001,06139992,1200,100,,ケンコウ　ハナコ,1964-10-01,2,2,2010-04-01,,100-0000,東京都千代田区デモ町1-1'
const REQUIRE: OpenOptions = { requireColumn: ['個人識別番号', 'person_key'] }

/** 'ケンコウ　タロウ' in Shift_JIS, byte by byte (ケ 8350, ン 8393, コ 8352, ウ 8345, full-width space 8140,
 * タ 835E, ロ 838D, ウ 8345). */
const SJIS_KENKOU_TAROU = Buffer.from('83508393835283458140835e838d8345', 'hex')

async function all(path: string, options: OpenOptions = REQUIRE) {
  const csv = await openCsv(path, options)
  const items: CsvItem[] = []
  for await (const item of csv.items) items.push(item)
  return { csv, items }
}

async function failure(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError)
    return err as ImportError
  }
  throw new Error('expected an ImportError')
}

describe('encoding detection', () => {
  it('takes ASCII and valid UTF-8 for UTF-8, with or without BOM', () => {
    expect(detectEncoding(Buffer.from('person_key,name\nA,B\n'), true)).toEqual({
      encoding: 'utf-8',
      bom: false,
    })
    expect(detectEncoding(Buffer.from(`${HEADER}\n${ROW1}\n`), true)).toEqual({
      encoding: 'utf-8',
      bom: false,
    })
    expect(detectEncoding(Buffer.from(`\uFEFF${HEADER}\n`), true)).toEqual({
      encoding: 'utf-8',
      bom: true,
    })
  })

  it('takes bytes that are not UTF-8 for Shift_JIS', () => {
    const sample = Buffer.concat([
      Buffer.from('person_key,name_kana\r\nA1,'),
      SJIS_KENKOU_TAROU,
      Buffer.from('\r\n'),
    ])
    expect(detectEncoding(sample, true)).toEqual({ encoding: 'shift_jis', bom: false })
    expect(detectEncoding(encodeShiftJis(`${HEADER}\r\n${ROW1}\r\n`), true)).toEqual({
      encoding: 'shift_jis',
      bom: false,
    })
  })

  it('does not fail on a character cut by the end of the sample', () => {
    const bytes = Buffer.from('ア'.repeat(10)) // 3 bytes each
    expect(detectEncoding(bytes.subarray(0, 29), false).encoding).toBe('utf-8')
    // …but a whole file that ends mid-character is not valid UTF-8
    expect(
      detectEncoding(Buffer.concat([Buffer.from('a,b\n'), bytes.subarray(0, 2)]), true).encoding,
    ).toBe('shift_jis')
  })

  it('names the line of a broken byte in a file that is plainly UTF-8', () => {
    const good = Buffer.from(`${HEADER}\n${ROW1}\n`)
    const sample = Buffer.concat([good, Buffer.from([0xff]), Buffer.from(`${ROW2}\n`)])
    const err = (() => {
      try {
        detectEncoding(sample, true)
      } catch (e) {
        return e as ImportError
      }
    })()
    expect(err?.key).toBe('encoding_broken_utf8')
    expect(err?.params.line).toBe(3)
  })

  it('refuses UTF-16, binary and bytes that are neither UTF-8 nor Shift_JIS', () => {
    expect(() => detectEncoding(Buffer.from('\uFEFFa,b', 'utf16le'), true)).toThrow(/UTF-16/)
    expect(() =>
      detectEncoding(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]), true),
    ).toThrow(/not recognised/)
    const junk = Buffer.alloc(200, 0xfd) // no such byte in UTF-8 nor in Shift_JIS
    expect(() => detectEncoding(junk, true)).toThrow(/not recognised/)
  })
})

describe('openCsv', () => {
  it('reads UTF-8 without BOM, with line numbers', async () => {
    const { csv, items } = await all(fixture(`${HEADER}\n${ROW1}\n${ROW2}\n`))
    expect(csv.encoding).toEqual({ encoding: 'utf-8', bom: false })
    expect(csv.header).toEqual(HEADER.split(','))
    expect(csv.headerLine).toBe(1)
    expect(items).toEqual([
      { kind: 'row', line: 2, fields: ROW1.split(',') },
      { kind: 'row', line: 3, fields: ROW2.split(',') },
    ])
  })

  it('drops the UTF-8 BOM from the header', async () => {
    const { csv, items } = await all(fixture(`\uFEFF${HEADER}\r\n${ROW1}\r\n`))
    expect(csv.encoding).toEqual({ encoding: 'utf-8', bom: true })
    expect(csv.header[0]).toBe('個人識別番号')
    expect(items).toHaveLength(1)
  })

  it('reads Shift_JIS (hand-made bytes)', async () => {
    const bytes = Buffer.concat([
      Buffer.from('person_key,name_kana\r\nA1,'),
      SJIS_KENKOU_TAROU,
      Buffer.from('\r\nA2,"'),
      SJIS_KENKOU_TAROU,
      Buffer.from('"\r\n'),
    ])
    const { csv, items } = await all(fixture(bytes))
    expect(csv.encoding.encoding).toBe('shift_jis')
    expect(items).toEqual([
      { kind: 'row', line: 2, fields: ['A1', 'ケンコウ　タロウ'] },
      { kind: 'row', line: 3, fields: ['A2', 'ケンコウ　タロウ'] },
    ])
  })

  it('reads a Shift_JIS file larger than the sniffed part, cut into tiny chunks', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ROW1.replace('D0000', `K${i}`))
    const text = [HEADER, ...rows].join('\r\n') + '\r\n'
    const bytes = encodeShiftJis(text)
    expect(bytes.length).toBeGreaterThan(SNIFF_BYTES)
    expect(bytes.subarray(0, 12)).toEqual(encodeShiftJis('個人識別番号'))
    const { csv, items } = await all(fixture(bytes), { ...REQUIRE, highWaterMark: 7 })
    expect(csv.encoding.encoding).toBe('shift_jis')
    expect(csv.header).toEqual(HEADER.split(','))
    expect(items).toHaveLength(2000)
    expect(
      items.every(
        (it, i) => it.kind === 'row' && it.line === i + 2 && it.fields.join(',') === rows[i],
      ),
    ).toBe(true)
  })

  it('reads CRLF and mixed line ends without leaving \\r in fields', async () => {
    const { items } = await all(fixture(`person_key,name\r\nA,x\r\nB,y\nC,z\r\n`))
    expect(items).toEqual([
      { kind: 'row', line: 2, fields: ['A', 'x'] },
      { kind: 'row', line: 3, fields: ['B', 'y'] },
      { kind: 'row', line: 4, fields: ['C', 'z'] },
    ])
  })

  it('counts the lines of quoted fields holding line breaks, and skipped empty lines', async () => {
    const text = [
      'person_key,address', // 1
      'A,"1-1\n2-2"', // 2–3
      'B,plain', // 4
      '', // 5
      'C,"x\r\ny\r\nz"', // 6–8 (CRLF inside quotes counts once per break)
      '"D","say ""hi"""', // 9
      '',
      '',
      'E,last', // 12
    ].join('\n')
    const { items } = await all(fixture(text), { ...REQUIRE, highWaterMark: 3 })
    expect(items.map((i) => i.line)).toEqual([2, 4, 6, 9, 12])
    expect(items[0]).toEqual({ kind: 'row', line: 2, fields: ['A', '1-1\n2-2'] })
    expect(items[3]).toEqual({ kind: 'row', line: 9, fields: ['D', 'say "hi"'] })

    const crlf = text.replace(/(?<!\r)\n/g, '\r\n')
    const again = await all(fixture(crlf))
    expect(again.items.map((i) => i.line)).toEqual([2, 4, 6, 9, 12])
  })

  it('turns a row with another column count into an invalid item and goes on', async () => {
    const { items } = await all(fixture(`person_key,a,b\nA,1,2\nB,1\nC,1,2,3\nD,1,2\n`))
    expect(items).toEqual([
      { kind: 'row', line: 2, fields: ['A', '1', '2'] },
      { kind: 'invalid', line: 3, column: '-', reason: 'column_count', count: 2, expected: 3 },
      { kind: 'invalid', line: 4, column: '-', reason: 'column_count', count: 4, expected: 3 },
      { kind: 'row', line: 5, fields: ['D', '1', '2'] },
    ])
  })

  it('reports rows whose fields are all empty as blank', async () => {
    const { items } = await all(fixture(`person_key,a\nA,1\n,\n  ,　\n`))
    expect(items).toEqual([
      { kind: 'row', line: 2, fields: ['A', '1'] },
      { kind: 'blank', line: 3 },
      { kind: 'blank', line: 4 },
    ])
  })

  it('yields the rows before an unclosed quote, then names the line where it opened', async () => {
    const csv = await openCsv(fixture(`person_key,a\nA,1\nB,2\n\nC,"3\nD,4\nE,5\n`), REQUIRE)
    const seen: number[] = []
    const err = await failure(
      (async () => {
        for await (const item of csv.items) seen.push(item.line)
      })(),
    )
    expect(seen).toEqual([2, 3])
    expect(err.key).toBe('csv_unclosed_quote')
    expect(err.params.line).toBe(5)
    expect(err.text('ja')).toContain('行 5')
    expect(err.text('en')).toContain('line 5')
  })

  it('stops at a record longer than the limit (a runaway quote in a big file)', async () => {
    const text = `person_key,a\nA,1\nB,"${'x'.repeat(300)}\nC,3\n`
    const csv = await openCsv(fixture(text), { ...REQUIRE, maxRecordChars: 100 })
    const seen: number[] = []
    const err = await failure(
      (async () => {
        for await (const item of csv.items) seen.push(item.line)
      })(),
    )
    expect(seen).toEqual([2])
    expect(err.key).toBe('csv_record_too_large')
    expect(err.params.line).toBe(3)
  })

  it('refuses an empty file and a file of empty lines', async () => {
    expect((await failure(openCsv(fixture(''), REQUIRE))).key).toBe('file_empty')
    expect((await failure(openCsv(fixture('\n\r\n\n'), REQUIRE))).key).toBe('file_empty')
  })

  it('takes a header-only file as zero rows', async () => {
    const { csv, items } = await all(fixture(`${HEADER}\r\n`))
    expect(csv.header).toHaveLength(13)
    expect(items).toEqual([])
    const noNewline = await all(fixture('person_key'))
    expect(noNewline.csv.header).toEqual(['person_key'])
    expect(noNewline.items).toEqual([])
  })

  it('refuses a file whose first row is data, not a header', async () => {
    const err = await failure(openCsv(fixture(`${ROW1}\n${ROW2}\n`), REQUIRE))
    expect(err.key).toBe('csv_no_header')
    expect(err.params.line).toBe(1)
    // English headers, odd spacing and width are fine
    const ok = await all(fixture(' Person_Key ,name\nA,b\n'))
    expect(ok.items).toHaveLength(1)
  })

  it('rejects a row with bytes that do not decode, past the sniffed part', async () => {
    const before = Math.ceil(SNIFF_BYTES / 5) + 10 // rows of 5 bytes: past the sniffed 64 KiB
    const head = Buffer.from(`person_key,name\n${'A,ok\n'.repeat(before)}`)
    const bytes = Buffer.concat([
      head,
      Buffer.from('B,'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\nC,ok\n'),
    ])
    const { csv, items } = await all(fixture(bytes))
    expect(csv.encoding.encoding).toBe('utf-8')
    const bad = items.filter((i) => i.kind === 'invalid')
    expect(bad).toEqual([
      { kind: 'invalid', line: before + 2, column: 'name', reason: 'invalid_bytes' },
    ])
    expect(items.at(-1)).toEqual({ kind: 'row', line: before + 3, fields: ['C', 'ok'] })
  })

  it('says clearly when the file cannot be read', async () => {
    expect((await failure(openCsv(join(dir, 'missing.csv')))).key).toBe('file_unreadable')
    const folder = join(dir, 'folder.csv')
    mkdirSync(folder)
    expect((await failure(openCsv(folder))).key).toBe('file_is_directory')
  })
})

describe('countLineBreaks', () => {
  it('counts CRLF, LF and CR once each', () => {
    expect(countLineBreaks('abc')).toBe(0)
    expect(countLineBreaks('a\nb')).toBe(1)
    expect(countLineBreaks('a\r\nb\rc\n')).toBe(3)
    expect(countLineBreaks('\r\n\r\n')).toBe(2)
  })
})
