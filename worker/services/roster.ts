import { sql } from 'drizzle-orm'
import { t, type Lang } from '../../core/i18n'
import {
  isBlankRow,
  mapHeader,
  parseRosterRow,
  rosterHashInput,
  rosterPayload,
  type RosterRecord,
} from '../../core/roster'
import { namedRows, type Database } from '../../db/open'
import { rosterPersons } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import type { BatchRecorder } from './imports'
import { excluded, inOneBatch, jsonChunks } from './json-chunks'
import { hashToken } from './tokens'

export interface RosterBatchRow {
  line: number
  fields: string[]
}

export interface Rejection {
  line: number
  column: string
  reason: string
  message: string
}

export interface RosterBatchResult {
  inserted: number
  updated: number
  unchanged: number
  rejected: Rejection[]
}

const ROW_OUTCOMES = ['inserted', 'updated', 'unchanged'] as const

/** What writing one chunk of rows would do: how many are new, changed (by their hash), or the same. */
async function classifyChunk(
  ins: Database,
  insurerId: string,
  chunk: string,
): Promise<Record<(typeof ROW_OUTCOMES)[number], number>> {
  const [row] = namedRows(
    await ins.all(sql`
      select
        coalesce(sum(p.person_key is null), 0) as inserted,
        coalesce(sum(p.person_key is not null and p.row_hash <> json_extract(j.value, '$.h')), 0) as updated,
        coalesce(sum(p.row_hash = json_extract(j.value, '$.h')), 0) as unchanged
      from json_each(${chunk}) j
      left join roster_persons p on p.insurer_id = ${insurerId} and p.person_key = json_extract(j.value, '$.k')`),
    ROW_OUTCOMES,
  )
  return {
    inserted: Number(row?.inserted ?? 0),
    updated: Number(row?.updated ?? 0),
    unchanged: Number(row?.unchanged ?? 0),
  }
}

/**
 * The upsert of one chunk of rows (a query builder, so it can go into `db.batch`): a new person is
 * inserted, a known one updated only when its row hash changed (updated_at then moves, created_at
 * never does). The select gives every column in the table's order, as the insert lists them.
 */
function upsertChunk(ins: Database, insurerId: string, chunk: string, now: number) {
  const p = rosterPersons
  return ins
    .insert(p)
    .select(
      sql`select ${insurerId}, json_extract(value, '$.k'), json_extract(value, '$.s'), json_extract(value, '$.n'),
        json_extract(value, '$.b'), json_extract(value, '$.ck'), json_extract(value, '$.nk'), json_extract(value, '$.nn'),
        json_extract(value, '$.bd'), json_extract(value, '$.sx'), json_extract(value, '$.rl'), json_extract(value, '$.vf'),
        json_extract(value, '$.vt'), json_extract(value, '$.pc'), json_extract(value, '$.ad'), json_extract(value, '$.h'),
        ${now}, ${now}
      from json_each(${chunk}) where true`,
    )
    .onConflictDoUpdate({
      target: [p.insurerId, p.personKey],
      set: {
        symbol: excluded(p.symbol),
        number: excluded(p.number),
        branch: excluded(p.branch),
        cardKey: excluded(p.cardKey),
        nameKana: excluded(p.nameKana),
        nameKey: excluded(p.nameKey),
        birthDate: excluded(p.birthDate),
        sex: excluded(p.sex),
        relationship: excluded(p.relationship),
        validFrom: excluded(p.validFrom),
        validTo: excluded(p.validTo),
        postalCode: excluded(p.postalCode),
        address: excluded(p.address),
        rowHash: excluded(p.rowHash),
        updatedAt: excluded(p.updatedAt),
      },
      setWhere: sql`${p.rowHash} <> ${excluded(p.rowHash)}`,
    })
}

/**
 * Upserts one batch of roster rows by person_key, as one transaction: good rows are inserted,
 * updated (some field changed) or left alone (unchanged); bad rows are reported with their line,
 * column and reason and change nothing. The same batch twice changes nothing the second time, so an
 * import killed half-way is resumed by sending the file again. A person keeps their person_key
 * through a card re-issue, and with it their link and checkups.
 *
 * The roster is in the insurer's database (issue 14): `insurer` is one the caller may act on (the
 * route's staff guard let it through, or a test's fixture), and its database is opened here.
 */
export async function importRosterBatch(
  deps: Pick<Deps, 'db' | 'dbFor' | 'now'>,
  insurer: { id: string; number: string },
  header: string[],
  rows: RosterBatchRow[],
  lang: Lang,
  record?: BatchRecorder,
): Promise<RosterBatchResult> {
  const mapping = mapHeader(header)
  if (!mapping.ok)
    throw new AppError('roster_header', {
      detail: { missing: mapping.missing, unknown: mapping.unknown, duplicate: mapping.duplicate },
    })
  const rejected: Rejection[] = []
  const good = new Map<string, { line: number; record: RosterRecord; hash: string }>()
  for (const { line, fields } of rows) {
    if (isBlankRow(fields)) continue
    const parsed = parseRosterRow(fields, mapping.index, insurer.number)
    if (!parsed.ok) {
      for (const e of parsed.errors)
        rejected.push({ line, column: e.column, reason: e.reason, message: t(lang, e.reason) })
      continue
    }
    const earlier = good.get(parsed.row.personKey)
    if (earlier) {
      // The same person twice in one batch: the later line wins, as it would across batches.
      rejected.push({
        line: earlier.line,
        column: mapping.index.header.person_key,
        reason: 'roster.person_key.duplicate',
        message: t(lang, 'roster.person_key.duplicate'),
      })
    }
    good.set(parsed.row.personKey, {
      line,
      record: parsed.row,
      hash: await hashToken(rosterHashInput(parsed.row)),
    })
  }
  const ins = await deps.dbFor(insurer.id)
  if (good.size === 0) {
    const result = { inserted: 0, updated: 0, unchanged: 0, rejected }
    return record ? recorded(ins, rows, result, record, []) : result
  }

  const chunks = jsonChunks(
    [...good.values()].map(({ record, hash }) => rosterPayload(record, hash)),
  )
  // Each chunk is one bound value under D1's 2,000,000-byte limit (json_each also keeps a statement
  // under its limit of 100 parameters). Chunks are counted one by one, and written in one batch: one
  // transaction, so the batch is applied whole or not at all.
  const counts = { inserted: 0, updated: 0, unchanged: 0 }
  for (const chunk of chunks) {
    const counted = await classifyChunk(ins, insurer.id, chunk)
    for (const key of ROW_OUTCOMES) counts[key] += counted[key]
  }
  const now = deps.now()
  const [first, ...rest] = chunks.map((chunk) => upsertChunk(ins, insurer.id, chunk, now))
  rejected.sort((a, b) => a.line - b.line)
  const result = { ...counts, rejected }
  if (record) return recorded(ins, rows, result, record, [first, ...rest])
  await inOneBatch(ins, [first, ...rest])
  return result
}

/**
 * Writes a batch of an import record: its upserts and the recorder's statements (the import_batches row,
 * the import's totals) in one db.batch, so the batch is applied and recorded together, or neither is.
 */
async function recorded(
  ins: Database,
  rows: RosterBatchRow[],
  result: RosterBatchResult,
  record: BatchRecorder,
  upserts: PromiseLike<unknown>[],
): Promise<RosterBatchResult> {
  const lines = rows.map((r) => r.line)
  const counts = {
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged,
    rejected: new Set(result.rejected.map((r) => r.line)).size,
    firstLine: lines.length ? Math.min(...lines) : null,
    lastLine: lines.length ? Math.max(...lines) : null,
  }
  const [first, ...rest] = [...upserts, ...record(result, counts)]
  await inOneBatch(ins, [first, ...rest])
  return result
}
