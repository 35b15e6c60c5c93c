import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { fileFingerprint } from '../../../../core/import/fingerprint'
import type { ByteSource } from '../../../../core/import/source'
import { fileIdentity, fingerprintOf, IDENTITY_SPAN } from './file-identity'

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe('a file’s identity', () => {
  it('hashes the first and the last MiB only, with the name, size and time', async () => {
    const bytes = new Uint8Array(3 * IDENTITY_SPAN + 17).map((_, i) => (i * 31) % 251)
    const file = new File([bytes], 'members.csv', { lastModified: 1_700_000_000_000 })
    const id = await fileIdentity(file)
    expect(id).toEqual({
      name: 'members.csv',
      size: bytes.length,
      lastModified: 1_700_000_000_000,
      headSha: sha(bytes.subarray(0, IDENTITY_SPAN)),
      tailSha: sha(bytes.subarray(bytes.length - IDENTITY_SPAN)),
    })
    expect(fingerprintOf(id).length).toBeLessThanOrEqual(200)
    // the command line's fingerprint of the same bytes (core/import/fingerprint.ts) is the same string
    const source: ByteSource = {
      name: 'members.csv',
      size: bytes.length,
      head: async (n) => bytes.slice(0, n),
      async *chunks(start = 0) {
        for (let at = start; at < bytes.length; at += 65_536) yield bytes.slice(at, at + 65_536)
      },
    }
    expect(fingerprintOf(id)).toBe(await fileFingerprint(source))

    // a change in the middle is not seen (documented); a change at either end is
    const middle = bytes.slice()
    middle[IDENTITY_SPAN + 5] ^= 1
    const same = await fileIdentity(
      new File([middle], 'members.csv', { lastModified: 1_700_000_000_000 }),
    )
    expect(same).toEqual(id)
    const end = bytes.slice()
    end[end.length - 1] ^= 1
    const other = await fileIdentity(
      new File([end], 'members.csv', { lastModified: 1_700_000_000_000 }),
    )
    expect(other.tailSha).not.toBe(id.tailSha)
  })

  it('hashes a small file whole at both ends', async () => {
    const bytes = new TextEncoder().encode('個人識別番号\n1\n')
    const id = await fileIdentity(new File([bytes], 'a.csv'))
    expect(id.headSha).toBe(sha(bytes))
    expect(id.tailSha).toBe(sha(bytes))
  })
})
