import { describe, expect, it } from 'vitest'
import { concatBytes, rechunk, rechunkSource, zipEntryName, type ByteSource } from './source.ts'

async function* chunksOf(...parts: number[][]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield new Uint8Array(p)
}
async function collect(it: AsyncIterable<Uint8Array>): Promise<number[][]> {
  const out: number[][] = []
  for await (const c of it) out.push([...c])
  return out
}

describe('rechunk', () => {
  it('cuts any chunks into chunks of exactly n bytes, the last shorter, the bytes unchanged', async () => {
    expect(await collect(rechunk(chunksOf([1, 2, 3], [4], [5, 6, 7, 8, 9]), 2))).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [9],
    ])
    expect(await collect(rechunk(chunksOf([1, 2], [3]), 1))).toEqual([[1], [2], [3]])
    expect(await collect(rechunk(chunksOf([1, 2], [3]), 65536))).toEqual([[1, 2, 3]])
    expect(await collect(rechunk(chunksOf(), 7))).toEqual([])
  })

  it('keeps a source’s name, size and head', async () => {
    const source: ByteSource = {
      name: 'x.csv',
      size: 3,
      head: async (n) => new Uint8Array([1, 2, 3]).subarray(0, n),
      chunks: () => chunksOf([1, 2, 3]),
    }
    const cut = rechunkSource(source, 1)
    expect([cut.name, cut.size, [...(await cut.head(2))]]).toEqual(['x.csv', 3, [1, 2]])
    expect(await collect(cut.chunks())).toEqual([[1], [2], [3]])
  })
})

describe('concatBytes', () => {
  it('joins chunks, and stops at a given total', () => {
    expect([...concatBytes([new Uint8Array([1]), new Uint8Array([2, 3])])]).toEqual([1, 2, 3])
    expect([...concatBytes([new Uint8Array([1]), new Uint8Array([2, 3])], 2)]).toEqual([1, 2])
  })
})

describe('zipEntryName', () => {
  it('decodes UTF-8 when the flag is set, CP437 otherwise (as yauzl)', () => {
    const utf8 = new TextEncoder().encode('DATA/メモ.xml')
    expect(zipEntryName(utf8, true)).toBe('DATA/メモ.xml')
    expect(zipEntryName(new Uint8Array([0x44, 0x80, 0xe1, 0x5c, 0x01, 0x7f, 0xff]), false)).toBe(
      'DÇß\\☺⌂\u00a0',
    )
    expect(zipEntryName(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), true)).toBe('\uFEFFa')
  })
})
