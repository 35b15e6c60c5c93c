import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cardKey, normalizeBranch, sameBranch } from './card.ts'
import { isMessageKey, messages, type MessageKey } from './i18n.ts'
import { normalizeKanaName } from './kana.ts'
import {
  isBlankRow,
  isQualifiedOn,
  mapHeader,
  parseRosterDate,
  parseRosterRow,
  ROSTER_COLUMNS,
  type RosterColumn,
  type RosterIndex,
  type RosterRecord,
} from './roster.ts'

const INSURER = '06139992'
const JA_HEADER = ROSTER_COLUMNS.map((c) => c.ja)
const EN_HEADER = ROSTER_COLUMNS.map((c) => c.en)

/** db/seed/demo-roster.csv, split as the CSV reader would (the file has no quoted fields). */
const DEMO_ROSTER = readFileSync(new URL('../db/seed/demo-roster.csv', import.meta.url), 'utf8')
  .split(/\r?\n/)
  .filter((line) => line !== '')
  .map((line) => line.split(','))

function indexOf(header: string[]): RosterIndex {
  const mapping = mapHeader(header)
  if (!mapping.ok) throw new Error(`header refused: ${JSON.stringify(mapping)}`)
  return mapping.index
}

describe('mapHeader', () => {
  it('maps the Japanese header of the demo roster', () => {
    const index = indexOf(DEMO_ROSTER[0])
    expect(index.position).toEqual(Object.fromEntries(EN_HEADER.map((c, i) => [c, i])))
    expect(index.header.birth_date).toBe('生年月日')
    expect(index.width).toBe(13)
  })

  it('maps English headers in any case, trimmed', () => {
    const header = EN_HEADER.map((c, i) => (i % 2 ? ` ${c.toUpperCase()} ` : c))
    const index = indexOf(header)
    expect(index.position.person_key).toBe(0)
    expect(index.header.insurer_number).toBe('INSURER_NUMBER')
  })

  it('strips a BOM from the first header only', () => {
    expect(indexOf(['\ufeff個人識別番号', ...JA_HEADER.slice(1)]).position.person_key).toBe(0)
    expect(indexOf(['\ufeffperson_key', ...EN_HEADER.slice(1)]).header.person_key).toBe(
      'person_key',
    )
  })

  it('accepts any column order, mixed languages and half-width kana', () => {
    const header = [
      '氏名ｶﾅ',
      'birth_date',
      '番号',
      'person_key',
      '保険者番号',
      '性別',
      'Relationship',
    ]
    const index = indexOf(header)
    expect(index.position).toMatchObject({
      name_kana: 0,
      birth_date: 1,
      number: 2,
      relationship: 6,
    })
    expect(index.header.name_kana).toBe('氏名カナ')
  })

  it('marks absent optional columns, named in the language of the file', () => {
    const required = ROSTER_COLUMNS.filter((c) => c.required)
    const ja = indexOf(required.map((c) => c.ja))
    expect(ja.position.symbol).toBe(-1)
    expect(ja.header.valid_to).toBe('資格喪失日')
    const en = indexOf(required.map((c) => c.en))
    expect(en.position.address).toBe(-1)
    expect(en.header.valid_to).toBe('valid_to')
  })

  it('ignores empty header cells (trailing commas)', () => {
    expect(indexOf([...JA_HEADER, '', ' ']).width).toBe(15)
  })

  it.each(ROSTER_COLUMNS.filter((c) => c.required).map((c) => c.en))(
    'reports the required column %s when missing',
    (column) => {
      const header = ROSTER_COLUMNS.filter((c) => c.en !== column).map((c) => c.ja)
      expect(mapHeader(header)).toEqual({
        ok: false,
        missing: [column],
        unknown: [],
        duplicate: [],
      })
    },
  )

  it('reports unknown and duplicate headers', () => {
    expect(mapHeader([...JA_HEADER.slice(0, 10), '資格喪失曰', '電話番号', 'sex'])).toEqual({
      ok: false,
      missing: [],
      unknown: ['資格喪失曰', '電話番号'],
      duplicate: ['sex'],
    })
  })

  it('reports an empty header row', () => {
    const result = mapHeader([])
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.missing).toEqual(ROSTER_COLUMNS.filter((c) => c.required).map((c) => c.en))
    }
  })
})

describe('parseRosterDate', () => {
  it.each([
    ['1962-01-10', '1962-01-10'],
    ['1962/01/10', '1962-01-10'],
    ['1962/1/1', '1962-01-01'],
    ['19620110', '1962-01-10'],
    ['１９６２－０１－１０', '1962-01-10'],
    [' 1962-01-10 ', '1962-01-10'],
    ['2024-02-29', '2024-02-29'],
    ['9999-12-31', '9999-12-31'],
    ['2023-02-29', null],
    ['1962-13-10', null],
    ['1962-01-32', null],
    ['1962-1-10', null],
    ['1962.01.10', null],
    ['S37.1.10', null],
    ['196201100', null],
    ['62/01/10', null],
    ['', null],
  ])('%j → %s', (raw, expected) => {
    expect(parseRosterDate(raw)).toBe(expected)
  })
})

const index = indexOf(JA_HEADER)
const good: Record<RosterColumn, string> = {
  person_key: 'D0040',
  insurer_number: '06139992',
  symbol: '1204',
  number: '12345682',
  branch: '00',
  name_kana: 'タカハシ　ダイスケ',
  birth_date: '1974-05-14',
  sex: '1',
  relationship: '1',
  valid_from: '2010-04-01',
  valid_to: '',
  postal_code: '104-0004',
  address: '東京都千代田区デモ町5-1',
}
const row = (change: Partial<Record<RosterColumn, string>> = {}) =>
  EN_HEADER.map((c) => change[c] ?? good[c])

describe('parseRosterRow', () => {
  it('parses a full row, keeping the card as printed beside its keys', () => {
    expect(parseRosterRow(row(), index, INSURER)).toEqual({
      ok: true,
      row: {
        personKey: 'D0040',
        insurerNumber: '06139992',
        symbol: '1204',
        number: '12345682',
        branch: '00',
        cardKey: '1204 2345682',
        branchKey: '00',
        nameKana: 'タカハシ　ダイスケ',
        nameKey: 'タカハシダイスケ',
        birthDate: '1974-05-14',
        sex: 1,
        relationship: 1,
        validFrom: '2010-04-01',
        validTo: null,
        postalCode: '104-0004',
        address: '東京都千代田区デモ町5-1',
      } satisfies RosterRecord,
    })
  })

  it('parses a row with only the required columns', () => {
    const required = ROSTER_COLUMNS.filter((c) => c.required)
    const small = indexOf(required.map((c) => c.en))
    const result = parseRosterRow(
      required.map((c) => good[c.en]),
      small,
      INSURER,
    )
    expect(result).toMatchObject({
      ok: true,
      row: { symbol: null, branch: null, branchKey: null, validFrom: null, postalCode: null },
    })
  })

  it('reads a row shorter than the header as empty trailing fields', () => {
    const result = parseRosterRow(row().slice(0, 9), index, INSURER)
    expect(result).toMatchObject({ ok: true, row: { validFrom: null, address: null } })
  })

  it('finds columns by the header, not by position', () => {
    const header = [...JA_HEADER].reverse()
    const result = parseRosterRow([...row()].reverse(), indexOf(header), INSURER)
    expect(result).toMatchObject({ ok: true, row: { personKey: 'D0040', address: good.address } })
  })

  type Case = [string, Partial<Record<RosterColumn, string>>, Partial<RosterRecord>]
  const accepted: Case[] = [
    [
      'trimmed fields',
      { person_key: ' D0040 ', number: ' 100 ' },
      { personKey: 'D0040', number: '100' },
    ],
    ['64-character person key', { person_key: 'K'.repeat(64) }, { personKey: 'K'.repeat(64) }],
    ['full-width insurer', { insurer_number: '０６１３９９９２' }, { insurerNumber: '06139992' }],
    ['insurer without its zero', { insurer_number: '6139992' }, { insurerNumber: '06139992' }],
    ['symbol with hyphen', { symbol: '71-1203' }, { symbol: '71-1203', cardKey: '1203 2345682' }],
    ['empty symbol', { symbol: '' }, { symbol: null, cardKey: ' 2345682' }],
    ['20-character symbol', { symbol: 'A'.repeat(20) }, { symbol: 'A'.repeat(20) }],
    ['20-character number', { number: '1'.repeat(20) }, { number: '1'.repeat(20) }],
    ['padded number', { number: '0100' }, { number: '0100', cardKey: '1204 100' }],
    ['empty branch', { branch: '' }, { branch: null, branchKey: null }],
    ['1-digit branch', { branch: '1' }, { branch: '1', branchKey: '01' }],
    ['2-digit branch', { branch: '99' }, { branch: '99', branchKey: '99' }],
    [
      'half-width name',
      { name_kana: 'ﾀｶﾊｼ ﾀﾞｲｽｹ' },
      { nameKana: 'タカハシ　ダイスケ', nameKey: 'タカハシダイスケ' },
    ],
    [
      'name without space',
      { name_kana: 'タカハシダイスケ' },
      { nameKana: 'タカハシダイスケ', nameKey: 'タカハシダイスケ' },
    ],
    ['64-kana name', { name_kana: 'ア'.repeat(64) }, { nameKana: 'ア'.repeat(64) }],
    ['slashed date', { birth_date: '1974/05/14' }, { birthDate: '1974-05-14' }],
    ['compact date', { birth_date: '19740514' }, { birthDate: '1974-05-14' }],
    ['1900-01-01', { birth_date: '1900-01-01' }, { birthDate: '1900-01-01' }],
    ['female dependent', { sex: '2', relationship: '2' }, { sex: 2, relationship: 2 }],
    ['full-width codes', { sex: '２', relationship: '２' }, { sex: 2, relationship: 2 }],
    [
      'same-day loss',
      { valid_from: '2024-04-01', valid_to: '2024-04-01' },
      { validTo: '2024-04-01' },
    ],
    ['loss after', { valid_from: '2024-04-01', valid_to: '20240402' }, { validTo: '2024-04-02' }],
    [
      'loss without start',
      { valid_from: '', valid_to: '2024-03-31' },
      { validFrom: null, validTo: '2024-03-31' },
    ],
    ['postal code without hyphen', { postal_code: '1040004' }, { postalCode: '104-0004' }],
    ['full-width postal code', { postal_code: '１０４－０００４' }, { postalCode: '104-0004' }],
    ['empty postal code', { postal_code: '' }, { postalCode: null }],
    ['200-character address', { address: '東'.repeat(200) }, { address: '東'.repeat(200) }],
    ['empty address', { address: '' }, { address: null }],
  ]
  it.each(accepted)('accepts %s', (_, change, expected) => {
    const result = parseRosterRow(row(change), index, INSURER)
    expect(result).toMatchObject({ ok: true, row: expected })
  })

  const refused: [string, Partial<Record<RosterColumn, string>>, RosterColumn, MessageKey][] = [
    ['no person key', { person_key: '' }, 'person_key', 'roster.person_key.required'],
    ['blank person key', { person_key: '\u3000' }, 'person_key', 'roster.person_key.required'],
    [
      '65-character person key',
      { person_key: 'K'.repeat(65) },
      'person_key',
      'roster.person_key.too_long',
    ],
    ['no insurer', { insurer_number: '' }, 'insurer_number', 'roster.insurer_number.required'],
    [
      'bad check digit',
      { insurer_number: '06123456' },
      'insurer_number',
      'roster.insurer_number.invalid',
    ],
    [
      'letters in insurer',
      { insurer_number: '0613999X' },
      'insurer_number',
      'roster.insurer_number.invalid',
    ],
    [
      '9-digit insurer',
      { insurer_number: '006139992' },
      'insurer_number',
      'roster.insurer_number.invalid',
    ],
    [
      'other insurer',
      { insurer_number: '06132013' },
      'insurer_number',
      'roster.insurer_number.mismatch',
    ],
    [
      '6-digit other insurer',
      { insurer_number: '131011' },
      'insurer_number',
      'roster.insurer_number.mismatch',
    ],
    ['21-character symbol', { symbol: 'A'.repeat(21) }, 'symbol', 'roster.symbol.too_long'],
    ['no number', { number: '' }, 'number', 'roster.number.required'],
    ['hyphens only', { number: '-' }, 'number', 'roster.number.required'],
    ['21-character number', { number: '1'.repeat(21) }, 'number', 'roster.number.too_long'],
    ['number in exponent form', { number: '1.23457E+11' }, 'number', 'roster.number.exponent'],
    ['3-digit branch', { branch: '001' }, 'branch', 'roster.branch.invalid'],
    ['letter branch', { branch: 'A' }, 'branch', 'roster.branch.invalid'],
    ['no name', { name_kana: '' }, 'name_kana', 'roster.name_kana.required'],
    ['kanji name', { name_kana: '高橋　大輔' }, 'name_kana', 'roster.name_kana.katakana'],
    ['Latin name', { name_kana: 'TAKAHASHI' }, 'name_kana', 'roster.name_kana.katakana'],
    ['65-kana name', { name_kana: 'ア'.repeat(65) }, 'name_kana', 'roster.name_kana.too_long'],
    ['no birth date', { birth_date: '' }, 'birth_date', 'roster.birth_date.required'],
    ['unreal birth date', { birth_date: '1974-02-30' }, 'birth_date', 'roster.birth_date.invalid'],
    ['Japanese era', { birth_date: 'S49.5.14' }, 'birth_date', 'roster.birth_date.invalid'],
    ['1899-12-31', { birth_date: '1899-12-31' }, 'birth_date', 'roster.birth_date.invalid'],
    ['no sex', { sex: '' }, 'sex', 'roster.sex.invalid'],
    ['sex 0', { sex: '0' }, 'sex', 'roster.sex.invalid'],
    ['sex 3', { sex: '3' }, 'sex', 'roster.sex.invalid'],
    ['sex as word', { sex: '男' }, 'sex', 'roster.sex.invalid'],
    ['no relationship', { relationship: '' }, 'relationship', 'roster.relationship.invalid'],
    ['relationship 3', { relationship: '3' }, 'relationship', 'roster.relationship.invalid'],
    ['relationship 01', { relationship: '01' }, 'relationship', 'roster.relationship.invalid'],
    ['unreal start', { valid_from: '2010-04-31' }, 'valid_from', 'roster.valid_from.invalid'],
    ['unreal loss', { valid_to: '2024-13-01' }, 'valid_to', 'roster.valid_to.invalid'],
    [
      'loss before start',
      { valid_from: '2024-04-01', valid_to: '2024-03-31' },
      'valid_to',
      'roster.valid_to.before_valid_from',
    ],
    ['6-digit postal code', { postal_code: '600001' }, 'postal_code', 'roster.postal_code.invalid'],
    [
      'postal code in two hyphens',
      { postal_code: '10-40-004' },
      'postal_code',
      'roster.postal_code.invalid',
    ],
    [
      'postal code with 〒',
      { postal_code: '〒104-0004' },
      'postal_code',
      'roster.postal_code.invalid',
    ],
    ['201-character address', { address: '東'.repeat(201) }, 'address', 'roster.address.too_long'],
  ]
  it.each(refused)('refuses %s', (_, change, column, reason) => {
    const header = ROSTER_COLUMNS.find((c) => c.en === column)?.ja
    expect(parseRosterRow(row(change), index, INSURER)).toEqual({
      ok: false,
      errors: [{ column: header, reason }],
    })
  })

  it('reports every problem of a row, with the headers of the file', () => {
    const englishIndex = indexOf(EN_HEADER.map((c) => c.toUpperCase()))
    const fields = row({ person_key: '', birth_date: '1974-02-30', sex: '9', postal_code: 'x' })
    expect(parseRosterRow(fields, englishIndex, INSURER)).toEqual({
      ok: false,
      errors: [
        { column: 'PERSON_KEY', reason: 'roster.person_key.required' },
        { column: 'BIRTH_DATE', reason: 'roster.birth_date.invalid' },
        { column: 'SEX', reason: 'roster.sex.invalid' },
        { column: 'POSTAL_CODE', reason: 'roster.postal_code.invalid' },
      ],
    })
  })

  it('refuses a row with more fields than the header (a comma inside a value)', () => {
    const fields = [...row({ address: '東京都千代田区' }), 'デモ町5-1']
    expect(parseRosterRow(fields, index, INSURER)).toEqual({
      ok: false,
      errors: [{ column: '', reason: 'roster.row.too_many_fields' }],
    })
    expect(parseRosterRow([...row(), '', ' '], index, INSURER).ok).toBe(true)
  })

  it('accepts the importing insurer in any accepted form', () => {
    expect(parseRosterRow(row(), index, '０６１３９９９２').ok).toBe(true)
    const municipal = parseRosterRow(row({ insurer_number: '131011' }), index, '00131011')
    expect(municipal).toMatchObject({ ok: true, row: { insurerNumber: '00131011' } })
  })

  it('has a message in both languages for every reason', () => {
    for (const [, , , reason] of refused) {
      expect(isMessageKey(reason)).toBe(true)
      expect(messages.ja[reason]).not.toBe('')
      expect(messages.en[reason]).not.toBe('')
    }
    expect(messages.ja['roster.birth_date.invalid']).toBe(
      '生年月日の形式が正しくありません(YYYY-MM-DD)',
    )
  })
})

describe('the demo roster', () => {
  const [header, ...rows] = DEMO_ROSTER
  const demoIndex = indexOf(header)
  const records = rows.map((fields) => {
    const result = parseRosterRow(fields, demoIndex, INSURER)
    if (!result.ok) throw new Error(`${fields[0]}: ${JSON.stringify(result.errors)}`)
    return result.row
  })

  it('parses every row', () => {
    expect(records).toHaveLength(20)
    expect(new Set(records.map((r) => r.personKey)).size).toBe(20)
  })

  it('matches what members type by the manual', () => {
    const find = (
      symbol: string,
      number: string,
      branch: string,
      name: string,
      birthDate: string,
    ) =>
      records.filter(
        (r) =>
          r.cardKey === cardKey({ symbol, number }) &&
          sameBranch(r.branchKey, branch) &&
          r.nameKey === normalizeKanaName(name) &&
          r.birthDate === birthDate,
      )
    expect(find('1200', '100', '', 'ｹﾝｺｳ ﾀﾛｳ', '1962-01-10').map((r) => r.personKey)).toEqual([
      'D0000',
    ])
    // STEP2-4: the part after the hyphen, and the last 7 of an 8-digit number.
    expect(find('1203', '103', '', 'スズキ ミホ', '1973-10-04').map((r) => r.personKey)).toEqual([
      'D0031',
    ])
    expect(find('1204', '2345682', '01', 'タカハシ　サクラ', '1976-11-05')[0]?.personKey).toBe(
      'D0041',
    )
    // Typed as printed, too.
    expect(find('1204', '12345682', '', 'タカハシサクラ', '1976-11-05')[0]?.personKey).toBe('D0041')
    // A wrong branch does not match.
    expect(find('1204', '2345682', '00', 'タカハシ　サクラ', '1976-11-05')).toEqual([])
  })

  it('keeps the family on one card key, told apart by branch, name and birth date', () => {
    const yamada = records.filter((r) => r.symbol === '1201')
    expect(new Set(yamada.map((r) => r.cardKey))).toEqual(new Set(['1201 101']))
    expect(yamada.map((r) => normalizeBranch(r.branch))).toEqual(['00', '01'])
  })

  it('knows who has lost the qualification', () => {
    const lost = records.find((r) => r.personKey === 'D0090')
    expect(lost?.validTo).toBe('2024-03-31')
    expect(isQualifiedOn(lost!, '2024-03-30')).toBe(true)
    expect(isQualifiedOn(lost!, '2024-03-31')).toBe(false)
    expect(isQualifiedOn(records[0], '2010-03-31')).toBe(false)
    expect(isQualifiedOn(records[0], '2010-04-01')).toBe(true)
    expect(isQualifiedOn(records[0], '2099-01-01')).toBe(true)
  })
})

describe('isBlankRow', () => {
  it.each([
    [[''], true],
    [[], true],
    [[' ', '', '\u3000'], true],
    [['', 'x'], false],
  ])('%j → %s', (fields, expected) => {
    expect(isBlankRow(fields)).toBe(expected)
  })
})
