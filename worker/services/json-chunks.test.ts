import { describe, expect, it } from 'vitest'
import { jsonChunks, MAX_CHUNK_BYTES } from './json-chunks'

const bytes = (text: string) => new TextEncoder().encode(text).length

describe('jsonChunks', () => {
  it('splits items into JSON arrays under the limit, in order, losing none', () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({
      i,
      name: `東京都${'ア'.repeat(i % 50)}`,
      n: null,
    }))
    const chunks = jsonChunks(items, 10_000)
    expect(chunks.length).toBeGreaterThan(5)
    for (const chunk of chunks) expect(bytes(chunk)).toBeLessThanOrEqual(10_000)
    expect(chunks.flatMap((chunk) => JSON.parse(chunk))).toEqual(items)
  })

  it('measures UTF-8 bytes, not characters: kana take three bytes each', () => {
    // 30 items of 100 kana: 102 characters but 302 bytes of JSON each; 3 fit in 1,000 bytes, not 9.
    const chunks = jsonChunks(
      Array.from({ length: 30 }, () => 'ア'.repeat(100)),
      1000,
    )
    expect(chunks.map((chunk) => JSON.parse(chunk).length)).toEqual(Array(10).fill(3))
    for (const chunk of chunks) expect(bytes(chunk)).toBeLessThanOrEqual(1000)
  })

  it('fills a chunk to exactly the limit', () => {
    // `["aaaa"]` is 8 bytes; `["aaaa","aaaa"]` 15.
    expect(jsonChunks(['aaaa', 'aaaa', 'aaaa'], 15)).toEqual(['["aaaa","aaaa"]', '["aaaa"]'])
    expect(jsonChunks(['aaaa', 'aaaa', 'aaaa'], 14)).toEqual(['["aaaa"]', '["aaaa"]', '["aaaa"]'])
    expect(jsonChunks(['aaaa'], 8)).toEqual(['["aaaa"]'])
    expect(() => jsonChunks(['aaaa'], 7)).toThrow(RangeError)
  })

  it('gives no chunk for no items, and one for a small batch', () => {
    expect(jsonChunks([])).toEqual([])
    expect(jsonChunks([{ k: 'D0001' }])).toEqual(['[{"k":"D0001"}]'])
  })

  it('keeps every chunk under D1’s 2,000,000 bytes by default', () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({ k: i, address: '東'.repeat(400) }))
    const chunks = jsonChunks(items)
    expect(chunks.length).toBeGreaterThanOrEqual(2)
    for (const chunk of chunks) expect(bytes(chunk)).toBeLessThanOrEqual(MAX_CHUNK_BYTES)
    expect(MAX_CHUNK_BYTES).toBeLessThan(2_000_000)
  })

  it('throws for an item no chunk can hold, naming its size but not its content', () => {
    const secret = '秘'.repeat(1000)
    expect(() => jsonChunks([{ a: 1 }, secret], 2000)).toThrow(RangeError)
    expect(() => jsonChunks([secret], 2000)).toThrow(
      /^a JSON item of 3002 bytes exceeds a chunk's 2000$/,
    )
  })
})
