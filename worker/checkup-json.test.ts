import { describe, expect, it } from 'vitest'
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
