/**
 * A zip chosen in the browser as the shared archive reader's ZipAccess (core/import/checkup-archive.ts holds
 * the policy: limits, what is refused, in which order): random access through `Blob.slice` (a 4 MiB window,
 * so thousands of small entries cost few reads). @zip.js/zip.js lists the central directory (zip64, the
 * tolerant filename check: a `../` entry is listed and refused alone by the shared policy, as the command
 * line does); an entry's bytes are read here from the same window, its local header checked as zip.js's
 * getData checks it, and inflated with fflate's synchronous `Inflate` (zip.js set up one DecompressionStream
 * per entry, ≈0.6 ms each: the console imported 10,000 documents at a third of the command line's speed),
 * its declared size enforced and its CRC-32 checked here, in the words the zip.js adapter used.
 * Entry names are decoded by the shared rule (core/import/source.ts zipEntryName), not by zip.js's guess, so
 * refs and rejection rows are those of the command line's yauzl.
 * zip.js runs without its own workers (`useWebWorkers: false`): it already runs in the import's Web Worker,
 * and the page's CSP allows no blob: worker.
 */
import {
  configure,
  ERR_AMBIGUOUS_ARCHIVE,
  ERR_BAD_FORMAT,
  ERR_ENCRYPTED,
  ERR_ENTRY_DATA_OUT_OF_BOUNDS,
  ERR_EOCDR_NOT_FOUND,
  ERR_EXTRAFIELD_ZIP64_NOT_FOUND,
  ERR_LOCAL_FILE_HEADER_NOT_FOUND,
  ERR_SPLIT_ZIP_FILE,
  ERR_UNSUPPORTED_COMPRESSION,
  Reader,
  ZipReader,
  type Entry,
} from '@zip.js/zip.js/index-native.js'
import { Inflate } from 'fflate'
import {
  ArchiveEntryError,
  beyondDeclared,
  CheckupArchiveError,
} from '../../../../core/import/checkup-archive.ts'
import {
  zipEntryName,
  type CountedZipAccess,
  type ZipEntryMeta,
} from '../../../../core/import/source.ts'

configure({ useWebWorkers: false })

/** Bytes read from the file at a time: the directory and most entries come out of one window. */
export const WINDOW_BYTES = 4 * 1024 * 1024

/** Reads through a cached window of the Blob (zip.js reads headers and data in many small pieces). */
class WindowReader extends Reader<Blob> {
  #blob: Blob
  #start = 0
  #window: Uint8Array = new Uint8Array(0)

  constructor(blob: Blob) {
    super(blob)
    this.#blob = blob
    this.size = blob.size
  }

  async readUint8Array(index: number, length: number): Promise<Uint8Array> {
    const end = index + length
    if (index >= this.#start && end <= this.#start + this.#window.length)
      return this.#window.subarray(index - this.#start, end - this.#start)
    if (length > WINDOW_BYTES)
      return new Uint8Array(await this.#blob.slice(index, end).arrayBuffer())
    this.#start = index
    this.#window = new Uint8Array(
      await this.#blob.slice(index, Math.min(this.size, index + WINDOW_BYTES)).arrayBuffer(),
    )
    return this.#window.subarray(0, Math.min(length, this.#window.length))
  }
}

/**
 * How many entries the end of central directory record declares (the zip64 record's when the plain one
 * says 0xFFFF), read from the last 64 KiB; null when there is no such record (the listing then fails).
 */
export async function zipEndCount(blob: Blob): Promise<number | null> {
  const tailStart = Math.max(0, blob.size - (0xffff + 22))
  const tail = new Uint8Array(await blob.slice(tailStart).arrayBuffer())
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength)
  for (let i = tail.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue
    const count = view.getUint16(i + 10, true)
    if (count !== 0xffff || i < 20 || view.getUint32(i - 20, true) !== 0x07064b50) return count
    const at = Number(view.getBigUint64(i - 20 + 8, true))
    const record = new DataView(await blob.slice(at, at + 56).arrayBuffer())
    if (record.byteLength < 56 || record.getUint32(0, true) !== 0x06064b50) return count
    return Number(record.getBigUint64(32, true))
  }
  return null
}

const messageOf = (err: unknown) => (err as Error)?.message ?? String(err)

/** zip.js's refusal of the whole archive, as the yauzl adapter says it. */
function archiveError(name: string, err: unknown): CheckupArchiveError {
  if (err instanceof CheckupArchiveError) return err
  const message = messageOf(err)
  if (
    message === ERR_EOCDR_NOT_FOUND ||
    message === ERR_BAD_FORMAT ||
    message === ERR_SPLIT_ZIP_FILE
  )
    return new CheckupArchiveError('not_a_zip', name, `not a zip archive (${message})`)
  if ((err as { name?: string })?.name === 'NotReadableError')
    return new CheckupArchiveError('unreadable', name, `cannot read the file (${message})`)
  return new CheckupArchiveError('corrupt', name, `broken zip directory (${message})`)
}

// ---------------------------------------------------------------------------------------------------------
// An entry's bytes: its local header checked as zip.js's getData checks it, then stored bytes copied or
// deflate inflated with fflate, from the window.

/** Compressed bytes read from the window at a time. */
const READ_BYTES = 64 * 1024
/**
 * Compressed bytes given to the inflater at a time. fflate hands over all it inflated from one push at once,
 * and deflate expands at most 1,032 times: 4 KiB makes at most ~4 MB, so a bomb is stopped at its
 * declared size (or the cap) having inflated a few MB, never its whole.
 */
const PUSH_BYTES = 4 * 1024
/** Inflated bytes handed on at a time (what a push made, in views of at most this). */
const YIELD_BYTES = 64 * 1024

const LOCAL_HEADER = 0x04034b50
const LOCAL_HEADER_BYTES = 30
const MAX_32 = 0xffffffff
const MAX_16 = 0xffff
/** Bits a local header must share with its central record (zip.js's BITFLAG_AMBIGUITY_MASK). */
const FLAGS_ALIKE = 0x1 | 0x8 | 0x40 | 0x800

const CRC_TABLE = (() => {
  const table = new Int32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c
  }
  return table
})()

/** The CRC-32 (ISO-HDLC, as zip) of `bytes` continued from `crc` (0 to start). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)
  return ~c >>> 0
}

/** An entry that cannot be read whole, in the words the zip.js adapter has always used. */
const crcMismatch = () => new ArchiveEntryError('corrupt', 'CRC-32 mismatch')
const corrupt = (message: string) => new ArchiveEntryError('corrupt', message)

/**
 * Where `entry`'s compressed bytes start, after the checks zip.js's getData makes before inflating (same
 * order, same words): the zip64 field its sizes need, the local header's signature, the local header
 * agreeing with the central record (flags, method, CRC-32 and sizes, a zip64 field's included), no
 * encryption, stored or deflate, and data that ends before the central directory.
 */
async function dataStart(
  reader: WindowReader,
  entry: Entry,
  directoryEnd: number,
): Promise<number> {
  const sizes = [entry.uncompressedSize, entry.compressedSize, entry.offset]
  if (
    !entry.extraFieldZip64 &&
    (sizes.some((n) => Number(n) === MAX_32) || entry.diskNumberStart === MAX_16)
  )
    throw corrupt(ERR_EXTRAFIELD_ZIP64_NOT_FOUND)
  const offset = Number(entry.offset)
  const header = await reader.readUint8Array(offset, LOCAL_HEADER_BYTES)
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength)
  if (header.length < LOCAL_HEADER_BYTES || view.getUint32(0, true) !== LOCAL_HEADER)
    throw corrupt(ERR_LOCAL_FILE_HEADER_NOT_FOUND)
  const flags = view.getUint16(6, true)
  const method = view.getUint16(8, true)
  const crc = view.getUint32(14, true)
  let compressedSize = view.getUint32(18, true)
  let uncompressedSize = view.getUint32(22, true)
  const nameLength = view.getUint16(26, true)
  const extraLength = view.getUint16(28, true)
  const start = offset + LOCAL_HEADER_BYTES + nameLength + extraLength
  if (extraLength && (uncompressedSize === MAX_32 || compressedSize === MAX_32)) {
    // the local zip64 field: the 8-byte sizes the header marks, in this order (a short one is ignored)
    const extra = await reader.readUint8Array(offset + LOCAL_HEADER_BYTES + nameLength, extraLength)
    const fields = new DataView(extra.buffer, extra.byteOffset, extra.byteLength)
    for (let at = 0; at + 4 <= extra.length;) {
      const type = fields.getUint16(at, true)
      const size = fields.getUint16(at + 2, true)
      if (type === 0x0001) {
        const wanted = +(uncompressedSize === MAX_32) + +(compressedSize === MAX_32)
        if (size >= wanted * 8 && at + 4 + wanted * 8 <= extra.length) {
          let value = at + 4
          if (uncompressedSize === MAX_32) {
            uncompressedSize = Number(fields.getBigUint64(value, true))
            value += 8
          }
          if (compressedSize === MAX_32) compressedSize = Number(fields.getBigUint64(value, true))
        }
        break
      }
      at += 4 + size
    }
  }
  if ((flags & FLAGS_ALIKE) !== ((entry.rawBitFlag ?? 0) & FLAGS_ALIKE))
    throw corrupt(ERR_AMBIGUOUS_ARCHIVE)
  if (method !== entry.compressionMethod) throw corrupt(ERR_AMBIGUOUS_ARCHIVE)
  if (
    !(flags & 0x8) &&
    (crc || compressedSize || uncompressedSize) &&
    (crc !== entry.crc32 ||
      compressedSize !== Number(entry.compressedSize) ||
      uncompressedSize !== Number(entry.uncompressedSize))
  )
    throw corrupt(ERR_AMBIGUOUS_ARCHIVE)
  if (entry.encrypted) throw corrupt(ERR_ENCRYPTED)
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    throw corrupt(ERR_UNSUPPORTED_COMPRESSION)
  if (start + Number(entry.compressedSize) > Math.min(reader.size, directoryEnd))
    throw corrupt(ERR_ENTRY_DATA_OUT_OF_BOUNDS)
  return start
}

/** The name by the shared rule; an Info-ZIP Unicode path field zip.js found valid wins, as in yauzl. */
function nameOf(entry: Entry): string {
  const unicode = entry.extraFieldUnicodePath
  if (unicode?.valid && typeof unicode.filename === 'string') return unicode.filename
  return zipEntryName(entry.rawFilename, entry.filenameUTF8)
}

/** The zip in `file` (a File or any Blob), named `name` in errors. */
export function zipAccess(file: Blob, name = (file as File).name ?? 'archive'): CountedZipAccess {
  // one window for the directory (zip.js) and the entries' bytes (below)
  const source = new WindowReader(file)
  const reader = new ZipReader(source, {
    filenameValidation: 'tolerant',
  })
  // the listing's entries by index, for open() (zip.js holds the directory anyway)
  let listed: Entry[] = []
  return {
    async entryCount() {
      try {
        return (await zipEndCount(file)) ?? 0
      } catch (err) {
        throw archiveError(name, err)
      }
    },
    async *entries(): AsyncGenerator<ZipEntryMeta> {
      listed = []
      let index = 0
      const entries = reader.getEntriesGenerator()
      for (;;) {
        let next: IteratorResult<Entry, boolean>
        try {
          next = await entries.next()
        } catch (err) {
          throw archiveError(name, err)
        }
        if (next.done) return
        const entry = next.value
        listed[index] = entry
        yield {
          name: nameOf(entry),
          index,
          directory: entry.directory,
          encrypted: entry.encrypted,
          method: entry.compressionMethod,
          compressedSize: entry.compressedSize,
          declaredSize: entry.uncompressedSize,
        }
        index++
      }
    },
    /**
     * As zip.js's getData did, in the same words: past the declared size (or the cap) is a refusal
     * before the extra bytes are handed on; broken deflate data, output short of the declared size and
     * a wrong CRC-32 are 'CRC-32 mismatch' (zip.js checked all three in the gzip trailer it wraps the
     * entry's deflate data in); a stored entry short of its size is beyond its declared size (zip.js's
     * one size error).
     */
    async *open(meta: ZipEntryMeta, cap: number, signal?: AbortSignal) {
      const entry = listed[meta.index]
      if (!entry || entry.directory) throw corrupt('not a file entry')
      const declared = meta.declaredSize
      const deflated = entry.compressionMethod === 8
      const stopped = () => {
        if (signal?.aborted) throw corrupt(messageOf(signal.reason ?? 'aborted'))
      }
      let start: number
      try {
        stopped()
        start = await dataStart(source, entry, reader.directoryOffset ?? source.size)
      } catch (err) {
        throw err instanceof ArchiveEntryError ? err : corrupt(messageOf(err))
      }
      const size = Number(entry.compressedSize)
      // no deflate stream at all: fflate would take it for the end of one; zip.js's gzip trailer failed
      if (deflated && size === 0) throw crcMismatch()
      const out: Uint8Array[] = []
      const inflater = deflated ? new Inflate((chunk) => void out.push(chunk)) : null
      let total = 0
      let crc = 0
      for (let read = 0; read < size;) {
        stopped()
        const length = Math.min(READ_BYTES, size - read)
        let bytes: Uint8Array
        try {
          bytes = await source.readUint8Array(start + read, length)
        } catch (err) {
          throw corrupt(messageOf(err))
        }
        if (bytes.length < length) throw corrupt(ERR_ENTRY_DATA_OUT_OF_BOUNDS)
        read += length
        // stored: the bytes as they are (a copy: the window is shared); deflate: a push at a time
        const step = inflater ? PUSH_BYTES : length
        for (let at = 0; at < length; at += step) {
          if (!inflater) out.push(bytes.slice())
          else {
            try {
              inflater.push(bytes.subarray(at, at + step), read === size && at + step >= length)
            } catch {
              throw crcMismatch() // broken deflate data
            }
          }
          for (const inflated of out.splice(0)) {
            for (let from = 0; from < inflated.length; from += YIELD_BYTES) {
              const chunk = inflated.subarray(from, from + YIELD_BYTES)
              total += chunk.length
              // as yauzl: past the declared size is a refusal, before the extra bytes are handed on
              if (total > declared)
                throw new ArchiveEntryError('too_large', beyondDeclared(declared))
              if (total > cap)
                throw new ArchiveEntryError(
                  'too_large',
                  `inflates to more than the ${cap} bytes allowed`,
                )
              crc = crc32(chunk, crc)
              yield chunk
              stopped()
            }
          }
        }
      }
      if (crc !== entry.crc32) throw crcMismatch()
      if (total !== declared)
        throw deflated
          ? crcMismatch()
          : new ArchiveEntryError('too_large', beyondDeclared(declared))
    },
    async close() {
      await reader.close()
    },
  }
}
