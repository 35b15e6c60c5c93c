import { findItem } from '../core/checkup-items'
import { gradeResult, type Grade, type GradingTable } from '../core/grading'
import { GRADING_TABLES } from '../core/grading-tables'

/**
 * The JSON a checkup is kept in and read back as: the importer (services/checkup-import.ts) stores its
 * results in this shape, the health reads splice them into their answers as stored, and the client
 * takes the answers' types from here through the routes (routes/checkups.ts).
 */

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

// issue 14, compact: the stored form of `results` and `grades` (the importer writes with these, the
// health reads answer with these; a row stored as JSON before stays readable).

/**
 * The compact form of a checkup's results starts with this line: JSON never starts with `~`, so a row
 * stored as JSON before reads as it always did. After it, one line per result, its fields by position
 * and tab-separated (FIELDS), trailing empty fields left off. An empty field is the default: absent,
 * or what the item code implies (the item, its unit for a quantity, its answer system for a coded
 * answer: core/checkup-items.ts); `\-` is "absent although implied", `\e` an empty string; in text a
 * tab, newline, carriage return and backslash are written `\t`, `\n`, `\r`, `\\`. A first line
 * `~1<tab>1` (or `2`) says that an empty range is also implied: grade A's range for that sex in the
 * row's grading table (checkups.table_version: a published table never changes, a new one gets a new
 * version), so reading such a row takes the table version. A later form would start with another
 * `~` line.
 */
export const COMPACT_RESULTS = '~1'

/** The fields of a result line, in order (the common ones first, so the rare ones are trimmed). */
const FIELDS = [
  'code',
  'type',
  'value',
  'grade',
  'range',
  'unit',
  'answerCode',
  'item',
  'answerSystem',
  'text',
  'bound',
  'low',
  'high',
  'interpretation',
  'group',
  'verify',
] as const
type Field = (typeof FIELDS)[number]

/** A StoredResult's keys in the order the importer writes them: JSON.stringify keeps that order. */
const KEY_ORDER = [
  'code',
  'item',
  'type',
  'value',
  'unit',
  'answerCode',
  'answerSystem',
  'text',
  'bound',
  'low',
  'high',
  'interpretation',
  'group',
  'grade',
  'range',
  'verify',
] as const

const TYPE_LETTER: Record<StoredResult['type'], string> = {
  PQ: 'P',
  CD: 'D',
  CO: 'O',
  ST: 'S',
  not_performed: 'N',
  not_measurable: 'M',
}
const LETTER_TYPE = Object.fromEntries(
  Object.entries(TYPE_LETTER).map(([type, letter]) => [letter, type]),
) as Record<string, StoredResult['type']>
const BOUND = { below: '<', above: '>' } as const
const ABSENT = '\\-'
const EMPTY = '\\e'

/** What a result's code (and type) imply for the fields that are left out when they match. */
function implied(code: string, type: string, hasAnswer: boolean) {
  const item = itemOf(code)
  return {
    item: item?.id ?? null,
    unit: type === 'PQ' && item?.unit ? item.unit : undefined,
    answerSystem: hasAnswer ? item?.answers?.system : undefined,
  }
}

/** A small memo (an import and a read look the same few codes up again and again); bounded. */
function memo<V>(compute: (key: string) => V): (key: string) => V {
  const found = new Map<string, V>()
  return (key) => {
    if (found.has(key)) return found.get(key) as V
    if (found.size >= 4096) found.clear()
    const value = compute(key)
    found.set(key, value)
    return value
  }
}
const itemOf = memo((code) => findItem(code) ?? null)

/** Grade A's range for an item, sex and table, as the importer stores it (grading.ts). */
const rangeOf = memo((key) => {
  const [version, sex, item] = JSON.parse(key) as [string, number, string]
  const table = tableOf(version)!
  return (
    gradeResult({ itemId: item, value: null, sex: sex === 2 ? 2 : 1 }, table).range ?? undefined
  )
})
function impliedRange(ctx: RangeContext | undefined, item: unknown): string | undefined {
  if (!ctx || typeof item !== 'string' || item === '') return undefined
  return rangeOf(JSON.stringify([ctx.table.version, ctx.sex, item]))
}
type RangeContext = { table: GradingTable; sex: 1 | 2 }
const tableOf = (version: string | undefined) =>
  version === undefined ? undefined : GRADING_TABLES.find((t) => t.version === version)

const SPECIAL = /[\\\t\n\r]/
const escapeText = (text: string) =>
  SPECIAL.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : text
const unescapeText = (text: string) =>
  text.includes('\\')
    ? text.replace(/\\(.)/g, (_, c: string) =>
        c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c,
      )
    : text

/** A string field: '' when it is the default, ABSENT when absent though something is implied. */
function field(value: unknown, def: string | null | undefined): string {
  if (value === def) return ''
  if (value === undefined || value === null) return ABSENT
  if (typeof value !== 'string') throw new TypeError('not a string')
  return value === '' ? EMPTY : escapeText(value)
}
function unfield(text: string | undefined, def: string | null | undefined) {
  if (text === undefined || text === '') return def
  if (text === ABSENT) return undefined
  if (text === EMPTY) return ''
  return unescapeText(text)
}

function encodeResult(r: StoredResult, ctx?: RangeContext): string {
  const type = TYPE_LETTER[r.type]
  if (!type || typeof r.code !== 'string' || r.code === '') throw new TypeError('not a result')
  const def = implied(r.code, r.type, r.answerCode !== undefined)
  const out: Record<Field, string> = {
    code: escapeText(r.code),
    type,
    value: field(r.value, undefined),
    grade: r.grade === undefined ? '' : /^[ABCD]$/.test(r.grade) ? r.grade : '?',
    range: field(r.range, impliedRange(ctx, r.item)),
    unit: field(r.unit, def.unit),
    answerCode: field(r.answerCode, undefined),
    item: r.item === def.item ? '' : r.item === null ? ABSENT : field(r.item, undefined),
    answerSystem: field(r.answerSystem, def.answerSystem),
    text: field(r.text, undefined),
    bound: r.bound === undefined ? '' : (BOUND[r.bound] ?? '?'),
    low: field(r.low, undefined),
    high: field(r.high, undefined),
    interpretation: field(r.interpretation, undefined),
    group: field(r.group, undefined),
    verify: r.verify === undefined ? '' : r.verify === true ? '1' : '?',
  }
  const fields = FIELDS.map((f) => out[f])
  while (fields.at(-1) === '') fields.pop()
  return fields.join('\t')
}

/** Where each field is in a line (FIELDS' order). */
const AT = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<Field, number>

function decodeResult(line: string, ctx?: RangeContext): StoredResult {
  const parts = line.split('\t')
  const type = LETTER_TYPE[parts[AT.type]]
  if (!type) throw new SyntaxError('compact results: unknown type')
  const code = unescapeText(parts[AT.code])
  const answerCode = unfield(parts[AT.answerCode], undefined)
  const def = implied(code, type, answerCode !== undefined)
  const itemText = parts[AT.item]
  const item = itemText === ABSENT ? null : (unfield(itemText, def.item) ?? null)
  // Built in the importer's key order (KEY_ORDER), so JSON.stringify gives its bytes.
  const r: Record<string, unknown> = { code, item, type }
  const put = (key: (typeof KEY_ORDER)[number], value: unknown) => {
    if (value !== undefined) r[key] = value
  }
  put('value', unfield(parts[AT.value], undefined))
  put('unit', unfield(parts[AT.unit], def.unit))
  put('answerCode', answerCode)
  put('answerSystem', unfield(parts[AT.answerSystem], def.answerSystem))
  put('text', unfield(parts[AT.text], undefined))
  const bound = parts[AT.bound]
  put('bound', bound === '<' ? 'below' : bound === '>' ? 'above' : undefined)
  put('low', unfield(parts[AT.low], undefined))
  put('high', unfield(parts[AT.high], undefined))
  put('interpretation', unfield(parts[AT.interpretation], undefined))
  put('group', unfield(parts[AT.group], undefined))
  put('grade', parts[AT.grade] || undefined)
  put('range', unfield(parts[AT.range], impliedRange(ctx, item)))
  put('verify', parts[AT.verify] === '1' ? true : undefined)
  return r as unknown as StoredResult
}

/**
 * Results in the compact form, or undefined when they would not read back as the same JSON. With the
 * row's grading table version, ranges equal to the table's are left out too, for the sex more of
 * them match (the person's, at import).
 */
export function compactResults(results: StoredResult[], tableVersion?: string): string | undefined {
  const json = JSON.stringify(results)
  const table = tableOf(tableVersion)
  // The sex whose ranges the results carry (the person's at import): the one more of them match.
  let ctx: RangeContext | undefined
  if (table) {
    const matches = ([1, 2] as const).map(
      (sex) =>
        results.filter(
          (r) => r.range !== undefined && r.range === impliedRange({ table, sex }, r.item),
        ).length,
    )
    if (matches[0] || matches[1]) ctx = { table, sex: matches[1] > matches[0] ? 2 : 1 }
  }
  const attempt = (c: RangeContext | undefined) => {
    let text: string
    try {
      const head = c ? `${COMPACT_RESULTS}\t${c.sex}` : COMPACT_RESULTS
      text = [head, ...results.map((r) => encodeResult(r, c))].join('\n')
    } catch {
      return undefined
    }
    return resultsJson(text, tableVersion) === json ? text : undefined
  }
  return attempt(ctx) ?? (ctx ? attempt(undefined) : undefined)
}

/**
 * The text a checkup's results are stored as (checkups.results), given the row's grading table
 * version: the compact form, or JSON for results it cannot hold exactly (a key or value the importer
 * never writes). Either reads back through resultsJson as JSON.stringify(results), byte for byte.
 */
export function storedResultsText(results: StoredResult[], tableVersion?: string): string {
  return compactResults(results, tableVersion) ?? JSON.stringify(results)
}

/**
 * A stored checkups.results (either form) as the results it holds; `tableVersion` is the row's
 * (checkups.table_version), which a compact row with implied ranges needs.
 */
export function parseStoredResults(text: string, tableVersion?: string): StoredResult[] {
  if (!text.startsWith('~')) return JSON.parse(text) as StoredResult[]
  const lines = text.split('\n')
  const [version, sex, ...rest] = lines[0].split('\t')
  if (version !== COMPACT_RESULTS || rest.length)
    throw new SyntaxError('compact results: unknown form')
  let ctx: RangeContext | undefined
  if (sex !== undefined) {
    const table = tableOf(tableVersion)
    if (!table || (sex !== '1' && sex !== '2'))
      throw new SyntaxError('compact results: their grading table is not known')
    ctx = { table, sex: sex === '1' ? 1 : 2 }
  }
  return lines.slice(1).map((line) => decodeResult(line, ctx))
}

/**
 * A stored checkups.results (either form) as the JSON the API answers with (byte for byte as
 * before); `tableVersion` is the row's.
 */
export function resultsJson(text: string, tableVersion?: string): string {
  return text.startsWith('~') ? JSON.stringify(parseStoredResults(text, tableVersion)) : text
}

const GRADE_KEYS = ['A', 'B', 'C', 'D'] as const
const COMPACT_GRADES = /^(\d+)\/(\d+)\/(\d+)\/(\d+)$/

/** The text a checkup's grade counts are stored as (checkups.grades): `A/B/C/D`, e.g. `9/3/5/1`. */
export function storedGradesText(counts: Record<Grade, number>): string {
  return GRADE_KEYS.map((g) => counts[g]).join('/')
}

/** A stored checkups.grades (either form: `9/3/5/1` or the JSON before) as the JSON the API answers with. */
export function gradesJson(text: string): string {
  const m = COMPACT_GRADES.exec(text)
  if (!m) return text
  return `{${GRADE_KEYS.map((g, i) => `"${g}":${Number(m[i + 1])}`).join(',')}}`
}
