import { describe, expect, it } from 'vitest'
import { harness, signUpAndVerify } from '../test/harness'

describe('log-out (ログアウト)', () => {
  it('logs out: the session ends and the browser is told to clear its storage', async () => {
    const h = await harness()
    const { cookie } = await signUpAndVerify(h)
    const res = await h.post('/api/logout', {}, { cookie })
    expect(res.status).toBe(204)
    expect(res.headers.get('Clear-Site-Data')).toBe('"storage"')
    expect(res.headers.get('Set-Cookie')).toMatch(/__Host-session=;/)
    expect((await h.get('/api/me', { cookie })).status).toBe(401)
  })

  it('answers 204 and clears the cookie without a session too', async () => {
    const h = await harness()
    const res = await h.post('/api/logout', {})
    expect(res.status).toBe(204)
    expect(res.headers.get('Set-Cookie')).toMatch(/__Host-session=;/)
  })

  it('refuses a log-out sent from another site, and the session lives on', async () => {
    const h = await harness()
    const { cookie } = await signUpAndVerify(h)
    const res = await h.post(
      '/api/logout',
      {},
      { cookie, headers: { Origin: 'https://evil.example' } },
    )
    expect(res.status).toBe(403)
    expect((await h.get('/api/me', { cookie })).status).toBe(200)
  })
})
