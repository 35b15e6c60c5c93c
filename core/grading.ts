/**
 * Grading a checkup result A < B < C < D on a versioned table (grading-tables.ts), the words that
 * go with a grade, the change since the previous year, and the metabolic syndrome judgement.
 *
 * Boundary rule: the reported value is rounded half up to the table's precision for that item, then
 * compared with closed intervals. The table writes its cells at that precision (BMI 18.5–24.9, then
 * ≥25.0), so a value between two cells (BMI 24.95) goes where a person rounding on paper would put
 * it (25.0, C) instead of falling into a gap; a value already at the precision (HbA1c 5.6) is
 * compared as reported.
 */
import { itemById, jdsToNgsp, roundHalfUp } from './checkup-items.ts'
import {
  GRADING_TABLES,
  type Grade,
  type GradeBand,
  type GradingRule,
  type GradingTable,
  type Sex,
  type Threshold,
} from './grading-tables.ts'
import { t, type Lang } from './i18n.ts'

export type { Grade, GradingTable, Sex } from './grading-tables.ts'

const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D']

const byDate = (a: GradingTable, b: GradingTable) => a.effectiveFrom.localeCompare(b.effectiveFrom)

/** The newest table: the default when no exam date is at hand. Callers with a date use tableFor. */
export const LATEST_TABLE: GradingTable = [...GRADING_TABLES].sort(byDate).at(-1)!

/**
 * The table in force on an exam date (YYYY-MM-DD, or the XML's YYYYMMDD): the newest one in effect
 * by then. An exam before the first table gets the first one: the portal has no older edition, and
 * the grade is stored with its version, so the record says which table gave it.
 */
export function tableFor(
  date: string,
  tables: readonly GradingTable[] = GRADING_TABLES,
): GradingTable {
  const compact = /^[0-9]{8}$/.test(date)
  const iso = compact ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}` : date
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(iso)) throw new RangeError(`not a date: ${date}`)
  if (tables.length === 0) throw new RangeError('no grading table')
  const sorted = [...tables].sort(byDate)
  return sorted.filter((table) => table.effectiveFrom <= iso).at(-1) ?? sorted[0]
}

/** Items graded on another item's rule after a conversion: JDS HbA1c is graded as NGSP. */
const GRADED_AS: Readonly<
  Record<string, { itemId: string; convert: (value: number) => number; unit: string }>
> = { hba1cJds: { itemId: 'hba1c', convert: jdsToNgsp, unit: 'NGSP' } }

export type GradeInput = {
  itemId: string
  value: number | null
  /** The answer code of a coded item (urine .2102); without it a numeric value is the code. */
  answerCode?: string | null
  sex: Sex
}

/** An MHLW threshold with its text ('≥130', '<40') and whether the value reaches it. */
export type ThresholdView = Threshold & { text: string; met?: boolean }

export type GradeOutcome = {
  /** null: the item has no rule, or there is no value to grade. */
  grade: Grade | null
  tableVersion: string
  /** Grade A's range for this sex ('18.5–24.9', '≤129', '−'), or null for an ungraded item. */
  range: string | null
  thresholds?: { guidance: ThresholdView; referral: ThresholdView }
  /** The value compared with the table: rounded to its precision, and converted for JDS HbA1c. */
  compared?: number
  /** The matched row is one the sources disagree on (docs/data-formats.md, "verify"). */
  verify?: true
}

/** Grades one result on a table (the newest by default; pass tableFor(examDate) when grading). */
export function gradeResult(input: GradeInput, table: GradingTable = LATEST_TABLE): GradeOutcome {
  const alias = GRADED_AS[input.itemId]
  const itemId = alias?.itemId ?? input.itemId
  const suffix = alias ? ` (${alias.unit})` : ''
  const rule = table.rules[itemId]
  const outcome: GradeOutcome = { grade: null, tableVersion: table.version, range: null }

  let compared: number | undefined
  const value = input.value
  if (value !== null && value !== undefined && Number.isFinite(value)) {
    const converted = alias ? alias.convert(value) : value
    compared = roundHalfUp(converted, rule?.decimals ?? itemById(itemId)?.decimals ?? 0)
  }

  const thresholds = thresholdsFor(itemId, input.sex, table, compared, suffix)
  if (thresholds) outcome.thresholds = thresholds
  if (!rule) return outcome
  const range = gradeRange(itemId, 'A', input.sex, table)
  outcome.range = range === null ? null : range + suffix

  let band: GradeBand | undefined
  if (isCoded(rule)) {
    const code = input.answerCode ?? (compared === undefined ? undefined : String(compared))
    const answer = code?.trim()
    if (answer) {
      band = rule.bands.find((b) => appliesTo(b, input.sex) && b.answers?.includes(answer))
    }
  } else if (compared !== undefined) {
    const v = compared
    band = rule.bands.find(
      (b) => appliesTo(b, input.sex) && (b.min ?? -Infinity) <= v && v <= (b.max ?? Infinity),
    )
    outcome.compared = v
  }
  if (!band) return outcome
  outcome.grade = band.grade
  if (band.verify) outcome.verify = true
  return outcome
}

const isCoded = (rule: GradingRule) => rule.bands.some((band) => band.answers !== undefined)
/** Whether a row applies to a sex. A row without a sex applies to both; no sex takes every row. */
const appliesTo = (row: { sex?: Sex }, sex: Sex | undefined) =>
  row.sex === undefined || sex === undefined || row.sex === sex

/**
 * A grade's cell of the table for one sex, as text: '60–119', '≤59 / ≥180', '−', '±–3+'; null where
 * the table has no such grade for the item ('–' in docs/data-formats.md). Without a sex, sex-specific
 * rows of both sexes are listed, so pass one for a member's own results.
 */
export function gradeRange(
  itemId: string,
  grade: Grade,
  sex?: Sex,
  table: GradingTable = LATEST_TABLE,
): string | null {
  const rule = table.rules[itemId]
  if (!rule) return null
  const bands = rule.bands
    .filter((band) => band.grade === grade && appliesTo(band, sex))
    .sort((a, b) => (a.min ?? -Number.MAX_VALUE) - (b.min ?? -Number.MAX_VALUE))
  if (bands.length === 0) return null
  const item = itemById(itemId)
  const number = (n: number) => n.toFixed(rule.decimals)
  const cell = (band: GradeBand) => {
    if (band.answers) {
      const labels = band.answers.map((code) => item?.answers?.answers[code]?.ja ?? code)
      return labels.length === 1 ? labels[0] : `${labels[0]}–${labels[labels.length - 1]}`
    }
    if (band.min !== undefined && band.max !== undefined) {
      return `${number(band.min)}–${number(band.max)}`
    }
    if (band.max !== undefined) return `≤${number(band.max)}`
    return band.min !== undefined ? `≥${number(band.min)}` : ''
  }
  return bands.map(cell).join(' / ')
}

const SYMBOLS = { atOrAbove: '≥', atOrBelow: '≤', below: '<' } as const

function meets(threshold: Threshold, value: number): boolean {
  if (threshold.direction === 'atOrAbove') return value >= threshold.value
  if (threshold.direction === 'atOrBelow') return value <= threshold.value
  return value < threshold.value
}

/** The MHLW thresholds of an item for a sex, as text at the item's precision. */
function thresholdsFor(
  itemId: string,
  sex: Sex,
  table: GradingTable,
  value: number | undefined,
  suffix: string,
): GradeOutcome['thresholds'] {
  const row = table.mhlw.thresholds[itemId]?.find((entry) => appliesTo(entry, sex))
  if (!row) return undefined
  const decimals = itemById(itemId)?.decimals ?? 0
  const view = (threshold: Threshold): ThresholdView => ({
    ...threshold,
    text: `${SYMBOLS[threshold.direction]}${threshold.value.toFixed(decimals)}${suffix}`,
    ...(value === undefined ? {} : { met: meets(threshold, value) }),
  })
  return { guidance: view(row.guidance), referral: view(row.referral) }
}

/** A grade's words (A 異常なし … D 要医療); shown with the letter, never as a colour alone. */
export function gradeWords(grade: Grade | null, lang: Lang): string {
  return t(lang, grade ? `grade.${grade}` : 'grade.none')
}

/** Letter and words together: 'A(異常なし)', 'D (See a doctor)'. */
export function gradeLabel(grade: Grade | null, lang: Lang): string {
  if (!grade) return gradeWords(null, lang)
  return t(lang, 'grade.label', { letter: grade, word: gradeWords(grade, lang) })
}

/** What a C or D means for the item, in plain words; null for A, B and ungraded results. */
export function gradeMeaning(
  itemId: string,
  grade: Grade | null,
  lang: Lang,
  table: GradingTable = LATEST_TABLE,
): string | null {
  if (grade !== 'C' && grade !== 'D') return null
  const id = GRADED_AS[itemId]?.itemId ?? itemId
  return table.meanings[id]?.[grade]?.[lang] ?? t(lang, `grade.meaning.${grade}`)
}

export type GradeChange = 'better' | 'worse' | 'same'

/** The change from last year's grade to this year's (A is best); null when either is missing. */
export function compareGrades(prev: Grade | null, curr: Grade | null): GradeChange | null {
  if (!prev || !curr) return null
  const diff = GRADES.indexOf(curr) - GRADES.indexOf(prev)
  return diff < 0 ? 'better' : diff > 0 ? 'worse' : 'same'
}

// ---------------------------------------------------------------------------------------------
// メタボリックシンドローム判定

export type MetabolicJudgement = '基準該当' | '予備群該当' | '非該当' | '判定不能'

export type MetabolicInput = {
  waist: number | null
  sex: Sex
  /** 内臓脂肪面積 (cm2): at or above 100 meets the abdominal criterion whatever the waist. */
  vfa?: number | null
  /** Fasting triglycerides. */
  tg: number | null
  hdl: number | null
  sbp: number | null
  dbp: number | null
  fastingGlucose?: number | null
  /** Used only when fasting glucose is missing. */
  hba1c?: number | null
  /** Taking medicine for a risk counts as having it (服薬 9N701/9N706/9N711 answered はい). */
  medications: { bp?: boolean; glucose?: boolean; lipid?: boolean }
}

const known = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && Number.isFinite(value)

/** true / false, or null when a missing value decides it. */
type Finding = boolean | null

/** Either of two values reaching its limit; unknown only if neither does and one is missing. */
function either(a: Finding, b: Finding): Finding {
  if (a === true || b === true) return true
  return a === false && b === false ? false : null
}

/**
 * The metabolic syndrome judgement (docs/data-formats.md): 腹囲 M ≥85 / F ≥90 (or 内臓脂肪面積 ≥100)
 * plus two of three risks is 基準該当, plus one is 予備群該当; otherwise 非該当. The risks: TG ≥150 or
 * HDL <40; SBP ≥130 or DBP ≥85; fasting glucose ≥110 (HbA1c ≥6.0 when glucose is missing); each
 * also met by medication for it. Values are rounded to the grading precision first, as in
 * gradeResult. Waist and 内臓脂肪面積 are alternatives, so either one measured decides the
 * abdominal criterion. 判定不能 (the .1008 answer 4) only when a missing value could change the
 * answer; medication alone settles a risk whose values are missing.
 */
export function metabolicSyndrome(input: MetabolicInput): MetabolicJudgement {
  const at = (value: number | null | undefined, decimals: number, test: (v: number) => boolean) =>
    known(value) ? test(roundHalfUp(value, decimals)) : null

  const waistLimit = input.sex === 1 ? 85 : 90
  const waistMet = at(input.waist, 1, (v) => v >= waistLimit)
  const vfaMet = at(input.vfa, 1, (v) => v >= 100)
  const abdominal =
    waistMet === null && vfaMet === null ? null : waistMet === true || vfaMet === true
  if (abdominal === false) return '非該当'

  const medicated = (taking: boolean | undefined, finding: Finding): Finding =>
    taking ? true : finding
  const lipid = medicated(
    input.medications.lipid,
    either(
      at(input.tg, 0, (v) => v >= 150),
      at(input.hdl, 0, (v) => v < 40),
    ),
  )
  const pressure = medicated(
    input.medications.bp,
    either(
      at(input.sbp, 0, (v) => v >= 130),
      at(input.dbp, 0, (v) => v >= 85),
    ),
  )
  const glucose = medicated(
    input.medications.glucose,
    known(input.fastingGlucose)
      ? at(input.fastingGlucose, 0, (v) => v >= 110)
      : at(input.hba1c, 1, (v) => v >= 6.0),
  )

  const risks = [lipid, pressure, glucose]
  const certain = risks.filter((risk) => risk === true).length
  const unknown = risks.filter((risk) => risk === null).length
  // With no risk at all the waist does not matter.
  if (abdominal === null) return certain === 0 && unknown === 0 ? '非該当' : '判定不能'
  if (certain >= 2) return '基準該当'
  if (unknown > 0) return '判定不能'
  return certain === 1 ? '予備群該当' : '非該当'
}
