/**
 * Reading a checkup archive (`<sender>_<receiver>_<YYYYMMDD><n>_<kind>.zip`) through a ZipAccess (yauzl in
 * the command line, cli/zip-yauzl.ts; zip.js in the console, client/pages/staff/imports/zip-zipjs.ts): every
 * `DATA/h….xml` entry as text, one at a time, for ./checkup-xml.ts to parse. ix08/su08, CLAIMS/ and XSD/
 * are skipped. The policy (limits, what is refused and in which order) is all here; an adapter only lists
 * the directory, inflates an entry and checks its CRC-32 and declared size.
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
import { decodeXmlBytes, MAX_XML_BYTES } from './checkup-xml.ts'
import { ImportError } from './errors.ts'
import { concatBytes, type CountedZipAccess, type ZipAccess } from './source.ts'

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

/**
 * An entry the adapter could not inflate whole: `too_large` past its declared size, `corrupt` for a bad
 * CRC-32 or broken data. The entry is rejected with this reason and detail; the archive goes on.
 */
export class ArchiveEntryError extends Error {
  reason: 'too_large' | 'corrupt'
  constructor(reason: 'too_large' | 'corrupt', detail: string) {
    super(detail)
    this.name = 'ArchiveEntryError'
    this.reason = reason
  }
}

/** The detail of an entry that inflates past what it declares (both adapters say it alike). */
export function beyondDeclared(declared: number): string {
  return `inflates to more than the ${declared} bytes it declares`
}

export type ArchiveOptions = {
  /** The archive as named in errors (the path, or the file's name). */
  name?: string
  /** Entries before this index are passed over without inflating (a resumed import). */
  skipUnits?: number
  /** Stops an entry's inflating (the import was cancelled). */
  signal?: AbortSignal
  maxEntries?: number
  maxTotalBytes?: number
  maxEntryBytes?: number
  /** Called with every inflated chunk's size (tests check a bomb is not inflated whole). */
  onInflate?: (bytes: number) => void
}

export const DATA_FILE = /^(?:[^/]+\/)?DATA\/h[^/]*\.xml$/i
export const SKIPPED = /^(?:[^/]+\/)?(?:(?:ix08|su08)[^/]*\.xml|CLAIMS\/.*|XSD\/.*)$/i

/** Why an entry name is unsafe to use as a path, or null. */
export function unsafePath(name: string): string | null {
  if (name.length === 0) return 'an empty name'
  if (name.includes('\\')) return 'a backslash in the name'
  if (name.includes('\u0000')) return 'a NUL character in the name'
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'an absolute path'
  if (name.split('/').includes('..')) return 'a path that climbs out of the archive (..)'
  return null
}

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`

/**
 * The DATA files of a checkup archive, in archive order: `{ name, xml }` or `{ name, rejected, detail }`.
 * Throws CheckupArchiveError for an archive that cannot be read as a whole (see the file's comment).
 */
export async function* readCheckupArchive(
  zip: ZipAccess | CountedZipAccess,
  options: ArchiveOptions = {},
): AsyncGenerator<ArchiveItem & { index: number }> {
  const zipPath = options.name ?? 'archive'
  const maxEntries = options.maxEntries ?? MAX_ENTRIES
  const maxTotal = options.maxTotalBytes ?? MAX_TOTAL_BYTES
  const maxEntry = options.maxEntryBytes ?? MAX_ENTRY_BYTES
  const skip = options.skipUnits ?? 0

  // pass 1: the central directory only, nothing inflated
  if ('entryCount' in zip) {
    const count = await zip.entryCount()
    if (count > maxEntries) {
      throw new CheckupArchiveError(
        'too_many_entries',
        zipPath,
        `${count} entries (at most ${maxEntries})`,
      )
    }
  }
  let declared = 0
  let listed = 0
  for await (const entry of zip.entries()) {
    if (++listed > maxEntries) {
      throw new CheckupArchiveError(
        'too_many_entries',
        zipPath,
        `${listed} entries or more (at most ${maxEntries})`,
      )
    }
    declared += entry.declaredSize
    if (declared > maxTotal) {
      throw new CheckupArchiveError(
        'too_large',
        zipPath,
        `the entries declare more than ${MB(maxTotal)} uncompressed`,
      )
    }
  }

  // pass 2: entry by entry
  let inflatedTotal = 0
  for await (const entry of zip.entries()) {
    if (entry.index < skip) continue
    const name = entry.name
    const index = entry.index
    const unsafe = unsafePath(name)
    if (unsafe) {
      yield { index, name, rejected: 'unsafe_path', detail: unsafe }
      continue
    }
    if (name.endsWith('/') || SKIPPED.test(name)) continue
    if (!DATA_FILE.test(name)) {
      yield {
        index,
        name,
        rejected: 'unexpected_file',
        detail: 'not a DATA/h….xml file, ix08/su08, CLAIMS/ or XSD/',
      }
      continue
    }
    if (entry.encrypted) {
      yield { index, name, rejected: 'encrypted', detail: 'the entry is encrypted' }
      continue
    }
    if (entry.method !== 0 && entry.method !== 8) {
      yield {
        index,
        name,
        rejected: 'unsupported_compression',
        detail: `compression method ${entry.method} (only stored and deflate)`,
      }
      continue
    }
    if (entry.declaredSize > maxEntry) {
      yield {
        index,
        name,
        rejected: 'too_large',
        detail: `declares ${MB(entry.declaredSize)} (at most ${MB(maxEntry)})`,
      }
      continue
    }

    const chunks: Uint8Array[] = []
    let size = 0
    let problem: { rejected: ArchiveRejectReason; detail: string } | null = null
    try {
      for await (const chunk of zip.open(entry, maxEntry, options.signal)) {
        size += chunk.length
        inflatedTotal += chunk.length
        options.onInflate?.(chunk.length)
        if (size > maxEntry) {
          problem = { rejected: 'too_large', detail: `inflates to more than ${MB(maxEntry)}` }
          break // ends the adapter's stream
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
    } catch (err) {
      if (err instanceof CheckupArchiveError) throw err
      // cancelled while inflating: the entry is not at fault
      if (options.signal?.aborted) throw new ImportError('import_stopped')
      problem =
        err instanceof ArchiveEntryError
          ? { rejected: err.reason, detail: err.message }
          : { rejected: 'corrupt', detail: (err as Error)?.message ?? String(err) }
    }
    if (problem) {
      yield { index, name, ...problem }
      continue
    }
    const decoded = decodeXmlBytes(concatBytes(chunks, size))
    if (!decoded.ok) {
      yield { index, name, rejected: 'bad_encoding', detail: decoded.detail ?? decoded.reason }
      continue
    }
    yield { index, name, xml: decoded.text }
  }
}
