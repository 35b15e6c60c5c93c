import { and, eq, sql } from 'drizzle-orm'
import { cardKey, sameBranch } from '../../core/card'
import { findItem, isItemUnit, type CheckupItem } from '../../core/checkup-items'
import type { CheckupInput, CheckupResultInput } from '../../core/checkup-import'
import { gradeResult, tableFor, type Grade } from '../../core/grading'
import { t, type Lang, type MessageKey } from '../../core/i18n'
import { checkups, rosterPersons } from '../../db/schema'
import type { Deps } from '../deps'
import { hashToken, newId } from './tokens'

/** A result as stored: what the file said, the item it is, and the grade it was given. */
export interface StoredResult {
  code: string
  item: string | null
  type: 'PQ' | 'CD' | 'CO' | 'ST' | 'not_performed' | 'not_measurable'
  value?: string
  unit?: string
  answerCode?: string
  answerSystem?: string
  text?: string
  bound?: 'below' | 'above'
  low?: string
  high?: string
  interpretation?: string
  group?: string
  grade?: Grade
  range?: string
  verify?: true
}

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

type CheckupDeps = Pick<Deps, 'db' | 'now' | 'randomBytes'>
type Person = typeof rosterPersons.$inferSelect

const NOT_PERFORMED = new Set(['未実施', '未測定'])
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/

async function findPerson(deps: CheckupDeps, insurerId: string, doc: CheckupInput): Promise<Person | null> {
  if (doc.personKey) {
    const [p] = await deps.db.select().from(rosterPersons).where(and(eq(rosterPersons.insurerId, insurerId), eq(rosterPersons.personKey, doc.personKey)))
    return p ?? null
  }
  if (!doc.card || !doc.birthDate) return null
  const key = cardKey({ symbol: doc.card.symbol ?? '', number: doc.card.number })
  const candidates = await deps.db
    .select()
    .from(rosterPersons)
    .where(and(eq(rosterPersons.insurerId, insurerId), eq(rosterPersons.cardKey, key), eq(rosterPersons.birthDate, doc.birthDate)))
  // Found by card, confirmed by birth date; more than one match is reported, never guessed.
  const matches = candidates.filter((p) => sameBranch(p.branch, doc.card?.branch))
  return matches.length === 1 ? matches[0] : null
}

/** Reads one result by its item: a CSV's raw value becomes a number, an answer code or text. */
function storeResult(input: CheckupResultInput, item: CheckupItem | undefined): StoredResult | MessageKey {
  const base = { code: input.code.toUpperCase(), item: item?.id ?? null }
  const extras = {
    ...(input.bound ? { bound: input.bound } : {}),
    ...(input.low ? { low: input.low } : {}),
    ...(input.high ? { high: input.high } : {}),
    ...(input.interpretation ? { interpretation: input.interpretation } : {}),
    ...(input.group ? { group: input.group } : {}),
  }
  if (input.type !== 'raw') {
    if (input.type === 'PQ' && (!input.value || !NUMBER.test(input.value))) return 'checkup.value.number'
    return { ...base, type: input.type, ...(input.value ? { value: input.value } : {}), ...(input.unit ? { unit: input.unit } : {}), ...(input.answerCode ? { answerCode: input.answerCode } : {}), ...(input.answerSystem ? { answerSystem: input.answerSystem } : {}), ...(input.text ? { text: input.text } : {}), ...extras }
  }
  const raw = (input.value ?? '').normalize('NFKC').trim()
  if (raw === '') return 'checkup.value.required'
  if (NOT_PERFORMED.has(raw)) return { ...base, type: 'not_performed' }
  if (input.unit && item && item.unit && !isItemUnit(item, input.unit)) return 'checkup.unit.mismatch'
  if (!item || item.kind === 'text') return { ...base, type: 'ST', text: raw }
  if (item.kind === 'code') {
    if (item.answers && !(raw in item.answers.answers)) return 'checkup.answer.invalid'
    return { ...base, type: 'CO', answerCode: raw, ...(item.answers ? { answerSystem: item.answers.system } : {}) }
  }
  if (!NUMBER.test(raw)) return 'checkup.value.number'
  return { ...base, type: 'PQ', value: raw, unit: input.unit || item.unit }
}

/**
 * Imports checkups for one insurer. Each is matched to a roster person (person_key, or card
 * confirmed by birth date), its results read and graded with the table in force on its exam date,
 * and stored whole: a re-imported checkup replaces the earlier one, the same one again changes
 * nothing. A checkup with any bad result is rejected whole, with every problem reported.
 */
export async function importCheckups(
  deps: CheckupDeps,
  insurer: { id: string },
  docs: CheckupInput[],
  lang: Lang,
): Promise<CheckupBatchResult> {
  const out: CheckupBatchResult = { inserted: 0, replaced: 0, unchanged: 0, rejected: [] }
  const reject = (doc: CheckupInput, reason: MessageKey, extra: { line?: number; code?: string } = {}) =>
    out.rejected.push({ ref: doc.ref, ...extra, reason, message: t(lang, reason) })
  for (const doc of docs) {
    const person = await findPerson(deps, insurer.id, doc)
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
        const value = result.type === 'PQ' && result.value !== undefined ? Number(result.value) : null
        const graded = gradeResult({ itemId: item.id, value, answerCode: result.answerCode ?? null, sex }, table)
        if (graded.grade) result.grade = graded.grade
        if (graded.range) result.range = graded.range
        if (graded.verify) result.verify = true
      }
      stored.push(result)
    }
    if (bad) continue
    const results = JSON.stringify(stored)
    const contentHash = await hashToken(JSON.stringify([doc.institution ?? null, doc.source, table.version, results]))
    const now = deps.now()
    const [before] = await deps.db
      .select({ hash: checkups.contentHash })
      .from(checkups)
      .where(and(eq(checkups.insurerId, insurer.id), eq(checkups.personKey, person.personKey), eq(checkups.examDate, doc.examDate)))
    if (before?.hash === contentHash) {
      out.unchanged++
      continue
    }
    await deps.db
      .insert(checkups)
      .values({ id: newId(deps.randomBytes), insurerId: insurer.id, personKey: person.personKey, examDate: doc.examDate, institution: doc.institution ?? null, source: doc.source, tableVersion: table.version, results, contentHash, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [checkups.insurerId, checkups.personKey, checkups.examDate],
        set: { institution: doc.institution ?? null, source: doc.source, tableVersion: table.version, results, contentHash, updatedAt: now },
      })
    if (before) out.replaced++
    else out.inserted++
  }
  return out
}

/** Bytes a checkup takes in the table (for the scale plan): the row's text columns. */
export async function checkupStorageBytes(deps: Pick<Deps, 'db'>): Promise<{ checkups: number; bytes: number }> {
  const [row] = await deps.db
    .select({ n: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(length(${checkups.results}) + length(${checkups.contentHash}) + length(${checkups.id}) + length(${checkups.personKey}) + 64), 0)` })
    .from(checkups)
  return { checkups: Number(row?.n ?? 0), bytes: Number(row?.bytes ?? 0) }
}
