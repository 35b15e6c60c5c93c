import { describe, expect, it } from 'vitest'
import { checkupPath, dateInPath, isCalendarDate } from './dates'

describe('a checkup’s URL', () => {
  it('names the exam date', () => {
    expect(checkupPath('2026-06-10')).toBe('/checkups/2026-06-10')
    expect(dateInPath('/checkups/2026-06-10')).toBe('2026-06-10')
    expect(dateInPath('/checkups/2026-06-10/')).toBe('2026-06-10')
  })

  it('names no date for the newest, the criteria, or a path that is not a day', () => {
    for (const path of [
      '/checkups',
      '/checkups/',
      '/checkups/criteria',
      '/checkups/2026-02-30',
      '/checkups/2026-6-10',
      '/checkups/2026-06-10/x',
      '/home',
    ])
      expect(dateInPath(path), path).toBeUndefined()
  })

  it('knows calendar days', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true)
    expect(isCalendarDate('2025-02-29')).toBe(false)
    expect(isCalendarDate('2026-13-01')).toBe(false)
  })
})
