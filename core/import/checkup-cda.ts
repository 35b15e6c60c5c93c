/**
 * The checkup DATA file (特定健診情報ファイル, HL7 CDA R2 ClinicalDocument) as this command line reads it: the
 * namespaces and OIDs it is recognised by, the limits on what a document may hold, what a read document
 * is (CheckupDocument), and how a read fails (XmlFailure: a stable `reason`, a `detail` in plain English).
 */
import type { SaxesTagNS } from 'saxes'

export const HL7_V3 = 'urn:hl7-org:v3'
export const XSI = 'http://www.w3.org/2001/XMLSchema-instance'
/** HL7 ObservationInterpretation: a CD `L` / `H` of this system beside a PQ = below / above the input range. */
export const INTERPRETATION_SYSTEM = '2.16.840.1.113883.5.83'
export const OID = {
  insurerNumber: '1.2.392.200119.6.101',
  symbol: '1.2.392.200119.6.204',
  number: '1.2.392.200119.6.205',
  branch: '1.2.392.200119.6.211',
} as const

/** What one document may hold: past either, it is refused rather than read on. */
export const MAX_OBSERVATIONS = 2000
export const MAX_DEPTH = 64

export type PqValue = { type: 'PQ'; value: string; unit: string }
export type CodedValue = {
  type: 'CD' | 'CO'
  code: string
  codeSystem: string
  displayName?: string
}
export type ResultValue = {
  /** The 17-character item code; unknown codes are kept. */
  code: string
  /** Section code (`01010` checkup and questionnaire, `01990` optional items …), '' outside a section. */
  section: string
  value:
    | PqValue
    | CodedValue
    | { type: 'ST'; text: string }
    | { type: 'not_performed' }
    | { type: 'not_measurable' }
  /** The L/H CD beside a PQ: the measured value is below / above the input range. */
  bound?: 'below' | 'above'
  referenceRange?: { low?: { value: string; unit: string }; high?: { value: string; unit: string } }
  /** interpretationCode (H, L, N …). */
  interpretation?: string
  /** The code of the observation this one sits under (entryRelationship). */
  group?: string
}

export type CheckupDocument = {
  card: { insurerNumber: string; symbol: string | null; number: string; branch: string | null }
  person: { nameKana: string; sex: 1 | 2 | null; birthDate: string }
  examDate: string
  institution: { id?: string; name?: string }
  documentCode: string
  serviceCode: string
  results: ResultValue[]
}

export type XmlRejectReason =
  | 'too_large'
  | 'too_many_observations'
  | 'too_deep'
  | 'malformed'
  | 'doctype_not_allowed'
  | 'wrong_namespace'
  | 'wrong_root'
  | 'bad_encoding'
  | 'empty'
  | 'missing_field'
  | 'bad_insurer_number'
  | 'bad_date'
  | 'bad_item_code'
  | 'missing_value'
  | 'bad_value'
  | 'unsupported_value_type'
  | 'read_error'

export type XmlFailure = {
  ok: false
  reason: XmlRejectReason
  detail?: string
  line?: number
  column?: number
}
export type XmlResult = { ok: true; checkup: CheckupDocument } | XmlFailure

/** Thrown from anywhere in a read (a parser handler, the input) to end it at once with a failure. */
export class Stop extends Error {
  failure: XmlFailure
  constructor(failure: XmlFailure) {
    super(failure.reason)
    this.failure = failure
  }
}

/** Ends the read with this failure (throws Stop; parseCheckupXml returns it). */
export function fail(
  reason: XmlRejectReason,
  detail?: string,
  at?: { line: number; column?: number },
): never {
  throw new Stop({ ok: false, reason, detail, ...(at ? at : {}) })
}

export function missing(what: string): XmlFailure {
  return { ok: false, reason: 'missing_field', detail: `${what} is missing` }
}

export const DIGITS_ONLY = /^\d+$/
export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
export const ITEM_CODE = /^[0-9A-Za-z]{17}$/

/** 'YYYYMMDD…' (an HL7 TS) → 'YYYY-MM-DD', null when it is not a real date. */
export function hl7Date(ts: string | null | undefined): string | null {
  if (!ts) return null
  const m = /^(\d{4})(\d{2})(\d{2})(?:\d{0,6}(?:\.\d+)?)?(?:[+-]\d{4})?$/.exec(ts.trim())
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return null
  return `${m[1]}-${m[2]}-${m[3]}`
}

/** A tag's attributes without a namespace, and its xsi:type without the prefix. */
export function attrsOf(tag: SaxesTagNS): {
  plain: Record<string, string>
  xsiType: string | null
} {
  const plain: Record<string, string> = {}
  let xsiType: string | null = null
  for (const a of Object.values(tag.attributes)) {
    if (a.uri === XSI && a.local === 'type')
      xsiType = a.value.includes(':') ? a.value.slice(a.value.indexOf(':') + 1) : a.value
    else if (a.uri === '') plain[a.local] = a.value
  }
  return { plain, xsiType }
}

// ---------------------------------------------------------------------------------------------------------
// observations

/** An observation as read, judged whole when it closes (judgeObservation). */
export type ObsBuilder = {
  slot: number
  line: number
  code: string | null
  section: string
  group?: string
  negated: boolean
  nullFlavor: string | null
  values: Array<{ type: string; attrs: Record<string, string>; text: string; line: number }>
  referenceRange?: ResultValue['referenceRange']
  interpretation?: string
  hasChildren: boolean
}

/** An observation's raw value element, kept until the observation closes and can be judged whole. */
export type RawValue = ObsBuilder['values'][number]

/**
 * A closed observation's result: its code, then its one value (PQ, CD/CO, ST), not performed (negated), or
 * not measurable (nullFlavor NI). Null for a group heading: no value of its own, its children carry its code.
 * An interpretation CD (L/H) beside a PQ is not a second value but the bound the value passed. Anything
 * else is refused, naming the item and the line, since a wrong value stored is worse than a checkup
 * rejected.
 */
export function judgeObservation(o: ObsBuilder): ResultValue | null {
  const where = { line: o.line }
  const code = (o.code ?? '').trim()
  if (!code) fail('bad_item_code', `an observation without an item code (line ${o.line})`, where)
  if (!ITEM_CODE.test(code))
    fail(
      'bad_item_code',
      `item code "${code}" is not 17 letters and digits (line ${o.line})`,
      where,
    )

  const result: ResultValue = { code, section: o.section, value: { type: 'not_performed' } }
  if (o.group) result.group = o.group
  if (o.referenceRange) result.referenceRange = o.referenceRange
  if (o.interpretation) result.interpretation = o.interpretation

  let main = o.values
  const boundValue = o.values.find(
    (v) =>
      (v.type === 'CD' || v.type === 'CO') &&
      v.attrs.codeSystem === INTERPRETATION_SYSTEM &&
      (v.attrs.code === 'L' || v.attrs.code === 'H'),
  )
  if (boundValue) {
    result.bound = boundValue.attrs.code === 'L' ? 'below' : 'above'
    if (o.values.length > 1) main = o.values.filter((v) => v !== boundValue)
  }

  if (o.negated) {
    result.value = { type: 'not_performed' }
  } else if (
    o.nullFlavor !== null ||
    (main.length === 1 && main[0].attrs.nullFlavor !== undefined)
  ) {
    const flavor = o.nullFlavor ?? main[0].attrs.nullFlavor
    if (flavor !== 'NI')
      fail(
        'bad_value',
        `item ${code}: nullFlavor "${flavor}" (only NI, not measurable, is known)`,
        where,
      )
    result.value = { type: 'not_measurable' }
  } else if (main.length === 0) {
    if (o.hasChildren) return null // a group heading without a value of its own
    fail('missing_value', `item ${code} has no value (line ${o.line})`, where)
  } else if (main.length > 1) {
    fail('bad_value', `item ${code} has ${main.length} values (line ${o.line})`, where)
  } else {
    result.value = judgeValue(code, main[0])
  }
  return result
}

/** One value element as a result value, or the reason it is not one (the value's own line). */
function judgeValue(code: string, v: RawValue): ResultValue['value'] {
  const line = { line: v.line }
  if (v.type === 'PQ') {
    const value = (v.attrs.value ?? '').trim()
    if (!NUMBER.test(value))
      fail('bad_value', `item ${code}: "${value}" is not a number (line ${v.line})`, line)
    return { type: 'PQ', value, unit: v.attrs.unit ?? '' }
  }
  if (v.type === 'CD' || v.type === 'CO') {
    const c = (v.attrs.code ?? '').trim()
    if (!c) fail('missing_value', `item ${code}: a ${v.type} without a code (line ${v.line})`, line)
    const value: ResultValue['value'] = {
      type: v.type,
      code: c,
      codeSystem: v.attrs.codeSystem ?? '',
    }
    if (v.attrs.displayName) value.displayName = v.attrs.displayName
    return value
  }
  if (v.type === 'ST') {
    const text = v.text.trim()
    if (!text) fail('missing_value', `item ${code}: empty text (line ${v.line})`, line)
    return { type: 'ST', text }
  }
  return fail(
    'unsupported_value_type',
    `item ${code}: value type ${v.type ? `"${v.type}"` : '(no xsi:type)'} is not PQ, CD, CO or ST (line ${v.line})`,
    line,
  )
}
