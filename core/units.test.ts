import { describe, expect, it } from 'vitest'
import { CHECKUP_ITEMS } from './checkup-items.ts'
import { displayUnit } from './units.ts'

describe('displayUnit', () => {
  it('shows the catalogue’s units in their usual form', () => {
    const cases: [string, string][] = [
      ['kg/m2', 'kg/m²'],
      ['cm2', 'cm²'],
      ['mg/dl', 'mg/dL'],
      ['g/dl', 'g/dL'],
      ['U/l', 'U/L'],
      ['mmHg', 'mmHg'],
      ['万/mm3', '10⁴/µL'],
      ['ml/min/1.73m2', 'mL/min/1.73m²'],
      ['cm', 'cm'],
      ['kg', 'kg'],
      ['%', '%'],
    ]
    for (const [stored, shown] of cases) expect(displayUnit(stored), stored).toBe(shown)
  })

  it('reads the same unit in UCUM, in any case, with spaces or full width, the same way', () => {
    const cases: [string, string][] = [
      ['mm[Hg]', 'mmHg'],
      ['10*4/uL', '10⁴/µL'],
      ['mL/min/{1.73_m2}', 'mL/min/1.73m²'],
      ['mg/dL', 'mg/dL'],
      ['MG/DL', 'mg/dL'],
      [' mg / dl ', 'mg/dL'],
      ['ｍｇ／ｄｌ', 'mg/dL'],
      ['kg/m²', 'kg/m²'],
    ]
    for (const [stored, shown] of cases) expect(displayUnit(stored), stored).toBe(shown)
  })

  it('gives every unit of the catalogue, in both spellings, a form without ASCII powers or lower-case litres', () => {
    for (const item of CHECKUP_ITEMS) {
      for (const unit of [item.unit, item.ucum]) {
        const shown = displayUnit(unit)
        expect(shown, `${item.id} ${unit}`).not.toMatch(/m[23]\b|\bdl\b|\bml\b|\[|\{|\*/)
        // National and UCUM spellings of one item read alike.
        expect(shown, item.id).toBe(displayUnit(item.unit))
      }
    }
  })

  it('tidies an unknown unit’s powers and litres, and leaves the rest as given', () => {
    expect(displayUnit('mmol/mm2')).toBe('mmol/mm²')
    expect(displayUnit('ul/ml')).toBe('µL/mL')
    expect(displayUnit('回/分')).toBe('回/分')
    expect(displayUnit('NGSP')).toBe('NGSP')
  })

  it('keeps an empty unit empty', () => {
    expect(displayUnit('')).toBe('')
    expect(displayUnit(null)).toBe('')
    expect(displayUnit(undefined)).toBe('')
  })
})
