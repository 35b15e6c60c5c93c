/**
 * Parsing one checkup DATA file (特定健診情報ファイル, HL7 CDA R2 ClinicalDocument) with saxes, a strict,
 * namespace-aware streaming parser: nothing is built but the result, so memory is bounded by the limits below.
 * No network, no database: the caller matches the person and sends the result.
 *
 * Bad input never throws: every failure is `{ ok: false, reason, detail }` with `reason` a stable key
 * (see XmlRejectReason) and `detail` plain English (with the line and column where the parser was).
 */
import type { Readable } from 'node:stream'
import { SaxesParser, type SaxesTagNS } from 'saxes'

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

/** A DATA file larger than this (bytes) is refused before parsing. */
export const MAX_XML_BYTES = 2 * 1024 * 1024
export const MAX_OBSERVATIONS = 2000
export const MAX_DEPTH = 64
/** Input is handed to the parser in slices of this many characters (a limit stops it between two slices). */
const SLICE_CHARS = 64 * 1024

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

export type XmlInput = string | Uint8Array | Readable | AsyncIterable<string | Uint8Array>

class Stop extends Error {
  failure: XmlFailure
  constructor(failure: XmlFailure) {
    super(failure.reason)
    this.failure = failure
  }
}

function fail(
  reason: XmlRejectReason,
  detail?: string,
  at?: { line: number; column?: number },
): never {
  throw new Stop({ ok: false, reason, detail, ...(at ? at : {}) })
}

// ---------------------------------------------------------------------------------------------------------
// bytes → text

const ENCODINGS: Record<string, 'utf-8' | 'shift_jis'> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  shift_jis: 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  'windows-31j': 'shift_jis',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
}

/** The encoding of an XML file from its first bytes: a UTF-8 BOM, else the XML declaration, else UTF-8. */
export function sniffXmlEncoding(
  head: Uint8Array,
): { ok: true; encoding: 'utf-8' | 'shift_jis' } | XmlFailure {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { ok: true, encoding: 'utf-8' }
  if (
    head.length >= 2 &&
    ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
  ) {
    return {
      ok: false,
      reason: 'bad_encoding',
      detail: 'UTF-16 is not supported; save the file as UTF-8',
    }
  }
  const start = Buffer.from(head.subarray(0, 200)).toString('latin1')
  const decl = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/.exec(start)
  if (!decl) return { ok: true, encoding: 'utf-8' }
  const encoding = ENCODINGS[decl[1].toLowerCase()]
  if (!encoding)
    return { ok: false, reason: 'bad_encoding', detail: `unsupported encoding "${decl[1]}"` }
  return { ok: true, encoding }
}

/** Decodes a whole XML file held in memory (an archive entry). */
export function decodeXmlBytes(bytes: Uint8Array): { ok: true; text: string } | XmlFailure {
  if (bytes.length > MAX_XML_BYTES) return tooLarge(bytes.length)
  const sniffed = sniffXmlEncoding(bytes)
  if (!sniffed.ok) return sniffed
  try {
    return { ok: true, text: new TextDecoder(sniffed.encoding, { fatal: true }).decode(bytes) }
  } catch {
    return {
      ok: false,
      reason: 'bad_encoding',
      detail: `bytes that are not valid ${sniffed.encoding}`,
    }
  }
}

function tooLarge(bytes?: number): XmlFailure {
  return {
    ok: false,
    reason: 'too_large',
    detail: `the document is larger than ${MAX_XML_BYTES / 1024 / 1024} MB${bytes ? ` (${bytes} bytes)` : ''}`,
  }
}

function isAsyncIterable(x: unknown): x is AsyncIterable<string | Uint8Array> {
  return typeof x === 'object' && x !== null && Symbol.asyncIterator in x
}

/** Text chunks of the input; counts bytes and stops past MAX_XML_BYTES. */
async function* textChunks(input: XmlInput): AsyncGenerator<string> {
  if (typeof input === 'string') {
    if (Buffer.byteLength(input) > MAX_XML_BYTES)
      fail('too_large', tooLarge(Buffer.byteLength(input)).detail)
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
    for (let i = 0; i < text.length; i += SLICE_CHARS) yield text.slice(i, i + SLICE_CHARS)
    return
  }
  if (input instanceof Uint8Array) {
    const decoded = decodeXmlBytes(input)
    if (!decoded.ok) throw new Stop(decoded)
    yield* textChunks(decoded.text)
    return
  }
  if (!isAsyncIterable(input)) fail('read_error', 'the input is neither text, bytes nor a stream')
  let bytes = 0
  let head: Uint8Array[] | null = [] // bytes held until the encoding is known
  let headBytes = 0
  let decoder: TextDecoder | null = null
  let first = true
  const decode = (chunk: Uint8Array, stream: boolean): string => {
    try {
      return (decoder as TextDecoder).decode(chunk, { stream })
    } catch {
      fail('bad_encoding', `bytes that are not valid ${(decoder as TextDecoder).encoding}`)
    }
  }
  const startDecoding = (): string => {
    const all = Buffer.concat(head as Uint8Array[])
    head = null
    const sniffed = sniffXmlEncoding(all)
    if (!sniffed.ok) throw new Stop(sniffed)
    decoder = new TextDecoder(sniffed.encoding, { fatal: true }) // drops a UTF-8 BOM
    return decode(all, true)
  }
  try {
    for await (const chunk of input) {
      if (typeof chunk === 'string') {
        bytes += Buffer.byteLength(chunk)
        if (bytes > MAX_XML_BYTES) fail('too_large', tooLarge().detail)
        if (head && headBytes > 0) fail('read_error', 'the stream mixes text and bytes')
        head = null
        const text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk
        first = false
        if (text.length > 0) yield text
        continue
      }
      bytes += chunk.length
      if (bytes > MAX_XML_BYTES) fail('too_large', tooLarge().detail)
      first = false
      if (head) {
        head.push(chunk)
        headBytes += chunk.length
        if (headBytes < 256) continue
        const text = startDecoding()
        if (text) yield text
        continue
      }
      if (!decoder) fail('read_error', 'the stream mixes text and bytes')
      const text = decode(chunk, true)
      if (text) yield text
    }
  } catch (err) {
    if (err instanceof Stop) throw err
    fail('read_error', (err as Error)?.message ?? String(err))
  }
  if (head && headBytes > 0) {
    const text = startDecoding()
    if (text) yield text
  }
  if (decoder) {
    const tail = decode(new Uint8Array(0), false)
    if (tail) yield tail
  }
}

// ---------------------------------------------------------------------------------------------------------
// document → CheckupDocument

type ObsBuilder = {
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

const DIGITS_ONLY = /^\d+$/
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const ITEM_CODE = /^[0-9A-Za-z]{17}$/

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

function attrsOf(tag: SaxesTagNS): { plain: Record<string, string>; xsiType: string | null } {
  const plain: Record<string, string> = {}
  let xsiType: string | null = null
  for (const a of Object.values(tag.attributes)) {
    if (a.uri === XSI && a.local === 'type')
      xsiType = a.value.includes(':') ? a.value.slice(a.value.indexOf(':') + 1) : a.value
    else if (a.uri === '') plain[a.local] = a.value
  }
  return { plain, xsiType }
}

/** Parses one ClinicalDocument. Never throws for bad input. */
export async function parseCheckupXml(input: XmlInput): Promise<XmlResult> {
  const parser = new SaxesParser({ xmlns: true, position: true })
  const at = () => ({ line: parser.line, column: parser.column })

  // element stack: local names of v3 elements, '#' for any other namespace
  const stack: string[] = []
  const observations: ObsBuilder[] = []
  const sections: string[] = []
  const results: Array<ResultValue | null> = []
  let observationCount = 0
  let rootSeen = false

  const ids: Record<string, string> = {}
  // header fields (an object: TypeScript does not narrow its properties from the initial nulls)
  const doc = {
    textTarget: null as string[] | null, // where text goes: an ST value, a name
    textDepth: -1, // stack depth of the element whose text is collected
    documentCode: '',
    serviceCode: '',
    examDateRaw: null as string | null,
    birthRaw: null as string | null,
    sexCode: null as string | null,
    nameParts: null as string[] | null, // collecting patient/name
    nameDone: false,
    orgId: undefined as string | undefined,
    orgNameParts: null as string[] | null,
    orgName: undefined as string | undefined,
  }

  const parentIs = (...names: string[]): boolean => {
    // the names, innermost last, are the top of the stack (before the element being opened)
    if (stack.length < names.length) return false
    for (let i = 0; i < names.length; i++)
      if (stack[stack.length - names.length + i] !== names[i]) return false
    return true
  }

  parser.on('doctype', () =>
    fail('doctype_not_allowed', 'a DOCTYPE is not allowed in a checkup document', at()),
  )

  parser.on('opentag', (tag) => {
    if (!rootSeen) {
      rootSeen = true
      if (tag.uri !== HL7_V3) {
        fail(
          'wrong_namespace',
          `the root element's namespace is ${tag.uri ? `"${tag.uri}"` : 'none'}, expected "${HL7_V3}"`,
          at(),
        )
      }
      if (tag.local !== 'ClinicalDocument')
        fail('wrong_root', `the root element is <${tag.local}>, expected <ClinicalDocument>`, at())
    }
    if (stack.length >= MAX_DEPTH)
      fail('too_deep', `elements are nested deeper than ${MAX_DEPTH} levels`, at())
    const local = tag.uri === HL7_V3 ? tag.local : '#'
    if (local === '#') {
      stack.push(local)
      return
    }
    const { plain, xsiType } = attrsOf(tag)
    const obs = observations[observations.length - 1]

    if (local === 'observation') {
      if (++observationCount > MAX_OBSERVATIONS) {
        fail(
          'too_many_observations',
          `more than ${MAX_OBSERVATIONS} observations in one document`,
          at(),
        )
      }
      if (obs) obs.hasChildren = true
      observations.push({
        slot: results.push(null) - 1,
        line: parser.line,
        code: null,
        section: sections.length ? sections[sections.length - 1] : '',
        group: obs?.code ?? undefined,
        negated: plain.negationInd === 'true',
        nullFlavor: plain.nullFlavor ?? null,
        values: [],
        hasChildren: false,
      })
    } else if (local === 'section') {
      sections.push('')
    } else if (obs && parentIs('observation')) {
      if (local === 'code') obs.code = plain.code ?? null
      else if (local === 'value') {
        obs.values.push({ type: xsiType ?? '', attrs: plain, text: '', line: parser.line })
        if (xsiType === 'ST' && !tag.isSelfClosing) {
          doc.textTarget = []
          doc.textDepth = stack.length
        }
      } else if (local === 'interpretationCode') obs.interpretation = plain.code
    } else if (
      obs &&
      (local === 'low' || local === 'high') &&
      parentIs('observation', 'referenceRange', 'observationRange', 'value')
    ) {
      if (plain.value !== undefined) {
        obs.referenceRange ??= {}
        if (!obs.referenceRange[local])
          obs.referenceRange[local] = { value: plain.value, unit: plain.unit ?? '' }
      }
    } else if (local === 'code' && parentIs('section')) {
      sections[sections.length - 1] = plain.code ?? ''
    } else if (stack.length === 1 && local === 'code') {
      doc.documentCode = plain.code ?? ''
    } else if (local === 'id' && parentIs('recordTarget', 'patientRole')) {
      if (plain.root && plain.extension !== undefined && !(plain.root in ids))
        ids[plain.root] = plain.extension
    } else if (parentIs('patientRole', 'patient')) {
      if (local === 'name' && !doc.nameDone && !tag.isSelfClosing) {
        doc.nameParts = []
        doc.textTarget = doc.nameParts
        doc.textDepth = stack.length
      } else if (local === 'administrativeGenderCode') doc.sexCode = plain.code ?? null
      else if (local === 'birthTime') doc.birthRaw = plain.value ?? null
    } else if (parentIs('documentationOf', 'serviceEvent')) {
      if (local === 'code') doc.serviceCode = plain.code ?? ''
      else if (local === 'effectiveTime') doc.examDateRaw = plain.value ?? doc.examDateRaw
    } else if (local === 'low' && parentIs('documentationOf', 'serviceEvent', 'effectiveTime')) {
      doc.examDateRaw ??= plain.value ?? null
    } else if (
      parentIs('author', 'assignedAuthor', 'representedOrganization') &&
      doc.orgName === undefined
    ) {
      if (local === 'id' && plain.extension) doc.orgId ??= plain.extension
      else if (local === 'name' && !tag.isSelfClosing) {
        doc.orgNameParts = []
        doc.textTarget = doc.orgNameParts
        doc.textDepth = stack.length
      }
    }
    stack.push(local)
  })

  const onText = (text: string) => {
    if (doc.textTarget && stack.length > doc.textDepth) doc.textTarget.push(text)
  }
  parser.on('text', onText)
  parser.on('cdata', onText)

  parser.on('closetag', () => {
    const local = stack.pop()
    if (doc.textTarget && stack.length === doc.textDepth) {
      const parts = doc.textTarget
      doc.textTarget = null
      doc.textDepth = -1
      if (parts === doc.nameParts) {
        doc.nameDone = true
      } else if (parts === doc.orgNameParts) {
        doc.orgName = parts.join('').trim()
        doc.orgNameParts = null
      } else {
        const obs = observations[observations.length - 1]
        const value = obs?.values[obs.values.length - 1]
        if (value) value.text = parts.join('')
      }
    }
    if (local === 'section') sections.pop()
    else if (local === 'observation') finishObservation(observations.pop() as ObsBuilder)
  })

  const finishObservation = (o: ObsBuilder) => {
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
      if (o.hasChildren) {
        return // a group heading without a value of its own: its children carry its code
      }
      fail('missing_value', `item ${code} has no value (line ${o.line})`, where)
    } else if (main.length > 1) {
      fail('bad_value', `item ${code} has ${main.length} values (line ${o.line})`, where)
    } else {
      const v = main[0]
      const line = { line: v.line }
      if (v.type === 'PQ') {
        const value = (v.attrs.value ?? '').trim()
        if (!NUMBER.test(value))
          fail('bad_value', `item ${code}: "${value}" is not a number (line ${v.line})`, line)
        result.value = { type: 'PQ', value, unit: v.attrs.unit ?? '' }
      } else if (v.type === 'CD' || v.type === 'CO') {
        const c = (v.attrs.code ?? '').trim()
        if (!c)
          fail('missing_value', `item ${code}: a ${v.type} without a code (line ${v.line})`, line)
        result.value = { type: v.type, code: c, codeSystem: v.attrs.codeSystem ?? '' }
        if (v.attrs.displayName) result.value.displayName = v.attrs.displayName
      } else if (v.type === 'ST') {
        const text = v.text.trim()
        if (!text) fail('missing_value', `item ${code}: empty text (line ${v.line})`, line)
        result.value = { type: 'ST', text }
      } else {
        fail(
          'unsupported_value_type',
          `item ${code}: value type ${v.type ? `"${v.type}"` : '(no xsi:type)'} is not PQ, CD, CO or ST (line ${v.line})`,
          line,
        )
      }
    }
    results[o.slot] = result
  }

  parser.on('error', (err) => {
    const m = /^(?:[^:]*:)?\d+:\d+: (.*)$/s.exec(err.message)
    const message = m ? m[1] : err.message
    fail('malformed', `line ${parser.line}, column ${parser.column}: ${message}`, at())
  })

  try {
    for await (const chunk of textChunks(input)) parser.write(chunk)
    parser.close()
  } catch (err) {
    if (err instanceof Stop) return err.failure
    return {
      ok: false,
      reason: 'malformed',
      detail: (err as Error)?.message ?? String(err),
      ...at(),
    }
  }
  if (!rootSeen) return { ok: false, reason: 'empty', detail: 'the document has no root element' }

  // card and person
  const insurerRaw = (ids[OID.insurerNumber] ?? '').normalize('NFKC').trim()
  if (!insurerRaw)
    return missing(`recordTarget/patientRole/id[@root="${OID.insurerNumber}"] (保険者番号)`)
  if (!DIGITS_ONLY.test(insurerRaw) || (insurerRaw.length !== 6 && insurerRaw.length !== 8)) {
    return {
      ok: false,
      reason: 'bad_insurer_number',
      detail: `保険者番号 "${insurerRaw}" is not 6 or 8 digits`,
    }
  }
  const number = (ids[OID.number] ?? '').trim()
  if (!number) return missing(`recordTarget/patientRole/id[@root="${OID.number}"] (番号)`)
  if (doc.birthRaw === null) return missing('patient/birthTime (生年月日)')
  const birthDate = hl7Date(doc.birthRaw)
  if (!birthDate)
    return {
      ok: false,
      reason: 'bad_date',
      detail: `birthTime "${doc.birthRaw}" is not a date (YYYYMMDD)`,
    }
  if (doc.examDateRaw === null)
    return missing('documentationOf/serviceEvent/effectiveTime (受診日)')
  const examDate = hl7Date(doc.examDateRaw)
  if (!examDate)
    return {
      ok: false,
      reason: 'bad_date',
      detail: `serviceEvent effectiveTime "${doc.examDateRaw}" is not a date (YYYYMMDD)`,
    }

  const optional = (s: string | undefined) => {
    const v = (s ?? '').trim()
    return v === '' ? null : v
  }
  const institution: CheckupDocument['institution'] = {}
  if (doc.orgId) institution.id = doc.orgId
  if (doc.orgName) institution.name = doc.orgName
  const parts = (doc.nameParts ?? []).map((p) => p.trim()).filter((p) => p !== '')
  return {
    ok: true,
    checkup: {
      card: {
        insurerNumber: insurerRaw.padStart(8, '0'),
        symbol: optional(ids[OID.symbol]),
        number,
        branch: optional(ids[OID.branch]),
      },
      person: {
        nameKana: parts.join('　'),
        sex: doc.sexCode === '1' ? 1 : doc.sexCode === '2' ? 2 : null,
        birthDate,
      },
      examDate,
      institution,
      documentCode: doc.documentCode,
      serviceCode: doc.serviceCode,
      results: results.filter((r): r is ResultValue => r !== null),
    },
  }
}

function missing(what: string): XmlFailure {
  return { ok: false, reason: 'missing_field', detail: `${what} is missing` }
}
