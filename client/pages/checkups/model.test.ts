import { describe, expect, it } from 'vitest'
import { LATEST_TABLE } from '../../../core/grading'
import type { Checkup, StoredResult } from '../../lib/api'
import {
  codedText,
  formatNumber,
  groupsOf,
  itemName,
  rangeText,
  referenceBand,
  seriesOf,
  tableOf,
  unitOf,
} from './model'

const HEIGHT = '9N001000000000001'
const BMI = '9N011000000000001'
const WAIST_MEASURED = '9N016160100000001'
const WAIST_SELF = '9N016160300000001'
const SBP_1 = '9A751000000000001'
const SBP_2 = '9A752000000000001'

const pq = (code: string, value: string, extra: Partial<StoredResult> = {}): StoredResult => ({
  code,
  item: null,
  type: 'PQ',
  value,
  ...extra,
})

const checkup = (examDate: string, results: StoredResult[]): Checkup => ({
  examDate,
  institution: '健診センター',
  tableVersion: LATEST_TABLE.version,
  results,
})

describe('groupsOf', () => {
  it('groups a checkup’s readings in the journey’s order, catalogue order within a group', () => {
    const groups = groupsOf(
      [checkup('2026-06-01', [pq(SBP_1, '120'), pq(BMI, '22.0'), pq(HEIGHT, '170.0')])],
      0,
    )
    expect(groups.map((group) => group.id)).toEqual(['body', 'bp'])
    expect(groups[0].rows.map((row) => row.item.id)).toEqual(['height', 'bmi'])
  })

  it('matches each reading with the one before: a method change of 腹囲 is the same row', () => {
    const [body] = groupsOf(
      [
        checkup('2026-06-01', [pq(WAIST_MEASURED, '80.0', { grade: 'B' })]),
        checkup('2025-06-01', [pq(WAIST_SELF, '78.0', { grade: 'A' })]),
      ],
      0,
    )
    expect(body.rows[0].key).toBe('waist')
    expect(body.rows[0].previous?.value).toBe('78.0')
    expect(body.rows[0].change).toBe('worse')
  })

  it('keeps blood pressure’s 1st and 2nd readings apart, each with its own previous', () => {
    const [bp] = groupsOf(
      [
        checkup('2026-06-01', [pq(SBP_1, '130'), pq(SBP_2, '126')]),
        checkup('2025-06-01', [pq(SBP_2, '118')]),
      ],
      0,
    )
    expect(bp.rows.map((row) => row.key)).toEqual([`sbp:${SBP_1}`, `sbp:${SBP_2}`])
    expect(bp.rows.map((row) => row.previous?.value)).toEqual([undefined, '118'])
  })

  it('keeps an unknown code, shown by its code under its own name', () => {
    const groups = groupsOf([checkup('2026-06-01', [pq('XXXX', '1')])], 0)
    const row = groups.flatMap((group) => group.rows)[0]
    expect(row.known).toBe(false)
    expect(row.key).toBe('code:XXXX')
    expect(itemName(row, 'ja', (code) => `不明 ${code}`)).toBe('不明 XXXX')
  })
})

describe('seriesOf', () => {
  it('gives a reading’s numbers oldest first, leaving out the checkups without one', () => {
    const checkups = [
      checkup('2026-06-01', [pq(BMI, '23.1', { grade: 'B' })]),
      checkup('2025-06-01', [pq(HEIGHT, '170.0')]),
      checkup('2024-06-01', [pq(BMI, '22.4', { grade: 'A' })]),
    ]
    expect(seriesOf(checkups, 'bmi').map((point) => [point.date, point.value])).toEqual([
      ['2024-06-01', 22.4],
      ['2026-06-01', 23.1],
    ])
  })
})

describe('the values as shown', () => {
  const row = (result: StoredResult) => groupsOf([checkup('2026-06-01', [result])], 0)[0].rows[0]

  it('writes a number at the item’s precision and names the method', () => {
    expect(formatNumber(row(pq(BMI, '22')).item, pq(BMI, '22'))).toBe('22.0')
    expect(itemName(row(pq(WAIST_SELF, '80')), 'ja', String)).toBe('腹囲(自己申告)')
    expect(itemName(row(pq(WAIST_SELF, '80')), 'en', String)).toMatch(/\(Self-reported\)$/)
  })

  it('gives the range as imported, else from the file’s low and high', () => {
    expect(rangeText(row(pq(BMI, '22', { range: '18.5–24.9' })))).toBe('18.5–24.9')
    expect(rangeText(row(pq(BMI, '22', { low: '18.5', high: '24.9' })))).toBe('18.5–24.9')
    expect(rangeText(row(pq(BMI, '22', { low: '18.5' })))).toBe('≥18.5')
    expect(rangeText(row(pq(BMI, '22')))).toBeNull()
  })

  it('shows a text result as written', () => {
    const text: StoredResult = { code: HEIGHT, item: null, type: 'ST', text: '所見なし' }
    expect(codedText(row(text), 'ja')).toBe('所見なし')
  })
})

describe('tableOf and referenceBand', () => {
  it('grades with the stored table version, else the one of the checkup’s date', () => {
    expect(tableOf(checkup('2026-06-01', [])).version).toBe(LATEST_TABLE.version)
    const unknown = { ...checkup('2026-06-01', []), tableVersion: 'no-such-version' }
    expect(tableOf(unknown).version).toBeTruthy()
  })

  it('gives grade A’s band of a graded item, none for an item the table does not grade', () => {
    const band = referenceBand('sbp', 1, LATEST_TABLE)
    expect(band?.max ?? band?.min).toBeTypeOf('number')
    expect(referenceBand('height', 1, LATEST_TABLE)).toBeUndefined()
  })
})

describe('unitOf', () => {
  it('shows the unit in its usual form, the reading’s own (as stored) before the catalogue’s', () => {
    const [body] = groupsOf([checkup('2026-06-01', [pq(BMI, '22.0'), pq(HEIGHT, '170.0')])], 0)
    const bmi = body.rows.find((row) => row.item.id === 'bmi')!
    expect(bmi.result.unit).toBeUndefined()
    expect(unitOf(bmi)).toBe('kg/m²')
    expect(unitOf({ ...bmi, result: { ...bmi.result, unit: 'kg/m2' } })).toBe('kg/m²')
    const stored = pq(BMI, '22.0', { unit: 'kg/m2' })
    expect(unitOf({ item: bmi.item, result: stored })).toBe('kg/m²')
    expect(stored.unit).toBe('kg/m2')
  })
})
