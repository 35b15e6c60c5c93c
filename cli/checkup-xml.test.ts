import { createReadStream, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { encodeShiftJis } from './sjis.ts'
import { parseCheckupXml } from '../core/import/checkup-xml.ts'
import { allForms, DEMO, doc, obs, ok, PQ } from './testing/cda.ts'

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
