import { describe, expect, it } from 'vitest'
import { BUSY_TRIES, retryWhileBusy } from './busy-retry'

const busy = () =>
  new Response('{"error":{"code":"insurer_busy","message":"…"}}', {
    status: 503,
    headers: { 'Retry-After': '1' },
  })

describe('the PWA waits out a held insurer (503 + Retry-After)', () => {
  it('sends again after the wait asked, until the answer is another', async () => {
    const waits: number[] = []
    let sent = 0
    const res = await retryWhileBusy(
      async () => (++sent < 3 ? busy() : new Response('{}', { status: 200 })),
      async (ms) => void waits.push(ms),
    )
    expect(res.status).toBe(200)
    expect(sent).toBe(3)
    expect(waits).toEqual([1000, 1000])
  })

  it('gives the 503 to the screen after a few tries, and never retries a 503 without Retry-After', async () => {
    let sent = 0
    const res = await retryWhileBusy(
      async () => (sent++, busy()),
      async () => {},
    )
    expect(res.status).toBe(503)
    expect(sent).toBe(BUSY_TRIES)
    let plain = 0
    const other = await retryWhileBusy(
      async () => (plain++, new Response('', { status: 503 })),
      async () => {},
    )
    expect(other.status).toBe(503)
    expect(plain).toBe(1)
  })
})
