/**
 * A checkup as the operator API takes it (core/checkup-import.ts CheckupInput), made from what the parsers
 * read: a CSV checkup (./checkup-csv.ts) or an XML DATA file (./checkup-xml.ts). Also what a rejection made
 * here says, and the API's own schema run here, so that one bad checkup is rejected alone instead of the
 * server refusing its whole batch.
 */
import * as v from 'valibot'
import {
  CheckupInput as CheckupInputSchema,
  type CheckupInput,
  type CheckupResultInput,
} from '../checkup-import.ts'
import { t, type Lang, type MessageKey, type MessageParams } from '../i18n.ts'
import { NOT_PERFORMED, type CsvCheckup } from './checkup-csv.ts'
import type { CheckupDocument, ResultValue } from './checkup-xml.ts'

/** core/checkup-import.ts: ref is at most 300 characters. */
const REF_MAX = 300

/** A rejection, ours or the server's. */
export type CheckupRejection = {
  /** The checkup: 'line N' in a CSV (its first line; a row rejected alone: that row), else the file or the
   * archive entry name. */
  ref: string
  /** The CSV row, or the line in the XML where the parser stopped. */
  line: number | null
  /** The CSV column at fault, as written in the header. */
  column: string | null
  /** The item code at fault. */
  item: string | null
  /** A stable key: the parsers' reasons, 'checkup_not_sent', 'insurer_mismatch', 'invalid', or the server's. */
  reason: string
  message: string
}

/** A CSV checkup as the API takes it: every value raw, read by the server by the catalogue's kind of item. */
export function csvCheckupInput(c: CsvCheckup, ref: string): CheckupInput {
  const input: CheckupInput = {
    ref,
    personKey: c.personKey,
    examDate: c.examDate,
    source: 'csv',
    results: c.results.map((r) => {
      const out: CheckupResultInput = {
        code: r.code,
        type: 'raw',
        value: r.notPerformed ? NOT_PERFORMED : r.value,
        line: r.line,
      }
      if (r.unit) out.unit = r.unit
      return out
    }),
  }
  if (c.institution) input.institution = c.institution
  return input
}

/** One parsed result in the API's form. */
export function xmlResultInput(r: ResultValue): CheckupResultInput {
  let out: CheckupResultInput
  const value = r.value
  switch (value.type) {
    case 'PQ': {
      out = { code: r.code, type: 'PQ', value: value.value }
      if (value.unit) out.unit = value.unit
      const low = r.referenceRange?.low?.value
      const high = r.referenceRange?.high?.value
      if (low) out.low = low
      if (high) out.high = high
      if (r.interpretation) out.interpretation = r.interpretation
      if (r.bound) out.bound = r.bound
      break
    }
    case 'CD':
    case 'CO':
      out = { code: r.code, type: value.type, answerCode: value.code }
      if (value.codeSystem) out.answerSystem = value.codeSystem
      break
    case 'ST':
      out = { code: r.code, type: 'ST', text: value.text }
      break
    default:
      out = { code: r.code, type: value.type }
  }
  if (r.group) out.group = r.group
  return out
}

/** A parsed DATA file as the API takes it: the person by card and birth date. */
export function xmlCheckupInput(doc: CheckupDocument, ref: string): CheckupInput {
  const card: NonNullable<CheckupInput['card']> = { number: doc.card.number }
  if (doc.card.symbol !== null) card.symbol = doc.card.symbol
  if (doc.card.branch !== null) card.branch = doc.card.branch
  const input: CheckupInput = {
    ref,
    card,
    birthDate: doc.person.birthDate,
    examDate: doc.examDate,
    source: 'xml',
    results: doc.results.map(xmlResultInput),
  }
  if (doc.institution.name) input.institution = doc.institution.name
  return input
}

export function shortRef(name: string): string {
  return name.length <= REF_MAX ? name : '…' + name.slice(name.length - REF_MAX + 1)
}

/** Reasons whose Japanese message says all the parser's detail would (the line and column are shown beside it). */
const SELF_EXPLAINED_JA = new Set([
  'missing_person_key',
  'missing_value',
  'duplicate_item',
  'checkup_split',
  'invalid_bytes',
])

/** A rejection made here: the message in the operator's language, the parser's detail (plain English) after it. */
export function localMessage(
  lang: Lang,
  reason: string,
  detail = '',
  params: MessageParams = {},
): string {
  const key = `rej_${reason}`
  const text = t(lang, key as MessageKey, params)
  if (text === key) return detail || reason
  if (!detail || (lang === 'ja' && SELF_EXPLAINED_JA.has(reason))) return text
  return lang === 'ja' ? `${text}(${detail})` : `${text}: ${detail}`
}

export /** The API's own schema, so that one bad checkup is rejected alone rather than failing its whole batch. */
function schemaProblem(input: CheckupInput, lang: Lang): CheckupRejection | null {
  const checked = v.safeParse(CheckupInputSchema, input)
  if (checked.success) return null
  const issue = checked.issues[0]
  const field = v.getDotPath(issue) ?? ''
  const at = /^results\.(\d+)/.exec(field)
  const result = at ? input.results[Number(at[1])] : undefined
  return {
    ref: input.ref,
    line: result?.line ?? null,
    column: null,
    item: result?.code ?? null,
    reason: 'invalid',
    message: localMessage(lang, 'invalid', issue.message, { field: field || '-' }),
  }
}
