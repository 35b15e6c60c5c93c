import { and, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { namedRows, type Database } from '../../db/open'
import {
  checkups,
  codeRuns,
  healthAccess,
  importBatches,
  imports,
  insurerAuditLog,
  insurers,
  memberLinks,
  noticeOutbox,
  rosterPersons,
  shardMap,
  shardMoves,
  viewingCodes,
} from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit } from './audit'
import { newId } from './tokens'

/**
 * Moving an insurer (or a range of its fiscal years) to another database while the old copy serves
 * (docs/scale.md, "moving an insurer"). Each call does one bounded step and records where it got in
 * the directory's `shard_moves` row, so a stop anywhere is resumed by calling again:
 *
 *   copying   prepare (capture + fence triggers on the source, shard_meta 'open'), copy keyset pages,
 *             replay the change log while writes go on
 *   holding   shard_meta 'hold' (the fence refuses the insurer's writes: 503 insurer_busy), replay
 *             the rest of the change log
 *   verifying counts and checksums of every table on both sides; a mismatch goes back to holding
 *             (twice at most, then the move aborts)
 *   switched  the shard map points at the target (epoch + 1); the source is 'moved' (read-only)
 *   confirmed the insurer's rows and the triggers are gone from the source
 *   aborted   the source is open again and the target's copy is gone
 *
 * No step needs a transaction across databases: every write to the target is an idempotent upsert
 * or delete of the source's current row, and the cursor is saved after it.
 */

/** Rows read and written per step (and per replayed page of the change log). */
export const MOVE_PAGE_ROWS = 500
/** D1 binds at most 100 parameters a statement: a multi-row INSERT holds as many rows as fit. */
const MAX_PARAMS = 100
/** How long after the switch the old copy may be dropped: six times the shard map's cache life. */
export const CONFIRM_AFTER_MS = 60_000
/** Verify mismatches tolerated (each goes back to the catch-up) before the move aborts itself. */
const MAX_VERIFY_ATTEMPTS = 2

export type MovePhase = (typeof shardMoves.$inferSelect)['phase']
type Step = 'prepare' | 'copy' | 'catchup' | 'hold' | 'verify' | 'drop' | 'done'

interface Cursor {
  step: Step
  /** Index into the move's tables. */
  table: number
  /** Keyset: the last rowid done (copy, drop; verify: on the source). */
  after: number
  /** Verify: the last rowid done on the target. */
  targetAfter: number
  /** Verify: both sides of the current table are read to the end. */
  sourceDone: boolean
  targetDone: boolean
  /** Verify: per table, [rows, checksum] of source and target. */
  sums: Record<string, { source: [number, string]; target: [number, string] }>
  attempts: number
  copied: number
  replayed: number
  holdAt: number | null
  /** When the map was switched (the confirm waits CONFIRM_AFTER_MS from it). */
  switchedAt: number | null
  /** Verify: the audit rows counted are those up to this source id (later ones are replayed later). */
  auditMax: number | null
}

const freshCursor = (): Cursor => ({
  step: 'prepare',
  table: 0,
  after: 0,
  targetAfter: 0,
  sourceDone: false,
  targetDone: false,
  sums: {},
  attempts: 0,
  copied: 0,
  replayed: 0,
  holdAt: null,
  switchedAt: null,
  auditMax: null,
})

export interface MoveRow {
  id: string
  insurerId: string
  fromFy: number
  toFy: number | null
  source: string
  target: string
  phase: MovePhase
  cursor: string
  report: string
  startedAt: number
  updatedAt: number
}

/** A move as the operator API shows it. */
export interface MoveView {
  id: string
  insurer: string
  fromFy: number
  toFy: number | null
  source: string
  target: string
  phase: MovePhase
  step: Step
  table: string | null
  copied: number
  replayed: number
  attempts: number
  holdMs: number | null
  report: Record<string, { source: [number, string]; target: [number, string] }>
  startedAt: string
  updatedAt: string
  /** Nothing more to do for the current command (move: switched or aborted; confirm: confirmed). */
  finished: boolean
}

// ---------------------------------------------------------------------------------------------
// The tables an insurer has in its database, and which of their rows are the insurer's
// ---------------------------------------------------------------------------------------------

interface Range {
  insurerId: string
  fromFy: number
  toFy: number | null
}

interface Spec {
  name: string
  /** Columns copied as they are (for a table with an AUTOINCREMENT id: all but the id). */
  columns: string[]
  /** The row's identity in change_log (its primary key). */
  key: string[]
  /** AUTOINCREMENT id: re-keyed in the target, found there again by moved_key. */
  autoId: boolean
  /** The insurer's rows (the range's, for checkups), over the columns of `p` ('', 'NEW.', 'OLD.'). */
  scope(p: string, r: Range): string
  /** A replayed delete in the target touches only rows no other insurer owns. */
  own(r: Range): string
}

/** A SQL string literal (ids and dates written into trigger bodies and scopes). */
const lit = (value: string) => `'${value.replaceAll("'", "''")}'`
const fyStart = (fy: number) => lit(`${String(fy).padStart(4, '0')}-04-01`)
/** A table's columns as the mover copies them: `moved_key` is the mover's own, set per copy. */
const columnsOf = (t: SQLiteTable) =>
  Object.values(getTableColumns(t))
    .map((c) => c.name)
    .filter((c) => c !== 'moved_key')

const byInsurer = (name: string, table: SQLiteTable, key: string[], autoId = false): Spec => ({
  name,
  columns: columnsOf(table).filter((c) => !(autoId && c === 'id')),
  key,
  autoId,
  scope: (p, r) => `${p}insurer_id = ${lit(r.insurerId)}`,
  own: (r) => `insurer_id = ${lit(r.insurerId)}`,
})

const CHECKUPS: Spec = {
  ...byInsurer('checkups', checkups, ['id']),
  scope: (p, r) =>
    [
      `${p}insurer_id = ${lit(r.insurerId)}`,
      r.fromFy > 0 ? `${p}exam_date >= ${fyStart(r.fromFy)}` : null,
      r.toFy !== null ? `${p}exam_date < ${fyStart(r.toFy + 1)}` : null,
    ]
      .filter(Boolean)
      .join(' AND '),
}

/** health_access and import_batches carry no insurer: theirs through member_links and imports. */
const HEALTH_ACCESS: Spec = {
  name: 'health_access',
  columns: columnsOf(healthAccess),
  key: ['account_id'],
  autoId: false,
  scope: (p, r) =>
    `${p}account_id IN (SELECT account_id FROM member_links WHERE insurer_id = ${lit(r.insurerId)})`,
  own: (r) =>
    `account_id NOT IN (SELECT account_id FROM member_links WHERE insurer_id <> ${lit(r.insurerId)})`,
}
const IMPORT_BATCHES: Spec = {
  name: 'import_batches',
  columns: columnsOf(importBatches),
  key: ['import_id', 'seq'],
  autoId: false,
  scope: (p, r) =>
    `${p}import_id IN (SELECT id FROM imports WHERE insurer_id = ${lit(r.insurerId)})`,
  own: (r) => `import_id NOT IN (SELECT id FROM imports WHERE insurer_id <> ${lit(r.insurerId)})`,
}

/**
 * The home range's tables (fromFy 0: roster, links, codes, imports, audit, outbox and the checkups
 * of the range), in the order they are copied: a parent (imports) before its children.
 */
const HOME_TABLES: Spec[] = [
  byInsurer('member_links', memberLinks, ['account_id']),
  byInsurer('roster_persons', rosterPersons, ['insurer_id', 'person_key']),
  byInsurer('viewing_codes', viewingCodes, ['id']),
  byInsurer('code_runs', codeRuns, ['id']),
  byInsurer('imports', imports, ['id']),
  IMPORT_BATCHES,
  HEALTH_ACCESS,
  byInsurer('notice_outbox', noticeOutbox, ['id'], true),
  byInsurer('audit_log', insurerAuditLog, ['id'], true),
  CHECKUPS,
]

/**
 * The order they are dropped in: the two without an insurer first, while the rows that say whose
 * they are still stand.
 */
const HOME_DROP_ORDER: Spec[] = [
  HEALTH_ACCESS,
  IMPORT_BATCHES,
  ...HOME_TABLES.filter((t) => t !== HEALTH_ACCESS && t !== IMPORT_BATCHES),
]

/** A range of later fiscal years holds only checkups. */
const tablesOf = (r: Range): Spec[] => (r.fromFy === 0 ? HOME_TABLES : [CHECKUPS])
const dropOrderOf = (r: Range): Spec[] => (r.fromFy === 0 ? HOME_DROP_ORDER : [CHECKUPS])

// ---------------------------------------------------------------------------------------------
// Triggers on the source: capture (what changed while copying) and fence (hold, moved)
// ---------------------------------------------------------------------------------------------

const OPS = [
  ['insert', 'NEW'],
  ['update', 'NEW'],
  ['delete', 'OLD'],
] as const

const triggerName = (kind: 'capture' | 'fence', m: MoveRow, table: string, op: string) =>
  `move_${kind}_${m.insurerId.replace(/[^A-Za-z0-9]/g, '_')}_${m.fromFy}_${table}_${op}`

function triggerStatements(m: MoveRow): { create: string[]; drop: string[] } {
  const r = rangeOf(m)
  const create: string[] = []
  const drop: string[] = []
  const state = `(SELECT state FROM shard_meta WHERE insurer_id = ${lit(r.insurerId)})`
  for (const spec of tablesOf(r)) {
    for (const [op, row] of OPS) {
      const p = `${row}.`
      const key = `json_array(${spec.key.map((k) => p + k).join(', ')})`
      // The two tables without an insurer column log every change: whose it is is read at the replay
      // (a delete may come after the link or the import that said so is gone).
      const when =
        spec === HEALTH_ACCESS || spec === IMPORT_BATCHES ? '' : `WHEN ${spec.scope(p, r)}`
      const capture = triggerName('capture', m, spec.name, op)
      const fence = triggerName('fence', m, spec.name, op)
      drop.push(`DROP TRIGGER IF EXISTS ${capture}`, `DROP TRIGGER IF EXISTS ${fence}`)
      // A health read writes its audit row in the read's own batch: audit rows are never fenced, so
      // no read fails during the hold or on the old copy; they are captured and replayed instead
      // (after the switch too, until the confirm), and the verify counts those up to a mark.
      if (spec.name === 'audit_log' && op === 'insert') {
        create.push(
          `CREATE TRIGGER IF NOT EXISTS ${capture} AFTER INSERT ON ${spec.name} ${when} BEGIN ` +
            `INSERT INTO change_log (table_name, row_key, op) VALUES (${lit(spec.name)}, ${key}, 'upsert'); END`,
        )
        continue
      }
      create.push(
        `CREATE TRIGGER IF NOT EXISTS ${capture} AFTER ${op.toUpperCase()} ON ${spec.name} ${when} BEGIN ` +
          `INSERT INTO change_log (table_name, row_key, op) VALUES (${lit(spec.name)}, ${key}, ${lit(op === 'delete' ? 'delete' : 'upsert')}); END`,
        `CREATE TRIGGER IF NOT EXISTS ${fence} BEFORE ${op.toUpperCase()} ON ${spec.name} WHEN ${spec.scope(p, r)} BEGIN ` +
          `SELECT RAISE(ABORT, 'shard_hold') WHERE ${state} = 'hold'; ` +
          `SELECT RAISE(ABORT, 'shard_moved') WHERE ${state} = 'moved'; END`,
      )
    }
  }
  return { create, drop }
}

/** Sets the insurer's state in a database's shard_meta ('open', 'hold', 'moved'). */
const setMeta = (db: Database, insurerId: string, state: 'open' | 'hold' | 'moved', at: number) =>
  db.run(
    sql`INSERT INTO shard_meta (insurer_id, state, updated_at) VALUES (${insurerId}, ${state}, ${at})
        ON CONFLICT (insurer_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  )

/** The fence's refusal, as the database driver reports it (drizzle wraps it; D1 and libSQL word it). */
export function shardFence(err: unknown): 'hold' | 'moved' | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const message = e instanceof Error ? e.message : String(e)
    if (message.includes('shard_hold')) return 'hold'
    if (message.includes('shard_moved')) return 'moved'
    e = (e as { cause?: unknown }).cause
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// Reading and writing pages
// ---------------------------------------------------------------------------------------------

type Row = unknown[]

async function readPage(
  db: Database,
  spec: Spec,
  r: Range,
  after: number,
  mark?: { auditMax: number; side: 'source' | { movedFrom: string } },
): Promise<{ rowids: number[]; rows: Row[]; keys: Row[] }> {
  const extra = spec.autoId ? ['id'] : []
  const names = ['rowid', ...spec.columns, ...extra]
  let upTo = ''
  if (mark && spec.name === 'audit_log') {
    const max = Math.floor(mark.auditMax)
    upTo =
      mark.side === 'source'
        ? ` AND id <= ${max}`
        : ` AND moved_key LIKE ${lit(`${mark.side.movedFrom}:%`)} AND CAST(substr(moved_key, ${mark.side.movedFrom.length + 2}) AS INTEGER) <= ${max}`
  }
  const raw = await db.all(
    sql.raw(
      `SELECT rowid, ${[...spec.columns, ...extra].join(', ')} FROM ${spec.name} ` +
        `WHERE rowid > ${Math.floor(after)} AND ${spec.scope('', r)}${upTo} ORDER BY rowid LIMIT ${MOVE_PAGE_ROWS}`,
    ),
  )
  const rows = namedRows(raw, names)
  return {
    rowids: rows.map((row) => Number(row.rowid)),
    rows: rows.map((row) => spec.columns.map((c) => row[c] ?? null)),
    keys: rows.map((row) => (spec.autoId ? [row.id] : spec.key.map((k) => row[k]))),
  }
}

const movedKey = (m: MoveRow, id: unknown) => `${m.source}:${String(id)}`

/** Upserts of rows into the target, as few statements as D1's 100 parameters allow. */
function upserts(m: MoveRow, spec: Spec, rows: Row[], keys: Row[]): SQL[] {
  const columns = spec.autoId ? [...spec.columns, 'moved_key'] : spec.columns
  const values = rows.map((row, i) => (spec.autoId ? [...row, movedKey(m, keys[i][0])] : row))
  const per = Math.max(1, Math.floor(MAX_PARAMS / columns.length))
  const out: SQL[] = []
  for (let i = 0; i < values.length; i += per) {
    const chunk = values.slice(i, i + per)
    const tuples = sql.join(
      chunk.map(
        (v) =>
          sql`(${sql.join(
            v.map((x) => sql`${x}`),
            sql`, `,
          )})`,
      ),
      sql`, `,
    )
    const set = spec.columns.map((c) => `${c} = excluded.${c}`).join(', ')
    const into = sql.raw(`${spec.name} (${columns.join(', ')})`)
    if (spec.autoId)
      out.push(
        sql`INSERT INTO ${into} VALUES ${tuples} ON CONFLICT (moved_key) WHERE moved_key IS NOT NULL DO UPDATE SET ${sql.raw(set)}`,
      )
    else if (spec.name === 'imports')
      // A true upsert: REPLACE would delete the row first, and the foreign key its batches.
      out.push(
        sql`INSERT INTO ${into} VALUES ${tuples} ON CONFLICT (id) DO UPDATE SET ${sql.raw(set)}`,
      )
    else if (spec === IMPORT_BATCHES)
      // A batch whose import is not there yet (made after the imports were copied) comes with the
      // change log, after its import.
      out.push(
        sql`INSERT OR REPLACE INTO ${into} SELECT * FROM (VALUES ${tuples}) AS v WHERE v.column1 IN (SELECT id FROM imports)`,
      )
    // REPLACE also clears a stale row holding a unique slot (a re-issued code's old live one): that
    // row changed in the source too, and its own upsert or delete follows.
    else out.push(sql`INSERT OR REPLACE INTO ${into} VALUES ${tuples}`)
  }
  return out
}

/**
 * Raw statements with bound values as one batch (one transaction), on D1 or libSQL: drizzle's
 * batch takes raw SQL on D1 only without values, so the statements go to the driver itself.
 * Each statement's rows come back as objects keyed by column.
 */
async function rawBatch(db: Database, statements: SQL[]): Promise<Record<string, unknown>[][]> {
  if (statements.length === 0) return []
  const inner = db as unknown as {
    $client: {
      prepare?: (sql: string) => { bind(...values: unknown[]): unknown }
      batch: (statements: unknown[], mode?: string) => Promise<unknown[]>
    }
    dialect: { sqlToQuery(s: SQL): { sql: string; params: unknown[] } }
  }
  const client = inner.$client
  const queries = statements.map((s) => inner.dialect.sqlToQuery(s))
  if (typeof client.prepare === 'function') {
    const prepare = client.prepare.bind(client)
    const results = (await client.batch(queries.map((q) => prepare(q.sql).bind(...q.params)))) as {
      results?: Record<string, unknown>[]
    }[]
    return results.map((r) => r.results ?? [])
  }
  const results = (await client.batch(
    queries.map((q) => ({ sql: q.sql, args: q.params })),
    'write',
  )) as { rows: Record<string, unknown>[]; columns: string[] }[]
  return results.map((r) =>
    r.rows.map((row) => Object.fromEntries(r.columns.map((c) => [c, row[c]]))),
  )
}

const batch = (db: Database, statements: SQL[]) => rawBatch(db, statements)

// ---------------------------------------------------------------------------------------------
// Checksums: order-free (a sum of per-row hashes), so each side is read in its own keyset order
// ---------------------------------------------------------------------------------------------

const MOD = 1n << 64n

async function pageSum(rows: Row[]): Promise<bigint> {
  const encoder = new TextEncoder()
  const digests = await Promise.all(
    rows.map((row) => crypto.subtle.digest('SHA-256', encoder.encode(JSON.stringify(row)))),
  )
  let sum = 0n
  for (const digest of digests) sum = (sum + new DataView(digest).getBigUint64(0)) % MOD
  return sum
}

const addSum = (hex: string, add: bigint) => ((BigInt(`0x${hex}`) + add) % MOD).toString(16)

// ---------------------------------------------------------------------------------------------
// The change log: replayed onto the target, idempotently
// ---------------------------------------------------------------------------------------------

/** Replays up to a page of the change log; the number of log entries it consumed. */
async function replayPage(
  m: MoveRow,
  source: Database,
  target: Database,
  upTo = Number.MAX_SAFE_INTEGER,
): Promise<number> {
  const r = rangeOf(m)
  const specs = new Map(tablesOf(r).map((s) => [s.name, s]))
  const log = namedRows(
    await source.all(
      sql.raw(
        `SELECT seq, table_name, row_key FROM change_log WHERE seq <= ${Math.floor(upTo)} ORDER BY seq LIMIT ${MOVE_PAGE_ROWS}`,
      ),
    ),
    ['seq', 'table_name', 'row_key'] as const,
  )
  if (log.length === 0) return 0
  const last = Number(log[log.length - 1].seq)
  // The newest entry of each row: what matters is the row as it stands now.
  const touched = new Map<string, { spec: Spec; key: unknown[] }>()
  for (const entry of log) {
    const spec = specs.get(String(entry.table_name))
    if (!spec) continue
    touched.set(`${spec.name}\u0000${String(entry.row_key)}`, {
      spec,
      key: JSON.parse(String(entry.row_key)) as unknown[],
    })
  }
  const items = [...touched.values()]
  const keyWhere = (spec: Spec, key: unknown[]) =>
    sql.join(
      spec.key.map((k, i) => sql`${sql.raw(k)} = ${key[i]}`),
      sql` AND `,
    )
  const current =
    items.length === 0
      ? []
      : await rawBatch(
          source,
          items.map(
            ({ spec, key }) =>
              sql`SELECT ${sql.raw([...spec.columns, ...(spec.autoId ? ['id'] : [])].join(', '))} FROM ${sql.raw(spec.name)} WHERE ${keyWhere(spec, key)} AND ${sql.raw(spec.scope('', r))}`,
          ),
        )
  const writes: SQL[] = []
  items.forEach(({ spec, key }, i) => {
    const names = [...spec.columns, ...(spec.autoId ? ['id'] : [])]
    const [row] = namedRows(current[i] ?? [], names)
    if (row) {
      writes.push(
        ...upserts(
          m,
          spec,
          [spec.columns.map((c) => row[c] ?? null)],
          [spec.autoId ? [row.id] : key],
        ),
      )
    } else if (spec.autoId) {
      writes.push(
        sql`DELETE FROM ${sql.raw(spec.name)} WHERE moved_key = ${movedKey(m, key[0])} AND ${sql.raw(spec.own(r))}`,
      )
    } else {
      writes.push(
        sql`DELETE FROM ${sql.raw(spec.name)} WHERE ${keyWhere(spec, key)} AND ${sql.raw(spec.own(r))}`,
      )
    }
  })
  await batch(target, writes)
  await source.run(sql`DELETE FROM change_log WHERE seq <= ${last}`)
  return log.length
}

// ---------------------------------------------------------------------------------------------
// The move's row in the directory
// ---------------------------------------------------------------------------------------------

const rangeOf = (m: Pick<MoveRow, 'insurerId' | 'fromFy' | 'toFy'>): Range => ({
  insurerId: m.insurerId,
  fromFy: m.fromFy,
  toFy: m.toFy,
})

const cursorOf = (m: MoveRow): Cursor => ({ ...freshCursor(), ...(JSON.parse(m.cursor) as object) })

/** A move still under way (an aborted one too, until the target's copy is dropped). */
const ACTIVE = sql`(${shardMoves.phase} NOT IN ('confirmed', 'aborted') OR (${shardMoves.phase} = 'aborted' AND json_extract(${shardMoves.cursor}, '$.step') <> 'done'))`

/**
 * Records the next state, only if nobody else moved the row since it was read (two CLIs at once:
 * the second gets `conflict` and just asks again).
 */
async function save(
  deps: Pick<Deps, 'db' | 'now'>,
  m: MoveRow,
  phase: MovePhase,
  cursor: Cursor,
  report?: object,
): Promise<MoveRow> {
  const next = {
    phase,
    cursor: JSON.stringify(cursor),
    report: report ? JSON.stringify(report) : m.report,
    updatedAt: deps.now(),
  }
  const [row] = await deps.db
    .update(shardMoves)
    .set(next)
    .where(
      and(eq(shardMoves.id, m.id), eq(shardMoves.phase, m.phase), eq(shardMoves.cursor, m.cursor)),
    )
    .returning({ id: shardMoves.id })
  if (!row) throw new AppError('conflict')
  return { ...m, ...next }
}

async function openBoth(deps: Pick<Deps, 'databases'>, m: MoveRow) {
  const shards = await deps.databases.shards()
  const source = shards.find((s) => s.name === m.source)?.db
  const target = shards.find((s) => s.name === m.target)?.db
  if (!source || !target) throw new AppError('not_found')
  return { source, target }
}

type MoveDeps = Pick<Deps, 'db' | 'databases' | 'now' | 'randomBytes'>

export function presentMove(m: MoveRow): MoveView {
  const c = cursorOf(m)
  const tables = tablesOf(rangeOf(m))
  return {
    id: m.id,
    insurer: m.insurerId,
    fromFy: m.fromFy,
    toFy: m.toFy,
    source: m.source,
    target: m.target,
    phase: m.phase,
    step: c.step,
    table: tables[c.table]?.name ?? null,
    copied: c.copied,
    replayed: c.replayed,
    attempts: c.attempts,
    holdMs: c.holdAt === null ? null : Math.max(0, m.updatedAt - c.holdAt),
    report: JSON.parse(m.report) as MoveView['report'],
    startedAt: new Date(m.startedAt).toISOString(),
    updatedAt: new Date(m.updatedAt).toISOString(),
    finished:
      m.phase === 'switched' ||
      m.phase === 'confirmed' ||
      (m.phase === 'aborted' && c.step === 'done'),
  }
}

// ---------------------------------------------------------------------------------------------
// What the operator API calls
// ---------------------------------------------------------------------------------------------

/** The insurer of a number (the API names insurers by number); not_found otherwise. */
async function insurerIdOf(deps: Pick<Deps, 'db'>, number: string): Promise<string> {
  const [row] = await deps.db
    .select({ id: insurers.id })
    .from(insurers)
    .where(eq(insurers.number, number))
  if (!row) throw new AppError('not_found')
  return row.id
}

/** The databases, the shard map, and the moves of the last while (`ops shards list`). */
export async function shardOverview(deps: Pick<Deps, 'db'>) {
  const [dbs, map, moves, named] = await Promise.all([
    deps.db.all(sql`SELECT name, kind, state FROM databases ORDER BY name`),
    deps.db
      .select({
        insurerId: shardMap.insurerId,
        fromFy: shardMap.fromFy,
        toFy: shardMap.toFy,
        database: shardMap.database,
        epoch: shardMap.epoch,
      })
      .from(shardMap)
      .orderBy(shardMap.insurerId, shardMap.fromFy),
    deps.db.select().from(shardMoves).orderBy(desc(shardMoves.startedAt)).limit(20),
    deps.db.select({ id: insurers.id, number: insurers.number }).from(insurers),
  ])
  const numberOf = new Map(named.map((i) => [i.id, i.number]))
  return {
    databases: namedRows(dbs, ['name', 'kind', 'state'] as const).map((d) => ({
      name: String(d.name),
      kind: String(d.kind),
      state: String(d.state),
    })),
    map: map.map((r) => ({ ...r, insurer: numberOf.get(r.insurerId) ?? r.insurerId })),
    moves: moves.map((m) => ({
      ...presentMove(m),
      insurer: numberOf.get(m.insurerId) ?? m.insurerId,
    })),
  }
}

/** The newest move of an insurer (status, confirm, abort name the insurer). */
export async function latestMove(deps: Pick<Deps, 'db'>, number: string): Promise<MoveRow> {
  const insurerId = await insurerIdOf(deps, number)
  const [row] = await deps.db
    .select()
    .from(shardMoves)
    .where(eq(shardMoves.insurerId, insurerId))
    .orderBy(desc(shardMoves.startedAt), desc(shardMoves.id))
    .limit(1)
  if (!row) throw new AppError('not_found')
  return row
}

export async function getMove(deps: Pick<Deps, 'db'>, id: string): Promise<MoveRow> {
  const [row] = await deps.db.select().from(shardMoves).where(eq(shardMoves.id, id))
  if (!row) throw new AppError('not_found')
  return row
}

/**
 * Starts a move of the insurer's home (with everything in it), or with `fromFy` of its checkups
 * from that fiscal year on, to the `target` database. One move at a time per insurer and per
 * database: the row is inserted only where no active move names either (one statement decides, so
 * two starts at once make one move). A move already under way for the insurer to the same target
 * is returned as it is: `ops shards move` run again resumes it.
 */
export async function startMove(
  deps: MoveDeps,
  staff: { id: string },
  ip: string,
  body: { insurer: string; to: string; fromFy?: number },
): Promise<{ move: MoveRow; created: boolean }> {
  const insurerId = await insurerIdOf(deps, body.insurer)
  const ranges = await deps.db
    .select()
    .from(shardMap)
    .where(eq(shardMap.insurerId, insurerId))
    .orderBy(shardMap.fromFy)
  const fromFy = body.fromFy ?? 0
  const holding = ranges.find((r) => r.fromFy <= fromFy && (r.toFy === null || fromFy <= r.toFy))
  if (!holding) throw new AppError('not_found')
  const [target] = await deps.db.all(
    sql`SELECT name FROM databases WHERE name = ${body.to} AND state = 'active'`,
  )
  if (!target) throw new AppError('validation', { fields: { to: 'unknown database' } })
  const [active] = await deps.db
    .select()
    .from(shardMoves)
    .where(and(eq(shardMoves.insurerId, insurerId), ACTIVE))
  if (active) {
    if (active.target === body.to && active.fromFy === fromFy)
      return { move: active, created: false }
    throw new AppError('conflict', { detail: { move: active.id } })
  }
  if (holding.database === body.to)
    throw new AppError('validation', { fields: { to: 'already there' } })
  const now = deps.now()
  const move = {
    id: newId(deps.randomBytes),
    insurerId,
    fromFy,
    toFy: holding.toFy,
    source: holding.database,
    target: body.to,
    phase: 'copying' as const,
    cursor: JSON.stringify(freshCursor()),
    report: '{}',
    startedBy: staff.id,
    startedAt: now,
    updatedAt: now,
  }
  const inserted = await deps.db.all(
    sql`INSERT INTO shard_moves (id, insurer_id, from_fy, to_fy, source, target, phase, cursor, report, started_by, started_at, updated_at)
        SELECT ${move.id}, ${insurerId}, ${fromFy}, ${move.toFy}, ${move.source}, ${move.target}, 'copying', ${move.cursor}, '{}', ${staff.id}, ${now}, ${now}
        WHERE NOT EXISTS (SELECT 1 FROM shard_moves WHERE (insurer_id = ${insurerId} OR source IN (${move.source}, ${move.target}) OR target IN (${move.source}, ${move.target})) AND ${ACTIVE})
        RETURNING id`,
  )
  if (inserted.length === 0) {
    const [now] = await deps.db
      .select()
      .from(shardMoves)
      .where(and(eq(shardMoves.insurerId, insurerId), ACTIVE))
    if (now && now.target === body.to && now.fromFy === fromFy) return { move: now, created: false }
    throw new AppError('conflict', now ? { detail: { move: now.id } } : {})
  }
  await audit(deps, {
    action: 'shards.move_started',
    actorType: 'staff',
    actorId: staff.id,
    insurerId,
    ip,
    detail: { move: move.id, source: move.source, target: move.target, fromFy },
  })
  return { move, created: true }
}

/** One bounded step of a move (copying → holding → verifying → switched). */
export async function stepMove(
  deps: MoveDeps,
  staff: { id: string },
  ip: string,
  id: string,
): Promise<MoveRow> {
  const m = await getMove(deps, id)
  const c = cursorOf(m)
  // An abort not finished (the target's copy still there): stepping it finishes the abort, so
  // `ops shards move` run again after a stop ends it too.
  if (m.phase === 'aborted' && c.step !== 'done') return abortMove(deps, staff, ip, id)
  if (m.phase === 'switched' || m.phase === 'confirmed' || m.phase === 'aborted') {
    if (m.phase === 'switched') {
      // The switch's second half, again (a stop between the map and the source's state), and the
      // audit rows of reads the old copy served since (isolates whose map was not yet refreshed).
      const { source, target } = await openBoth(deps, m)
      if (!(await metaIs(source, m.insurerId, 'moved')))
        await setMeta(source, m.insurerId, 'moved', deps.now())
      if (cursorOf(m).step !== 'drop') await replayPage(m, source, target)
    }
    return m
  }
  const r = rangeOf(m)
  const tables = tablesOf(r)
  const { source, target } = await openBoth(deps, m)

  if (m.phase === 'copying') {
    if (c.step === 'prepare') {
      await prepare(m, source, target, deps.now())
      return save(deps, m, 'copying', { ...c, step: 'copy', table: 0, after: 0 })
    }
    if (c.step === 'copy') {
      const spec = tables[c.table]
      const page = await readPage(source, spec, r, c.after)
      await batch(target, upserts(m, spec, page.rows, page.keys))
      const copied = c.copied + page.rows.length
      if (page.rows.length === MOVE_PAGE_ROWS)
        return save(deps, m, 'copying', { ...c, after: page.rowids.at(-1) ?? c.after, copied })
      const nextTable = c.table + 1
      return save(
        deps,
        m,
        'copying',
        nextTable < tables.length
          ? { ...c, table: nextTable, after: 0, copied }
          : { ...c, step: 'catchup', table: 0, after: 0, copied },
      )
    }
    // catchup, while the insurer's writes go on: until less than a page is left
    const replayed = await replayPage(m, source, target)
    if (replayed >= MOVE_PAGE_ROWS)
      return save(deps, m, 'copying', { ...c, replayed: c.replayed + replayed })
    await setMeta(source, m.insurerId, 'hold', deps.now())
    return save(deps, m, 'holding', {
      ...c,
      step: 'hold',
      replayed: c.replayed + replayed,
      holdAt: deps.now(),
    })
  }

  if (m.phase === 'holding') {
    // Again, in case a stop came between the source's hold and the row saying so.
    await setMeta(source, m.insurerId, 'hold', deps.now())
    // Reads go on during the hold, and their audit rows with them (never fenced): the catch-up
    // replays the log up to a mark taken now, and the verify counts the audit rows up to the newest
    // id taken before it (each such row's log entry is at or below the mark). Later ones follow.
    const auditMax = await maxAuditId(source, m.insurerId)
    const [mark] = namedRows(
      await source.all(sql`SELECT coalesce(max(seq), 0) AS seq FROM change_log`),
      ['seq'] as const,
    )
    const replayed = await replayPage(m, source, target, Number(mark?.seq ?? 0))
    const next = { ...c, replayed: c.replayed + replayed }
    if (replayed >= MOVE_PAGE_ROWS) return save(deps, m, 'holding', next)
    return save(deps, m, 'verifying', {
      ...next,
      auditMax,
      step: 'verify',
      table: 0,
      after: 0,
      targetAfter: 0,
      sourceDone: false,
      targetDone: false,
      sums: {},
    })
  }

  // verifying: pages of both sides at once, table after table, up to a page's worth of rows a
  // step (the small tables of an insurer take one step together; the hold lasts as long as this).
  const sums = { ...c.sums }
  const auditMax = c.auditMax ?? 0
  let { table, after, targetAfter, sourceDone, targetDone } = c
  let budget = MOVE_PAGE_ROWS
  while (budget > 0 && table < tables.length) {
    const spec = tables[table]
    const entry = sums[spec.name] ?? { source: [0, '0'], target: [0, '0'] }
    const [fromSource, fromTarget] = await Promise.all([
      sourceDone ? null : readPage(source, spec, r, after, { auditMax, side: 'source' }),
      targetDone
        ? null
        : readPage(target, spec, r, targetAfter, { auditMax, side: { movedFrom: m.source } }),
    ])
    if (fromSource) {
      entry.source = [
        entry.source[0] + fromSource.rows.length,
        addSum(entry.source[1], await pageSum(fromSource.rows)),
      ]
      after = fromSource.rowids.at(-1) ?? after
      sourceDone = fromSource.rows.length < MOVE_PAGE_ROWS
    }
    if (fromTarget) {
      entry.target = [
        entry.target[0] + fromTarget.rows.length,
        addSum(entry.target[1], await pageSum(fromTarget.rows)),
      ]
      targetAfter = fromTarget.rowids.at(-1) ?? targetAfter
      targetDone = fromTarget.rows.length < MOVE_PAGE_ROWS
    }
    sums[spec.name] = entry
    budget -= Math.max(fromSource?.rows.length ?? 0, fromTarget?.rows.length ?? 0, 1)
    if (sourceDone && targetDone) {
      table++
      after = 0
      targetAfter = 0
      sourceDone = false
      targetDone = false
    }
  }
  if (table < tables.length)
    return save(deps, m, 'verifying', {
      ...c,
      sums,
      table,
      after,
      targetAfter,
      sourceDone,
      targetDone,
    })

  const equal = Object.values(sums).every(
    (s) => s.source[0] === s.target[0] && s.source[1] === s.target[1],
  )
  if (!equal) {
    if (c.attempts + 1 > MAX_VERIFY_ATTEMPTS) {
      const aborted = await save(
        deps,
        m,
        'verifying',
        { ...c, sums, attempts: c.attempts + 1 },
        sums,
      )
      return abortMove(deps, staff, ip, aborted.id)
    }
    // Back to the catch-up (changes that reached the log after its mark), then verify again.
    return save(
      deps,
      m,
      'holding',
      { ...c, step: 'hold', sums: {}, attempts: c.attempts + 1, table: 0, after: 0 },
      sums,
    )
  }
  return switchMove(deps, staff, ip, m, c, sums, source)
}

async function maxAuditId(db: Database, insurerId: string): Promise<number> {
  const [row] = namedRows(
    await db.all(
      sql`SELECT coalesce(max(id), 0) AS max FROM audit_log WHERE insurer_id = ${insurerId}`,
    ),
    ['max'] as const,
  )
  return Number(row?.max ?? 0)
}

async function metaIs(db: Database, insurerId: string, state: string): Promise<boolean> {
  const rows = await db.all(
    sql`SELECT 1 FROM shard_meta WHERE insurer_id = ${insurerId} AND state = ${state}`,
  )
  return rows.length > 0
}

/** Checks the target, then installs the source's triggers and opens the insurer in shard_meta. */
async function prepare(m: MoveRow, source: Database, target: Database, at: number) {
  const r = rangeOf(m)
  // The target must hold the insurer stream's tables (migrated) and none of the range's rows.
  for (const spec of tablesOf(r)) {
    let found: unknown[]
    try {
      found = await target.all(
        sql.raw(`SELECT 1 FROM ${spec.name} WHERE ${spec.scope('', r)} LIMIT 1`),
      )
    } catch {
      throw new AppError('wrong_state', { detail: { target: m.target, migrated: false } })
    }
    if (found.length > 0)
      throw new AppError('wrong_state', { detail: { target: m.target, holds: spec.name } })
  }
  const { create, drop } = triggerStatements(m)
  await batch(source, [
    ...drop.map((s) => sql.raw(s)),
    sql`DELETE FROM change_log`,
    ...create.map((s) => sql.raw(s)),
    sql`INSERT INTO shard_meta (insurer_id, state, updated_at) VALUES (${m.insurerId}, 'open', ${at})
        ON CONFLICT (insurer_id) DO UPDATE SET state = 'open', updated_at = excluded.updated_at`,
  ])
}

/** The map to the target (epoch + 1) and the move's row, in one directory batch; then the source 'moved'. */
async function switchMove(
  deps: MoveDeps,
  staff: { id: string },
  ip: string,
  m: MoveRow,
  c: Cursor,
  sums: Cursor['sums'],
  source: Database,
): Promise<MoveRow> {
  const now = deps.now()
  const [range] = await deps.db
    .select()
    .from(shardMap)
    .where(and(eq(shardMap.insurerId, m.insurerId), eq(shardMap.database, m.source)))
    .orderBy(shardMap.fromFy)
  const splitting = range && range.fromFy < m.fromFy
  const next = { ...c, sums, step: 'done' as Step, switchedAt: now }
  const cursor = JSON.stringify(next)
  // The move's own row first, then the map only where that row now says this very switch: a switch
  // racing an abort (recorded first, see abortMove) changes nothing in the map.
  const mine = sql`EXISTS (SELECT 1 FROM shard_moves WHERE id = ${m.id} AND phase = 'switched' AND cursor = ${cursor})`
  const statements = [
    sql`UPDATE shard_moves SET phase = 'switched', cursor = ${cursor}, report = ${JSON.stringify(sums)}, updated_at = ${now}
          WHERE id = ${m.id} AND phase = 'verifying' AND cursor = ${m.cursor}`,
    ...(splitting
      ? [
          // The source keeps the years before fromFy; the target takes fromFy on.

          sql`UPDATE shard_map SET to_fy = ${m.fromFy - 1}, epoch = epoch + 1, updated_at = ${now}
                WHERE insurer_id = ${m.insurerId} AND from_fy = ${range.fromFy} AND database = ${m.source} AND ${mine}`,

          sql`INSERT INTO shard_map (insurer_id, from_fy, to_fy, database, epoch, updated_at)
                SELECT ${m.insurerId}, ${m.fromFy}, ${m.toFy}, ${m.target}, ${(range?.epoch ?? 0) + 1}, ${now}
                WHERE ${mine}
                ON CONFLICT DO NOTHING`,
        ]
      : [
          sql`UPDATE shard_map SET database = ${m.target}, epoch = epoch + 1, updated_at = ${now}
                WHERE insurer_id = ${m.insurerId} AND from_fy = ${m.fromFy} AND database = ${m.source} AND ${mine}`,
        ]),
  ]
  await rawBatch(deps.db, statements)
  deps.databases.refresh()
  await setMeta(source, m.insurerId, 'moved', now)
  const after = await getMove(deps, m.id)
  if (after.phase !== 'switched') throw new AppError('conflict')
  await audit(deps, {
    action: 'shards.move_switched',
    actorType: 'staff',
    actorId: staff.id,
    insurerId: m.insurerId,
    ip,
    detail: { move: m.id, source: m.source, target: m.target, holdMs: now - (c.holdAt ?? now) },
  })
  return after
}

/** Drops one page of the range's rows from a database (no triggers on it by then). */
async function dropPage(db: Database, m: MoveRow, c: Cursor): Promise<Cursor> {
  const r = rangeOf(m)
  const tables = dropOrderOf(r)
  const spec = tables[c.table]
  if (!spec) return { ...c, step: 'done' }
  const gone = await db.all(
    sql.raw(
      `DELETE FROM ${spec.name} WHERE rowid IN (SELECT rowid FROM ${spec.name} WHERE ${spec.scope('', r)} LIMIT ${MOVE_PAGE_ROWS}) RETURNING 1`,
    ),
  )
  if (gone.length === MOVE_PAGE_ROWS) return c
  return c.table + 1 < tables.length ? { ...c, table: c.table + 1 } : { ...c, step: 'done' }
}

/**
 * One step of confirming a switched move: the source's triggers go, then its copy of the range,
 * a page at a time; the last step opens the source again for what it still holds (a split's
 * earlier years and home) or forgets the insurer there.
 */
export async function confirmMove(
  deps: MoveDeps,
  staff: { id: string },
  ip: string,
  id: string,
): Promise<MoveRow> {
  const m = await getMove(deps, id)
  if (m.phase === 'confirmed') return m
  if (m.phase !== 'switched') throw new AppError('wrong_state')
  const c = cursorOf(m)
  // Every isolate reads the map again within its cache's life (db/open.ts, 10 s): until then one
  // may still read (and audit) on the old copy, or try a write there and be refused.
  const wait = (c.switchedAt ?? 0) + CONFIRM_AFTER_MS - deps.now()
  if (c.step !== 'drop' && wait > 0)
    throw new AppError('wrong_state', { detail: { waitSeconds: Math.ceil(wait / 1000) } })
  const { source, target } = await openBoth(deps, m)
  if (c.step !== 'drop') {
    // What the old copy still took (audit rows of reads), then no more triggers.
    if ((await replayPage(m, source, target)) > 0) return m
    const { drop } = triggerStatements(m)
    await batch(source, [...drop.map((s) => sql.raw(s)), sql`DELETE FROM change_log`])
    return save(deps, m, 'switched', { ...c, step: 'drop', table: 0, after: 0 })
  }
  const next = await dropPage(source, m, c)
  if (next.step !== 'done') return save(deps, m, 'switched', next)
  if (m.fromFy === 0)
    await source.run(sql`DELETE FROM shard_meta WHERE insurer_id = ${m.insurerId}`)
  else await setMeta(source, m.insurerId, 'open', deps.now())
  const done = await save(deps, m, 'confirmed', next)
  await audit(deps, {
    action: 'shards.move_confirmed',
    actorType: 'staff',
    actorId: staff.id,
    insurerId: m.insurerId,
    ip,
    detail: { move: m.id, source: m.source, target: m.target },
  })
  return done
}

/**
 * One step of aborting a move before its switch: the first opens the source again (writes go on
 * there) and removes its triggers; the next drop the target's copy a page at a time.
 */
export async function abortMove(
  deps: MoveDeps,
  staff: { id: string },
  ip: string,
  id: string,
): Promise<MoveRow> {
  const m = await getMove(deps, id)
  const c = cursorOf(m)
  if (m.phase === 'switched' || m.phase === 'confirmed') throw new AppError('wrong_state')
  if (m.phase === 'aborted' && c.step === 'done') return m
  const { source, target } = await openBoth(deps, m)
  // The source is opened again only once the abort is recorded (a switch racing it then finds the
  // move no longer 'verifying' and leaves the map alone), and again on a resumed abort that may have
  // stopped between the two (every statement here is idempotent).
  const reopen = () => {
    const { drop } = triggerStatements(m)
    return batch(source, [
      ...drop.map((s) => sql.raw(s)),
      sql`DELETE FROM change_log`,
      sql`UPDATE shard_meta SET state = 'open', updated_at = ${deps.now()} WHERE insurer_id = ${m.insurerId}`,
    ])
  }
  if (m.phase !== 'aborted') {
    const aborted = await save(deps, m, 'aborted', { ...c, step: 'drop', table: 0, after: 0 })
    await reopen()
    await audit(deps, {
      action: 'shards.move_aborted',
      actorType: 'staff',
      actorId: staff.id,
      insurerId: m.insurerId,
      ip,
      detail: { move: m.id, source: m.source, target: m.target },
    })
    return aborted
  }
  if (c.step === 'drop' && c.table === 0 && c.after === 0) await reopen()
  return save(deps, m, 'aborted', await dropPage(target, m, c))
}
