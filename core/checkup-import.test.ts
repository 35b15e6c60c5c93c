import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { CheckupBatchBody, CheckupInput, MAX_CHECKUP_RESULTS_BYTES } from './checkup-import.ts'

const checkup = (results: unknown[]) => ({
  ref: 'a.xml',
  personKey: 'D0001',
  examDate: '2025-06-01',
  source: 'xml',
  results,
})
const texts = (n: number, text: string) =>
  Array.from({ length: n }, () => ({ code: '9N501000000000011', type: 'ST', text }))

describe('CheckupInput: the size of its results', () => {
  it('refuses results over 1,500,000 bytes of JSON (2,000 results of 2,000 characters: over 4 MB)', () => {
    const checked = v.safeParse(CheckupInput, checkup(texts(2000, 'x'.repeat(2000))))
    expect(checked.success).toBe(false)
    expect(checked.issues?.map((issue) => [v.getDotPath(issue), issue.message])).toEqual([
      ['results', 'checkup.results.too_large'],
    ])
  })

  it('counts UTF-8 bytes: 500 results of 1,000 kana (about 1.5 million bytes, half a million characters)', () => {
    const results = texts(500, 'ア'.repeat(1000))
    const size = new TextEncoder().encode(JSON.stringify(results)).length
    expect(JSON.stringify(results).length).toBeLessThan(MAX_CHECKUP_RESULTS_BYTES)
    expect(size).toBeGreaterThan(MAX_CHECKUP_RESULTS_BYTES)
    expect(v.safeParse(CheckupInput, checkup(results)).success).toBe(false)
  })

  it('takes results up to the limit', () => {
    // Each result's JSON is 63 bytes plus its text; 700 texts of 2,000 characters: about 1.44 MB.
    const results = texts(700, 'x'.repeat(2000))
    expect(new TextEncoder().encode(JSON.stringify(results)).length).toBeLessThanOrEqual(
      MAX_CHECKUP_RESULTS_BYTES,
    )
    expect(v.safeParse(CheckupInput, checkup(results)).success).toBe(true)
  })

  it('refuses the whole batch when one checkup is too large (the route validates the batch as one body)', () => {
    const batch = { checkups: [checkup(texts(1, '128')), checkup(texts(2000, 'x'.repeat(2000)))] }
    const checked = v.safeParse(CheckupBatchBody, batch)
    expect(checked.success).toBe(false)
    expect(checked.issues?.map((issue) => v.getDotPath(issue))).toEqual(['checkups.1.results'])
  })
})
