import { describe, expect, it } from 'vitest'
import { shardSlice } from './shard-jobs'

describe('shardSlice', () => {
  it('takes every database when there are no more than a page', () => {
    expect(shardSlice(['a', 'b'], 123, 60_000)).toEqual(['a', 'b'])
  })

  it('visits each of 1,380 databases exactly once over 14 periods, 100 at most per call', () => {
    const names = Array.from({ length: 1380 }, (_, i) => `db${i}`)
    const seen: string[] = []
    for (let slot = 0; slot < 14; slot++) {
      const page = shardSlice(names, slot * 60_000 + 5, 60_000, 100)
      expect(page.length).toBeLessThanOrEqual(100)
      seen.push(...page)
    }
    expect(seen.sort()).toEqual([...names].sort())
  })
})
