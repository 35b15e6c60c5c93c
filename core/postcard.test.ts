import { describe, expect, it } from 'vitest'
import {
  japanDate,
  POSTCARD_HEADER,
  POSTCARD_START,
  postcardCells,
  postcardField,
  postcardLines,
  postcardRowCount,
} from './postcard'

const code = {
  personKey: 'P-001',
  symbol: '12',
  number: '345',
  branch: null,
  nameKana: 'ケンシン タロウ',
  postalCode: '100-0001',
  address: '東京都千代田区1-1, "本館"',
  code: 'ABCD-EFGH-JKLM',
  issuedAt: '2026-03-31T15:30:00.000Z',
}

describe('the postcard print file', () => {
  it('has the header of docs/data-formats.md, after a BOM, in CRLF', () => {
    expect(POSTCARD_HEADER).toHaveLength(10)
    expect(POSTCARD_START).toBe(`\uFEFF${POSTCARD_HEADER.join(',')}\r\n`)
  })

  it("dates a code by Japan's day, not UTC's", () => {
    expect(japanDate('2026-03-31T15:30:00.000Z')).toBe('2026-04-01')
    expect(japanDate('2026-03-31T14:59:59.999Z')).toBe('2026-03-31')
    expect(japanDate('not a date')).toBe('not a date')
  })

  it('writes the cells in the header order, empty for what the roster lacks', () => {
    expect(postcardCells('06139992', code)).toEqual([
      'P-001',
      '06139992',
      '12',
      '345',
      '',
      'ケンシン タロウ',
      '100-0001',
      '東京都千代田区1-1, "本館"',
      'ABCD-EFGH-JKLM',
      '2026-04-01',
    ])
  })

  it('quotes and defuses fields for Excel', () => {
    expect(postcardField('=1+2')).toBe("'=1+2")
    expect(postcardField('＝SUM(A1)')).toBe("'＝SUM(A1)")
    expect(postcardField('-')).toBe('-')
    expect(postcardField('a,b')).toBe('"a,b"')
    expect(postcardField('say "hi"')).toBe('"say ""hi"""')
    expect(postcardLines('06139992', [code])).toBe(
      'P-001,06139992,12,345,,ケンシン タロウ,100-0001,"東京都千代田区1-1, ""本館""",ABCD-EFGH-JKLM,2026-04-01\r\n',
    )
  })

  it('counts the rows of a saved file, and refuses one without the header', () => {
    const text = POSTCARD_START + postcardLines('06139992', [code, { ...code, address: 'a\r\nb' }])
    expect(postcardRowCount(text)).toBe(2)
    expect(postcardRowCount(POSTCARD_START)).toBe(0)
    expect(postcardRowCount(text.replace(/\r\n/g, '\n'))).toBe(2)
    expect(postcardRowCount(text.replace(/\r\n$/, ''))).toBe(2)
    expect(postcardRowCount('個人識別番号,x\r\n')).toBeNull()
    expect(postcardRowCount('')).toBeNull()
  })
})
