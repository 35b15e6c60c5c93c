import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  CheckupArchiveError,
  readCheckupArchive as readArchive,
  unsafePath,
  type ArchiveItem,
  type ArchiveOptions,
} from '../core/import/checkup-archive.ts'
import { parseCheckupXml } from '../core/import/checkup-xml.ts'
import { yauzlZip } from './zip-yauzl.ts'
import { checkupDocuments, writeZip, type ZipEntryOptions } from '../bench/gen-checkups.ts'

// the shared archive reader (core/import/checkup-archive.ts) over a zip on disk, read with yauzl as the
// command line does
const readCheckupArchive = (path: string, options: ArchiveOptions = {}) =>
  readArchive(yauzlZip(path), { name: path, ...options })

const dir = mkdtempSync(join(tmpdir(), 'kenshin-checkup-zip-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const DEMO = readFileSync(new URL('../db/seed/demo-checkup-2026.xml', import.meta.url), 'utf8')
const ALL_FORMS = readFileSync(new URL('./fixtures/checkup-all-forms.xml', import.meta.url), 'utf8')
const MB = 1024 * 1024

type Entry = { name: string; content: string | Uint8Array; options?: ZipEntryOptions }
let n = 0
async function zipOf(entries: Entry[], close: { entryCount?: number } = {}): Promise<string> {
  const path = join(dir, `archive${++n}.zip`)
  await writeZip(path, entries, close)
  return path
}

async function readAll(path: string, options: ArchiveOptions = {}): Promise<ArchiveItem[]> {
  const items: ArchiveItem[] = []
  for await (const item of readCheckupArchive(path, options)) items.push(item)
  return items
}
const summary = (items: ArchiveItem[]) =>
  items.map((i) => ('xml' in i ? [i.name, 'xml'] : [i.name, i.rejected]))

const LAYOUT: Entry[] = [
  { name: 'ix08_V08.xml', content: '<index/>' },
  { name: 'su08_V08.xml', content: '<summary/>' },
  { name: 'DATA/', content: '' },
  { name: 'DATA/h1310000001202606100001.xml', content: DEMO },
  { name: 'DATA/h1310000001202606150002.xml', content: ALL_FORMS, options: { method: 0 } },
  { name: 'CLAIMS/c1310000001202606100001.xml', content: '<claim/>' },
  { name: 'XSD/hc08_V08.xsd', content: '<xs:schema/>' },
]

describe('readCheckupArchive', () => {
  it('yields the DATA files of a real layout, skipping index, summary, claims and schemas', async () => {
    const items = await readAll(await zipOf(LAYOUT))
    expect(summary(items)).toEqual([
      ['DATA/h1310000001202606100001.xml', 'xml'],
      ['DATA/h1310000001202606150002.xml', 'xml'],
    ])
    expect(items[0]).toEqual({ index: 3, name: 'DATA/h1310000001202606100001.xml', xml: DEMO })
    const parsed = await parseCheckupXml((items[1] as { xml: string }).xml)
    expect(parsed.ok && parsed.checkup.results.length).toBe(12)
  })

  it('accepts the layout inside one top folder, and generated archives', async () => {
    const nested = await readAll(
      await zipOf(LAYOUT.map((e) => ({ ...e, name: `1310000001_06139992_202606101_1/${e.name}` }))),
    )
    expect(nested.map((i) => 'xml' in i)).toEqual([true, true])

    const docs = [...checkupDocuments({ docs: 25, insurer: '06139992' })]
    const items = await readAll(await zipOf(docs.map((d) => ({ name: d.name, content: d.xml }))))
    expect(items).toHaveLength(25)
    for (const [i, item] of items.entries()) {
      if (!('xml' in item)) throw new Error(`${item.name}: ${item.rejected}`)
      const parsed = await parseCheckupXml(item.xml)
      if (!parsed.ok) throw new Error(`${item.name}: ${parsed.reason} ${parsed.detail}`)
      expect(parsed.checkup.card.number).toBe(docs[i].person.number)
      expect(parsed.checkup.person.birthDate).toBe(docs[i].person.birthDate)
    }
  })

  it('rejects path traversal, absolute paths and backslashes, and goes on', async () => {
    const items = await readAll(
      await zipOf([
        { name: 'DATA/../../etc/h1.xml', content: DEMO },
        { name: '/DATA/h2.xml', content: DEMO },
        { name: 'C:/DATA/h3.xml', content: DEMO },
        { name: 'x', content: DEMO, options: { nameBytes: Buffer.from('DATA\\h4.xml') } },
        { name: 'CLAIMS/../../../c.xml', content: '<claim/>' },
        { name: 'DATA/h5.xml', content: DEMO },
      ]),
    )
    expect(summary(items)).toEqual([
      ['DATA/../../etc/h1.xml', 'unsafe_path'],
      ['/DATA/h2.xml', 'unsafe_path'],
      ['C:/DATA/h3.xml', 'unsafe_path'],
      ['DATA\\h4.xml', 'unsafe_path'],
      ['CLAIMS/../../../c.xml', 'unsafe_path'],
      ['DATA/h5.xml', 'xml'],
    ])
    expect(unsafePath('DATA/h..x.xml')).toBeNull()
  })

  it('refuses a 50 MB bomb without inflating it, whether its size is declared or hidden', async () => {
    const bomb = Buffer.alloc(50 * MB, 0x20)
    let inflated = 0
    const items = await readAll(
      await zipOf([
        { name: 'DATA/h_declared.xml', content: bomb },
        { name: 'DATA/h_lies_small.xml', content: bomb, options: { declaredSize: 1000 } },
        {
          name: 'DATA/h_lies_just_under.xml',
          content: bomb,
          options: { declaredSize: 2 * MB - 1 },
        },
        { name: 'DATA/h_ok.xml', content: DEMO },
      ]),
      { onInflate: (b) => (inflated += b) },
    )
    expect(summary(items)).toEqual([
      ['DATA/h_declared.xml', 'too_large'],
      ['DATA/h_lies_small.xml', 'too_large'],
      ['DATA/h_lies_just_under.xml', 'too_large'],
      ['DATA/h_ok.xml', 'xml'],
    ])
    expect(inflated).toBeLessThan(3 * MB + Buffer.byteLength(DEMO)) // not 150 MB
  })

  it('refuses the whole archive for more than 100,000 entries or 2 GB declared, before yielding anything', async () => {
    const many = await zipOf([{ name: 'DATA/h1.xml', content: DEMO }], { entryCount: 100_001 })
    await expect(readAll(many)).rejects.toMatchObject({
      name: 'CheckupArchiveError',
      reason: 'too_many_entries',
    })

    const huge = await zipOf(
      [1, 2, 3].map((i) => ({
        name: `DATA/h${i}.xml`,
        content: 'x',
        options: { declaredSize: 1024 * MB },
      })),
    )
    const seen: ArchiveItem[] = []
    await expect(
      (async () => {
        for await (const item of readCheckupArchive(huge)) seen.push(item)
      })(),
    ).rejects.toMatchObject({ reason: 'too_large' })
    expect(seen).toEqual([])

    const six = await zipOf(
      Array.from({ length: 6 }, (_, i) => ({ name: `DATA/h${i}.xml`, content: DEMO })),
    )
    await expect(readAll(six, { maxEntries: 5 })).rejects.toBeInstanceOf(CheckupArchiveError)
    expect(await readAll(six, { maxEntries: 6 })).toHaveLength(6)
  })

  it('reports junk entries, encrypted entries and broken data as rejected, never thrown', async () => {
    const path = await zipOf([
      { name: 'readme.txt', content: 'hello' },
      { name: 'メモ.txt', content: 'memo' },
      { name: '__MACOSX/DATA/._h1.xml', content: Buffer.from([0, 5, 22, 7]) },
      { name: 'DATA/notes.txt', content: 'x' },
      { name: 'DATA/h_secret.xml', content: DEMO, options: { flags: 0x1 } },
      {
        name: 'DATA/h_binary.xml',
        content: Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x00, 0x80, 0x3e]),
      },
      { name: 'DATA/h_crc.xml', content: 'CORRUPT-ME-' + DEMO, options: { method: 0 } },
      { name: 'DATA/h_good.xml', content: DEMO },
    ])
    const bytes = readFileSync(path)
    const at = bytes.indexOf('CORRUPT-ME-')
    bytes[at] = 'K'.charCodeAt(0)
    writeFileSync(path, bytes)

    const items = await readAll(path)
    expect(summary(items)).toEqual([
      ['readme.txt', 'unexpected_file'],
      ['メモ.txt', 'unexpected_file'],
      ['__MACOSX/DATA/._h1.xml', 'unexpected_file'],
      ['DATA/notes.txt', 'unexpected_file'],
      ['DATA/h_secret.xml', 'encrypted'],
      ['DATA/h_binary.xml', 'bad_encoding'],
      ['DATA/h_crc.xml', 'corrupt'],
      ['DATA/h_good.xml', 'xml'],
    ])
    for (const item of items) if ('rejected' in item) expect(item.detail.length).toBeGreaterThan(0)
  })

  it('an unreadable or non-zip file is a CheckupArchiveError', async () => {
    const junk = join(dir, 'junk.zip')
    writeFileSync(junk, 'this is not a zip file at all')
    await expect(readAll(junk)).rejects.toMatchObject({
      name: 'CheckupArchiveError',
      reason: 'not_a_zip',
    })
    await expect(readAll(join(dir, 'missing.zip'))).rejects.toMatchObject({ reason: 'unreadable' })
    const truncated = join(dir, 'truncated.zip')
    const whole = readFileSync(await zipOf(LAYOUT))
    writeFileSync(truncated, whole.subarray(0, whole.length - 30))
    await expect(readAll(truncated)).rejects.toBeInstanceOf(CheckupArchiveError)
  })

  it('stops reading when the consumer stops', async () => {
    const path = await zipOf(
      Array.from({ length: 10 }, (_, i) => ({ name: `DATA/h${i}.xml`, content: DEMO })),
    )
    let count = 0
    for await (const item of readCheckupArchive(path)) {
      expect('xml' in item).toBe(true)
      if (++count === 2) break
    }
    expect(count).toBe(2)
    expect(await readAll(path)).toHaveLength(10) // the file is not left locked or broken
  })
})
