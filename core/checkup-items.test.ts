import { describe, expect, it } from 'vitest'
import {
  CHECKUP_ITEMS,
  ITEM_CODE,
  ITEM_GROUPS,
  UNKNOWN_ITEM,
  answerLabel,
  findItem,
  formatValue,
  groupOrder,
  isItemUnit,
  itemById,
  jdsToNgsp,
  roundHalfUp,
  type ItemGroup,
} from './checkup-items.ts'

// Every code of the item catalogue (docs/data-formats.md#item-catalogue), copied by hand from the
// national standard's code list (not from the catalogue), with the item it must map to.
const SPEC_CODES: [string, string][] = [
  ['9N001000000000001', 'height'],
  ['9N006000000000001', 'weight'],
  ['9N011000000000001', 'bmi'],
  ['9N016160100000001', 'waist'],
  ['9N016160200000001', 'waist'],
  ['9N016160300000001', 'waist'],
  ['9N021000000000001', 'vfa'],
  ['9A751000000000001', 'sbp'],
  ['9A752000000000001', 'sbp'],
  ['9A755000000000001', 'sbp'],
  ['9A761000000000001', 'dbp'],
  ['9A762000000000001', 'dbp'],
  ['9A765000000000001', 'dbp'],
  ['3F015000002327101', 'tgFasting'],
  ['3F015000002327201', 'tgFasting'],
  ['3F015000002399901', 'tgFasting'],
  ['3F015129902327101', 'tgRandom'],
  ['3F015129902327201', 'tgRandom'],
  ['3F015129902399901', 'tgRandom'],
  ['3F070000002327101', 'hdl'],
  ['3F070000002327201', 'hdl'],
  ['3F070000002399901', 'hdl'],
  ['3F077000002327101', 'ldl'],
  ['3F077000002327201', 'ldl'],
  ['3F077000002399901', 'ldl'],
  ['3F077000002391901', 'ldl'],
  ['3F069000002391901', 'nonHdl'],
  ['3B035000002327201', 'ast'],
  ['3B035000002399901', 'ast'],
  ['3B045000002327201', 'alt'],
  ['3B045000002399901', 'alt'],
  ['3B090000002327101', 'ggt'],
  ['3B090000002399901', 'ggt'],
  ['3D010000001926101', 'glucoseFasting'],
  ['3D010000002227101', 'glucoseFasting'],
  ['3D010000001927201', 'glucoseFasting'],
  ['3D010000001999901', 'glucoseFasting'],
  ['3D010129901926101', 'glucoseRandom'],
  ['3D010129902227101', 'glucoseRandom'],
  ['3D010129901927201', 'glucoseRandom'],
  ['3D010129901999901', 'glucoseRandom'],
  ['3D046000001906202', 'hba1c'],
  ['3D046000001920402', 'hba1c'],
  ['3D046000001927102', 'hba1c'],
  ['3D046000001999902', 'hba1c'],
  ['1A020000000191111', 'urineGlucose'],
  ['1A020000000190111', 'urineGlucose'],
  ['1A010000000191111', 'urineProtein'],
  ['1A010000000190111', 'urineProtein'],
  ['2A030000001930101', 'hb'],
  ['2A040000001930102', 'hct'],
  ['2A020000001930101', 'rbc'],
  ['3C015000002327101', 'creatinine'],
  ['3C015000002399901', 'creatinine'],
  ['8A065000002391901', 'egfr'],
  ['9A110160700000011', 'ecgFinding'],
  ['9A110160800000049', 'ecgText'],
  ['9N501000000000011', 'metabolic'],
  ['9N506000000000011', 'guidanceLevel'],
  ['9N511000000000049', 'doctorOpinion'],
  ['9N141000000000011', 'fastingTime'],
  ['9N701000000000011', 'medBp'],
  ['9N706000000000011', 'medGlucose'],
  ['9N711000000000011', 'medLipid'],
  ['9N736000000000011', 'smoking'],
]

describe('findItem', () => {
  it.each(SPEC_CODES)('maps %s to %s', (code, id) => {
    expect(findItem(code)?.id).toBe(id)
  })

  it('lists in the catalogue exactly the codes of the spec', () => {
    const listed = CHECKUP_ITEMS.flatMap((item) => item.codes.map((code) => [code, item.id]))
    expect(listed.sort()).toEqual([...SPEC_CODES].sort())
  })

  it.each(['3D045000001906202', '3D045000001920402', '3D045000001927102', '3D045000001999902'])(
    'maps the JDS HbA1c code %s by its prefix 3D045',
    (code) => {
      expect(findItem(code)?.id).toBe('hba1cJds')
    },
  )

  it('does not match the JDS prefix on a malformed code', () => {
    expect(findItem('3D045')).toBeUndefined()
    expect(findItem('3D04500000190620')).toBeUndefined()
  })

  it.each([
    ['９Ａ７５１０００００００００００１', 'sbp'],
    [' 9a751000000000001 ', 'sbp'],
    ['3d046000001906202', 'hba1c'],
  ])('forgives width, case and spaces: %j', (code, id) => {
    expect(findItem(code)?.id).toBe(id)
  })

  it.each(['', '9N999000000000001', '9N00100000000000', 'banana'])(
    'returns undefined for the unknown code %j',
    (code) => {
      expect(findItem(code)).toBeUndefined()
    },
  )
})

describe('the catalogue', () => {
  it('has well-formed, unique codes and ids', () => {
    const codes = CHECKUP_ITEMS.flatMap((item) => item.codes)
    for (const code of codes) expect(code, code).toMatch(ITEM_CODE)
    expect(new Set(codes).size).toBe(codes.length)
    const ids = CHECKUP_ITEMS.map((item) => item.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('gives every item names, a known group, and a code or a prefix', () => {
    const groups = new Set(ITEM_GROUPS.map((group) => group.id))
    for (const item of CHECKUP_ITEMS) {
      expect(item.nameJa, item.id).not.toBe('')
      expect(item.nameEn, item.id).not.toBe('')
      expect(groups.has(item.group), item.id).toBe(true)
      expect(item.codes.length > 0 || item.codePrefix !== undefined, item.id).toBe(true)
      expect(itemById(item.id)).toBe(item)
    }
  })

  it('gives numeric items units and decimals, coded items answers, others neither', () => {
    for (const item of CHECKUP_ITEMS) {
      if (item.kind === 'number') {
        expect(item.unit, item.id).not.toBe('')
        expect(item.ucum, item.id).not.toBe('')
        expect(item.decimals, item.id).toBeTypeOf('number')
      } else {
        expect(item.unit, item.id).toBe('')
        expect(item.ucum, item.id).toBe('')
      }
      expect(item.answers !== undefined, item.id).toBe(item.kind === 'code')
    }
  })

  it('names variant codes only among the item’s own codes', () => {
    for (const item of CHECKUP_ITEMS) {
      for (const code of Object.keys(item.variants ?? {})) expect(item.codes).toContain(code)
    }
    expect(findItem('9A752000000000001')?.variants?.['9A752000000000001']?.ja).toBe('2回目')
    expect(findItem('9N016160300000001')?.variants?.['9N016160300000001']?.ja).toBe('自己申告')
  })

  it.each([
    ['height', 'cm', 'cm', '8302-2'],
    ['weight', 'kg', 'kg', '29463-7'],
    ['bmi', 'kg/m2', 'kg/m2', '39156-5'],
    ['sbp', 'mmHg', 'mm[Hg]', '8480-6'],
    ['dbp', 'mmHg', 'mm[Hg]', '8462-4'],
    ['waist', 'cm', 'cm', undefined],
    ['tgFasting', 'mg/dl', 'mg/dL', undefined],
    ['ast', 'U/l', 'U/L', undefined],
    ['hb', 'g/dl', 'g/dL', undefined],
    ['rbc', '万/mm3', '10*4/uL', undefined],
    ['hba1c', '%', '%', undefined],
    ['egfr', 'ml/min/1.73m2', 'mL/min/{1.73_m2}', undefined],
  ])('gives %s the unit %s, UCUM %s and LOINC %s', (id, unit, ucum, loinc) => {
    const item = itemById(id)
    expect(item?.unit).toBe(unit)
    expect(item?.ucum).toBe(ucum)
    expect(item?.loinc).toBe(loinc)
  })
})

describe('groups', () => {
  it('follow the order of journey 6, then その他', () => {
    expect(ITEM_GROUPS.map((group) => group.nameJa)).toEqual([
      '身体計測',
      '血圧',
      '脂質',
      '肝機能',
      '血糖',
      '尿',
      '貧血',
      '腎機能',
      '心電図',
      '問診',
      'その他',
    ])
    expect(groupOrder('body')).toBe(0)
    expect(groupOrder('other')).toBe(ITEM_GROUPS.length - 1)
  })

  it('each hold at least one item', () => {
    for (const group of ITEM_GROUPS) {
      expect(
        CHECKUP_ITEMS.some((item) => item.group === group.id),
        group.id,
      ).toBe(true)
    }
  })

  it.each([
    ['sbp', 'bp'],
    ['ldl', 'lipid'],
    ['ggt', 'liver'],
    ['hba1c', 'glucose'],
    ['urineProtein', 'urine'],
    ['hb', 'anemia'],
    ['egfr', 'kidney'],
    ['ecgFinding', 'ecg'],
    ['smoking', 'interview'],
    ['metabolic', 'other'],
  ] as [string, ItemGroup][])('puts %s in %s', (id, group) => {
    expect(itemById(id)?.group).toBe(group)
  })
})

describe('answers', () => {
  it.each([
    ['1', '−'],
    ['2', '±'],
    ['3', '+'],
    ['4', '2+'],
    ['5', '3+'],
  ])('reads urine code %s as %s', (code, label) => {
    const item = itemById('urineProtein')!
    expect(item.answers?.system).toBe('1.2.392.200119.6.2102')
    expect(answerLabel(item, code, 'ja')).toBe(label)
    expect(answerLabel(itemById('urineGlucose')!, code, 'en')).toBe(label)
  })

  it.each([
    ['ecgFinding', '1.2.392.200119.6.2002', '1', '所見あり', 'Findings'],
    ['ecgFinding', '1.2.392.200119.6.2002', '2', '所見なし', 'No findings'],
    ['metabolic', '1.2.392.200119.6.1008', '1', '基準該当', 'Meets the criteria'],
    ['metabolic', '1.2.392.200119.6.1008', '2', '予備群該当', 'Borderline (at risk)'],
    ['metabolic', '1.2.392.200119.6.1008', '3', '非該当', 'Does not meet the criteria'],
    ['metabolic', '1.2.392.200119.6.1008', '4', '判定不能', 'Cannot be determined'],
    ['guidanceLevel', '1.2.392.200119.6.3001', '1', '積極的支援', 'Intensive support'],
    ['guidanceLevel', '1.2.392.200119.6.3001', '2', '動機付け支援', 'Motivational support'],
    ['guidanceLevel', '1.2.392.200119.6.3001', '3', 'なし', 'None'],
    ['guidanceLevel', '1.2.392.200119.6.3001', '4', '判定不能', 'Cannot be determined'],
    [
      'fastingTime',
      '1.2.392.200119.6.2202',
      '2',
      '食後10時間以上',
      '10 hours or more after a meal',
    ],
    [
      'fastingTime',
      '1.2.392.200119.6.2202',
      '4',
      '食後3.5時間未満',
      'Less than 3.5 hours after a meal',
    ],
    ['medBp', '1.2.392.200119.6.2003', '1', 'はい', 'Yes'],
    ['medLipid', '1.2.392.200119.6.2003', '2', 'いいえ', 'No'],
    ['smoking', '1.2.392.200119.6.24060', '2', '以前は吸っていた', 'Used to smoke'],
    ['smoking', '1.2.392.200119.6.24060', '3', 'いいえ', 'No'],
  ])('reads %s (%s) code %s as %s / %s', (id, system, code, ja, en) => {
    const item = itemById(id)!
    expect(item.answers?.system).toBe(system)
    expect(answerLabel(item, code, 'ja')).toBe(ja)
    expect(answerLabel(item, code, 'en')).toBe(en)
  })

  it('returns undefined for a code outside the answer set, or an item without answers', () => {
    expect(answerLabel(itemById('urineProtein')!, '9', 'ja')).toBeUndefined()
    expect(answerLabel(itemById('sbp')!, '1', 'ja')).toBeUndefined()
  })
})

describe('UNKNOWN_ITEM', () => {
  it('shows an unknown code under its own code, as text, in その他', () => {
    expect(UNKNOWN_ITEM('9N999000000000001')).toEqual({
      id: 'unknown:9N999000000000001',
      nameJa: '9N999000000000001',
      nameEn: '9N999000000000001',
      group: 'other',
      unit: '',
      ucum: '',
      kind: 'text',
      codes: ['9N999000000000001'],
    })
  })
})

describe('isItemUnit', () => {
  it.each([
    ['tgFasting', 'mg/dl', true],
    ['tgFasting', 'mg/dL', true],
    ['tgFasting', 'MG/DL', true],
    ['tgFasting', ' mg / dl ', true],
    ['tgFasting', '', true],
    ['tgFasting', null, true],
    ['tgFasting', 'mmol/L', false],
    ['sbp', 'mmHg', true],
    ['sbp', 'mm[Hg]', true],
    ['sbp', 'kPa', false],
    ['ast', 'U/l', true],
    ['ast', 'IU/L', false],
    ['rbc', '万/mm3', true],
    ['rbc', '10*4/uL', true],
    ['urineProtein', '', true],
    ['urineProtein', 'mg/dl', false],
  ] as [string, string | null, boolean][])('%s with unit %j: %s', (id, unit, ok) => {
    expect(isItemUnit(itemById(id)!, unit)).toBe(ok)
  })
})

describe('roundHalfUp', () => {
  it.each([
    [24.95, 1, 25],
    [24.94, 1, 24.9],
    [18.45, 1, 18.5],
    [5.55, 1, 5.6],
    [1.005, 2, 1.01],
    [129.5, 0, 130],
    [129.49, 0, 129],
    [5.1 + 0.25, 1, 5.4],
    [-2.5, 0, -3],
    [140, 0, 140],
    [0, 1, 0],
    [1e-7, 1, 0],
  ])('rounds %d to %d decimals as %d', (value, decimals, rounded) => {
    expect(roundHalfUp(value, decimals)).toBe(rounded)
  })

  it('leaves non-finite values alone', () => {
    expect(roundHalfUp(Number.NaN, 1)).toBeNaN()
    expect(roundHalfUp(Infinity, 1)).toBe(Infinity)
  })
})

describe('formatValue', () => {
  it.each([
    ['bmi', 23, '23.0'],
    ['bmi', 24.95, '25.0'],
    ['sbp', 129.5, '130'],
    ['hba1c', 6.1, '6.1'],
    ['creatinine', 0.8, '0.80'],
    ['rbc', 452, '452'],
  ])('shows %s %d as %s', (id, value, text) => {
    expect(formatValue(itemById(id)!, value)).toBe(text)
  })
})

describe('jdsToNgsp', () => {
  it.each([
    [5.0, 5.4],
    [5.2, 5.6],
    [5.8, 6.2],
    [6.1, 6.5],
    [4.3, 4.6],
    [6.5, 6.9],
  ])('converts JDS %d to NGSP %d (1.02 × JDS + 0.25, one decimal)', (jds, ngsp) => {
    expect(jdsToNgsp(jds)).toBe(ngsp)
  })
})
