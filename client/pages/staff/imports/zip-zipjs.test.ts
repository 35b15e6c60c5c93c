import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writeZip, type ZipEntryOptions } from '../../../../bench/gen-checkups.ts'
import { CheckupArchiveError } from '../../../../core/import/checkup-archive.ts'
import { importCheckupFile } from '../../../../core/import/checkup-import.ts'
import { MemorySink, type ZipAccess, type ZipEntryMeta } from '../../../../core/import/source.ts'
import { fileSource } from './file-source.ts'
import { zipAccess, zipEndCount } from './zip-zipjs.ts'

const dir = mkdtempSync(join(tmpdir(), 'kenshin-zipjs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
type Entry = { name: string; content: string | Uint8Array; options?: ZipEntryOptions }
async function zipFile(entries: Entry[], close: { entryCount?: number } = {}): Promise<File> {
  const path = join(dir, `z${++n}.zip`)
  await writeZip(path, entries, close)
  return new File([readFileSync(path)], `z${n}.zip`)
}

async function listing(file: File): Promise<ZipEntryMeta[]> {
  const out: ZipEntryMeta[] = []
  for await (const e of zipAccess(file).entries()) out.push(e)
  return out
}

async function read(file: File, index: number): Promise<string> {
  const zip = zipAccess(file)
  for await (const e of zip.entries()) {
    if (e.index !== index) continue
    const parts: Uint8Array[] = []
    for await (const c of zip.open(e, 2 * 1024 * 1024)) parts.push(c)
    return Buffer.concat(parts).toString('utf8')
  }
  throw new Error('no such entry')
}

describe('zipAccess (zip.js over a File)', () => {
  it('lists the directory with the shared names and flags, and inflates an entry', async () => {
    const file = await zipFile([
      { name: 'DATA/h1.xml', content: '<a>' + 'x'.repeat(5000) + '</a>' },
      { name: 'DATA/../h2.xml', content: 'stored', options: { method: 0 } },
      { name: 'DATA/h3.xml', content: 'secret', options: { flags: 1 } },
    ])
    const entries = await listing(file)
    expect(entries.map((e) => [e.index, e.name, e.method, e.encrypted, e.declaredSize])).toEqual([
      [0, 'DATA/h1.xml', 8, false, 5007],
      [1, 'DATA/../h2.xml', 0, false, 6],
      [2, 'DATA/h3.xml', 8, true, 6],
    ])
    expect(await read(file, 0)).toBe('<a>' + 'x'.repeat(5000) + '</a>')
    expect(await read(file, 1)).toBe('stored')
    expect(await zipEndCount(file)).toBe(3)
  })

  it('refuses bytes past the declared size, and a bad CRC, as the yauzl adapter says it', async () => {
    const file = await zipFile([
      {
        name: 'DATA/bomb.xml',
        content: Buffer.alloc(4 * 1024 * 1024, 0x20),
        options: { declaredSize: 1000 },
      },
      { name: 'DATA/crc.xml', content: 'CORRUPT-ME', options: { method: 0 } },
    ])
    const bytes = new Uint8Array(await file.arrayBuffer())
    bytes[Buffer.from(bytes).indexOf('CORRUPT-ME')] = 0x4b
    const patched = new File([bytes], file.name)
    await expect(read(patched, 0)).rejects.toMatchObject({
      reason: 'too_large',
      message: 'inflates to more than the 1000 bytes it declares',
    })
    await expect(read(patched, 1)).rejects.toMatchObject({
      reason: 'corrupt',
      message: 'CRC-32 mismatch',
    })
  })

  it('checks the local header and the deflate data as zip.js did, in the same words', async () => {
    const text = '<a>' + 'ケンシン'.repeat(3000) + '</a>'
    const file = await zipFile([
      { name: 'DATA/h1.xml', content: text },
      { name: 'DATA/h2.xml', content: text },
      { name: 'DATA/h3.xml', content: '', options: { method: 0 } },
      { name: 'DATA/h4.xml', content: '' },
    ])
    const bytes = new Uint8Array(await file.arrayBuffer())
    const view = new DataView(bytes.buffer)
    // the first entry's local header says stored, its central record deflate
    bytes[8] = 0
    // the second entry's deflate data starts with a reserved block type
    const second = 30 + 11 + view.getUint32(18, true)
    bytes[second + 30 + 11] = 0x07
    const patched = new File([bytes], file.name)
    await expect(read(patched, 0)).rejects.toMatchObject({
      reason: 'corrupt',
      message: 'Ambiguous archive',
    })
    await expect(read(patched, 1)).rejects.toMatchObject({
      reason: 'corrupt',
      message: 'CRC-32 mismatch',
    })
    expect(await read(patched, 2)).toBe('')
    expect(await read(patched, 3)).toBe('')
  })

  it('stops at the cap an entry that declares more', async () => {
    const file = await zipFile([
      { name: 'DATA/big.xml', content: Buffer.alloc(8 * 1024 * 1024, 0x41) },
    ])
    const zip = zipAccess(file)
    let taken = 0
    let error: unknown = null
    for await (const e of zip.entries()) {
      try {
        for await (const c of zip.open(e, 2 * 1024 * 1024)) taken += c.length
      } catch (err) {
        error = err
      }
    }
    expect(error).toMatchObject({ reason: 'too_large' })
    expect(taken).toBeLessThanOrEqual(2 * 1024 * 1024)
  })

  it('reads the entry count of the end record before listing, and refuses a file that is no zip', async () => {
    const many = await zipFile([{ name: 'DATA/h1.xml', content: 'x' }], { entryCount: 100_001 })
    expect(await zipEndCount(many)).toBe(100_001)
    expect(await zipAccess(many).entryCount()).toBe(100_001)
    const junk = new File(['this is not a zip file at all'], 'junk.zip')
    expect(await zipEndCount(junk)).toBeNull()
    await expect(listing(junk)).rejects.toMatchObject({
      name: 'CheckupArchiveError',
      reason: 'not_a_zip',
    })
    await expect(listing(junk)).rejects.toBeInstanceOf(CheckupArchiveError)
  })

  it('stops inflating when the reader stops', async () => {
    const file = await zipFile([
      { name: 'DATA/big.xml', content: Buffer.alloc(8 * 1024 * 1024, 0x41) },
    ])
    const zip = zipAccess(file)
    let taken = 0
    for await (const e of zip.entries()) {
      for await (const c of zip.open(e, 2 * 1024 * 1024)) {
        taken += c.length
        break
      }
    }
    expect(taken).toBeGreaterThan(0)
    expect(taken).toBeLessThan(8 * 1024 * 1024)
  })
})

describe('a cancelled checkup import over zip.js', () => {
  it('stops the import inside an entry, with no rejection for it', async () => {
    const file = await zipFile([
      { name: 'DATA/h1.xml', content: `<?xml version="1.0"?><x>${'y'.repeat(1_500_000)}</x>` },
      { name: 'DATA/h2.xml', content: '<x/>' },
    ])
    const controller = new AbortController()
    const inner = zipAccess(file)
    const zip: ZipAccess = {
      entries: () => inner.entries(),
      close: () => inner.close(),
      // the cancel comes while the first entry is being inflated
      async *open(entry, cap, signal) {
        for await (const chunk of inner.open(entry, cap, signal)) {
          controller.abort()
          yield chunk
        }
      },
    }
    const sink = new MemorySink()
    const result = await importCheckupFile({
      source: fileSource(file),
      zip,
      sink,
      insurer: '06139992',
      signal: controller.signal,
      post: async () => ({ inserted: 0, replaced: 0, unchanged: 0, rejected: [] }),
    })
    expect(result.fatal?.key).toBe('import_stopped')
    expect(sink.rows).toEqual([])
  })
})
