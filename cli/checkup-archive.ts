/**
 * Reading a checkup archive (`<sender>_<receiver>_<YYYYMMDD><n>_<kind>.zip`) with yauzl: every `DATA/h….xml`
 * entry as text, one at a time, for ./checkup-xml.ts to parse. ix08/su08, CLAIMS/ and XSD/ are skipped.
 *
 * Defences, all checked before anything is inflated where the archive says enough:
 * - the whole archive is refused (CheckupArchiveError, before the first item) when it declares more than
 *   100,000 entries or more than 2 GB uncompressed in all, or is not a zip; and part-way if the entries
 *   actually inflate to more than 2 GB in all;
 * - an entry is rejected (an item, never a throw) for a path that climbs out (`..`), is absolute or holds a
 *   backslash, for encryption, an unknown compression method, a declared or actual size over 2 MB (inflating
 *   stops at the limit: a 50 MB bomb that declares 1 KB costs 2 MB), a bad CRC or broken deflate data,
 *   text that is not UTF-8 / Shift_JIS, or for being a file that has no place in the layout.
 */
import { crc32 } from 'node:zlib'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { decodeXmlBytes, MAX_XML_BYTES } from './checkup-xml.ts'

export const MAX_ENTRIES = 100_000
export const MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
export const MAX_ENTRY_BYTES = MAX_XML_BYTES

export type ArchiveRejectReason =
  | 'unsafe_path'
  | 'unexpected_file'
  | 'encrypted'
  | 'unsupported_compression'
  | 'too_large'
  | 'corrupt'
  | 'bad_encoding'

export type ArchiveItem =
  { name: string; xml: string } | { name: string; rejected: ArchiveRejectReason; detail: string }

export type ArchiveErrorReason =
  'unreadable' | 'not_a_zip' | 'too_many_entries' | 'too_large' | 'corrupt'

export class CheckupArchiveError extends Error {
  reason: ArchiveErrorReason
  file: string
  constructor(reason: ArchiveErrorReason, file: string, detail: string) {
    super(`${file}: ${detail}`)
    this.name = 'CheckupArchiveError'
    this.reason = reason
    this.file = file
  }
}

export type ArchiveOptions = {
  maxEntries?: number
  maxTotalBytes?: number
  maxEntryBytes?: number
  /** Called with every inflated chunk's size (tests check a bomb is not inflated whole). */
  onInflate?: (bytes: number) => void
}

const DATA_FILE = /^(?:[^/]+\/)?DATA\/h[^/]*\.xml$/i
const SKIPPED = /^(?:[^/]+\/)?(?:(?:ix08|su08)[^/]*\.xml|CLAIMS\/.*|XSD\/.*)$/i

/** Why an entry name is unsafe to use as a path, or null. */
export function unsafePath(name: string): string | null {
  if (name.length === 0) return 'an empty name'
  if (name.includes('\\')) return 'a backslash in the name'
  if (name.includes('\u0000')) return 'a NUL character in the name'
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'an absolute path'
  if (name.split('/').includes('..')) return 'a path that climbs out of the archive (..)'
  return null
}

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      file,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false },
      (err, zip) => {
        if (err) {
          const code = (err as { code?: string }).code
          reject(
            code
              ? new CheckupArchiveError('unreadable', file, `cannot read the file (${code})`)
              : new CheckupArchiveError('not_a_zip', file, `not a zip archive (${err.message})`),
          )
        } else {
          zip.on('error', () => {}) // errors are taken by nextEntry; none may go unheard
          resolve(zip)
        }
      },
    )
  })
}

function nextEntry(zip: ZipFile, file: string): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry)
      zip.off('end', onEnd)
      zip.off('error', onError)
    }
    const onEntry = (entry: Entry) => {
      cleanup()
      resolve(entry)
    }
    const onEnd = () => {
      cleanup()
      resolve(null)
    }
    const onError = (err: Error) => {
      cleanup()
      reject(new CheckupArchiveError('corrupt', file, `broken zip directory (${err.message})`))
    }
    zip.on('entry', onEntry)
    zip.on('end', onEnd)
    zip.on('error', onError)
    zip.readEntry()
  })
}

function entryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer // decodeStrings: false
  // strict: backslashes are kept, to be refused (yauzl's lenient mode would turn them into '/')
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true)
}

function openStream(
  zip: ZipFile,
  entry: Entry,
): Promise<NodeJS.ReadableStream & { destroy(): void }> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)))
  })
}

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`

/**
 * The DATA files of a checkup archive, in archive order: `{ name, xml }` or `{ name, rejected, detail }`.
 * Throws CheckupArchiveError for an archive that cannot be read as a whole (see the file's comment).
 */
export async function* readCheckupArchive(
  zipPath: string,
  options: ArchiveOptions = {},
): AsyncGenerator<ArchiveItem> {
  const maxEntries = options.maxEntries ?? MAX_ENTRIES
  const maxTotal = options.maxTotalBytes ?? MAX_TOTAL_BYTES
  const maxEntry = options.maxEntryBytes ?? MAX_ENTRY_BYTES

  // pass 1: the central directory only, nothing inflated
  let zip = await openZip(zipPath)
  try {
    if (zip.entryCount > maxEntries) {
      throw new CheckupArchiveError(
        'too_many_entries',
        zipPath,
        `${zip.entryCount} entries (at most ${maxEntries})`,
      )
    }
    let declared = 0
    for (let entry = await nextEntry(zip, zipPath); entry; entry = await nextEntry(zip, zipPath)) {
      declared += entry.uncompressedSize
      if (declared > maxTotal) {
        throw new CheckupArchiveError(
          'too_large',
          zipPath,
          `the entries declare more than ${MB(maxTotal)} uncompressed`,
        )
      }
    }
  } finally {
    zip.close()
  }

  // pass 2: entry by entry
  zip = await openZip(zipPath)
  let inflatedTotal = 0
  try {
    for (let entry = await nextEntry(zip, zipPath); entry; entry = await nextEntry(zip, zipPath)) {
      const name = entryName(entry)
      const unsafe = unsafePath(name)
      if (unsafe) {
        yield { name, rejected: 'unsafe_path', detail: unsafe }
        continue
      }
      if (name.endsWith('/') || SKIPPED.test(name)) continue
      if (!DATA_FILE.test(name)) {
        yield {
          name,
          rejected: 'unexpected_file',
          detail: 'not a DATA/h….xml file, ix08/su08, CLAIMS/ or XSD/',
        }
        continue
      }
      if (entry.isEncrypted()) {
        yield { name, rejected: 'encrypted', detail: 'the entry is encrypted' }
        continue
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        yield {
          name,
          rejected: 'unsupported_compression',
          detail: `compression method ${entry.compressionMethod} (only stored and deflate)`,
        }
        continue
      }
      if (entry.uncompressedSize > maxEntry) {
        yield {
          name,
          rejected: 'too_large',
          detail: `declares ${MB(entry.uncompressedSize)} (at most ${MB(maxEntry)})`,
        }
        continue
      }

      const chunks: Buffer[] = []
      let size = 0
      let problem: { rejected: ArchiveRejectReason; detail: string } | null = null
      try {
        const stream = await openStream(zip, entry)
        try {
          for await (const chunk of stream as AsyncIterable<Buffer>) {
            size += chunk.length
            inflatedTotal += chunk.length
            options.onInflate?.(chunk.length)
            if (size > maxEntry) {
              problem = { rejected: 'too_large', detail: `inflates to more than ${MB(maxEntry)}` }
              break
            }
            if (inflatedTotal > maxTotal) {
              throw new CheckupArchiveError(
                'too_large',
                zipPath,
                `the entries inflate to more than ${MB(maxTotal)}`,
              )
            }
            chunks.push(chunk)
          }
        } finally {
          stream.destroy()
        }
      } catch (err) {
        if (err instanceof CheckupArchiveError) throw err
        const message = (err as Error)?.message ?? String(err)
        problem = /too many bytes/.test(message)
          ? {
              rejected: 'too_large',
              detail: `inflates to more than the ${entry.uncompressedSize} bytes it declares`,
            }
          : { rejected: 'corrupt', detail: message }
      }
      if (problem) {
        yield { name, ...problem }
        continue
      }
      const bytes = Buffer.concat(chunks, size)
      if (crc32(bytes) !== entry.crc32) {
        yield { name, rejected: 'corrupt', detail: 'CRC-32 mismatch' }
        continue
      }
      const decoded = decodeXmlBytes(bytes)
      if (!decoded.ok) {
        yield { name, rejected: 'bad_encoding', detail: decoded.detail ?? decoded.reason }
        continue
      }
      yield { name, xml: decoded.text }
    }
  } finally {
    zip.close()
  }
}
