import { createReadStream, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { encodeShiftJis } from './sjis.ts'
import {
  hl7Date,
  MAX_DEPTH,
  MAX_OBSERVATIONS,
  parseCheckupXml,
  type CheckupDocument,
  type XmlResult,
} from './checkup-xml.ts'

const DEMO = new URL('../db/seed/demo-checkup-2026.xml', import.meta.url)
const ALL_FORMS = new URL('./fixtures/checkup-all-forms.xml', import.meta.url)
const allForms = readFileSync(ALL_FORMS, 'utf8')

function ok(result: XmlResult): CheckupDocument {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.detail}`)
  return result.checkup
}

/** A minimal valid document around the given entries (in section 01010). */
function doc(
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
const obs = (code: string, inner: string, attrs = '') =>
  `<entry><observation classCode="OBS" moodCode="EVN"${attrs}><code code="${code}"/>${inner}</observation></entry>`
const PQ = (v: string, unit = 'mg/dl') => `<value xsi:type="PQ" value="${v}" unit="${unit}"/>`

describe('parseCheckupXml: the demo document', () => {
  it('reads card, person, exam date, institution and the 18 results', async () => {
    const c = ok(await parseCheckupXml(readFileSync(DEMO, 'utf8')))
    expect(c.card).toEqual({
      insurerNumber: '06139992',
      symbol: '１２００',
      number: '１００',
      branch: null,
    })
    expect(c.person).toEqual({ nameKana: 'ケンコウ　タロウ', sex: 1, birthDate: '1962-01-10' })
    expect(c.examDate).toBe('2026-06-10')
    expect(c.institution).toEqual({ id: '1310000001', name: 'デモ健診センター' })
    expect(c.documentCode).toBe('10')
    expect(c.serviceCode).toBe('010')
    expect(c.results).toHaveLength(18)
    expect(c.results[0]).toEqual({
      code: '9N001000000000001',
      section: '01010',
      value: { type: 'PQ', value: '171.2', unit: 'cm' },
    })
    expect(c.results.find((r) => r.code === '3F015000002327101')?.referenceRange).toEqual({
      low: { value: '30', unit: 'mg/dl' },
      high: { value: '149', unit: 'mg/dl' },
    })
    expect(c.results.at(-1)).toEqual({
      code: '9N511000000000049',
      section: '01010',
      value: { type: 'ST', text: '要再検査（血糖・脂質）' },
    })
  })

  it('gives the same from a file stream in tiny chunks (multi-byte characters cut apart), a Buffer and an async iterable of strings', async () => {
    const fromString = await parseCheckupXml(readFileSync(DEMO, 'utf8'))
    expect(await parseCheckupXml(createReadStream(DEMO, { highWaterMark: 7 }))).toEqual(fromString)
    expect(await parseCheckupXml(readFileSync(DEMO))).toEqual(fromString)
    const text = readFileSync(DEMO, 'utf8')
    async function* pieces() {
      for (let i = 0; i < text.length; i += 100) yield text.slice(i, i + 100)
    }
    expect(await parseCheckupXml(pieces())).toEqual(fromString)
  })
})

describe('parseCheckupXml: every value form', () => {
  it('reads the fixture', async () => {
    const c = ok(await parseCheckupXml(allForms))
    expect(c.card).toEqual({
      insurerNumber: '06139992',
      symbol: '71-1234',
      number: '5678',
      branch: '01',
    })
    expect(c.person).toEqual({ nameKana: 'シンサ　ハナコ', sex: 2, birthDate: '1975-04-02' })
    expect(c.examDate).toBe('2026-06-15') // serviceEvent, not the document's effectiveTime
    expect(c.institution).toEqual({ id: '1310000001', name: 'フィクスチャ健診センター' })
    expect(c.results).toEqual([
      {
        code: '9N001000000000001',
        section: '01010',
        value: { type: 'PQ', value: '158.30', unit: 'cm' },
      },
      {
        code: '3D046000001906202',
        section: '01010',
        value: { type: 'PQ', value: '6.8', unit: '%' },
        interpretation: 'H',
        referenceRange: { low: { value: '4.6', unit: '%' }, high: { value: '6.2', unit: '%' } },
      },
      {
        code: '3F015000002327101',
        section: '01010',
        value: { type: 'PQ', value: '2000', unit: 'mg/dl' },
        bound: 'above',
      },
      {
        code: '3F070000002327101',
        section: '01010',
        value: { type: 'PQ', value: '10', unit: 'mg/dl' },
        bound: 'below',
      },
      {
        code: '1A010000000191111',
        section: '01010',
        value: { type: 'CO', code: '3', codeSystem: '1.2.392.200119.6.2102' },
      },
      { code: '3D010000001926101', section: '01010', value: { type: 'not_performed' } },
      { code: '2A030000001930101', section: '01010', value: { type: 'not_measurable' } },
      {
        code: '9N501000000000011',
        section: '01010',
        value: {
          type: 'CD',
          code: '1',
          codeSystem: '1.2.392.200119.6.1008',
          displayName: '基準該当',
        },
      },
      {
        code: '9N511000000000049',
        section: '01010',
        value: { type: 'ST', text: '要精密検査（血糖）&生活習慣の改善' },
      },
      {
        code: '9A110160700000011',
        section: '01990',
        value: { type: 'CD', code: '1', codeSystem: '1.2.392.200119.6.2002' },
      },
      {
        code: '9A110160800000049',
        section: '01990',
        value: { type: 'ST', text: '洞性徐脈 <軽度>' },
        group: '9A110160700000011',
      },
      {
        code: '9Z999000000000001',
        section: '01990',
        value: { type: 'PQ', value: '-0.50', unit: 'mm' },
      },
    ])
  })

  it('reads a Shift_JIS document by its XML declaration', async () => {
    const text = allForms.replace('encoding="UTF-8"', 'encoding="Shift_JIS"')
    const c = ok(await parseCheckupXml(Readable.from([encodeShiftJis(text)])))
    expect(c.person.nameKana).toBe('シンサ　ハナコ')
    expect(c.results.find((r) => r.code === '9N511000000000049')?.value).toEqual({
      type: 'ST',
      text: '要精密検査（血糖）&生活習慣の改善',
    })
  })

  it('joins name parts, pads a 6-digit insurer number, takes a date with a time, a prefixed namespace and a group heading without a value', async () => {
    const xml = doc(
      obs(
        '9A110000000000000',
        '<entryRelationship typeCode="COMP">' +
          obs('9A110160800000049', '<value xsi:type="ST">所見</value>').replace(/<\/?entry>/g, '') +
          '</entryRelationship>',
      ),
      {
        patient:
          '<patient><name><family>ヤマダ</family> <given>ハナコ</given></name><administrativeGenderCode code="9"/><birthTime value="19800101093000+0900"/></patient>',
      },
    ).replace('extension="06139992"', 'extension="１３１０１１"')
    const c = ok(await parseCheckupXml(xml))
    expect(c.person).toEqual({ nameKana: 'ヤマダ　ハナコ', sex: null, birthDate: '1980-01-01' })
    expect(c.card.insurerNumber).toBe('00131011')
    expect(c.results).toEqual([
      {
        code: '9A110160800000049',
        section: '01010',
        value: { type: 'ST', text: '所見' },
        group: '9A110000000000000',
      },
    ])

    const prefixed = doc(
      obs('9N001000000000001', '<h:value xsi:type="h:PQ" value="1" unit="cm"/>'),
      {
        root: '<h:ClinicalDocument xmlns:h="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
      },
    )
      .replace(/<(\/?)(?!\?|h:)/g, '<$1h:')
      .replace('</ClinicalDocument>', '</h:ClinicalDocument>')
    expect(ok(await parseCheckupXml(prefixed)).results).toEqual([
      {
        code: '9N001000000000001',
        section: '01010',
        value: { type: 'PQ', value: '1', unit: 'cm' },
      },
    ])
  })

  it('ignores elements of other namespaces', async () => {
    const xml = doc(
      obs(
        '9N001000000000001',
        PQ('170', 'cm') + '<x:note xmlns:x="urn:other"><x:value>9</x:value></x:note>',
      ),
    )
    expect(ok(await parseCheckupXml(xml)).results).toHaveLength(1)
  })
})

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
