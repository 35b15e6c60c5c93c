import { describe, expect, it } from 'vitest'
import { gradeRange } from '../core/grading'
import { GRADING_TABLES } from '../core/grading-tables'
import {
  COMPACT_RESULTS,
  compactResults,
  gradesJson,
  parseStoredResults,
  resultsJson,
  storedGradesText,
  storedResultsText,
  type StoredResult,
} from './checkup-json'

/** A seeded generator (the same cases every run; a failure names its seed). */
function random(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Codes the catalogue knows (with a unit, with answers, text) and ones it does not. */
const CODES = [
  '9N011000000000001', // BMI, kg/m2
  '9A751000000000001', // systolic, mmHg
  '3F015000002327101', // triglycerides
  '1A020000000191111', // urine glucose, coded
  '9A110160700000011', // ECG findings, text
  '3D046000001906202', // HbA1c JDS prefix
  '9N501000000000011', // metabolic judgement
  'ZZ999000000000000', // unknown
  'X',
]
/** Text that must survive: separators, escapes, markers, empty, wide characters. */
const TEXTS = [
  '',
  'mg/dl',
  'kg/m2',
  'mmHg',
  '％',
  '異常なし',
  'a\tb',
  'line1\nline2\r\n',
  'back\\slash',
  '\\t not a tab',
  '\\-',
  '\\e',
  '\\',
  '-',
  '~1',
  '[',
  '   ',
  '18.5–24.9',
  '≤129',
  '👍🏽',
  '\u0000',
]
const TYPES: StoredResult['type'][] = ['PQ', 'CD', 'CO', 'ST', 'not_performed', 'not_measurable']
const ITEMS = [null, 'bmi', 'sbp', 'tgFasting', 'urineGlucose', 'other-item', '']

function randomResult(rnd: () => number): StoredResult {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]
  const maybe = <T>(value: () => T) => (rnd() < 0.4 ? value() : undefined)
  const text = () => (rnd() < 0.5 ? pick(TEXTS) : String(Math.round(rnd() * 2000) / 10))
  const r: Record<string, unknown> = {
    code: pick(CODES),
    item: pick(ITEMS),
    type: pick(TYPES),
    value: maybe(text),
    unit: maybe(text),
    answerCode: maybe(text),
    answerSystem: maybe(() => (rnd() < 0.5 ? '1.2.392.200119.6.1901' : pick(TEXTS))),
    text: maybe(text),
    bound: maybe(() => pick(['below', 'above'] as const)),
    low: maybe(text),
    high: maybe(text),
    interpretation: maybe(() => pick(['H', 'L', 'N', 'a\tb'])),
    group: maybe(text),
    grade: maybe(() => pick(['A', 'B', 'C', 'D'] as const)),
    range: maybe(text),
    verify: maybe(() => true as const),
  }
  for (const key of Object.keys(r)) if (r[key] === undefined) delete r[key]
  return r as unknown as StoredResult
}

/** What the importer stores for a BMI of 23 (the item, unit and range as grading gives them). */
const BMI: StoredResult = {
  code: '9N011000000000001',
  item: 'bmi',
  type: 'PQ',
  value: '23',
  unit: 'kg/m2',
  grade: 'A',
  range: '18.5–24.9',
}

describe('the compact stored form of results', () => {
  it('reads back as the same JSON, byte for byte, over 3,000 random results of every shape', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = random(seed)
      const results = Array.from({ length: Math.floor(rnd() * 20) }, () => randomResult(rnd))
      const text = storedResultsText(results)
      // Every shape the importer can write is held compactly; none falls back to JSON.
      expect(text.startsWith(`${COMPACT_RESULTS}`), `seed ${seed}`).toBe(true)
      expect(resultsJson(text), `seed ${seed}`).toBe(JSON.stringify(results))
      expect(parseStoredResults(text), `seed ${seed}`).toEqual(results)
      expect(text.split('\n')).toHaveLength(results.length + 1)
    }
  })

  it('leaves out what the item code implies, and keeps what differs from it', () => {
    const text = storedResultsText([BMI])
    expect(text).toBe(`${COMPACT_RESULTS}\n9N011000000000001\tP\t23\tA\t18.5–24.9`)
    const other = { ...BMI, unit: 'kg/m²', item: null }
    const kept = storedResultsText([other])
    expect(kept).toContain('kg/m²')
    expect(parseStoredResults(kept)).toEqual([other])
    const noUnit: StoredResult = { code: BMI.code, item: 'bmi', type: 'PQ', value: '23' }
    expect(parseStoredResults(storedResultsText([noUnit]))).toEqual([noUnit])
    const empty: StoredResult[] = []
    expect(storedResultsText(empty)).toBe(COMPACT_RESULTS)
    expect(resultsJson(storedResultsText(empty))).toBe('[]')
  })

  it('keeps what it cannot hold exactly as JSON: the same answer either way', () => {
    const odd = [
      [{ ...BMI, grade: 'E' }],
      [{ ...BMI, verify: false }],
      [{ ...BMI, bound: 'near' }],
      [{ ...BMI, extra: 1 }],
      [{ ...BMI, value: 23 }],
      [{ ...BMI, type: 'XX' }],
      [{ item: 'bmi', type: 'PQ' }],
      [{ type: 'PQ', code: BMI.code, item: 'bmi' }], // keys in another order
    ] as unknown as StoredResult[][]
    for (const results of odd) {
      expect(compactResults(results)).toBeUndefined()
      const text = storedResultsText(results)
      expect(text).toBe(JSON.stringify(results))
      expect(resultsJson(text)).toBe(JSON.stringify(results))
    }
  })

  it('reads a row stored as JSON before as it always did, and refuses a form it does not know', () => {
    const old = JSON.stringify([BMI])
    expect(resultsJson(old)).toBe(old)
    expect(parseStoredResults(old)).toEqual([BMI])
    const spaced = ` ${old}`
    expect(resultsJson(spaced)).toBe(spaced)
    expect(() => parseStoredResults('~2\nX\tP')).toThrow(SyntaxError)
    expect(() => parseStoredResults(`${COMPACT_RESULTS}\nX\t?`)).toThrow(SyntaxError)
  })

  it('is a fraction of the JSON for a typical checkup', () => {
    const results = Array.from({ length: 20 }, (_, i) => ({ ...BMI, value: String(20 + i) }))
    const compact = new TextEncoder().encode(storedResultsText(results)).length
    const json = new TextEncoder().encode(JSON.stringify(results)).length
    expect(compact).toBeLessThan(json / 3)
  })
})

const TABLE = GRADING_TABLES[0]
/** Items of the table and grade A's range for each sex. */
const RULED = Object.keys(TABLE.rules).map((item) => ({
  item,
  ranges: [gradeRange(item, 'A', 1, TABLE), gradeRange(item, 'A', 2, TABLE)],
}))

describe('ranges implied by the row’s grading table', () => {
  it('leaves out the table’s range and reads it back with the row’s table version', () => {
    const text = storedResultsText([BMI], TABLE.version)
    expect(text).toBe(`${COMPACT_RESULTS}\t1\n9N011000000000001\tP\t23\tA`)
    expect(resultsJson(text, TABLE.version)).toBe(JSON.stringify([BMI]))
    // Without the table version such a row cannot be read: refused, never guessed.
    expect(() => resultsJson(text)).toThrow(SyntaxError)
    expect(() => parseStoredResults(text, 'no-such-table')).toThrow(SyntaxError)
    // A range other than the table's, or none where the table has one, is kept as it is.
    const other = { ...BMI, range: '18.5–25.0' }
    expect(storedResultsText([other], TABLE.version)).toContain('18.5–25.0')
    const none: StoredResult = { ...BMI }
    delete none.range
    expect(parseStoredResults(storedResultsText([none], TABLE.version), TABLE.version)).toEqual([
      none,
    ])
    // An unknown table version: ranges stay in the text, and it reads back without one.
    expect(storedResultsText([BMI], 'no-such-table')).toBe(storedResultsText([BMI]))
  })

  it('picks the sex whose ranges the results carry', () => {
    const bySex = RULED.find((r) => r.ranges[0] && r.ranges[1] && r.ranges[0] !== r.ranges[1])!
    expect(bySex).toBeDefined()
    const [male, female] = bySex.ranges
    const result = (range: string): StoredResult => ({
      code: 'X',
      item: bySex.item,
      type: 'not_performed',
      range,
    })
    expect(storedResultsText([result(male!)], TABLE.version).split('\n')[0]).toBe('~1\t1')
    expect(storedResultsText([result(female!)], TABLE.version).split('\n')[0]).toBe('~1\t2')
  })

  it('reads back as the same JSON over 3,000 random results carrying the table’s ranges', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = random(seed + 1000)
      const sex = rnd() < 0.5 ? 0 : 1
      const results = Array.from({ length: Math.floor(rnd() * 20) }, () => {
        const r = randomResult(rnd)
        const ruled = RULED[Math.floor(rnd() * RULED.length)]
        // Mostly the table's range for the item, as the importer stores it; sometimes another.
        if (rnd() >= 0.8) return r
        // (range before verify: the importer's key order)
        const { range: _, verify, ...rest } = r
        const range = ruled.ranges[rnd() < 0.9 ? sex : 1 - sex]
        return {
          ...rest,
          item: ruled.item,
          ...(range ? { range } : {}),
          ...(verify ? { verify } : {}),
        }
      })
      const text = storedResultsText(results, TABLE.version)
      expect(text.startsWith(COMPACT_RESULTS), `seed ${seed}`).toBe(true)
      expect(resultsJson(text, TABLE.version), `seed ${seed}`).toBe(JSON.stringify(results))
      const bytes = (t: string) => new TextEncoder().encode(t).length
      expect(bytes(text)).toBeLessThanOrEqual(bytes(storedResultsText(results)))
    }
  })

  it('a published grading table never changes (rows rely on its ranges): add a version instead', () => {
    // Grade A's ranges per item and sex of each published table, as compact rows read them. A table
    // changed in place would change what its rows answer: make a new version (core/grading-tables.ts).
    const published: Record<string, string> = {
      'ningen-dock-2026-04-01': FINGERPRINT,
    }
    for (const table of GRADING_TABLES) {
      if (!(table.version in published)) continue
      const ranges = Object.keys(table.rules)
        .sort()
        .map(
          (item) => `${item}:${gradeRange(item, 'A', 1, table)}|${gradeRange(item, 'A', 2, table)}`,
        )
        .join('\n')
      expect(ranges, table.version).toBe(published[table.version])
    }
  })
})

describe('the stored form of grade counts', () => {
  it('is A/B/C/D and answers the JSON of before; a JSON row reads as it is', () => {
    const counts = { A: 9, B: 3, C: 5, D: 1 }
    expect(storedGradesText(counts)).toBe('9/3/5/1')
    expect(gradesJson('9/3/5/1')).toBe(JSON.stringify(counts))
    expect(gradesJson('0/0/0/0')).toBe('{"A":0,"B":0,"C":0,"D":0}')
    expect(gradesJson('{"A":0,"B":0,"C":0,"D":0}')).toBe('{"A":0,"B":0,"C":0,"D":0}')
    expect(gradesJson('120/0/3/1000')).toBe('{"A":120,"B":0,"C":3,"D":1000}')
  })
})

/** ningen-dock-2026-04-01's grade A ranges (item:male|female), as published. */
const FINGERPRINT = [
  'alt:≤30|≤30',
  'ast:≤30|≤30',
  'bmi:18.5–24.9|18.5–24.9',
  'dbp:≤84|≤84',
  'egfr:≥60.0|≥60.0',
  'ggt:≤50|≤50',
  'glucoseFasting:70–99|70–99',
  'hb:13.1–16.3|12.1–14.5',
  'hba1c:≤5.5|≤5.5',
  'hdl:≥40|≥40',
  'ldl:60–119|60–119',
  'sbp:≤129|≤129',
  'tgFasting:30–149|30–149',
  'urineGlucose:−|−',
  'urineProtein:−|−',
  'waist:≤84.9|≤89.9',
].join('\n')
