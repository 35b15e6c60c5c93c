/**
 * The command line's side of the shared importers (core/import/): a file on disk as a ByteSource (one
 * `fs.open` for its size and first bytes, a read stream for its chunks) and FILE.rejected.csv as the
 * RejectionSink. Read errors become the CLI's file errors (file_unreadable, file_is_directory).
 */
import { createReadStream, type WriteStream, createWriteStream } from 'node:fs'
import { open, rm, stat } from 'node:fs/promises'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import { rejectionLines } from '../core/import/batches.ts'
import { ImportError } from '../core/import/errors.ts'
import type { ByteSource, Cells, RejectionSink } from '../core/import/source.ts'
import { fileError, OpsError } from './errors.ts'

export type FileSourceOptions = {
  /** Read size (64 KiB); tests use tiny chunks to cut multi-byte characters and records apart. */
  highWaterMark?: number
}

/**
 * A file as a ByteSource, named by `file` as given. Throws OpsError at once for a missing or unreadable
 * file or a folder, so nothing is sent for a file that cannot be read.
 */
export async function fileSource(
  file: string,
  options: FileSourceOptions = {},
): Promise<ByteSource> {
  let size: number
  try {
    const s = await stat(file)
    if (s.isDirectory()) throw new OpsError('file_is_directory', { file })
    size = s.size
  } catch (err) {
    if (err instanceof OpsError) throw err
    throw fileError(file, err)
  }
  const highWaterMark = options.highWaterMark ?? 64 * 1024
  return {
    name: file,
    size,
    async head(bytes: number): Promise<Uint8Array> {
      let handle
      try {
        handle = await open(file, 'r')
      } catch (err) {
        throw fileError(file, err)
      }
      try {
        const buffer = Buffer.alloc(Math.min(bytes, size))
        let filled = 0
        while (filled < buffer.length) {
          const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled)
          if (bytesRead === 0) break
          filled += bytesRead
        }
        return buffer.subarray(0, filled)
      } catch (err) {
        throw fileError(file, err)
      } finally {
        await handle.close()
      }
    },
    async *chunks(start = 0): AsyncGenerator<Uint8Array> {
      const stream = createReadStream(file, { start, highWaterMark })
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk
      } catch (err) {
        if (err instanceof ImportError) throw err
        throw fileError(file, err)
      } finally {
        stream.destroy()
      }
    },
  }
}

/** FILE.rejected.csv beside a roster file (x.csv → x.rejected.csv). */
export function rejectedPathFor(file: string): string {
  return file.replace(/\.(csv|txt|tsv)$/i, '') + '.rejected.csv'
}

/** FILE.rejected.csv beside a checkup file (x.csv, x.xml and x.zip → x.rejected.csv). */
export function checkupRejectedPathFor(file: string): string {
  return file.replace(/\.(csv|txt|tsv|xml|zip)$/i, '') + '.rejected.csv'
}

/** FILE.rejected.csv, written as rejections come: UTF-8 with BOM, CRLF, Excel-safe fields. Opened on the first
 * row; closing it without any removes a stale one from an earlier run. */
export class RejectionFile implements RejectionSink {
  path: string
  header: string
  stream: WriteStream | null = null
  error: unknown = null

  constructor(path: string, header: string) {
    this.path = path
    this.header = header
  }

  async write(rows: Cells[]): Promise<void> {
    if (rows.length === 0) return
    if (this.error) throw this.error
    if (!this.stream) {
      this.stream = createWriteStream(this.path)
      this.stream.on('error', (err) => {
        this.error ??= err
      })
      this.stream.write(`\uFEFF${this.header}\r\n`)
    }
    if (!this.stream.write(rejectionLines(rows))) await once(this.stream, 'drain')
    if (this.error) throw this.error
  }

  /** Returns the path when something was written. */
  async close(): Promise<string | null> {
    if (!this.stream) {
      await rm(this.path, { force: true }).catch(() => {})
      return null
    }
    this.stream.end()
    await finished(this.stream).catch((err) => {
      this.error ??= err
    })
    if (this.error) throw this.error
    return this.path
  }
}
