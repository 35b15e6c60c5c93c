import { sql } from 'drizzle-orm'
import { utf8Length } from '../../core/utf8'
import type { Database } from '../../db/open'

/**
 * The most UTF-8 bytes one JSON chunk holds. Production D1 refuses a bound value over 2,000,000
 * bytes ("string or blob too big"); a chunk stays under it with room to spare.
 */
export const MAX_CHUNK_BYTES = 1_800_000

/**
 * Items as JSON arrays of at most `maxBytes` UTF-8 bytes each, in order, for statements that read
 * their rows from `json_each(?)`: one bound value per chunk, each under D1's limit, however large
 * the batch. An item too large for any chunk is the caller's to refuse first; here it throws (no
 * value in the message, so a log line carries none).
 */
export function jsonChunks(items: readonly unknown[], maxBytes = MAX_CHUNK_BYTES): string[] {
  const chunks: string[] = []
  let parts: string[] = []
  let bytes = 2 // the brackets
  for (const item of items) {
    const json = JSON.stringify(item) ?? 'null'
    const size = utf8Length(json)
    if (size + 2 > maxBytes)
      throw new RangeError(`a JSON item of ${size} bytes exceeds a chunk's ${maxBytes}`)
    if (parts.length && bytes + 1 + size > maxBytes) {
      chunks.push(`[${parts.join(',')}]`)
      parts = []
      bytes = 2
    }
    bytes += (parts.length ? 1 : 0) + size
    parts.push(json)
  }
  if (parts.length) chunks.push(`[${parts.join(',')}]`)
  return chunks
}

/** A query builder `db.batch` takes (insert, update, select…: it asks each for `_prepare()`). */
type BatchItem = PromiseLike<unknown>

/**
 * Statements run as one `db.batch`: one transaction on D1 and on libSQL alike, so they all apply or
 * none does. The shared Database type lacks `batch`; both drivers have it. Raw `db.run(sql…)` is no
 * item for D1's batch: pass query builders.
 */
export async function inOneBatch(
  db: Database,
  statements: readonly [BatchItem, ...BatchItem[]],
): Promise<void> {
  await (
    db as unknown as { batch: (q: readonly [BatchItem, ...BatchItem[]]) => Promise<unknown> }
  ).batch(statements)
}

/** `excluded."<column>"`: in an upsert's update, the value the insert brought for that column. */
export const excluded = (column: { name: string }) => sql.raw(`excluded."${column.name}"`)
