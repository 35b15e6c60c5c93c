/**
 * From the XML parser's events to a CheckupDocument: which elements of a ClinicalDocument carry the card, the
 * person, the exam date, the institution and each observation, read as the events come so that nothing but
 * the result is built (memory stays bounded by the limits in ./checkup-cda.ts). ./checkup-xml.ts feeds it.
 */
import type { SaxesParser, SaxesTagNS } from 'saxes'
import {
  attrsOf,
  judgeObservation,
  type ObsBuilder,
  DIGITS_ONLY,
  fail,
  hl7Date,
  HL7_V3,
  MAX_DEPTH,
  MAX_OBSERVATIONS,
  missing,
  OID,
  type CheckupDocument,
  type ResultValue,
  type XmlResult,
} from './checkup-cda.ts'

/**
 * One document's reader: `open`, `text` and `close` take the parser's events; `result` gives the document, or
 * why it cannot be taken. A failure found inside an event ends the read at once (fail() throws).
 */
export class DocumentReader {
  parser: SaxesParser
  /** Local names of the open v3 elements, '#' for any other namespace. */
  stack: string[] = []
  observations: ObsBuilder[] = []
  sections: string[] = []
  /** One slot per observation in document order, filled when it closes (null: a group heading). */
  results: Array<ResultValue | null> = []
  observationCount = 0
  rootSeen = false
  /** recordTarget/patientRole ids by root OID: the card's insurer number, symbol, number, branch. */
  ids: Record<string, string> = {}
  /** Where text goes (an ST value, a name) and the depth of the element it belongs to. */
  textTarget: string[] | null = null
  textDepth = -1
  documentCode = ''
  serviceCode = ''
  examDateRaw: string | null = null
  birthRaw: string | null = null
  sexCode: string | null = null
  nameParts: string[] | null = null
  nameDone = false
  orgId: string | undefined = undefined
  orgNameParts: string[] | null = null
  orgName: string | undefined = undefined

  constructor(parser: SaxesParser) {
    this.parser = parser
  }

  at() {
    return { line: this.parser.line, column: this.parser.column }
  }

  /** Whether the innermost open elements are these names (innermost last). */
  parentIs(...names: string[]): boolean {
    const stack = this.stack
    if (stack.length < names.length) return false
    for (let i = 0; i < names.length; i++)
      if (stack[stack.length - names.length + i] !== names[i]) return false
    return true
  }

  /** The root must be a v3 ClinicalDocument: anything else is not a checkup DATA file, whatever it holds. */
  checkRoot(tag: SaxesTagNS): void {
    this.rootSeen = true
    if (tag.uri !== HL7_V3) {
      fail(
        'wrong_namespace',
        `the root element's namespace is ${tag.uri ? `"${tag.uri}"` : 'none'}, expected "${HL7_V3}"`,
        this.at(),
      )
    }
    if (tag.local !== 'ClinicalDocument')
      fail(
        'wrong_root',
        `the root element is <${tag.local}>, expected <ClinicalDocument>`,
        this.at(),
      )
  }

  open(tag: SaxesTagNS): void {
    if (!this.rootSeen) this.checkRoot(tag)
    if (this.stack.length >= MAX_DEPTH)
      fail('too_deep', `elements are nested deeper than ${MAX_DEPTH} levels`, this.at())
    const local = tag.uri === HL7_V3 ? tag.local : '#'
    if (local !== '#') {
      const { plain, xsiType } = attrsOf(tag)
      if (!this.openObservationPart(tag, local, plain, xsiType))
        this.openHeaderPart(tag, local, plain)
    }
    this.stack.push(local)
  }

  /**
   * An observation, a section, or what sits inside an observation (its code, values, interpretation,
   * reference range). False for anything else: a part of the header, perhaps.
   */
  openObservationPart(
    tag: SaxesTagNS,
    local: string,
    plain: Record<string, string>,
    xsiType: string | null,
  ): boolean {
    const obs = this.observations[this.observations.length - 1]
    if (local === 'observation') {
      if (++this.observationCount > MAX_OBSERVATIONS) {
        fail(
          'too_many_observations',
          `more than ${MAX_OBSERVATIONS} observations in one document`,
          this.at(),
        )
      }
      if (obs) obs.hasChildren = true
      this.observations.push({
        slot: this.results.push(null) - 1,
        line: this.parser.line,
        code: null,
        section: this.sections.length ? this.sections[this.sections.length - 1] : '',
        group: obs?.code ?? undefined,
        negated: plain.negationInd === 'true',
        nullFlavor: plain.nullFlavor ?? null,
        values: [],
        hasChildren: false,
      })
    } else if (local === 'section') {
      this.sections.push('')
    } else if (obs && this.parentIs('observation')) {
      if (local === 'code') obs.code = plain.code ?? null
      else if (local === 'value') {
        obs.values.push({ type: xsiType ?? '', attrs: plain, text: '', line: this.parser.line })
        if (xsiType === 'ST' && !tag.isSelfClosing) {
          this.textTarget = []
          this.textDepth = this.stack.length
        }
      } else if (local === 'interpretationCode') obs.interpretation = plain.code
    } else if (
      obs &&
      (local === 'low' || local === 'high') &&
      this.parentIs('observation', 'referenceRange', 'observationRange', 'value')
    ) {
      if (plain.value !== undefined) {
        obs.referenceRange ??= {}
        if (!obs.referenceRange[local])
          obs.referenceRange[local] = { value: plain.value, unit: plain.unit ?? '' }
      }
    } else if (local === 'code' && this.parentIs('section')) {
      this.sections[this.sections.length - 1] = plain.code ?? ''
    } else {
      return false
    }
    return true
  }

  /**
   * The header: the document's code, the patient's ids (the card), name, sex and birth date, the exam's
   * service code and date, the institution (the author's organisation). The first of each is kept.
   */
  openHeaderPart(tag: SaxesTagNS, local: string, plain: Record<string, string>): void {
    if (this.stack.length === 1 && local === 'code') {
      this.documentCode = plain.code ?? ''
    } else if (local === 'id' && this.parentIs('recordTarget', 'patientRole')) {
      if (plain.root && plain.extension !== undefined && !(plain.root in this.ids))
        this.ids[plain.root] = plain.extension
    } else if (this.parentIs('patientRole', 'patient')) {
      if (local === 'name' && !this.nameDone && !tag.isSelfClosing) {
        this.nameParts = []
        this.textTarget = this.nameParts
        this.textDepth = this.stack.length
      } else if (local === 'administrativeGenderCode') this.sexCode = plain.code ?? null
      else if (local === 'birthTime') this.birthRaw = plain.value ?? null
    } else if (this.parentIs('documentationOf', 'serviceEvent')) {
      if (local === 'code') this.serviceCode = plain.code ?? ''
      else if (local === 'effectiveTime') this.examDateRaw = plain.value ?? this.examDateRaw
    } else if (
      local === 'low' &&
      this.parentIs('documentationOf', 'serviceEvent', 'effectiveTime')
    ) {
      this.examDateRaw ??= plain.value ?? null
    } else if (
      this.parentIs('author', 'assignedAuthor', 'representedOrganization') &&
      this.orgName === undefined
    ) {
      if (local === 'id' && plain.extension) this.orgId ??= plain.extension
      else if (local === 'name' && !tag.isSelfClosing) {
        this.orgNameParts = []
        this.textTarget = this.orgNameParts
        this.textDepth = this.stack.length
      }
    }
  }

  /** Text (and CDATA) inside the element being collected. */
  text(text: string): void {
    if (this.textTarget && this.stack.length > this.textDepth) this.textTarget.push(text)
  }

  close(): void {
    const local = this.stack.pop()
    if (this.textTarget && this.stack.length === this.textDepth) this.endText()
    if (local === 'section') this.sections.pop()
    else if (local === 'observation') {
      const o = this.observations.pop() as ObsBuilder
      const result = judgeObservation(o)
      if (result) this.results[o.slot] = result
    }
  }

  /** The collected text goes where it was collected for: the name, the institution, or an ST value. */
  endText(): void {
    const parts = this.textTarget as string[]
    this.textTarget = null
    this.textDepth = -1
    if (parts === this.nameParts) {
      this.nameDone = true
    } else if (parts === this.orgNameParts) {
      this.orgName = parts.join('').trim()
      this.orgNameParts = null
    } else {
      const obs = this.observations[this.observations.length - 1]
      const value = obs?.values[obs.values.length - 1]
      if (value) value.text = parts.join('')
    }
  }

  /**
   * Once the parser is done: the document, or what it lacks. The card (insurer number and number) and the
   * birth date find the person; the exam date names the checkup: without any of them it cannot be stored.
   */
  result(): XmlResult {
    if (!this.rootSeen)
      return { ok: false, reason: 'empty', detail: 'the document has no root element' }
    const ids = this.ids
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
    if (this.birthRaw === null) return missing('patient/birthTime (生年月日)')
    const birthDate = hl7Date(this.birthRaw)
    if (!birthDate)
      return {
        ok: false,
        reason: 'bad_date',
        detail: `birthTime "${this.birthRaw}" is not a date (YYYYMMDD)`,
      }
    if (this.examDateRaw === null)
      return missing('documentationOf/serviceEvent/effectiveTime (受診日)')
    const examDate = hl7Date(this.examDateRaw)
    if (!examDate)
      return {
        ok: false,
        reason: 'bad_date',
        detail: `serviceEvent effectiveTime "${this.examDateRaw}" is not a date (YYYYMMDD)`,
      }

    const optional = (s: string | undefined) => {
      const v = (s ?? '').trim()
      return v === '' ? null : v
    }
    const institution: CheckupDocument['institution'] = {}
    if (this.orgId) institution.id = this.orgId
    if (this.orgName) institution.name = this.orgName
    const parts = (this.nameParts ?? []).map((p) => p.trim()).filter((p) => p !== '')
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
          sex: this.sexCode === '1' ? 1 : this.sexCode === '2' ? 2 : null,
          birthDate,
        },
        examDate,
        institution,
        documentCode: this.documentCode,
        serviceCode: this.serviceCode,
        results: this.results.filter((r): r is ResultValue => r !== null),
      },
    }
  }
}
