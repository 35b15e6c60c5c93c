import { describe, expect, it } from 'vitest'
import {
  APP,
  harness,
  json,
  login,
  PASSWORD,
  sessionCookie,
  signUpAndVerify,
} from '../test/harness'

describe('sessions, as /api/me sees them', () => {
  it('ends a browser session after 30 idle minutes and at 12 hours however active', async () => {
    const h = await harness()
    const { email } = await signUpAndVerify(h)
    const idle = sessionCookie(await login(h, email, PASSWORD))
    // The client learns the deadlines (its offline copy must not outlive them).
    expect((await json(await h.get('/api/me', { cookie: idle }))).session).toEqual({
      mode: 'browser',
      idleSeconds: 1800,
      expiresAt: new Date(h.deps.now() + 12 * 3_600_000).toISOString(),
    })
    h.advance(29 * 60_000)
    expect((await h.get('/api/me', { cookie: idle })).status).toBe(200)
    h.advance(29 * 60_000)
    expect((await h.get('/api/me', { cookie: idle })).status).toBe(200)
    h.advance(31 * 60_000)
    expect((await h.get('/api/me', { cookie: idle })).status).toBe(401)
    const busy = sessionCookie(await login(h, email, PASSWORD))
    for (let i = 0; i < 35; i++) {
      h.advance(20 * 60_000)
      expect((await h.get('/api/me', { cookie: busy })).status).toBe(200)
    }
    h.advance(20 * 60_000)
    expect((await h.get('/api/me', { cookie: busy })).status).toBe(401)
  })

  it('keeps an installed-app session through 29 idle days', async () => {
    const h = await harness()
    const { email } = await signUpAndVerify(h)
    const cookie = sessionCookie(await login(h, email, PASSWORD, APP))
    h.advance(29 * 86_400_000)
    expect((await h.get('/api/me', { cookie })).status).toBe(200)
    h.advance(31 * 86_400_000)
    expect((await h.get('/api/me', { cookie })).status).toBe(401)
  })

  it('answers the member and the session while it lives', async () => {
    const h = await harness()
    const { email, cookie } = await signUpAndVerify(h)
    const me = await json(await h.get('/api/me', { cookie }))
    expect(me.member.email).toBe(email)
    expect(me.session.mode).toBe('browser')
  })

  it('answers 401 unauthenticated without a session or with a made-up one', async () => {
    const h = await harness()
    for (const cookie of [
      undefined,
      '__Host-session=made-up',
      `__Host-session=${'x'.repeat(500)}`,
    ]) {
      const res = await h.get('/api/me', { cookie })
      expect(res.status).toBe(401)
      expect((await json(res)).error.code).toBe('unauthenticated')
    }
  })

  it('never answers with the password hash or the session token', async () => {
    const h = await harness()
    const { cookie } = await signUpAndVerify(h)
    const text = await (await h.get('/api/me', { cookie })).text()
    expect(text).not.toMatch(/scrypt|passwordHash|password/i)
    expect(text).not.toContain(cookie.split('=')[1])
  })
})
