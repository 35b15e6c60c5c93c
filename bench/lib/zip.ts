/**
 * A small streaming zip writer (deflate or stored; zip64 end records past 65,535 entries), for the checkup
 * archives of bench/gen-checkups.ts and the CLI's tests of odd archives (through that module's exports).
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import type { Writable } from 'node:stream'
import { crc32, deflateRawSync } from 'node:zlib'

export type ZipEntryOptions = {
  /** 8 deflate (default), 0 stored. */
  method?: 0 | 8
  /** Extra general-purpose flag bits (tests: 0x1 claims encryption). */
  flags?: number
  /** Written instead of the real uncompressed size (tests: a lying header). */
  declaredSize?: number
  /** The name's bytes as stored, instead of the UTF-8 of `name` (tests: odd names). */
  nameBytes?: Buffer
}

type CentralEntry = {
  name: Buffer
  flags: number
  method: number
  crc: number
  compressed: number
  size: number
  offset: number
}

const DOS_TIME = (12 << 11) | (0 << 5) // 12:00:00
const DOS_DATE = ((2026 - 1980) << 9) | (6 << 5) | 1 // 2026-06-01

export class ZipWriter {
  out: Writable
  offset = 0
  entries: CentralEntry[] = []

  constructor(out: Writable) {
    this.out = out
  }

  async write(buffer: Buffer): Promise<void> {
    this.offset += buffer.length
    if (!this.out.write(buffer)) await once(this.out, 'drain')
  }

  async add(
    name: string,
    content: string | Uint8Array,
    options: ZipEntryOptions = {},
  ): Promise<void> {
    const data =
      typeof content === 'string'
        ? Buffer.from(content)
        : Buffer.from(content.buffer, content.byteOffset, content.byteLength)
    const method = options.method ?? 8
    const body = method === 8 ? deflateRawSync(data) : data
    const nameBytes = options.nameBytes ?? Buffer.from(name)
    const entry: CentralEntry = {
      name: nameBytes,
      flags: 0x800 | (options.flags ?? 0), // names are UTF-8
      method,
      crc: crc32(data),
      compressed: body.length,
      size: options.declaredSize ?? data.length,
      offset: this.offset,
    }
    if (entry.offset > 0xfffffffe || entry.compressed > 0xfffffffe)
      throw new Error('zip entries past 4 GB are not supported')
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt16LE(entry.flags, 6)
    header.writeUInt16LE(method, 8)
    header.writeUInt16LE(DOS_TIME, 10)
    header.writeUInt16LE(DOS_DATE, 12)
    header.writeUInt32LE(entry.crc, 14)
    header.writeUInt32LE(entry.compressed, 18)
    header.writeUInt32LE(Math.min(entry.size, 0xffffffff), 22)
    header.writeUInt16LE(nameBytes.length, 26)
    header.writeUInt16LE(0, 28)
    await this.write(header)
    await this.write(nameBytes)
    await this.write(body)
    this.entries.push(entry)
  }

  /** Writes the central directory; `entryCount` overrides the count in the end record (tests: a lie). */
  async close(options: { entryCount?: number } = {}): Promise<void> {
    const cdStart = this.offset
    for (const e of this.entries) {
      const h = Buffer.alloc(46)
      h.writeUInt32LE(0x02014b50, 0)
      h.writeUInt16LE(20, 4)
      h.writeUInt16LE(20, 6)
      h.writeUInt16LE(e.flags, 8)
      h.writeUInt16LE(e.method, 10)
      h.writeUInt16LE(DOS_TIME, 12)
      h.writeUInt16LE(DOS_DATE, 14)
      h.writeUInt32LE(e.crc, 16)
      h.writeUInt32LE(e.compressed, 20)
      h.writeUInt32LE(Math.min(e.size, 0xffffffff), 24)
      h.writeUInt16LE(e.name.length, 28)
      // extra, comment, disk, internal attributes: 0
      h.writeUInt32LE(e.offset, 42)
      await this.write(h)
      await this.write(e.name)
    }
    const cdSize = this.offset - cdStart
    const count = options.entryCount ?? this.entries.length
    const zip64 = count > 0xfffe || cdStart > 0xfffffffe
    if (zip64) {
      const record = Buffer.alloc(56)
      const recordOffset = this.offset
      record.writeUInt32LE(0x06064b50, 0)
      record.writeBigUInt64LE(44n, 4)
      record.writeUInt16LE(45, 12)
      record.writeUInt16LE(45, 14)
      record.writeBigUInt64LE(BigInt(count), 24)
      record.writeBigUInt64LE(BigInt(count), 32)
      record.writeBigUInt64LE(BigInt(cdSize), 40)
      record.writeBigUInt64LE(BigInt(cdStart), 48)
      const locator = Buffer.alloc(20)
      locator.writeUInt32LE(0x07064b50, 0)
      locator.writeBigUInt64LE(BigInt(recordOffset), 8)
      locator.writeUInt32LE(1, 16)
      await this.write(record)
      await this.write(locator)
    }
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(zip64 ? 0xffff : count, 8)
    end.writeUInt16LE(zip64 ? 0xffff : count, 10)
    end.writeUInt32LE(cdSize, 12)
    end.writeUInt32LE(zip64 ? 0xffffffff : cdStart, 16)
    await this.write(end)
  }
}

/** Writes a zip file from a list of entries (tests). */
export async function writeZip(
  path: string,
  entries: Array<{ name: string; content: string | Uint8Array; options?: ZipEntryOptions }>,
  close: { entryCount?: number } = {},
): Promise<void> {
  const out = createWriteStream(path)
  const zip = new ZipWriter(out)
  for (const e of entries) await zip.add(e.name, e.content, e.options)
  await zip.close(close)
  out.end()
  await finished(out)
}
