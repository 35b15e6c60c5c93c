/**
 * Import records (issue 13): one row per roster or checkup import, from the console or the CLI, with its
 * batches. A batch with an import id is recorded by its primary key (import_id, seq) in the same
 * `db.batch` as the rows it writes: a batch sent twice (a retry, a resume, two tabs) applies once, and
 * its repeat gets the stored answer. The records give the import history (90 days), exact totals
 * after a resume, the place to resume from, and the rejection file.
 */
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm'
import { isMessageKey, t, type Lang } from '../../core/i18n'
import { utf8Length } from '../../core/utf8'
import { runBatch, type Database } from '../../db/open'
import { importBatches, imports, staff } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { csvField } from '../../core/csv-field'
import { insurerAudit, staffAuditOnWhere } from './audit'
import { shardSlice } from './shard-jobs'

/**
 * Imports live in the insurer's own database (issue 14): its records, batches and audit rows, beside the
 * roster and checkups they write. Every function here takes an insurer id that the route's staff guard
 * (insurers.ts insurerForStaff: inScope first) has already let through, and opens that insurer's
 * database with it; staff names come from the directory, by id, after.
 */
type ImportDeps = Pick<Deps, 'db' | 'dbFor' | 'now'>
export type ImportKind = 'roster' | 'checkups'
export type Outcome = 'complete' | 'failed' | 'interrupted'
/** A row of a rejection file, as the client writes it (line, column, reason, code … ). */
export type Cells = (string | number)[]

/** Imports are kept (with their batches) this long, then pruned by the daily job. */
export const IMPORT_KEEP_MS = 90 * 86_400_000
/** Imports a page of the history holds. */
export const IMPORTS_PER_PAGE = 50

export interface ImportView {
  id: string
  kind: ImportKind
  source: 'console' | 'cli'
  fileName: string
  fileSize: number
  detected: string | null
  staffName: string | null
  startedAt: string
  finishedAt: string | null
  outcome: Outcome | null
  failure: { key: string; params: Record<string, string | number> } | null
  totals: {
    rowsRead: number
    blank: number
    inserted: number
    updated: number
    unchanged: number
    rejected: number
  }
  batches: number
  hasRejections: boolean
}

/** Where a resumed import goes on: the last batch of the unbroken run of recorded batches from 1. */
export interface Resume {
  seq: number
  lastLine: number | null
  lastUnit: number | null
}

type ImportRow = typeof imports.$inferSelect & { staffName: string | null }

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

function present(row: ImportRow): ImportView {
  return {
    id: row.id,
    kind: row.kind as ImportKind,
    source: row.source as 'console' | 'cli',
    fileName: row.fileName,
    fileSize: row.fileSize,
    detected: row.detected,
    staffName: row.staffName,
    startedAt: iso(row.startedAt) as string,
    finishedAt: iso(row.finishedAt),
    outcome: row.outcome as Outcome | null,
    failure: row.failure ? (JSON.parse(row.failure) as ImportView['failure']) : null,
    totals: {
      rowsRead: row.rowsRead,
      blank: row.blank,
      inserted: row.inserted,
      updated: row.updated,
      unchanged: row.unchanged,
      rejected: row.rejected,
    },
    batches: row.batches,
    hasRejections: row.rejected > 0,
  }
}

/** The names of these staff members (the directory), by id: one query. */
async function staffNames(
  deps: Pick<Deps, 'db'>,
  ids: (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))]
  if (!wanted.length) return new Map()
  const rows = await deps.db
    .select({ id: staff.id, name: staff.name })
    .from(staff)
    .where(sql`${staff.id} in (select value from json_each(${JSON.stringify(wanted)}))`)
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** One import of this insurer, with its staff member's name; null when none (or another insurer's). */
async function importRow(
  deps: Pick<Deps, 'db' | 'dbFor'>,
  insurerId: string,
  id: string,
): Promise<ImportRow | null> {
  const ins = await deps.dbFor(insurerId)
  const [row] = await ins
    .select()
    .from(imports)
    .where(and(eq(imports.id, id), eq(imports.insurerId, insurerId)))
  if (!row) return null
  const names = await staffNames(deps, [row.staffId])
  return { ...row, staffName: names.get(row.staffId ?? '') ?? null }
}

/** The import of this insurer, or 404 (also for another insurer's id: nothing is revealed). */
export async function importOf(
  deps: Pick<Deps, 'db' | 'dbFor'>,
  insurerId: string,
  id: string,
): Promise<ImportRow> {
  const row = await importRow(deps, insurerId, id)
  if (!row) throw new AppError('not_found')
  return row
}

/** Where to resume: the highest seq such that every seq from 1 to it is recorded (0: nothing yet). */
export async function resumeOf(ins: Database, importId: string): Promise<Resume> {
  const [row] = await ins
    .select({
      seq: importBatches.seq,
      lastLine: importBatches.lastLine,
      lastUnit: importBatches.lastUnit,
    })
    .from(importBatches)
    .where(
      and(
        eq(importBatches.importId, importId),
        sql`exists (select 1 from import_batches f where f.import_id = ${importId} and f.seq = 1)`,
        sql`not exists (select 1 from import_batches n where n.import_id = ${importBatches.importId} and n.seq = ${importBatches.seq} + 1)`,
      ),
    )
    .orderBy(importBatches.seq)
    .limit(1)
  return row ?? { seq: 0, lastLine: null, lastUnit: null }
}

export interface StartBody {
  id: string
  kind: ImportKind
  source: 'console' | 'cli'
  fileName: string
  fileSize: number
  fingerprint: string
}

/**
 * Starts an import, or finds it again (a resume asks "where was I" with the same id): decided by the
 * INSERT … ON CONFLICT DO NOTHING RETURNING. An id of the same insurer, kind and file is the same
 * import (an interrupted one runs again); anything else with that id is a conflict, whoever's it is.
 */
export async function startImport(
  deps: ImportDeps,
  who: { id: string },
  ip: string,
  insurer: { id: string; number: string },
  body: StartBody,
): Promise<{ created: boolean; import: ImportView; resume: Resume }> {
  const now = deps.now()
  const ins = await deps.dbFor(insurer.id)
  const inserted = await ins
    .insert(imports)
    .values({
      id: body.id,
      insurerId: insurer.id,
      staffId: who.id,
      kind: body.kind,
      source: body.source,
      fileName: body.fileName,
      fileSize: body.fileSize,
      fingerprint: body.fingerprint,
      startedAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: imports.id })
  if (inserted.length) {
    await insurerAudit(ins, now, {
      action: 'imports.started',
      actorType: 'staff',
      actorId: who.id,
      insurerId: insurer.id,
      ip,
      detail: {
        insurer: insurer.number,
        import: body.id,
        kind: body.kind,
        fileName: body.fileName,
        fileSize: body.fileSize,
      },
    })
    const row = await importOf(deps, insurer.id, body.id)
    return {
      created: true,
      import: present(row),
      resume: { seq: 0, lastLine: null, lastUnit: null },
    }
  }
  const row = await importRow(deps, insurer.id, body.id)
  if (!row || row.kind !== body.kind || row.fingerprint !== body.fingerprint)
    throw new AppError('conflict')
  if (row.outcome === 'complete' || row.outcome === 'failed')
    throw new AppError('wrong_state', { detail: { state: row.outcome } })
  if (row.outcome === 'interrupted')
    await ins
      .update(imports)
      .set({ outcome: null, updatedAt: now })
      .where(and(eq(imports.id, row.id), eq(imports.outcome, 'interrupted')))
  const again = await importOf(deps, insurer.id, body.id)
  return { created: false, import: present(again), resume: await resumeOf(ins, body.id) }
}

/** A batch's place in an import, as its body names it. */
export interface BatchRef {
  importId: string
  seq: number
  lastUnit?: number
  localRejections?: Cells[]
}

/** What a batch service gives back, and writes with the statements a recorder adds to its db.batch. */
export interface BatchCounts {
  inserted: number
  /** updated (roster) or replaced (checkups) */
  updated: number
  unchanged: number
  /** Rows (roster) or checkups the server refused. */
  rejected: number
  firstLine: number | null
  lastLine: number | null
}

/** The statements that record a batch, for the service's db.batch (after its upserts). */
export type BatchRecorder = (answer: object, counts: BatchCounts) => PromiseLike<unknown>[]

/**
 * The most UTF-8 bytes a batch's record may hold in its answer and local rejections together. Each is
 * one bound value, and D1 refuses a value over 2,000,000 bytes (the whole db.batch fails: a 500); past
 * this the batch is refused before anything is written (413 batch_too_many_rejections).
 */
export const MAX_RECORD_BYTES = 1_800_000

/**
 * The answer as its record keeps it: each rejection without its `message`, which is the `reason`'s
 * text in the language of whoever sent the batch (worded again for a repeat, and for the rejection file).
 */
function compactAnswer(answer: object): object {
  const rejected = (answer as { rejected?: unknown }).rejected
  if (!Array.isArray(rejected)) return answer
  return {
    ...answer,
    rejected: rejected.map((r: Record<string, unknown>) => {
      const { message: _, ...kept } = r
      return kept
    }),
  }
}

/** A stored answer as the batch's sender gets it: each rejection's message in their language. */
function fullAnswer(answer: Record<string, unknown>, lang: Lang): object {
  if (!Array.isArray(answer.rejected)) return answer
  return {
    ...answer,
    rejected: answer.rejected.map((r: Record<string, unknown>) => {
      const reason = String(r.reason ?? '')
      const { message, ...kept } = r
      return {
        ...kept,
        message: isMessageKey(reason) ? t(lang, reason) : String(message ?? reason),
      }
    }),
  }
}

/** The stored answer of a batch already recorded (its messages in `lang`), or null. */
async function storedAnswer(ins: Database, ref: BatchRef, lang: Lang) {
  const [row] = await ins
    .select({ answer: importBatches.answer })
    .from(importBatches)
    .where(and(eq(importBatches.importId, ref.importId), eq(importBatches.seq, ref.seq)))
  return row
    ? {
        ...fullAnswer(JSON.parse(row.answer) as Record<string, unknown>, lang),
        repeated: true as const,
      }
    : null
}

/** The distinct values of one cell of the client's rejection rows (their lines, or checkup refs). */
const distinct = (rows: Cells[], cell: number) => new Set(rows.map((r) => String(r[cell]))).size

/**
 * Runs one batch of an import: refused (409 wrong_state) for an import not of this insurer, of another
 * kind, or finished; a batch already recorded gets its stored answer back and writes nothing. Else the
 * service runs with a recorder whose statements (the import_batches row, the import's totals) go into
 * its own db.batch: when two copies run at once, the second batch fails on the primary key and rolls
 * back whole, and its answer is the first's. The import_batches row also fails (its answer is NULL)
 * when the import was finished after the read, so such a batch writes nothing either: 409.
 * A batch whose record would not fit D1's value limit is refused before the write (413).
 */
export async function recordedBatch<A extends object>(
  deps: ImportDeps,
  insurerId: string,
  kind: ImportKind,
  ref: BatchRef,
  lang: Lang,
  run: (record: BatchRecorder) => Promise<A>,
): Promise<A | (A & { repeated: true })> {
  const row = await importRow(deps, insurerId, ref.importId)
  if (!row || row.kind !== kind)
    throw new AppError('wrong_state', { detail: { state: 'no_such_import' } })
  if (row.outcome === 'complete' || row.outcome === 'failed')
    throw new AppError('wrong_state', { detail: { state: row.outcome } })
  const ins = await deps.dbFor(insurerId)
  const before = await storedAnswer(ins, ref, lang)
  if (before) return before as A & { repeated: true }
  const local = ref.localRejections ?? []
  const localJson = JSON.stringify(local)
  const localBytes = utf8Length(localJson)
  // Local rows: roster [line, column, reason, code]; checkups [ref, line, column or item, reason, code].
  const lineCell = kind === 'roster' ? 0 : 1
  const localLines = local
    .map((r) => Number(r[lineCell]))
    .filter((n) => Number.isInteger(n) && n > 0)
  const localRejected = distinct(local, 0)
  const record: BatchRecorder = (answer, counts) => {
    const stored = JSON.stringify(compactAnswer(answer))
    if (utf8Length(stored) + localBytes > MAX_RECORD_BYTES)
      throw new AppError('batch_too_many_rejections')
    const now = deps.now()
    const lines = [...localLines, counts.firstLine, counts.lastLine].filter(
      (n): n is number => typeof n === 'number',
    )
    // NULL (refused: the column is NOT NULL) unless the import is still open as this batch writes.
    const whileOpen = sql`case when exists (select 1 from ${imports} where ${imports.id} = ${ref.importId} and ${imports.insurerId} = ${insurerId} and ${imports.kind} = ${kind} and (${imports.outcome} is null or ${imports.outcome} = 'interrupted')) then ${stored} end`
    return [
      ins.insert(importBatches).values({
        importId: ref.importId,
        seq: ref.seq,
        firstLine: lines.length ? Math.min(...lines) : null,
        lastLine: lines.length ? Math.max(...lines) : null,
        lastUnit: ref.lastUnit ?? null,
        answer: whileOpen,
        localRejections: localJson,
        at: now,
      }),
      ins
        .update(imports)
        .set({
          inserted: sql`${imports.inserted} + ${counts.inserted}`,
          updated: sql`${imports.updated} + ${counts.updated}`,
          unchanged: sql`${imports.unchanged} + ${counts.unchanged}`,
          rejected: sql`${imports.rejected} + ${counts.rejected + localRejected}`,
          batches: sql`${imports.batches} + 1`,
          updatedAt: now,
        })
        .where(eq(imports.id, ref.importId)),
    ]
  }
  try {
    return await run(record)
  } catch (err) {
    if (err instanceof AppError) throw err
    // A copy of this batch was recorded meanwhile: this one's db.batch failed on the primary key and
    // wrote nothing; answer as the first did. Or the import was finished meanwhile: the batch row's
    // answer was NULL, nothing was written. Anything else is this request's own error.
    const first = await storedAnswer(ins, ref, lang).catch(() => null)
    if (first) return first as A & { repeated: true }
    const now = await importRow(deps, insurerId, ref.importId).catch(() => null)
    if (now && (now.outcome === 'complete' || now.outcome === 'failed'))
      throw new AppError('wrong_state', { detail: { state: now.outcome } })
    throw err
  }
}

export interface FinishBody {
  outcome: Outcome
  rowsRead: number
  blank: number
  detected?: string
  failure?: { key: string; params: Record<string, string | number> }
}

/**
 * Ends an import: 'complete' and 'failed' are final, 'interrupted' waits for a resume. Decided by the
 * UPDATE … WHERE outcome is open, with its audit row before it in the same batch under the same
 * condition; a repeat of the same final outcome answers the same view, another one 409.
 */
export async function finishImport(
  deps: ImportDeps,
  who: { id: string },
  ip: string,
  insurer: { id: string; number: string },
  id: string,
  body: FinishBody,
): Promise<ImportView> {
  const row = await importOf(deps, insurer.id, id)
  const now = deps.now()
  const open = and(
    eq(imports.id, id),
    eq(imports.insurerId, insurer.id),
    or(isNull(imports.outcome), eq(imports.outcome, 'interrupted')),
  )
  const final = body.outcome !== 'interrupted'
  const ins = await deps.dbFor(insurer.id)
  const results = await runBatch(ins, [
    staffAuditOnWhere(
      deps,
      who,
      ip,
      final ? 'imports.finished' : 'imports.interrupted',
      null,
      {
        insurer: insurer.number,
        import: id,
        kind: row.kind,
        fileName: row.fileName,
        outcome: body.outcome,
        rowsRead: body.rowsRead,
        inserted: row.inserted,
        updated: row.updated,
        unchanged: row.unchanged,
        rejected: row.rejected,
      },
      imports,
      open,
      { db: ins, insurerId: insurer.id },
    ),
    ins
      .update(imports)
      .set({
        outcome: body.outcome,
        rowsRead: body.rowsRead,
        blank: body.blank,
        ...(body.detected !== undefined ? { detected: body.detected } : {}),
        failure: body.failure ? JSON.stringify(body.failure) : null,
        finishedAt: final ? now : null,
        updatedAt: now,
      })
      .where(open)
      .returning({ id: imports.id }),
  ])
  const done = results[1] as unknown[]
  const after = await importOf(deps, insurer.id, id)
  if (!done.length && after.outcome !== body.outcome)
    throw new AppError('wrong_state', { detail: { state: after.outcome } })
  return present(after)
}

/** One page of the insurer's imports of the last 90 days, newest first; the cursor is `startedAt.id`. */
export async function listImports(
  deps: Pick<Deps, 'db' | 'dbFor' | 'now'>,
  insurerId: string,
  cursor?: string,
): Promise<{ imports: ImportView[]; next: string | null }> {
  const [at, id] = cursor
    ? [Number(cursor.split('.')[0]), cursor.split('.').slice(1).join('.')]
    : []
  const ins = await deps.dbFor(insurerId)
  const rows = await ins
    .select({ i: imports })
    .from(imports)
    .where(
      and(
        eq(imports.insurerId, insurerId),
        sql`${imports.startedAt} > ${deps.now() - IMPORT_KEEP_MS}`,
        cursor && Number.isFinite(at)
          ? or(
              lt(imports.startedAt, at as number),
              and(eq(imports.startedAt, at as number), lt(imports.id, id as string)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(imports.startedAt), desc(imports.id))
    .limit(IMPORTS_PER_PAGE + 1)
  const names = await staffNames(
    deps,
    rows.slice(0, IMPORTS_PER_PAGE).map((r) => r.i.staffId),
  )
  const page = rows
    .slice(0, IMPORTS_PER_PAGE)
    .map((r) => present({ ...r.i, staffName: names.get(r.i.staffId ?? '') ?? null }))
  const last = rows.length > IMPORTS_PER_PAGE ? rows[IMPORTS_PER_PAGE - 1].i : null
  return { imports: page, next: last ? `${last.startedAt}.${last.id}` : null }
}

/** An import with where it would resume. */
export async function importDetail(
  deps: Pick<Deps, 'db' | 'dbFor'>,
  insurerId: string,
  id: string,
) {
  const row = await importOf(deps, insurerId, id)
  return { import: present(row), resume: await resumeOf(await deps.dbFor(insurerId), id) }
}

/** A server rejection as the rejection file's row, in the staff member's language. */
function serverCells(kind: ImportKind, r: Record<string, unknown>, lang: Lang): Cells {
  const reason = String(r.reason ?? '')
  const message = reason ? t(lang, reason as never) : String(r.message ?? '')
  const text = message === reason ? String(r.message ?? reason) : message
  if (kind === 'roster') return [Number(r.line), r.column ? String(r.column) : '-', text, reason]
  return [
    String(r.ref ?? ''),
    typeof r.line === 'number' ? r.line : '',
    r.code ? String(r.code) : '-',
    text,
    reason,
  ]
}

const BATCHES_PER_READ = 50

/**
 * The import's rejection file: UTF-8 with BOM, CRLF, Excel-safe cells, the CLI's header; per batch in seq
 * order, the client's rejections and the server's merged by line. Streamed a few batches at a time.
 */
export function rejectionCsv(
  ins: Database,
  row: { id: string; kind: string },
  lang: Lang,
): ReadableStream<Uint8Array> {
  const kind = row.kind as ImportKind
  const encoder = new TextEncoder()
  const lineCell = kind === 'roster' ? 0 : 1
  const lineOf = (cells: Cells) => {
    const n = Number(cells[lineCell])
    return cells[lineCell] === '' || !Number.isFinite(n) ? Infinity : n
  }
  let afterSeq = 0
  let started = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true
        const header = t(
          lang,
          kind === 'roster'
            ? 'ops.imports.rejected_csv_header'
            : 'ops.imports.checkup_rejected_csv_header',
        )
        controller.enqueue(encoder.encode(`\uFEFF${header}\r\n`))
        return
      }
      const batches = await ins
        .select()
        .from(importBatches)
        .where(and(eq(importBatches.importId, row.id), sql`${importBatches.seq} > ${afterSeq}`))
        .orderBy(importBatches.seq)
        .limit(BATCHES_PER_READ)
      if (!batches.length) {
        controller.close()
        return
      }
      afterSeq = batches[batches.length - 1].seq
      let text = ''
      for (const b of batches) {
        const local = JSON.parse(b.localRejections) as Cells[]
        const answer = JSON.parse(b.answer) as { rejected?: Record<string, unknown>[] }
        const server = (answer.rejected ?? []).map((r) => serverCells(kind, r, lang))
        const all = [...local, ...server]
          .map((cells, i) => ({ cells, i }))
          .sort((a, b) => lineOf(a.cells) - lineOf(b.cells) || a.i - b.i)
        for (const { cells } of all) text += cells.map(csvField).join(',') + '\r\n'
      }
      if (text) controller.enqueue(encoder.encode(text))
    },
  })
}

/** `Content-Disposition` of a download: an ASCII fallback and the UTF-8 name (RFC 5987/6266). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

/**
 * Deletes imports started more than 90 days ago, and their batches first (explicitly: libSQL does not
 * enforce the foreign key's cascade). The daily job, over the insurer databases: one batch per
 * database, at most 100 databases per call (D1 allows 1,000 queries per invocation), the slice chosen
 * by the day (shard-jobs.ts): with 1,380 databases each is visited every 14 days, so a record is
 * gone between 90 and 104 days after it started. Returns the imports deleted.
 */
export async function pruneImports(
  deps: Pick<Deps, 'databases' | 'now'>,
  options: { perCall?: number } = {},
): Promise<number> {
  const before = deps.now() - IMPORT_KEEP_MS
  const old = sql`(select id from imports where started_at < ${before})`
  const shards = shardSlice(await deps.databases.shards(), deps.now(), 86_400_000, options.perCall)
  let pruned = 0
  for (const { db, state } of shards) {
    if (state !== 'active') continue
    const [, gone] = (await runBatch(db, [
      db.delete(importBatches).where(sql`${importBatches.importId} in ${old}`),
      db.delete(imports).where(lt(imports.startedAt, before)).returning({ id: imports.id }),
    ])) as [unknown, unknown[]]
    pruned += gone.length
  }
  return pruned
}
