/**
 * parseCheckupXml's refusals (cli/checkup-xml.ts): namespaces, roots, malformed XML, DOCTYPEs, sizes,
 * depths, bad values and bytes, failing streams; and hl7Date.
 */
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import {
  hl7Date,
  MAX_DEPTH,
  MAX_OBSERVATIONS,
  parseCheckupXml,
} from '../core/import/checkup-xml.ts'
import { allForms, doc, obs, ok, PQ } from './testing/cda.ts'

describe('parseCheckupXml: refusals', () => {
  it('wrong namespace', async () => {
    const r = await parseCheckupXml(
      allForms.replace('xmlns="urn:hl7-org:v3"', 'xmlns="urn:hl7-org:v2"'),
    )
    expect(r).toMatchObject({ ok: false, reason: 'wrong_namespace' })
    expect(await parseCheckupXml(allForms.replace(' xmlns="urn:hl7-org:v3"', ''))).toMatchObject({
      ok: false,
      reason: 'wrong_namespace',
    })
  })

  it('another root', async () => {
    const r = await parseCheckupXml(
      '<?xml version="1.0"?><index xmlns="urn:hl7-org:v3"><a/></index>',
    )
    expect(r).toMatchObject({ ok: false, reason: 'wrong_root' })
    if (!r.ok) expect(r.detail).toContain('<index>')
  })

  it('malformed XML, with the line and column', async () => {
    const broken = allForms.replace('</patient>', '</patiant>')
    const r = await parseCheckupXml(broken)
    expect(r).toMatchObject({ ok: false, reason: 'malformed' })
    if (r.ok) return
    const line = broken.split('\n').findIndex((l) => l.includes('</patiant>')) + 1
    expect(r.line).toBe(line)
    expect(r.column).toBeGreaterThan(0)
    expect(r.detail).toMatch(new RegExp(`^line ${line}, column \\d+: `))
    expect(r.detail).not.toMatch(/\n\s+at /) // no stack trace

    for (const bad of [
      '',
      '   ',
      'not xml',
      '<ClinicalDocument xmlns="urn:hl7-org:v3">',
      allForms.slice(0, 2000),
      allForms + '<x/>',
    ]) {
      const result = await parseCheckupXml(bad)
      expect(result.ok).toBe(false)
    }
    expect(
      await parseCheckupXml(
        doc(obs('9N001000000000001', '<value xsi:type="PQ" value="1" unit="cm" value="2"/>')),
      ),
    ).toMatchObject({
      reason: 'malformed',
    })
    expect(await parseCheckupXml(doc('&undefined;'))).toMatchObject({ reason: 'malformed' })
    expect(
      await parseCheckupXml(doc(obs('9N001000000000001', '<value q:type="PQ" value="1"/>'))),
    ).toMatchObject({
      reason: 'malformed', // unbound prefix
    })
  })

  it('a DOCTYPE (entity expansion) is refused', async () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' +
      doc('')
    expect(await parseCheckupXml(bomb)).toMatchObject({ ok: false, reason: 'doctype_not_allowed' })
  })

  it('too large: a string, a stream, and a stream that never ends', async () => {
    const big = doc(`<!-- ${'x'.repeat(2 * 1024 * 1024)} -->`)
    expect(await parseCheckupXml(big)).toMatchObject({ ok: false, reason: 'too_large' })
    expect(await parseCheckupXml(Readable.from([Buffer.from(big)]))).toMatchObject({
      ok: false,
      reason: 'too_large',
    })
    let produced = 0
    async function* endless() {
      yield Buffer.from('<?xml version="1.0"?><ClinicalDocument xmlns="urn:hl7-org:v3"><!--')
      for (;;) {
        produced += 65536
        yield Buffer.alloc(65536, 0x61)
      }
    }
    expect(await parseCheckupXml(endless())).toMatchObject({ ok: false, reason: 'too_large' })
    expect(produced).toBeLessThan(3 * 1024 * 1024)
  })

  it(`more than ${MAX_OBSERVATIONS} observations`, async () => {
    const many = Array.from({ length: MAX_OBSERVATIONS + 1 }, () =>
      obs('9N001000000000001', PQ('1', 'cm')),
    ).join('')
    expect(await parseCheckupXml(doc(many))).toMatchObject({
      ok: false,
      reason: 'too_many_observations',
    })
    const enough = Array.from({ length: MAX_OBSERVATIONS }, () =>
      obs('9N001000000000001', PQ('1', 'cm')),
    ).join('')
    expect(ok(await parseCheckupXml(doc(enough))).results).toHaveLength(MAX_OBSERVATIONS)
  })

  it(`nesting deeper than ${MAX_DEPTH}, however deep`, async () => {
    expect(await parseCheckupXml(doc('<a>'.repeat(80) + '</a>'.repeat(80)))).toMatchObject({
      ok: false,
      reason: 'too_deep',
    })
    expect(
      await parseCheckupXml(doc('<a>'.repeat(100_000) + '</a>'.repeat(100_000))),
    ).toMatchObject({ ok: false, reason: 'too_deep' })
    expect(ok(await parseCheckupXml(doc('<a>'.repeat(50) + '</a>'.repeat(50)))).results).toEqual([])
  })

  it('bad values and missing fields, each with a reason', async () => {
    const cases: Array<[string, string]> = [
      [doc(obs('9N00100000000001', PQ('1', 'cm'))), 'bad_item_code'],
      [
        doc('<entry><observation><value xsi:type="PQ" value="1"/></observation></entry>'),
        'bad_item_code',
      ],
      [doc(obs('9N001000000000001', PQ('abc', 'cm'))), 'bad_value'],
      [doc(obs('9N001000000000001', '<value xsi:type="PQ" unit="cm"/>')), 'bad_value'],
      [doc(obs('9N001000000000001', '<value xsi:type="PQ" nullFlavor="UNK"/>')), 'bad_value'],
      [doc(obs('9N001000000000001', PQ('1') + PQ('2'))), 'bad_value'],
      [doc(obs('9N001000000000001', '')), 'missing_value'],
      [doc(obs('9N511000000000049', '<value xsi:type="ST">  </value>')), 'missing_value'],
      [
        doc(obs('1A010000000191111', '<value xsi:type="CO" codeSystem="1.2.392.200119.6.2102"/>')),
        'missing_value',
      ],
      [
        doc(obs('9N001000000000001', '<value xsi:type="INT" value="1"/>')),
        'unsupported_value_type',
      ],
      [doc(obs('9N001000000000001', '<value value="1"/>')), 'unsupported_value_type'],
      [doc('', { patient: '<patient><name>テスト</name></patient>' }), 'missing_field'],
      [doc('', { patient: '<patient><birthTime value="19800231"/></patient>' }), 'bad_date'],
      [doc('').replace('extension="06139992"', 'extension="0613999"'), 'bad_insurer_number'],
      [doc('').replace('<id root="1.2.392.200119.6.205" extension="100"/>', ''), 'missing_field'],
      [doc('').replace('<effectiveTime value="20260601"/>', ''), 'missing_field'],
      [
        doc('').replace('<effectiveTime value="20260601"/>', '<effectiveTime value="2026-06-01"/>'),
        'bad_date',
      ],
    ]
    for (const [xml, reason] of cases) {
      const r = await parseCheckupXml(xml)
      expect(r, xml).toMatchObject({ ok: false, reason })
      if (!r.ok) expect(typeof r.detail).toBe('string')
    }
  })

  it('bad bytes', async () => {
    const bytes = Buffer.from(allForms)
    const broken = Buffer.concat([
      bytes.subarray(0, 1200),
      Buffer.from([0xff, 0xfe, 0x80]),
      bytes.subarray(1200),
    ])
    expect(await parseCheckupXml(Readable.from([broken]))).toMatchObject({
      ok: false,
      reason: 'bad_encoding',
    })
    expect(await parseCheckupXml(Buffer.from('\ufeff' + allForms, 'utf16le'))).toMatchObject({
      ok: false,
      reason: 'bad_encoding',
    })
    expect(await parseCheckupXml(Buffer.from(allForms.replace('UTF-8', 'EUC-JP')))).toMatchObject({
      ok: false,
      reason: 'bad_encoding',
    })
  })

  it('a stream that fails is a reason, not a throw', async () => {
    async function* failing() {
      yield '<ClinicalDocument xmlns="urn:hl7-org:v3">'
      throw new Error('disk on fire')
    }
    expect(await parseCheckupXml(failing())).toMatchObject({
      ok: false,
      reason: 'read_error',
      detail: 'disk on fire',
    })
  })
})

describe('hl7Date', () => {
  it('reads dates and refuses impossible ones', () => {
    expect(hl7Date('20260610')).toBe('2026-06-10')
    expect(hl7Date('202606101230')).toBe('2026-06-10')
    expect(hl7Date('20240229')).toBe('2024-02-29')
    expect(hl7Date('20230229')).toBeNull()
    expect(hl7Date('2026061')).toBeNull()
    expect(hl7Date('')).toBeNull()
  })
})
