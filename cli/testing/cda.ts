/**
 * CDA documents for the CLI's XML parser tests (cli/checkup-xml*.test.ts): the demo document, the
 * fixture with every value form, and a minimal valid document around given entries.
 */
import { readFileSync } from 'node:fs'
import type { CheckupDocument, XmlResult } from '../../core/import/checkup-xml.ts'

export const DEMO = new URL('../../db/seed/demo-checkup-2026.xml', import.meta.url)
export const ALL_FORMS = new URL('../fixtures/checkup-all-forms.xml', import.meta.url)
export const allForms = readFileSync(ALL_FORMS, 'utf8')

export function ok(result: XmlResult): CheckupDocument {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.detail}`)
  return result.checkup
}

/** A minimal valid document around the given entries (in section 01010). */
export function doc(
  entries: string,
  options: { root?: string; head?: string; patient?: string } = {},
): string {
  const root =
    options.root ??
    '<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n` +
    (options.head ?? '<code code="10" codeSystem="1.2.392.200119.6.1001"/>') +
    '<recordTarget><patientRole><id root="1.2.392.200119.6.101" extension="06139992"/>' +
    '<id root="1.2.392.200119.6.205" extension="100"/>' +
    (options.patient ?? '<patient><name>テスト</name><birthTime value="19800101"/></patient>') +
    '</patientRole></recordTarget>' +
    '<documentationOf><serviceEvent><code code="010"/><effectiveTime value="20260601"/></serviceEvent></documentationOf>' +
    `<component><structuredBody><component><section><code code="01010"/>\n${entries}\n</section></component></structuredBody></component>\n` +
    '</ClinicalDocument>\n'
  )
}
export const obs = (code: string, inner: string, attrs = '') =>
  `<entry><observation classCode="OBS" moodCode="EVN"${attrs}><code code="${code}"/>${inner}</observation></entry>`
export const PQ = (v: string, unit = 'mg/dl') =>
  `<value xsi:type="PQ" value="${v}" unit="${unit}"/>`
