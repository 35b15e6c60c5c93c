import { describe, expect, it } from 'vitest'
import { fiscalYearOf } from './fiscal-year.ts'

describe('fiscalYearOf', () => {
  it.each([
    ['2026-05-10', 2026],
    ['2026-04-01', 2026],
    ['2026-03-31', 2025],
    ['2026-01-01', 2025],
    ['2025-12-31', 2025],
    ['2027-03-31', 2026],
    ['2026-04-01T00:00:00.000Z', 2026],
  ])('%s is in fiscal year %i', (date, year) => {
    expect(fiscalYearOf(date)).toBe(year)
  })

  it.each(['', 'not a date', '2026-13-01', '2026-00-10', '26-04-01'])('refuses %j', (date) => {
    expect(() => fiscalYearOf(date)).toThrow(RangeError)
  })
})
