import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { openD1 } from '../../db/open'
import { DEMO_INSURER, seedDemo } from '../dev/seed'
import { createStaffWithToken } from '../services/staff'
import { makeHarness } from '../test/harness'
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

describe('the operator API checks the token before the body (workerd, D1)', () => {
  it('refuses an anonymous request over the body limit with 401, from its header alone, its body unread', async () => {
    const h = makeHarness(openD1((env as unknown as { DB: D1Database }).DB))
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
    const h = makeHarness(openD1((env as unknown as { DB: D1Database }).DB))
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
