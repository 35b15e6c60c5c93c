/**
 * A zip on disk as the shared archive reader's ZipAccess (core/import/checkup-archive.ts holds the policy),
 * with yauzl: its end record's entry count, the central directory (a fresh yauzl handle per listing, read
 * lazily), and an entry's inflated bytes with yauzl's declared-size check and a CRC-32 (node:zlib) at the
 * end. Names are decoded strictly, as before the move: a backslash is kept, to be refused.
 */
import { crc32 } from 'node:zlib'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import {
  ArchiveEntryError,
  beyondDeclared,
  CheckupArchiveError,
} from '../core/import/checkup-archive.ts'
import type { CountedZipAccess, ZipEntryMeta } from '../core/import/source.ts'

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

/** The zip at `file` (a path). Each listing opens the file anew and closes it when done or abandoned. */
export function yauzlZip(file: string): CountedZipAccess {
  // the listing under way: open() reads the entry it is at
  let current: { zip: ZipFile; entry: Entry; index: number } | null = null
  return {
    async entryCount() {
      const zip = await openZip(file)
      try {
        return zip.entryCount
      } finally {
        zip.close()
      }
    },
    async *entries(): AsyncGenerator<ZipEntryMeta> {
      const zip = await openZip(file)
      try {
        let index = 0
        for (let entry = await nextEntry(zip, file); entry; entry = await nextEntry(zip, file)) {
          const name = entryName(entry)
          current = { zip, entry, index }
          yield {
            name,
            index,
            directory: name.endsWith('/'),
            encrypted: entry.isEncrypted(),
            method: entry.compressionMethod,
            compressedSize: entry.compressedSize,
            declaredSize: entry.uncompressedSize,
          }
          index++
        }
      } finally {
        current = null
        zip.close()
      }
    },
    async *open(meta: ZipEntryMeta): AsyncGenerator<Uint8Array> {
      if (!current || current.index !== meta.index)
        throw new Error('yauzlZip: an entry is opened while the listing is at it')
      const { zip, entry } = current
      let crc = 0
      let stream
      try {
        stream = await openStream(zip, entry)
      } catch (err) {
        throw new ArchiveEntryError('corrupt', (err as Error)?.message ?? String(err))
      }
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          crc = crc32(chunk, crc)
          yield chunk
        }
      } catch (err) {
        const message = (err as Error)?.message ?? String(err)
        throw /too many bytes/.test(message)
          ? new ArchiveEntryError('too_large', beyondDeclared(entry.uncompressedSize))
          : new ArchiveEntryError('corrupt', message)
      } finally {
        stream.destroy()
      }
      if (crc !== entry.crc32) throw new ArchiveEntryError('corrupt', 'CRC-32 mismatch')
    },
    async close() {},
  }
}
