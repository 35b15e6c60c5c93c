import { describe, expect, it } from 'vitest'
import { fromJapanLocal, japanLocalInWords, toJapanLocal } from './japan-time'

describe("the maintenance end time in Japan's time", () => {
  it('reads a datetime-local value as Japan time, with or without seconds', () => {
    expect(fromJapanLocal('2030-01-15T18:30')).toBe('2030-01-15T09:30:00.000Z')
    expect(fromJapanLocal('2030-01-01T08:59:30')).toBe('2029-12-31T23:59:30.000Z')
  })

  it('refuses what is not a date and time', () => {
    for (const bad of ['', '2030-01-15', '2030-13-01T10:00', '18:30', '2030-01-15T18:30Z', 'x'])
      expect(fromJapanLocal(bad), bad).toBeNull()
  })

  it('shows an instant as the value the field takes, and none as empty', () => {
    expect(toJapanLocal('2030-01-15T09:30:00.000Z')).toBe('2030-01-15T18:30')
    expect(toJapanLocal('2029-12-31T23:59:30.000Z')).toBe('2030-01-01T08:59')
    expect(toJapanLocal(null)).toBe('')
    expect(toJapanLocal('garbage')).toBe('')
    expect(fromJapanLocal(toJapanLocal('2030-06-30T15:00:00.000Z'))).toBe(
      '2030-06-30T15:00:00.000Z',
    )
  })

  it('says a chosen value in words, in Japanese or English, and nothing for a bad one', () => {
    expect(japanLocalInWords('2026-12-08T22:00')).toBe('2026年12月8日(火) 22:00')
    expect(japanLocalInWords('2027-01-03T09:05:00', 'en')).toBe('Sun 3 Jan 2027, 09:05')
    expect(japanLocalInWords('')).toBe('')
    expect(japanLocalInWords('2030-13-01T10:00')).toBe('')
  })
})
