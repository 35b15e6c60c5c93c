/**
 * The checkup import's mapping of parsed documents and CSV rows to the API's checkups, and how it
 * tells a file's format (cli/checkup-import.ts); no server.
 */
import { describe, expect, it } from 'vitest'
import { csvCheckupInput, sniffCheckupFormat, xmlResultInput } from './checkup-import.ts'
import { TG_FASTING_182 } from '../worker/test/checkup-rows'

describe('checkup import: mapping and detection', () => {
  it('maps every XML value form to the API and keeps the group', () => {
    const pq = xmlResultInput({
      code: '3F015000002327101',
      section: '01010',
      value: { type: 'PQ', value: '182', unit: 'mg/dl' },
      referenceRange: {
        low: { value: '30', unit: 'mg/dl' },
        high: { value: '149', unit: 'mg/dl' },
      },
      interpretation: 'H',
      bound: 'above',
    })
    expect(pq).toEqual({ ...TG_FASTING_182, bound: 'above' })
    expect(
      xmlResultInput({
        code: 'A'.repeat(17),
        section: '',
        value: { type: 'CD', code: '2', codeSystem: '1.2.3' },
        group: 'B'.repeat(17),
      }),
    ).toEqual({
      code: 'A'.repeat(17),
      type: 'CD',
      answerCode: '2',
      answerSystem: '1.2.3',
      group: 'B'.repeat(17),
    })
    expect(
      xmlResultInput({
        code: 'A'.repeat(17),
        section: '',
        value: { type: 'ST', text: '所見なし' },
      }),
    ).toEqual({ code: 'A'.repeat(17), type: 'ST', text: '所見なし' })
    expect(
      xmlResultInput({ code: 'A'.repeat(17), section: '', value: { type: 'not_measurable' } }),
    ).toEqual({ code: 'A'.repeat(17), type: 'not_measurable' })
  })

  it('maps a CSV checkup, 未実施 included', () => {
    const input = csvCheckupInput(
      {
        personKey: 'D0000',
        examDate: '2025-05-10',
        institution: null,
        rejectedLines: [],
        results: [
          { code: 'A'.repeat(17), value: '1.5', unit: 'mg/dl', line: 4 },
          { code: 'B'.repeat(17), value: '', unit: null, line: 5, notPerformed: true },
        ],
      },
      'line 4',
    )
    expect(input).toEqual({
      ref: 'line 4',
      personKey: 'D0000',
      examDate: '2025-05-10',
      source: 'csv',
      results: [
        { code: 'A'.repeat(17), type: 'raw', value: '1.5', unit: 'mg/dl', line: 4 },
        { code: 'B'.repeat(17), type: 'raw', value: '未実施', line: 5 },
      ],
    })
  })

  it('tells the format by content when the name does not', () => {
    expect(sniffCheckupFormat(Buffer.from('PK\x03\x04rest'))).toBe('zip')
    expect(sniffCheckupFormat(Buffer.from('\uFEFF\r\n  <?xml version="1.0"?>'))).toBe('xml')
    expect(sniffCheckupFormat(Buffer.from('個人識別番号,受診日'))).toBe('csv')
    expect(sniffCheckupFormat(Buffer.alloc(0))).toBe('csv')
  })
})
