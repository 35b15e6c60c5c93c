/**
 * A browser File (or any Blob) as the shared importers' ByteSource (core/import/source.ts): its first bytes
 * by `slice().arrayBuffer()`, its content by `slice(start).stream()`, pulled chunk by chunk, so a 1 GB file
 * is never held whole (the reader reads only when the parser asks). The browser's chunks are handed on in
 * pieces of at most `PIECE` bytes (views, not copies), so the bytes counted as read stay close to the
 * rows parsed: the progress bar estimates the file's rows from the two (progress.ts).
 */
import { ImportError } from '../../../../core/import/errors.ts'
import type { ByteSource } from '../../../../core/import/source.ts'

/** A file that cannot be read (moved, changed, its permission withdrawn) as the importers' file error. */
function unreadable(file: string, err: unknown): ImportError {
  if (err instanceof ImportError) return err
  const reason = (err as { name?: string })?.name ?? String(err)
  return new ImportError('file_unreadable', { file, reason })
}

/** The largest piece handed to the parser at once. */
export const PIECE = 32 * 1024

export function fileSource(file: Blob, name = (file as File).name ?? 'file'): ByteSource {
  return {
    name,
    size: file.size,
    async head(bytes: number): Promise<Uint8Array> {
      try {
        return new Uint8Array(await file.slice(0, bytes).arrayBuffer())
      } catch (err) {
        throw unreadable(name, err)
      }
    },
    async *chunks(start = 0): AsyncGenerator<Uint8Array> {
      const reader = file.slice(start).stream().getReader()
      try {
        for (;;) {
          let next: ReadableStreamReadResult<Uint8Array>
          try {
            next = await reader.read()
          } catch (err) {
            throw unreadable(name, err)
          }
          if (next.done) return
          const chunk = next.value
          for (let at = 0; at < chunk.length; at += PIECE)
            yield at === 0 && chunk.length <= PIECE ? chunk : chunk.subarray(at, at + PIECE)
        }
      } finally {
        await reader.cancel().catch(() => {})
        reader.releaseLock()
      }
    },
  }
}
