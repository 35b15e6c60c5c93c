/**
 * The shared parser (core/import/) from both of its entry points, on the same fixtures: the command line's
 * (a file on disk read with node:fs, cli/import-files.ts; zips with yauzl, cli/zip-yauzl.ts) and the
 * console's Web Worker's (a browser File read through Blob.slice/stream, client/pages/staff/imports/
 * file-source.ts; zips with zip.js, zip-zipjs.ts). The same bytes cut the same ways (1, 7 and 65,536-byte
 * chunks) must post the same batches, write the same rejection rows and end with the same result.
 * Node has File, Blob.stream(), DecompressionStream('deflate-raw') and TextDecoder('shift_jis'), as
 * Chromium does. (A CLI test may import the client: scripts/house.test.ts.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse'
import { parse as browserParse } from 'csv-parse/browser/esm'
import { afterAll, describe, expect, it } from 'vitest'
import { writeZip, type ZipEntryOptions } from '../bench/gen-checkups.ts'
import { rosterChunks } from '../bench/gen-roster.ts'
import { importCheckupFile } from '../core/import/checkup-import.ts'
import { importRoster } from '../core/import/roster-import.ts'
import {
  MemorySink,
  rechunkSource,
  type ByteSource,
  type ZipAccess,
} from '../core/import/source.ts'
import type {
  CheckupBatch,
  CheckupBatchResult,
  RosterBatch,
  BatchResult,
} from '../core/import/types.ts'
import { fileSource as webFileSource } from '../client/pages/staff/imports/file-source.ts'
import { zipAccess } from '../client/pages/staff/imports/zip-zipjs.ts'
import { fileSource } from './import-files.ts'
import { encodeShiftJis } from './sjis.ts'
import { rosterBatch, type RosterStore } from './testing/fake-ops.ts'
import { yauzlZip } from './zip-yauzl.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'kenshin-entry-points-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const path = (name: string) => join(dir, name)
const INSURER = '06139992'
const CUTS = [1, 7, 65536]

type Side = { source: ByteSource; zip?: ZipAccess }

/** The command line's entry: the file on disk (named as the browser names it, its base name). */
async function cliSide(file: string, cut: number): Promise<Side> {
  const source = await fileSource(file)
  return {
    source: rechunkSource({ ...source, name: basename(file) }, cut),
    zip: file.endsWith('.zip') ? yauzlZip(file) : undefined,
  }
}

/** The console's entry: the same bytes as a browser File. */
function webSide(file: string, cut: number): Side {
  const blob = new File([readFileSync(file)], basename(file))
  return {
    source: rechunkSource(webFileSource(blob), cut),
    zip: file.endsWith('.zip') ? zipAccess(blob) : undefined,
  }
}

/** What a run shows: the bodies posted, the rejection rows, the result without its times. */
function outcome(bodies: unknown[], sink: MemorySink, result: Record<string, unknown>) {
  const { elapsedMs: _, fatal, ...rest } = result as { elapsedMs: number; fatal: unknown }
  const f = fatal as { key: string; params: Record<string, unknown> } | null
  return { bodies, rows: sink.rows, result: rest, fatal: f && { key: f.key, params: f.params } }
}

async function rosterRun(side: Side) {
  const store: RosterStore = new Map()
  const bodies: RosterBatch[] = []
  const sink = new MemorySink()
  const result = await importRoster({
    ...side,
    sink,
    insurer: INSURER,
    batchSize: 7,
    tag: { importId: 'same' },
    post: async (insurer, batch): Promise<BatchResult> => {
      bodies.push(structuredClone(batch))
      return rosterBatch(store, insurer, structuredClone(batch))
    },
  })
  return outcome(bodies, sink, result)
}

async function checkupRun(side: Side) {
  const bodies: CheckupBatch[] = []
  const sink = new MemorySink()
  const result = await importCheckupFile({
    ...side,
    sink,
    insurer: INSURER,
    batchSize: 3,
    tag: { importId: 'same' },
    post: async (_insurer, batch): Promise<CheckupBatchResult> => {
      bodies.push(structuredClone(batch))
      // the first checkup of each batch refused by the server, the rest taken
      const [first, ...rest] = batch.checkups
      return {
        inserted: rest.length,
        replaced: 0,
        unchanged: 0,
        rejected: first ? [{ ref: first.ref, reason: 'x', message: 'refused' }] : [],
      }
    },
  })
  return outcome(bodies, sink, result)
}

// ------------------------------------------------------------------------------------------- fixtures

const DEMO_ROSTER = readFileSync(join(root, 'db/seed/demo-roster.csv'), 'utf8')
const ENGLISH_HEADER =
  'person_key,insurer_number,symbol,number,branch,name_kana,birth_date,sex,relationship,valid_from,valid_to,postal_code,address'

function trickyRoster(): string {
  const lines = [...rosterChunks({ rows: 60, insurer: INSURER })].join('').trimEnd().split('\n')
  for (let i = 1; i < lines.length; i += 3) {
    const kind = (i - 1) / 3
    const f = lines[i].split(',')
    if (kind % 3 === 0) f[6] = '1990-02-30'
    else if (kind % 3 === 1) f.splice(3, 1)
    else f[1] = '06132013'
    lines[i] = f.join(',')
  }
  lines[30] = lines[30].replace(/,([^,]*)$/, ',"東京都\r\nデモ町, 1-1"') // a quoted line break
  lines.splice(40, 0, '', ',,,,,,,,,,,,') // an empty line and a blank row
  return lines.join('\n') + '\n'
}

/** The fixtures written, by name. */
const made = new Map<string, string>()
const fixture = (name: string) => made.get(name) as string

function write(name: string, content: string | Uint8Array): string {
  const file = path(name)
  writeFileSync(file, content)
  made.set(name, file)
  return file
}

const demoLines = DEMO_ROSTER.split('\n')
const ROSTERS: Array<[string, () => string]> = [
  ['the demo roster', () => join(root, 'db/seed/demo-roster.csv')],
  ['the demo roster in Shift_JIS', () => write('sjis.csv', encodeShiftJis(DEMO_ROSTER))],
  ['with a BOM', () => write('bom.csv', '\uFEFF' + DEMO_ROSTER)],
  ['with CRLF', () => write('crlf.csv', DEMO_ROSTER.replace(/\n/g, '\r\n'))],
  [
    'with English headers',
    () => write('english.csv', [ENGLISH_HEADER, ...demoLines.slice(1)].join('\n')),
  ],
  ['the tricky rows', () => write('tricky.csv', trickyRoster())],
  ['the tricky rows in Shift_JIS', () => write('tricky-sjis.csv', encodeShiftJis(trickyRoster()))],
  ['an unclosed quote', () => write('quote.csv', DEMO_ROSTER + 'D9999,"06139992,1\nD9998,x\n')],
  ['an empty file', () => write('empty.csv', '')],
  ['a header only', () => write('header.csv', demoLines[0] + '\n')],
  [
    'UTF-16',
    () => write('utf16.csv', new Uint8Array([0xff, 0xfe, ...Buffer.from(DEMO_ROSTER, 'utf16le')])),
  ],
  [
    'broken UTF-8',
    () => {
      const bytes = Buffer.from(DEMO_ROSTER.repeat(3))
      bytes[bytes.indexOf('ケンコウ', 2000)] = 0xff
      return write('broken.csv', bytes)
    },
  ],
  ['no header', () => write('noheader.csv', demoLines.slice(1).join('\n'))],
]

const ALL_FORMS = readFileSync(join(root, 'cli/fixtures/checkup-all-forms.xml'), 'utf8')
const DEMO_XML = readFileSync(join(root, 'db/seed/demo-checkup-2026.xml'), 'utf8')
const MB = 1024 * 1024
type ZipEntry = { name: string; content: string | Uint8Array; options?: ZipEntryOptions }
async function zip(name: string, entries: ZipEntry[], close: { entryCount?: number } = {}) {
  const file = path(name)
  await writeZip(file, entries, close)
  made.set(name, file)
  return file
}

const CHECKUP_FILES: Array<[string, () => string]> = [
  ['the demo checkup CSV', () => join(root, 'db/seed/demo-checkups.csv')],
  ['a CSV of mixed checkups', () => join(root, 'cli/fixtures/checkups-mixed.csv')],
  [
    'a Shift_JIS checkup CSV',
    () =>
      write(
        'checkups-sjis.csv',
        encodeShiftJis(readFileSync(join(root, 'db/seed/demo-checkups.csv'), 'utf8')),
      ),
  ],
  ['the XML of every result form', () => join(root, 'cli/fixtures/checkup-all-forms.xml')],
  ['the demo XML', () => join(root, 'db/seed/demo-checkup-2026.xml')],
  [
    'an XML of another insurer',
    () => write('other.xml', DEMO_XML.replace(/06139992/g, '06132013')),
  ],
  ['a broken XML', () => write('broken.xml', DEMO_XML.slice(0, 2000))],
]

const ZIPS: Array<[string, () => Promise<string>]> = [
  [
    'a real layout with junk, traversal, encryption and a bad CRC',
    async () => {
      const file = await zip('layout.zip', [
        { name: 'ix08_V08.xml', content: '<index/>' },
        { name: 'DATA/', content: '' },
        { name: 'DATA/h1310000001202606100001.xml', content: DEMO_XML },
        { name: 'DATA/h1310000001202606150002.xml', content: ALL_FORMS, options: { method: 0 } },
        { name: 'DATA/../../etc/h1.xml', content: DEMO_XML },
        { name: '/DATA/h2.xml', content: DEMO_XML },
        { name: 'x', content: DEMO_XML, options: { nameBytes: Buffer.from('DATA\\h4.xml') } },
        { name: 'メモ.txt', content: 'memo' },
        {
          name: 'x',
          content: DEMO_XML,
          options: { nameBytes: Buffer.from([0x44, 0x41, 0x54, 0x41, 0x2f, 0x68, 0x82, 0xa0]) },
        },
        { name: 'DATA/h_secret.xml', content: DEMO_XML, options: { flags: 0x1 } },
        { name: 'DATA/h_binary.xml', content: Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e]) },
        { name: 'DATA/h_crc.xml', content: 'CORRUPT-ME-' + DEMO_XML, options: { method: 0 } },
        { name: 'CLAIMS/c1.xml', content: '<claim/>' },
        { name: 'DATA/h_other.xml', content: DEMO_XML.replace(/06139992/g, '06132013') },
        { name: 'DATA/h_good.xml', content: DEMO_XML },
      ])
      const bytes = readFileSync(file)
      bytes[bytes.indexOf('CORRUPT-ME-')] = 'K'.charCodeAt(0)
      // the Shift_JIS name without the UTF-8 flag (bit 11), in its local and central headers: CP437
      const name = Buffer.from([0x44, 0x41, 0x54, 0x41, 0x2f, 0x68, 0x82, 0xa0])
      for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) {
        if (bytes.readUInt32LE(at - 30) === 0x04034b50) bytes[at - 30 + 7] &= ~0x08
        if (bytes.readUInt32LE(at - 46) === 0x02014b50) bytes[at - 46 + 9] &= ~0x08
      }
      writeFileSync(file, bytes)
      return file
    },
  ],
  [
    'bombs, declared and hidden',
    () =>
      zip('bombs.zip', [
        { name: 'DATA/h_declared.xml', content: Buffer.alloc(3 * MB, 0x20) },
        {
          name: 'DATA/h_small.xml',
          content: Buffer.alloc(8 * MB, 0x20),
          options: { declaredSize: 1000 },
        },
        {
          name: 'DATA/h_under.xml',
          content: Buffer.alloc(8 * MB, 0x20),
          options: { declaredSize: 2 * MB - 1 },
        },
        { name: 'DATA/h_ok.xml', content: DEMO_XML },
      ]),
  ],
  [
    'too many entries',
    () => zip('many.zip', [{ name: 'DATA/h1.xml', content: DEMO_XML }], { entryCount: 100_001 }),
  ],
  [
    'more than 2 GB declared',
    () =>
      zip(
        'huge.zip',
        [1, 2, 3].map((i) => ({
          name: `DATA/h${i}.xml`,
          content: 'x',
          options: { declaredSize: 1024 * MB },
        })),
      ),
  ],
  ['not a zip', async () => write('junk.zip', 'this is not a zip file at all')],
  [
    'a truncated zip',
    async () => {
      const whole = readFileSync(
        await zip('whole.zip', [{ name: 'DATA/h1.xml', content: DEMO_XML }]),
      )
      return write('truncated.zip', whole.subarray(0, whole.length - 30))
    },
  ],
]

// ---------------------------------------------------------------------------------------------- tests

// The project `browser-csv` (vitest.config.ts) runs this file again with `csv-parse` resolved to the
// build the browser gets (csv-parse/browser/esm): both sides then parse with it.
it('parses with the csv-parse build this project says', () => {
  expect(parse === browserParse).toBe(process.env.CSV_PARSE_BUILD === 'browser')
})

describe('the roster import from both entry points', () => {
  it.each(ROSTERS)('%s', async (_, make) => {
    const file = make()
    for (const cut of CUTS) {
      const cli = await rosterRun(await cliSide(file, cut))
      const web = await rosterRun(webSide(file, cut))
      expect(web, `cut ${cut}`).toEqual(cli)
    }
  })

  it('the fixtures say what they should (so that equal is not equally empty)', async () => {
    const tricky = await rosterRun(await cliSide(fixture('tricky.csv'), 65536))
    expect(tricky.result).toMatchObject({ rowsRead: 60, blank: 1, rejected: 20, inserted: 40 })
    const sjis = await rosterRun(await cliSide(fixture('sjis.csv'), 7))
    expect(sjis.result).toMatchObject({ encoding: { encoding: 'shift_jis' }, rejected: 0 })
    expect(sjis.bodies.flatMap((b) => (b as RosterBatch).rows).length).toBe(demoLines.length - 2)
    for (const [file, key] of [
      ['quote.csv', 'csv_unclosed_quote'],
      ['empty.csv', 'file_empty'],
      ['utf16.csv', 'encoding_utf16'],
      ['broken.csv', 'encoding_broken_utf8'],
      ['noheader.csv', 'csv_no_header'],
    ]) {
      expect((await rosterRun(await cliSide(fixture(file), 65536))).fatal?.key, file).toBe(key)
    }
  })
})

describe('the checkup import from both entry points', () => {
  it.each(CHECKUP_FILES)('%s', async (_, make) => {
    const file = make()
    for (const cut of CUTS) {
      const cli = await checkupRun(await cliSide(file, cut))
      const web = await checkupRun(webSide(file, cut))
      expect(web, `cut ${cut}`).toEqual(cli)
    }
  })

  it.each(ZIPS)('a zip: %s', async (_, make) => {
    const file = await make()
    const cli = await checkupRun(await cliSide(file, 65536))
    const web = await checkupRun(webSide(file, 65536))
    // an archive refused whole: the same reason; the detail is each library's own words
    if (cli.fatal?.key.startsWith('archive_') && web.fatal) {
      expect(web.fatal.key).toBe(cli.fatal.key)
      delete cli.fatal.params.detail
      delete web.fatal.params.detail
    }
    expect(web).toEqual(cli)
  })

  it('the zips say what they should', async () => {
    const layout = await checkupRun(await cliSide(fixture('layout.zip'), 65536))
    expect(layout.rows.map((r) => [r[0], r[4]])).toEqual([
      ['DATA/h1310000001202606100001.xml', 'x'],
      ['DATA/../../etc/h1.xml', 'unsafe_path'],
      ['/DATA/h2.xml', 'unsafe_path'],
      ['DATA\\h4.xml', 'unsafe_path'],
      ['メモ.txt', 'unexpected_file'],
      ['DATA/héá', 'unexpected_file'],
      ['DATA/h_secret.xml', 'encrypted'],
      ['DATA/h_binary.xml', 'bad_encoding'],
      ['DATA/h_crc.xml', 'corrupt'],
      ['DATA/h_other.xml', 'insurer_mismatch'],
    ])
    const bombs = await checkupRun(await cliSide(fixture('bombs.zip'), 65536))
    expect(bombs.rows.map((r) => r[4])).toEqual(['too_large', 'too_large', 'too_large', 'x'])
    for (const [file, key] of [
      ['many.zip', 'archive_too_many_entries'],
      ['huge.zip', 'archive_too_large'],
      ['junk.zip', 'archive_not_a_zip'],
    ]) {
      expect((await checkupRun(await cliSide(fixture(file), 65536))).fatal?.key, file).toBe(key)
    }
  })
})
