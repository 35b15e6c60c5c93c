import { and, asc, eq, gt, sql } from 'drizzle-orm'
import { runBatch, ShardError, type Database } from '../../db/open'
import { checkups } from '../../db/schema'
import {
  compactResults,
  gradesJson,
  parseStoredResults,
  resultsJson,
  storedGradesText,
} from '../checkup-json'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import type { StaffMember } from './staff'
import { insurerForStaff } from './insurers'

/**
 * `ops checkups compact`: rewrites checkups stored as JSON before the compact form
 * (worker/checkup-json.ts) into it, one page of rows of one insurer database per call, walking each
 * database by rowid. Each row is rewritten by a compare-and-set (`UPDATE … WHERE id = ? AND results =
 * <what was read> AND grades = <what was read>`), so a re-import that lands between the read and the
 * write wins and is left alone; a row already compact, or one whose JSON the compact form would not
 * give back byte for byte, is left as it is. Nothing else of the row moves (updated_at, content_hash:
 * the hash is over the JSON, which the row still answers with). Running it again changes nothing.
 */

/** Rows per call: one page of one database, its writes in one batch. */
export const COMPACT_PAGE = 100

/** A row as read for the conversion, and what it becomes (null: stays as it is). */
export interface CompactCandidate {
  rowid: number
  id: string
  results: string
  grades: string
  next: { results: string; grades: string } | null
  /** Why a row stays: already compact, or JSON the compact form would not answer with exactly. */
  stays?: 'compact' | 'kept'
}

/** What a page did. */
export interface CompactPageResult {
  scanned: number
  converted: number
  /** Already in the compact form. */
  compact: number
  /** JSON the compact form would not give back byte for byte: left as JSON. */
  kept: number
  /** Changed by someone else (a re-import) between the read and the write: theirs stands. */
  changed: number
  /** The last rowid of the page; null when the database has no row after `after`. */
  last: number | null
}

/** The row's new text, or why it stays. */
function convert(
  results: string,
  grades: string,
  tableVersion: string,
): Pick<CompactCandidate, 'next' | 'stays'> {
  let nextResults = results
  if (!results.startsWith('~')) {
    let parsed
    try {
      parsed = parseStoredResults(results)
    } catch {
      return { next: null, stays: 'kept' }
    }
    const compact = Array.isArray(parsed) ? compactResults(parsed, tableVersion) : undefined
    // Only when it answers with exactly the stored text (a row written by other code keeps its bytes).
    if (compact === undefined || resultsJson(compact, tableVersion) !== results)
      return { next: null, stays: 'kept' }
    nextResults = compact
  }
  let nextGrades = grades
  if (grades.startsWith('{')) {
    try {
      const counts = JSON.parse(grades) as Record<'A' | 'B' | 'C' | 'D', number>
      const text = storedGradesText(counts)
      if (gradesJson(text) === grades) nextGrades = text
    } catch {
      // Not JSON: left as it is.
    }
  }
  if (nextResults === results && nextGrades === grades)
    return { next: null, stays: results.startsWith('~') ? 'compact' : 'kept' }
  return { next: { results: nextResults, grades: nextGrades } }
}

/** The next page of rows after `after` (rowid), with what each becomes. */
export async function readCompactPage(
  db: Database,
  after: number,
  insurerId: string | null,
  limit = COMPACT_PAGE,
): Promise<CompactCandidate[]> {
  const rowid = sql<number>`${checkups}.rowid`
  const rows = await db
    .select({
      rowid,
      id: checkups.id,
      tableVersion: checkups.tableVersion,
      results: checkups.results,
      grades: checkups.grades,
    })
    .from(checkups)
    .where(and(gt(rowid, after), insurerId ? eq(checkups.insurerId, insurerId) : undefined))
    .orderBy(asc(rowid))
    .limit(limit)
  return rows.map((r) => ({
    rowid: Number(r.rowid),
    id: r.id,
    results: r.results,
    grades: r.grades,
    ...convert(r.results, r.grades, r.tableVersion),
  }))
}

/** Writes a page's conversions in one batch, each only if the row still holds what was read. */
export async function applyCompactPage(
  db: Database,
  page: CompactCandidate[],
): Promise<CompactPageResult> {
  const out: CompactPageResult = {
    scanned: page.length,
    converted: 0,
    compact: 0,
    kept: 0,
    changed: 0,
    last: page.at(-1)?.rowid ?? null,
  }
  for (const row of page) if (row.stays) out[row.stays]++
  const writes = page.flatMap((row) =>
    row.next
      ? [
          db
            .update(checkups)
            .set({ results: row.next.results, grades: row.next.grades })
            .where(
              and(
                eq(checkups.id, row.id),
                eq(checkups.results, row.results),
                eq(checkups.grades, row.grades),
              ),
            )
            .returning({ id: checkups.id }),
        ]
      : [],
  )
  if (!writes.length) return out
  const done = (await runBatch(db, writes)) as { id: string }[][]
  for (const rows of done) {
    if (rows.length) out.converted++
    else out.changed++
  }
  return out
}

/** One page of one database: read, then compare-and-set. */
export async function compactPage(
  db: Database,
  after: number,
  insurerId: string | null,
  limit = COMPACT_PAGE,
): Promise<CompactPageResult> {
  return applyCompactPage(db, await readCompactPage(db, after, insurerId, limit))
}

/** Where a run is: the database and the rowid after which it goes on. */
export interface CompactCursor {
  database: string
  after: number
}

/**
 * One call of the command (a platform admin's): the page after `cursor` (the first database's first
 * page without one), over every insurer database, or over the databases holding the checkups of one
 * insurer (its rows only). The answer's `next` is the cursor of the following call; null when done.
 */
export async function compactCheckups(
  deps: Pick<Deps, 'db' | 'databases'>,
  staff: StaffMember,
  request: { insurer?: string; database?: string; after?: number },
): Promise<CompactPageResult & { database: string | null; next: CompactCursor | null }> {
  const insurer = request.insurer ? await insurerForStaff(deps, staff, request.insurer) : null
  // The databases, by name: from the shard map only, never a name as the request spells it.
  const shards = (await deps.databases.shards()).filter((s) => s.state === 'active')
  // An insurer not placed in the shard map yet has no checkups anywhere: nothing to walk.
  const ranges = insurer
    ? await deps.databases.rangesFor(insurer.id).catch((err: unknown) => {
        if (err instanceof ShardError) return []
        throw err
      })
    : null
  const wanted = ranges ? new Set(ranges.map((r) => r.database)) : null
  const targets = shards
    .filter((s) => !wanted || wanted.has(s.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const at =
    request.database === undefined ? 0 : targets.findIndex((s) => s.name === request.database)
  if (at < 0) throw new AppError('not_found')
  const target = targets[at]
  if (!target)
    return {
      database: null,
      scanned: 0,
      converted: 0,
      compact: 0,
      kept: 0,
      changed: 0,
      last: null,
      next: null,
    }
  const after = request.after ?? 0
  const page = await compactPage(target.db, after, insurer?.id ?? null)
  const following = targets[at + 1]
  const next: CompactCursor | null =
    page.scanned === COMPACT_PAGE
      ? { database: target.name, after: page.last! }
      : following
        ? { database: following.name, after: 0 }
        : null
  return { database: target.name, ...page, next }
}
