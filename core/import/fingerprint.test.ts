import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { fileFingerprint, FINGERPRINT_BYTES } from './fingerprint.ts'
import { bytesSource } from './source.ts'

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

describe('fileFingerprint', () => {
  it('hashes the first and the last MiB, however the file is cut', async () => {
    const bytes = new Uint8Array(FINGERPRINT_BYTES * 2 + 12345).map((_, i) => (i * 31) % 251)
    const expected = `${sha(bytes.subarray(0, FINGERPRINT_BYTES))}:${sha(bytes.subarray(bytes.length - FINGERPRINT_BYTES))}`
    for (const chunk of [7, 65536, 1 << 22])
      expect(await fileFingerprint(bytesSource('x.csv', bytes, chunk))).toBe(expected)
    // one byte changed in the middle is not seen (by design); at either end it is
    const end = bytes.slice()
    end[end.length - 1] ^= 1
    expect(await fileFingerprint(bytesSource('x.csv', end))).not.toBe(expected)
  })

  it('takes a small file whole, twice, and an empty one', async () => {
    const small = new TextEncoder().encode('person_key\nA\n')
    expect(await fileFingerprint(bytesSource('s.csv', small))).toBe(`${sha(small)}:${sha(small)}`)
    const empty = sha(new Uint8Array(0))
    expect(await fileFingerprint(bytesSource('e.csv', new Uint8Array(0)))).toBe(`${empty}:${empty}`)
  })
})
