import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { InsurerSettingsBody, isMaintenanceUntil } from './insurer'

describe('isMaintenanceUntil', () => {
  it('takes an ISO date-time with its offset', () => {
    expect(isMaintenanceUntil('2026-12-24T18:00+09:00')).toBe(true)
    expect(isMaintenanceUntil('2028-02-29T09:00:00Z')).toBe(true)
    expect(isMaintenanceUntil('2026-12-31T23:59:59.999-05:00')).toBe(true)
  })

  it('refuses a day or time that does not exist, rather than moving it', () => {
    expect(isMaintenanceUntil('2026-02-30T10:00+09:00')).toBe(false)
    expect(isMaintenanceUntil('2027-02-29T10:00Z')).toBe(false)
    expect(isMaintenanceUntil('2026-04-31T10:00Z')).toBe(false)
    expect(isMaintenanceUntil('2026-13-01T10:00Z')).toBe(false)
    expect(isMaintenanceUntil('2026-12-24T24:00Z')).toBe(false)
  })

  it('refuses a time without an offset', () => {
    expect(isMaintenanceUntil('2026-12-24T18:00')).toBe(false)
    expect(isMaintenanceUntil('2026-12-24 18:00+09:00')).toBe(false)
  })

  it('is the rule of the settings body', () => {
    const ok = v.safeParse(InsurerSettingsBody, { maintenanceUntil: '2026-12-24T18:00+09:00' })
    expect(ok.success && ok.output.maintenanceUntil).toBe(Date.parse('2026-12-24T09:00:00Z'))
    expect(
      v.safeParse(InsurerSettingsBody, { maintenanceUntil: '2026-02-30T10:00Z' }).success,
    ).toBe(false)
  })
})
