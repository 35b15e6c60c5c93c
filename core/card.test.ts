import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  CardLinkBody,
  CardPersonBody,
  cardKey,
  checkInsurerNumber,
  displayInsurerNumber,
  insurerCheckDigit,
  isoDate,
  isValidBranch,
  normalizeBranch,
  normalizeNumber,
  normalizeSymbol,
  realDate,
  sameBranch,
  todayInJapan,
  type InsurerNumberProblem,
} from './card.ts'
import { isMessageKey, messages, type MessageKey } from './i18n.ts'
import { fieldErrors } from './schemas.ts'

describe('checkInsurerNumber', () => {
  // docs/data-formats.md's examples, and the demo insurer of db/seed/demo-roster.csv.
  const passes: [string, string, string][] = [
    ['06132013', '06132013', '06132013'],
    ['06139463', '06139463', '06139463'],
    ['01130012', '01130012', '01130012'],
    ['33120015', '33120015', '33120015'],
    ['39131156', '39131156', '39131156'],
    ['131011', '00131011', '131011'],
    ['06139992', '06139992', '06139992'],
    // Full-width digits and spaces, as typed on a phone.
    ['０６１３９９９２', '06139992', '06139992'],
    ['１３１０１１', '00131011', '131011'],
    [' 0613 9992\u3000', '06139992', '06139992'],
    // The stored form of a 6-digit number is accepted as typed.
    ['00131011', '00131011', '131011'],
  ]
  it.each(passes)('accepts %j as %s (card: %s)', (raw, number, display) => {
    expect(checkInsurerNumber(raw)).toEqual({ ok: true, number, display })
  })

  const fails: [string, InsurerNumberProblem][] = [
    ['06123456', 'check_digit'],
    ['', 'required'],
    [' \u3000', 'required'],
    ['0613999a', 'digits'],
    ['06-139992', 'digits'],
    ['０６１３９９９２号', 'digits'],
    ['-6139992', 'digits'],
    ['61399.2', 'digits'],
    ['12345', 'length'],
    ['1234567', 'length'],
    ['123456789', 'length'],
    ['6139992', 'length'],
  ]
  it.each(fails)('refuses %j: %s', (raw, problem) => {
    expect(checkInsurerNumber(raw)).toEqual({ ok: false, problem })
  })

  it.each(passes.map(([raw]) => raw).filter((raw) => /^[0-9]+$/.test(raw)))(
    'refuses %s with any other check digit',
    (raw) => {
      const body = raw.slice(0, -1)
      const digit = Number(raw.slice(-1))
      for (let other = 0; other <= 9; other++) {
        if (other === digit) continue
        expect(checkInsurerNumber(body + other)).toEqual({ ok: false, problem: 'check_digit' })
      }
    },
  )

  it.each([
    // 0613201: products from the right 2,0,4,3,2,6,0 → 17 → 10 − 7.
    ['0613201', 3],
    // 0613999: 18→9, 9, 18→9, 3, 2, 6, 0 → 38 → 10 − 8.
    ['0613999', 2],
    ['13101', 1],
    ['0113001', 2],
    ['3312001', 5],
    // 3913115: 10→1, 1, 2, 3, 2, 9, 6 → 24 → 10 − 4.
    ['3913115', 6],
    ['55', 4],
    // A sum ending in 0 gives 0, not 10: 19 → 18→9, 1 → 10.
    ['19', 0],
    ['0', 0],
    ['9', 1],
  ])('check digit of %s is %i', (body, digit) => {
    expect(insurerCheckDigit(body)).toBe(digit)
  })

  it('shows a padded 6-digit number as printed', () => {
    expect(displayInsurerNumber('00131011')).toBe('131011')
    expect(displayInsurerNumber('06139992')).toBe('06139992')
    expect(displayInsurerNumber('01130012')).toBe('01130012')
  })
})

describe('normalizeSymbol (hyphen rule)', () => {
  it.each([
    ['71-1234', '1234'],
    ['1234', '1234'],
    ['７１－１２３４', '1234'],
    ['71ー1234', '1234'],
    ['71ｰ1234', '1234'],
    ['71‐1234', '1234'],
    ['71‑1234', '1234'],
    ['71–1234', '1234'],
    ['71—1234', '1234'],
    ['71−1234', '1234'],
    ['71 - 1234', '1234'],
    ['1-2-345', '345'],
    ['71-1234-', '1234'],
    ['-1234', '1234'],
    ['A-12', '12'],
    [' 12 34 ', '1234'],
    ['', ''],
    ['-', ''],
    ['ＡＢ１２', 'AB12'],
    ['ｱｲ12', 'アイ12'],
    ['東京12', '東京12'],
    // ー not between digits is a kana, not a hyphen.
    ['コーポ12', 'コーポ12'],
    ['12ーA', '12ーA'],
    ['0012', '0012'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeSymbol(raw)).toBe(expected)
  })

  it('is idempotent', () => {
    for (const raw of ['71-1234', '７１－１２３４', '1-2-345', '12ーA', '-', 'A-B-']) {
      expect(normalizeSymbol(normalizeSymbol(raw))).toBe(normalizeSymbol(raw))
    }
  })
})

describe('normalizeNumber (last-7 rule)', () => {
  it.each([
    ['12345678', '2345678'],
    ['1234567', '1234567'],
    ['123456789', '3456789'],
    ['123456', '123456'],
    ['１２３４５６７８', '2345678'],
    ['1234-5678', '2345678'],
    ['1234ー5678', '2345678'],
    ['1234 5678', '2345678'],
    ['12345682', '2345682'],
    ['0100', '0100'],
    ['00000001', '0000001'],
    ['A2345678', 'A2345678'],
    ['第12345678', '第12345678'],
    ['', ''],
    ['--', ''],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeNumber(raw)).toBe(expected)
  })

  it('is idempotent', () => {
    for (const raw of ['12345678', '1234-5678', '0100', 'A2345678']) {
      expect(normalizeNumber(normalizeNumber(raw))).toBe(normalizeNumber(raw))
    }
  })
})

describe('normalizeBranch', () => {
  it.each([
    ['00', '00'],
    ['01', '01'],
    ['1', '01'],
    ['0', '00'],
    ['99', '99'],
    ['０１', '01'],
    [' 1 ', '01'],
    ['', null],
    ['  ', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeBranch(raw)).toBe(expected)
    expect(isValidBranch(raw)).toBe(true)
  })

  it.each(['001', '100', 'A', '1A', '-1', '1.0'])('%j is not a branch', (raw) => {
    expect(isValidBranch(raw)).toBe(false)
    expect(['00', '01', null]).not.toContain(normalizeBranch(raw))
  })
})

describe('cardKey', () => {
  type Printed = { symbol?: string | null; number: string }
  // [case, card as printed in the roster, card as a member types it]
  const same: [string, Printed, Printed][] = [
    ['the manual: hyphen', { symbol: '71-1234', number: '100' }, { symbol: '1234', number: '100' }],
    ['the manual: last 7', { symbol: '1', number: '12345678' }, { symbol: '1', number: '2345678' }],
    [
      'typed in full',
      { symbol: '71-1234', number: '12345678' },
      { symbol: '71-1234', number: '12345678' },
    ],
    ['full-width', { symbol: '1200', number: '100' }, { symbol: '１２００', number: '１００' }],
    ['leading zeros', { symbol: '1200', number: '0100' }, { symbol: '1200', number: '100' }],
    [
      'zeros on both sides',
      { symbol: '01200', number: '100' },
      { symbol: '001200', number: '0100' },
    ],
    ['all zeros', { symbol: '1', number: '000' }, { symbol: '1', number: '0' }],
    ['zeros after last 7', { symbol: '1', number: '10000001' }, { symbol: '1', number: '0000001' }],
    ['letter case', { symbol: 'AB12', number: '100' }, { symbol: 'ab12', number: '100' }],
    ['no symbol', { symbol: null, number: '100' }, { symbol: '', number: '100' }],
    ['absent symbol', { number: '100' }, { symbol: '  ', number: '100' }],
    ['spaces', { symbol: '12 34', number: '1 00' }, { symbol: '1234', number: '100' }],
  ]
  it.each(same)('%s', (_, roster, member) => {
    expect(cardKey(member)).toBe(cardKey(roster))
  })

  const different: [string, Printed, Printed][] = [
    ['other number', { symbol: '1200', number: '100' }, { symbol: '1200', number: '101' }],
    ['other symbol', { symbol: '1200', number: '100' }, { symbol: '1201', number: '100' }],
    ['symbol vs none', { symbol: '1200', number: '100' }, { number: '100' }],
    ['parts do not run together', { symbol: '12', number: '3' }, { symbol: '1', number: '23' }],
    ['zeros inside count', { symbol: '1', number: '1001' }, { symbol: '1', number: '101' }],
    ['trailing zeros count', { symbol: '1', number: '100' }, { symbol: '1', number: '1' }],
    [
      'only all-digit values lose zeros',
      { symbol: '01A', number: '1' },
      { symbol: '1A', number: '1' },
    ],
    ['small kana in symbols', { symbol: 'ヤ1', number: '1' }, { symbol: 'ャ1', number: '1' }],
  ]
  it.each(different)('%s', (_, a, b) => {
    expect(cardKey(a)).not.toBe(cardKey(b))
  })

  it('ignores the branch (compared by sameBranch)', () => {
    expect(cardKey({ symbol: '1201', number: '101', branch: '00' })).toBe(
      cardKey({ symbol: '1201', number: '101', branch: null }),
    )
  })

  it('is the same for normalised input', () => {
    const card = { symbol: '７１－１２０３', number: '12345682' }
    expect(
      cardKey({ symbol: normalizeSymbol(card.symbol), number: normalizeNumber(card.number) }),
    ).toBe(cardKey(card))
  })

  it('reads as symbol and number', () => {
    expect(cardKey({ symbol: '71-1203', number: '0103' })).toBe('1203 103')
    expect(cardKey({ symbol: '', number: '12345682' })).toBe(' 2345682')
  })
})

describe('sameBranch', () => {
  it.each([
    ['01', '01', true],
    ['1', '01', true],
    ['01', null, true],
    [null, '01', true],
    ['', '00', true],
    [null, null, true],
    ['00', '01', false],
    ['02', '2 ', true],
  ] as const)('%j and %j: %s', (a, b, expected) => {
    expect(sameBranch(a, b)).toBe(expected)
  })
})

describe('dates', () => {
  it.each([
    [2024, 2, 29, '2024-02-29'],
    [2000, 2, 29, '2000-02-29'],
    [1900, 2, 29, null],
    [2023, 2, 29, null],
    [2023, 2, 28, '2023-02-28'],
    [2023, 4, 30, '2023-04-30'],
    [2023, 4, 31, null],
    [2023, 12, 31, '2023-12-31'],
    [2023, 13, 1, null],
    [2023, 0, 1, null],
    [2023, 1, 0, null],
    [9999, 12, 31, '9999-12-31'],
    [10000, 1, 1, null],
    [1, 1, 1, '0001-01-01'],
  ])('realDate(%i, %i, %i) = %s', (y, m, d, expected) => {
    expect(realDate(y, m, d)).toBe(expected)
  })

  it.each([
    ['1962-01-10', '1962-01-10'],
    ['1962-1-10', null],
    ['1962/01/10', null],
    ['19620110', null],
    ['1962-02-30', null],
    [' 1962-01-10', null],
    ['', null],
  ])('isoDate(%j) = %s', (raw, expected) => {
    expect(isoDate(raw)).toBe(expected)
  })

  it('takes today in Japan (UTC+9)', () => {
    expect(todayInJapan(new Date('2025-03-31T14:59:59Z'))).toBe('2025-03-31')
    expect(todayInJapan(new Date('2025-03-31T15:00:00Z'))).toBe('2025-04-01')
  })
})

/** The message key of each field's first issue; {} when the body is valid. */
function keysOf(schema: v.GenericSchema, input: unknown): Record<string, MessageKey> {
  const result = v.safeParse(schema, input)
  if (result.success) return {}
  const keys: Record<string, MessageKey> = {}
  for (const issue of result.issues) {
    const field = issue.path?.[0]?.key
    if (typeof field === 'string' && !(field in keys)) keys[field] = issue.message as MessageKey
  }
  return keys
}

describe('card wizard bodies', () => {
  // 2025-04-01 00:30 in Japan, still 2025-03-31 in UTC.
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2025-03-31T15:30:00Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  const person = {
    nameKana: 'ケンコウ　タロウ',
    birthDate: '1962-01-10',
    insurerNumber: '06139992',
  }
  const link = { ...person, symbol: '1200', number: '100', branch: '' }

  it('accepts the first step and returns the stored forms', () => {
    expect(
      v.parse(CardPersonBody, { ...person, nameKana: 'ｹﾝｺｳ ﾀﾛｳ', insurerNumber: '131011' }),
    ).toEqual({
      nameKana: 'ケンコウ　タロウ',
      birthDate: '1962-01-10',
      insurerNumber: '00131011',
    })
  })

  it('accepts the link step and applies the manual rules', () => {
    const body = { ...link, symbol: '７１－１２０３', number: '12345682', branch: '1', extra: true }
    expect(v.parse(CardLinkBody, body)).toEqual({
      ...person,
      symbol: '1203',
      number: '2345682',
      branch: '01',
    })
  })

  it('accepts a card without symbol or branch', () => {
    const { symbol: _s, branch: _b, ...rest } = link
    expect(v.parse(CardLinkBody, rest)).toEqual({
      ...person,
      symbol: '',
      number: '100',
      branch: null,
    })
    expect(v.parse(CardLinkBody, { ...link, symbol: '', branch: null })).toMatchObject({
      symbol: '',
      branch: null,
    })
  })

  const cases: [string, Record<string, unknown>, Record<string, MessageKey>][] = [
    ['missing name', { nameKana: undefined }, { nameKana: 'field.nameKana.required' }],
    ['empty name', { nameKana: '' }, { nameKana: 'field.nameKana.required' }],
    ['blank name', { nameKana: '\u3000 ' }, { nameKana: 'field.nameKana.required' }],
    ['kanji name', { nameKana: '健康　太郎' }, { nameKana: 'field.nameKana.katakana' }],
    ['Latin name', { nameKana: 'Kenko Taro' }, { nameKana: 'field.nameKana.katakana' }],
    ['64 kana', { nameKana: 'ア'.repeat(64) }, {}],
    ['65 kana', { nameKana: 'ア'.repeat(65) }, { nameKana: 'field.nameKana.too_long' }],
    ['huge name', { nameKana: 'ア'.repeat(201) }, { nameKana: 'field.nameKana.too_long' }],
    ['hiragana name', { nameKana: 'けんこう たろう' }, {}],
    ['missing birth date', { birthDate: undefined }, { birthDate: 'field.birthDate.required' }],
    ['empty birth date', { birthDate: '' }, { birthDate: 'field.birthDate.required' }],
    ['slashes', { birthDate: '1962/01/10' }, { birthDate: 'field.birthDate.invalid' }],
    ['no zero padding', { birthDate: '1962-1-10' }, { birthDate: 'field.birthDate.invalid' }],
    ['not a date', { birthDate: '1962-02-30' }, { birthDate: 'field.birthDate.invalid' }],
    ['leap day', { birthDate: '2024-02-29' }, {}],
    ['1900-01-01', { birthDate: '1900-01-01' }, {}],
    ['1899-12-31', { birthDate: '1899-12-31' }, { birthDate: 'field.birthDate.invalid' }],
    ['today in Japan', { birthDate: '2025-04-01' }, {}],
    ['tomorrow in Japan', { birthDate: '2025-04-02' }, { birthDate: 'field.birthDate.invalid' }],
    ['number for date', { birthDate: 19620110 }, { birthDate: 'field.birthDate.required' }],
    [
      'missing insurer',
      { insurerNumber: undefined },
      { insurerNumber: 'field.insurerNumber.required' },
    ],
    ['empty insurer', { insurerNumber: '' }, { insurerNumber: 'field.insurerNumber.required' }],
    ['7 digits', { insurerNumber: '0613999' }, { insurerNumber: 'field.insurerNumber.format' }],
    ['letters', { insurerNumber: '0613999X' }, { insurerNumber: 'field.insurerNumber.format' }],
    [
      'check digit',
      { insurerNumber: '06123456' },
      { insurerNumber: 'field.insurerNumber.check_digit' },
    ],
    ['full-width insurer', { insurerNumber: '０６１３９９９２' }, {}],
  ]
  it.each(cases)('%s', (_, change, expected) => {
    expect(keysOf(CardPersonBody, { ...person, ...change })).toEqual(expected)
    expect(keysOf(CardLinkBody, { ...link, ...change })).toEqual(expected)
  })

  const linkCases: [string, Record<string, unknown>, Record<string, MessageKey>][] = [
    ['20-character symbol', { symbol: 'A'.repeat(20) }, {}],
    ['21-character symbol', { symbol: 'A'.repeat(21) }, { symbol: 'field.symbol.too_long' }],
    ['20 full-width characters', { symbol: 'Ａ'.repeat(20) }, {}],
    ['huge symbol', { symbol: 'A'.repeat(201) }, { symbol: 'field.symbol.too_long' }],
    ['missing number', { number: undefined }, { number: 'field.number.required' }],
    ['empty number', { number: '' }, { number: 'field.number.required' }],
    ['blank number', { number: ' - ' }, { number: 'field.number.required' }],
    ['20-character number', { number: '1'.repeat(20) }, {}],
    ['21-character number', { number: '1'.repeat(21) }, { number: 'field.number.too_long' }],
    ['2-digit branch', { branch: '99' }, {}],
    ['3-digit branch', { branch: '001' }, { branch: 'field.branch.format' }],
    ['letter branch', { branch: 'A' }, { branch: 'field.branch.format' }],
    ['number branch', { branch: 1 }, { branch: 'field.branch.format' }],
    ['number symbol', { symbol: 1234 }, { symbol: 'field.invalid' }],
  ]
  it.each(linkCases)('%s', (_, change, expected) => {
    expect(keysOf(CardLinkBody, { ...link, ...change })).toEqual(expected)
  })

  it('reports every field at once, translated', () => {
    const result = v.safeParse(CardLinkBody, {
      nameKana: '山田',
      birthDate: '1962-13-01',
      insurerNumber: '06123456',
      number: '',
      branch: '123',
    })
    expect(result.success).toBe(false)
    expect(fieldErrors(result.issues ?? [], 'ja')).toEqual({
      nameKana: '氏名は全角カナで入力してください。',
      birthDate: messages.ja['field.birthDate.invalid'],
      insurerNumber: '保険者番号に誤りがあります。保険証をご確認ください。',
      number: '番号を入力してください。',
      branch: '枝番は2桁の数字で入力してください。',
    })
    expect(fieldErrors(result.issues ?? [], 'en').insurerNumber).toBe(
      messages.en['field.insurerNumber.check_digit'],
    )
  })

  it('refuses a body that is not an object', () => {
    const result = v.safeParse(CardPersonBody, 'nope')
    expect(result.issues?.[0].message).toBe('error.validation')
  })

  it('uses only catalogued messages', () => {
    const bad = { nameKana: 1, birthDate: 2, insurerNumber: 3, symbol: 4, number: 5, branch: 6 }
    for (const issue of v.safeParse(CardLinkBody, bad).issues ?? []) {
      expect(isMessageKey(issue.message), issue.message).toBe(true)
    }
  })
})
