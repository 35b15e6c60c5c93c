/**
 * A zip chosen in the browser as the shared archive reader's ZipAccess (core/import/checkup-archive.ts holds
 * the policy: limits, what is refused, in which order), with @zip.js/zip.js: random access through
 * `Blob.slice` (a 4 MiB window, so thousands of small entries cost few reads), the central directory listed
 * with the tolerant filename check (a `../` entry is listed and refused alone by the shared policy, as the
 * command line does), an entry inflated into a stream the reader pulls, its declared size enforced here and
 * its CRC-32 checked by zip.js. Entry names are decoded by the shared rule (core/import/source.ts
 * zipEntryName), not by zip.js's guess, so refs and rejection rows are those of the command line's yauzl.
 * zip.js runs without its own workers (`useWebWorkers: false`): it already runs in the import's Web Worker,
 * and the page's CSP allows no blob: worker.
 */
import {
  configure,
  ERR_BAD_FORMAT,
  ERR_EOCDR_NOT_FOUND,
  ERR_INVALID_CRC32,
  ERR_INVALID_UNCOMPRESSED_SIZE,
  ERR_SPLIT_ZIP_FILE,
  Reader,
  ZipReader,
  type Entry,
} from '@zip.js/zip.js/index-native.js'
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

/** An entry zip.js could not inflate whole, as the yauzl adapter says it. */
function entryError(err: unknown, declared: number): ArchiveEntryError {
  if (err instanceof ArchiveEntryError) return err
  const message = messageOf(err)
  if (message === ERR_INVALID_UNCOMPRESSED_SIZE)
    return new ArchiveEntryError('too_large', beyondDeclared(declared))
  if (message === ERR_INVALID_CRC32) return new ArchiveEntryError('corrupt', 'CRC-32 mismatch')
  return new ArchiveEntryError('corrupt', message)
}

/** The name by the shared rule; an Info-ZIP Unicode path field zip.js found valid wins, as in yauzl. */
function nameOf(entry: Entry): string {
  const unicode = entry.extraFieldUnicodePath
  if (unicode?.valid && typeof unicode.filename === 'string') return unicode.filename
  return zipEntryName(entry.rawFilename, entry.filenameUTF8)
}

/** The zip in `file` (a File or any Blob), named `name` in errors. */
export function zipAccess(file: Blob, name = (file as File).name ?? 'archive'): CountedZipAccess {
  const reader = new ZipReader(new WindowReader(file), {
    filenameValidation: 'tolerant',
    checkCrc32: true,
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
    async *open(meta: ZipEntryMeta, _cap: number, signal?: AbortSignal) {
      const entry = listed[meta.index]
      if (!entry || entry.directory) throw new ArchiveEntryError('corrupt', 'not a file entry')
      const declared = meta.declaredSize
      const controller = new AbortController()
      const stop = () => controller.abort()
      signal?.addEventListener('abort', stop)
      const queue: Uint8Array[] = []
      // wake: the reader waits for a chunk; taken: zip.js waits for the reader to take one
      const wait: { wake: (() => void) | null; taken: (() => void) | null } = {
        wake: null,
        taken: null,
      }
      let done = false
      let failure: unknown = null
      const writable = new WritableStream<Uint8Array>({
        write(chunk) {
          queue.push(chunk)
          wait.wake?.()
          // the next chunk is inflated once the reader has taken this one
          return new Promise<void>((resolve) => (wait.taken = resolve))
        },
      })
      entry
        .getData(writable, { signal: controller.signal, checkCrc32: true })
        .then(
          () => {},
          (err: unknown) => (failure = err),
        )
        .finally(() => {
          done = true
          wait.wake?.()
        })
      let total = 0
      try {
        for (;;) {
          const chunk = queue.shift()
          if (chunk) {
            total += chunk.length
            // as yauzl: past the declared size is a refusal, before the extra bytes are handed on
            if (total > declared) throw new ArchiveEntryError('too_large', beyondDeclared(declared))
            const resume = wait.taken
            wait.taken = null
            resume?.()
            yield chunk
            continue
          }
          if (done) break
          await new Promise<void>((resolve) => (wait.wake = resolve))
          wait.wake = null
        }
        if (failure) throw entryError(failure, declared)
      } catch (err) {
        throw entryError(err, declared)
      } finally {
        signal?.removeEventListener('abort', stop)
        if (!done) controller.abort()
        const resume = wait.taken
        wait.taken = null
        resume?.()
      }
    },
    async close() {
      await reader.close()
    },
  }
}
