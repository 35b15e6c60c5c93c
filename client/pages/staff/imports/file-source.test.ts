import { describe, expect, it } from 'vitest'
import { ImportError } from '../../../../core/import/errors.ts'
import { fileSource, PIECE } from './file-source.ts'

const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 256)

async function all(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const out: Uint8Array[] = []
  for await (const c of chunks) out.push(c)
  return new Uint8Array(Buffer.concat(out))
}

describe('fileSource (a browser File)', () => {
  it('gives its name, size and head, and its content from any offset', async () => {
    const source = fileSource(new File([bytes], 'roster.csv'))
    expect([source.name, source.size]).toEqual(['roster.csv', bytes.length])
    expect([...(await source.head(5))]).toEqual([...bytes.subarray(0, 5)])
    expect((await source.head(1_000_000)).length).toBe(bytes.length)
    expect(await all(source.chunks())).toEqual(bytes)
    expect(await all(source.chunks(299_990))).toEqual(bytes.subarray(299_990))
  })

  it('hands the content on in pieces no larger than PIECE (the bytes read follow the rows parsed)', async () => {
    const sizes: number[] = []
    for await (const c of fileSource(new File([bytes], 'roster.csv')).chunks()) sizes.push(c.length)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PIECE)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(bytes.length)
  })

  it('a file that cannot be read is the importers’ file_unreadable', async () => {
    const broken = {
      size: 10,
      slice: () => ({
        arrayBuffer: () =>
          Promise.reject(Object.assign(new Error('gone'), { name: 'NotReadableError' })),
        stream: () =>
          new ReadableStream({
            pull: (c) => c.error(Object.assign(new Error('gone'), { name: 'NotReadableError' })),
          }),
      }),
    } as unknown as Blob
    const source = fileSource(broken, 'gone.csv')
    await expect(source.head(5)).rejects.toMatchObject({
      key: 'file_unreadable',
      params: { file: 'gone.csv', reason: 'NotReadableError' },
    })
    await expect(all(source.chunks())).rejects.toBeInstanceOf(ImportError)
  })
})
