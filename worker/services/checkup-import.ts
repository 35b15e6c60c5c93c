import { and, eq, sql } from 'drizzle-orm'
import { cardKey, sameBranch } from '../../core/card'
import { findItem, isItemUnit, type CheckupItem } from '../../core/checkup-items'
import type { CheckupInput, CheckupResultInput } from '../../core/checkup-import'
import { gradeResult, tableFor, type Grade } from '../../core/grading'
import { t, type Lang, type MessageKey } from '../../core/i18n'
import { utf8Length } from '../../core/utf8'
import { fiscalYearOf } from '../../core/fiscal-year'
import type { Database } from '../../db/open'
import { checkups, rosterPersons } from '../../db/schema'
import type { StoredResult } from '../checkup-json'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import type { BatchRecorder } from './imports'
import { excluded, inOneBatch, jsonChunks, MAX_CHUNK_BYTES } from './json-chunks'
import { flagNotices, resultsOutbox } from './notices'
import { hashToken, newId } from './tokens'
// issue 14, compact: the stored form of results and grade counts
import { storedGradesText, storedResultsText } from '../checkup-json'

export interface CheckupProblem {
  ref: string
  line?: number
  code?: string
  reason: MessageKey
  message: string
}

export interface CheckupBatchResult {
  inserted: number
  replaced: number
  unchanged: number
  rejected: CheckupProblem[]
}

type CheckupDeps = Pick<Deps, 'db' | 'dbFor' | 'now' | 'randomBytes'>
type Person = typeof rosterPersons.$inferSelect

const NOT_PERFORMED = new Set(['未実施', '未測定'])
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/

/**
 * The roster persons of a batch in two queries: by person_key (CSV) and by card key (XML, confirmed
 * by birth date and 枝番 in findPerson). Per-checkup queries would cost more than the checkups.
 */
async function loadPersons(home: Database, insurerId: string, docs: CheckupInput[]) {
  const keys = [...new Set(docs.flatMap((d) => (d.personKey ? [d.personKey] : [])))]
  const cards = [
    ...new Set(
      docs.flatMap((d) =>
        d.card ? [cardKey({ symbol: d.card.symbol ?? '', number: d.card.number })] : [],
      ),
    ),
  ]
  /** The insurer's persons whose `column` is one of `values` (one bound JSON array). */
  const personsBy = (
    column: typeof rosterPersons.personKey | typeof rosterPersons.cardKey,
    values: string[],
  ) =>
    values.length
      ? home
          .select()
          .from(rosterPersons)
          .where(
            and(
              eq(rosterPersons.insurerId, insurerId),
              sql`${column} in (select value from json_each(${JSON.stringify(values)}))`,
            ),
          )
      : []
  const byKey = new Map<string, Person>()
  const byCard = new Map<string, Person[]>()
  for (const p of await personsBy(rosterPersons.personKey, keys)) byKey.set(p.personKey, p)
  for (const p of await personsBy(rosterPersons.cardKey, cards))
    byCard.set(p.cardKey, [...(byCard.get(p.cardKey) ?? []), p])
  return (doc: CheckupInput): Person | null => {
    if (doc.personKey) return byKey.get(doc.personKey) ?? null
    if (!doc.card || !doc.birthDate) return null
    const key = cardKey({ symbol: doc.card.symbol ?? '', number: doc.card.number })
    // Found by card, confirmed by birth date; more than one match is reported, never guessed.
    const matches = (byCard.get(key) ?? []).filter(
      (p) => p.birthDate === doc.birthDate && sameBranch(p.branch, doc.card?.branch),
    )
    return matches.length === 1 ? matches[0] : null
  }
}

/** Reads one result by its item: a CSV's raw value becomes a number, an answer code or text. */
function storeResult(
  input: CheckupResultInput,
  item: CheckupItem | undefined,
): StoredResult | MessageKey {
  const base = { code: input.code.toUpperCase(), item: item?.id ?? null }
  const extras = {
    ...(input.bound ? { bound: input.bound } : {}),
    ...(input.low ? { low: input.low } : {}),
    ...(input.high ? { high: input.high } : {}),
    ...(input.interpretation ? { interpretation: input.interpretation } : {}),
    ...(input.group ? { group: input.group } : {}),
  }
  if (input.type !== 'raw') {
    if (input.type === 'PQ' && (!input.value || !NUMBER.test(input.value)))
      return 'checkup.value.number'
    return {
      ...base,
      type: input.type,
      ...(input.value ? { value: input.value } : {}),
      ...(input.unit ? { unit: input.unit } : {}),
      ...(input.answerCode ? { answerCode: input.answerCode } : {}),
      ...(input.answerSystem ? { answerSystem: input.answerSystem } : {}),
      ...(input.text ? { text: input.text } : {}),
      ...extras,
    }
  }
  const raw = (input.value ?? '').normalize('NFKC').trim()
  if (raw === '') return 'checkup.value.required'
  if (NOT_PERFORMED.has(raw)) return { ...base, type: 'not_performed' }
  if (input.unit && item && item.unit && !isItemUnit(item, input.unit))
    return 'checkup.unit.mismatch'
  if (!item || item.kind === 'text') return { ...base, type: 'ST', text: raw }
  if (item.kind === 'code') {
    if (item.answers && !(raw in item.answers.answers)) return 'checkup.answer.invalid'
    return {
      ...base,
      type: 'CO',
      answerCode: raw,
      ...(item.answers ? { answerSystem: item.answers.system } : {}),
    }
  }
  if (!NUMBER.test(raw)) return 'checkup.value.number'
  return { ...base, type: 'PQ', value: raw, unit: input.unit || item.unit }
}

/** How many results got each grade (the list of checkups shows it without reading the results). */
export function gradeCounts(results: StoredResult[]): Record<Grade, number> {
  const counts: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0 }
  for (const result of results) if (result.grade) counts[result.grade]++
  return counts
}

/**
 * The most UTF-8 bytes a checkup's stored results may take in the import's JSON, where they are a
 * JSON text inside JSON (escaped once more): its row must fit one chunk with its other fields
 * (person_key, institution, hashes: a few KB at most). The schema bounds what is sent
 * (core/checkup-import.ts); what is stored can be larger (NFKC, grades, escaping).
 */
const MAX_STORED_RESULTS_BYTES = MAX_CHUNK_BYTES - 16 * 1024

/**
 * The upsert of one chunk of checkups (a query builder, so it can go into `db.batch`): a new one is
 * inserted, a stored one replaced whole (created_at kept, updated_at moved). The select gives every
 * column in the table's order, as the insert lists them.
 */
function upsertChunk(db: Database, insurerId: string, chunk: string, now: number) {
  const c = checkups
  return db
    .insert(c)
    .select(
      sql`select json_extract(value, '$.id'), ${insurerId}, json_extract(value, '$.personKey'), json_extract(value, '$.examDate'),
        json_extract(value, '$.institution'), json_extract(value, '$.source'), json_extract(value, '$.tableVersion'),
        json_extract(value, '$.results'), json_extract(value, '$.grades'), json_extract(value, '$.contentHash'), ${now}, ${now}
      from json_each(${chunk}) where true`,
    )
    .onConflictDoUpdate({
      target: [c.insurerId, c.personKey, c.examDate],
      set: {
        institution: excluded(c.institution),
        source: excluded(c.source),
        tableVersion: excluded(c.tableVersion),
        results: excluded(c.results),
        grades: excluded(c.grades),
        contentHash: excluded(c.contentHash),
        updatedAt: excluded(c.updatedAt),
      },
    })
}

/**
 * Imports checkups for one insurer. Each is matched to a roster person (person_key, or card
 * confirmed by birth date), its results read and graded with the table in force on its exam date,
 * and stored whole: a re-imported checkup replaces the earlier one, the same one again changes
 * nothing. A checkup with any bad result is rejected whole, with every problem reported.
 *
 * Databases (issue 14): `insurer` is one the caller may act on (the route's staff guard let it
 * through). The roster and the import record are in the insurer's home database; the checkups go to
 * the database holding their fiscal year (`dbFor(insurer, fiscalYearOf(examDate))`), with their
 * outbox rows in the same batch. A batch whose checkups fall in years held by two databases is
 * refused whole (422 checkups_span_databases): a batch is one transaction of one database, and the
 * console and the CLI send a split insurer's file one fiscal year at a time. When that database is
 * not the home one, the checkups' batch runs first and the record's batch (home) after: a stop
 * between them leaves the checkups stored and the batch unrecorded, and its retry finds them
 * unchanged and records it (the totals then count them as unchanged). After a batch that wrote
 * outbox rows, the insurer is flagged for the notices job.
 */
export async function importCheckups(
  deps: CheckupDeps,
  insurer: { id: string },
  docs: CheckupInput[],
  lang: Lang,
  record?: BatchRecorder,
): Promise<CheckupBatchResult> {
  const out: CheckupBatchResult = { inserted: 0, replaced: 0, unchanged: 0, rejected: [] }
  const reject = (
    doc: CheckupInput,
    reason: MessageKey,
    extra: { line?: number; code?: string } = {},
  ) => out.rejected.push({ ref: doc.ref, ...extra, reason, message: t(lang, reason) })
  const home = await deps.dbFor(insurer.id)
  const findPerson = await loadPersons(home, insurer.id, docs)
  const ready = new Map<
    string,
    {
      personKey: string
      examDate: string
      institution: string | null
      source: string
      tableVersion: string
      results: string
      grades: string
      contentHash: string
    }
  >()
  for (const doc of docs) {
    const person = findPerson(doc)
    if (!person) {
      reject(doc, 'checkup.person_not_found')
      continue
    }
    const table = tableFor(doc.examDate)
    const sex = person.sex === 2 ? 2 : 1
    const stored: StoredResult[] = []
    let bad = false
    for (const input of doc.results) {
      const item = findItem(input.code)
      const result = storeResult(input, item)
      if (typeof result === 'string') {
        bad = true
        reject(doc, result, { line: input.line, code: input.code })
        continue
      }
      if (item) {
        const value =
          result.type === 'PQ' && result.value !== undefined ? Number(result.value) : null
        const graded = gradeResult(
          { itemId: item.id, value, answerCode: result.answerCode ?? null, sex },
          table,
        )
        if (graded.grade) result.grade = graded.grade
        if (graded.range) result.range = graded.range
        if (graded.verify) result.verify = true
      }
      stored.push(result)
    }
    if (bad) continue
    const results = JSON.stringify(stored)
    if (utf8Length(JSON.stringify(results)) > MAX_STORED_RESULTS_BYTES) {
      reject(doc, 'checkup.results.too_large')
      continue
    }
    const grades = storedGradesText(gradeCounts(stored))
    const contentHash = await hashToken(
      JSON.stringify([doc.institution ?? null, doc.source, table.version, results]),
    )
    // The same checkup twice in one batch: the later one wins, as it would across batches.
    ready.set(`${person.personKey} ${doc.examDate}`, {
      personKey: person.personKey,
      examDate: doc.examDate,
      institution: doc.institution ?? null,
      source: doc.source,
      tableVersion: table.version,
      results: storedResultsText(stored, table.version),
      grades,
      contentHash,
    })
  }
  // The database of the batch's checkups: one, or the batch is refused before anything is written.
  let target = home
  if (ready.size) {
    const years = new Set([...ready.values()].map((r) => fiscalYearOf(r.examDate)))
    const held = new Set(await Promise.all([...years].map((year) => deps.dbFor(insurer.id, year))))
    if (held.size > 1) throw new AppError('checkups_span_databases')
    target = [...held][0]
  }
  /** With an import record: its statements in the same batch as the checkups (or alone). */
  const recordIn = async (statements: PromiseLike<unknown>[]) => {
    if (!record) {
      const [first, ...rest] = statements
      if (!statements.length) return out
      await inOneBatch(target, [first, ...rest])
      await flagNotices(deps, insurer.id)
      return out
    }
    const lines = docs.flatMap((d) => d.results.flatMap((r) => (r.line ? [r.line] : [])))
    const accepted = out.inserted + out.replaced + out.unchanged
    const recorded = record(out, {
      inserted: out.inserted,
      updated: out.replaced,
      unchanged: out.unchanged,
      rejected: Math.max(0, docs.length - accepted),
      firstLine: lines.length ? Math.min(...lines) : null,
      lastLine: lines.length ? Math.max(...lines) : null,
    })
    if (target === home) {
      const [first, ...rest] = [...statements, ...recorded]
      await inOneBatch(home, [first, ...rest])
    } else {
      const [first, ...rest] = statements
      if (statements.length) await inOneBatch(target, [first, ...rest])
      const [r, ...more] = recorded
      await inOneBatch(home, [r, ...more])
    }
    if (statements.length) await flagNotices(deps, insurer.id)
    return out
  }
  if (!ready.size) return recordIn([])

  // One read of what is stored, then what changed upserted in chunks of JSON (json_each: one bound
  // parameter each, under D1's 2,000,000 bytes), all in one batch: one transaction, all or nothing.
  // The read's keys stay far under the limit: at most 500 checkups of a 64-character person_key.
  const rows = [...ready.values()]
  const wanted = JSON.stringify(rows.map((r) => [r.personKey, r.examDate]))
  const stored = await target
    .select({
      personKey: checkups.personKey,
      examDate: checkups.examDate,
      hash: checkups.contentHash,
    })
    .from(checkups)
    .where(
      and(
        eq(checkups.insurerId, insurer.id),
        sql`(${checkups.personKey}, ${checkups.examDate}) in (select json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(${wanted}))`,
      ),
    )
  const before = new Map(stored.map((r) => [`${r.personKey} ${r.examDate}`, r.hash]))
  const changed = rows.filter((r) => {
    const hash = before.get(`${r.personKey} ${r.examDate}`)
    if (hash === r.contentHash) out.unchanged++
    else if (hash === undefined) out.inserted++
    else out.replaced++
    return hash !== r.contentHash
  })
  if (!changed.length) return recordIn([])
  const now = deps.now()
  const [first, ...rest] = jsonChunks(
    changed.map((r) => ({ ...r, id: newId(deps.randomBytes) })),
  ).map((chunk) => upsertChunk(target, insurer.id, chunk, now))
  // お知らせ: one outbox row per person whose checkups changed, in the same batch (stored or refused
  // with them); the scheduled job sends, never this request (services/notices.ts).
  return recordIn([first, ...rest, resultsOutbox({ db: target }, insurer.id, changed, now)])
}

/** Bytes a checkup takes in the table (for the scale plan): the row's text columns. */
export async function checkupStorageBytes(
  deps: Pick<Deps, 'db'>,
): Promise<{ checkups: number; bytes: number }> {
  const [row] = await deps.db
    .select({
      n: sql<number>`count(*)`,
      bytes: sql<number>`coalesce(sum(length(${checkups.results}) + length(${checkups.contentHash}) + length(${checkups.id}) + length(${checkups.personKey}) + 64), 0)`,
    })
    .from(checkups)
  return { checkups: Number(row?.n ?? 0), bytes: Number(row?.bytes ?? 0) }
}
