import { describe, expect, it } from 'vitest'
import { createStaffWithToken } from '../services/staff'
import { DEMO_INSURER, harness, seedDemo } from '../test/harness'
import { OPS_MAX_BODY_BYTES } from './staff'

const ROSTER = `http://localhost:8787/api/ops/insurers/${DEMO_INSURER.number}/roster/batches`

/** A body of `size` bytes that records whether anyone read it (nothing is pulled until read). */
function watchedBody(size: number) {
  const seen = { read: false }
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.read = true
        controller.enqueue(new Uint8Array(size).fill(0x20))
        controller.close()
      },
    },
    { highWaterMark: 0 },
  )
  return { body, seen }
}

describe('the operator API checks the token before the body', () => {
  it('refuses an anonymous request over the body limit with 401, from its header alone, its body unread', async () => {
    const h = await harness()
    const headers = {
      'Content-Type': 'application/json',
      'CF-Connecting-IP': h.ip,
      'Content-Length': String(OPS_MAX_BODY_BYTES + 1),
    }
    for (const authorization of [{}, { Authorization: 'Bearer not-a-staff-token-at-all' }]) {
      const { body, seen } = watchedBody(OPS_MAX_BODY_BYTES + 1)
      const res = await h.app.request(ROSTER, {
        method: 'POST',
        headers: { ...headers, ...authorization },
        body,
        duplex: 'half',
      } as RequestInit)
      expect(res.status).toBe(401)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated')
      expect(seen.read).toBe(false)
    }
  })

  it('refuses an operator’s body over 8 MiB with 413', async () => {
    const h = await harness()
    await seedDemo(h.deps)
    const { token } = await createStaffWithToken(h.deps, {
      name: '担当者',
      role: 'operator',
      insurerId: DEMO_INSURER.id,
      label: 'test',
    })
    const { body } = watchedBody(OPS_MAX_BODY_BYTES + 1)
    const res = await h.app.request(ROSTER, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'CF-Connecting-IP': h.ip,
      },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
  })
})
