import { describe, expect, it } from 'vitest'
import { captcha, harness, json, linkFrom, login, PASSWORD, signUpAndVerify } from '../test/harness'

describe('captcha levels (docs/security.md)', () => {
  it('locks the address at 10 failures, mails its owner an unlock link, and the link lifts the lock', async () => {
    const h = await harness()
    const { email } = await signUpAndVerify(h)
    for (let i = 0; i < 10; i++) await login(h, email, 'wrong-password-x')
    const locked = await login(h, email, PASSWORD)
    expect(locked.status).toBe(429)
    expect((await json(locked)).error.code).toBe('too_many_attempts')
    const mail = h.lastMailTo(email)!
    expect(mail.subject).toContain('ログインを一時的に停止')
    expect((await h.post('/api/unlock', { token: linkFrom(mail, '/unlock') })).status).toBe(200)
    expect((await login(h, email, PASSWORD)).status).toBe(200)
  })
})

describe('the unlock link (/api/unlock)', () => {
  async function lockedOut() {
    const h = await harness()
    const { email } = await signUpAndVerify(h)
    for (let i = 0; i < 10; i++) await login(h, email, 'wrong-password-x')
    return { h, email, token: linkFrom(h.lastMailTo(email)!, '/unlock') }
  }

  it('works once: a used link answers 410 link_expired', async () => {
    const { h, token } = await lockedOut()
    expect((await h.post('/api/unlock', { token })).status).toBe(200)
    const again = await h.post('/api/unlock', { token })
    expect(again.status).toBe(410)
    expect((await json(again)).error.code).toBe('link_expired')
  })

  it('refuses a made-up token, and a link of another kind, leaving the address locked', async () => {
    const { h, email } = await lockedOut()
    const { email: other } = await signUpAndVerify(h)
    await h.post('/api/password/forgot', { email: other, captchaToken: captcha('reset') })
    const reset = linkFrom(h.lastMailTo(other)!, '/password/reset')
    for (const token of ['A'.repeat(43), reset])
      expect((await h.post('/api/unlock', { token })).status).toBe(410)
    expect((await login(h, email, PASSWORD)).status).toBe(429)
  })
})
