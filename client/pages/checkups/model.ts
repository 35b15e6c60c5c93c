/**
 * The results as the screen shows them: every stored result resolved to its catalogue item (or a
 * stand-in for an unknown code), grouped in journey 6's order, matched with the same reading of
 * the previous checkup, and the series a trend chart draws. Names, units, answer labels, grades'
 * words and thresholds all come from core, so the screen and the FHIR export agree.
 */
import {
  answerLabel,
  CHECKUP_ITEMS,
  findItem,
  formatValue,
  groupOrder,
  ITEM_GROUPS,
  itemById,
  UNKNOWN_ITEM,
  type CheckupItem,
  type ItemGroup,
} from '../../../core/checkup-items'
import {
  compareGrades,
  gradeResult,
  LATEST_TABLE,
  tableFor,
  type GradeChange,
} from '../../../core/grading'
import { GRADING_TABLES, type GradingTable, type Sex } from '../../../core/grading-tables'
import type { Lang } from '../../../core/i18n'
import { displayUnit } from '../../../core/units'
import type { Checkup, Grade, StoredResult } from '../../lib/api'

export type Row = {
  /** Which reading this is, the same across checkups (the item, or the item and its method code). */
  key: string
  item: CheckupItem
  known: boolean
  result: StoredResult
  /** The value of a quantity, when it is a number. */
  number: number | null
  grade: Grade | null
  previous: StoredResult | undefined
  change: GradeChange | null
}

export type Group = { id: ItemGroup; rows: Row[] }

const CATALOGUE_ORDER = new Map(CHECKUP_ITEMS.map((item, index) => [item.id, index]))

/** The catalogue item of a stored result; an unknown code is kept, shown under その他 by its code. */
export function itemOf(result: StoredResult): { item: CheckupItem; known: boolean } {
  const item = (result.item ? itemById(result.item) : undefined) ?? findItem(result.code)
  return item ? { item, known: true } : { item: UNKNOWN_ITEM(result.code), known: false }
}

/** Items whose variant codes are separate readings of one checkup (blood pressure 1st and 2nd). */
const READINGS = new Set(['sbp', 'dbp'])

/**
 * Readings of one item by different methods are one row across the years (腹囲 measured or
 * self-reported is still 腹囲), except blood pressure's 1st and 2nd readings, which sit side by side
 * in one checkup and are told apart by their code.
 */
function keyOf(result: StoredResult, item: CheckupItem, known: boolean): string {
  if (!known) return `code:${result.code}`
  return READINGS.has(item.id) ? `${item.id}:${result.code}` : item.id
}

/** The reading of `key` in a checkup, if it has one. */
export function findReading(checkup: Checkup, key: string): StoredResult | undefined {
  return checkup.results.find((result) => {
    const { item, known } = itemOf(result)
    return keyOf(result, item, known) === key
  })
}

const numberOf = (result: StoredResult): number | null => {
  if (result.type !== 'PQ' || result.value === undefined) return null
  const value = Number(result.value)
  return Number.isFinite(value) ? value : null
}

/** The grading table a checkup was graded with (its stored version), else the one of its date. */
export function tableOf(checkup: Checkup): GradingTable {
  const stored = GRADING_TABLES.find((table) => table.version === checkup.tableVersion)
  if (stored) return stored
  try {
    return tableFor(checkup.examDate)
  } catch {
    return LATEST_TABLE
  }
}

/** The rows of checkups[index], grouped in ITEM_GROUPS order, compared with checkups[index + 1]. */
export function groupsOf(checkups: Checkup[], index: number): Group[] {
  const checkup = checkups[index]
  const previous = checkups[index + 1]
  const rows: Row[] = checkup.results.map((result) => {
    const { item, known } = itemOf(result)
    const key = keyOf(result, item, known)
    const before = previous ? findReading(previous, key) : undefined
    const grade = result.grade ?? null
    return {
      key,
      item,
      known,
      result,
      number: numberOf(result),
      grade,
      previous: before,
      change: compareGrades(before?.grade ?? null, grade),
    }
  })
  const rank = (row: Row) => CATALOGUE_ORDER.get(row.item.id) ?? Number.MAX_SAFE_INTEGER
  return ITEM_GROUPS.map((group) => ({
    id: group.id,
    rows: rows
      .filter((row) => row.item.group === group.id)
      .sort((a, b) => rank(a) - rank(b) || a.result.code.localeCompare(b.result.code)),
  })).filter((group) => group.rows.length > 0)
}

export function groupName(id: ItemGroup, lang: Lang): string {
  const group = ITEM_GROUPS[groupOrder(id)]
  return lang === 'en' ? group.nameEn : group.nameJa
}

/** The item's name, with the method where the item has several (収縮期血圧(1回目)). */
export function itemName(
  row: Pick<Row, 'item' | 'result'>,
  lang: Lang,
  unknownName: (code: string) => string,
): string {
  const { item, result } = row
  if (item.id.startsWith('unknown:')) return unknownName(result.code)
  const name = lang === 'en' ? item.nameEn : item.nameJa
  const variant = item.variants?.[result.code]
  if (!variant) return name
  return lang === 'en' ? `${name} (${variant.en})` : `${name}(${variant.ja})`
}

/** The row's unit as shown (kg/m², mg/dL: core/units.ts); the stored one is left as it came. */
export function unitOf(row: Pick<Row, 'item' | 'result'>): string {
  return displayUnit(row.result.unit || row.item.unit)
}

/** A quantity at the item's precision (the value as stored when it is not a plain number). */
export function formatNumber(item: CheckupItem, result: StoredResult): string {
  const value = numberOf(result)
  if (value === null) return result.value ?? ''
  return item.decimals === undefined ? String(value) : formatValue(item, value)
}

/** The shown value of a non-quantity: an answer's label, a text, or the raw code. */
export function codedText(row: Pick<Row, 'item' | 'result'>, lang: Lang): string {
  const { item, result } = row
  if (result.type === 'CD' || result.type === 'CO') {
    const code = result.answerCode ?? result.value ?? ''
    return answerLabel(item, code, lang) ?? code
  }
  return result.text ?? result.value ?? ''
}

/** 基準範囲: grade A's range given at import, else the low–high the file carried. */
export function rangeText(row: Pick<Row, 'item' | 'result'>): string | null {
  const { result } = row
  if (result.range) return result.range
  if (result.low && result.high) return `${result.low}–${result.high}`
  if (result.low) return `≥${result.low}`
  if (result.high) return `≤${result.high}`
  return null
}

/** The MHLW thresholds of a numeric item for this sex, with whether the value reaches them. */
export function thresholdsOf(row: Row, sex: Sex, table: GradingTable) {
  if (!row.known || row.item.kind !== 'number') return undefined
  return gradeResult({ itemId: row.item.id, value: row.number, sex }, table).thresholds
}

export type TrendPoint = { date: string; value: number; grade: Grade | null; result: StoredResult }

/** The numeric readings of `key`, oldest first, for the trend chart. */
export function seriesOf(checkups: Checkup[], key: string): TrendPoint[] {
  const points: TrendPoint[] = []
  for (const checkup of checkups) {
    const result = findReading(checkup, key)
    if (!result) continue
    const value = numberOf(result)
    if (value === null) continue
    points.push({ date: checkup.examDate, value, grade: result.grade ?? null, result })
  }
  return points.sort((a, b) => a.date.localeCompare(b.date))
}

/** Grade A's band of an item for a sex (an open side is undefined), where the table grades it. */
export function referenceBand(
  itemId: string,
  sex: Sex,
  table: GradingTable,
): { min?: number; max?: number } | undefined {
  const rule = table.rules[itemId]
  if (!rule) return undefined
  const band = rule.bands.find(
    (entry) =>
      entry.grade === 'A' && !entry.answers && (entry.sex === undefined || entry.sex === sex),
  )
  if (!band || (band.min === undefined && band.max === undefined)) return undefined
  return { min: band.min, max: band.max }
}
