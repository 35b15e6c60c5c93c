import { describe, expect, it } from 'vitest'
import { devOutbox } from '../../db/schema'
import { TURNSTILE_TEST_KEYS } from '../config'
import { captcha, harness, json, PRODUCTION_ENV } from '../test/harness'

const siteverify = async (secret: string, response: string) =>
  json(await (await harness()).post('/dev/turnstile/siteverify', { secret, response }))

describe('the development routes (/dev/…)', () => {
  it('the Turnstile stand-in passes a token with the pass secret and echoes its action', async () => {
    expect(await siteverify(TURNSTILE_TEST_KEYS.secretPass, captcha('login'))).toMatchObject({
      success: true,
      'error-codes': [],
      action: 'login',
    })
  })

  it('the Turnstile stand-in fails a missing token, and the fail and spent secrets, as Turnstile does', async () => {
    expect(await siteverify(TURNSTILE_TEST_KEYS.secretPass, '')).toMatchObject({
      success: false,
      'error-codes': ['missing-input-response'],
    })
    expect(await siteverify(TURNSTILE_TEST_KEYS.secretFail, captcha('login'))).toMatchObject({
      success: false,
      'error-codes': ['invalid-input-response'],
    })
    expect(await siteverify(TURNSTILE_TEST_KEYS.secretSpent, captcha('login'))).toMatchObject({
      success: false,
      'error-codes': ['timeout-or-duplicate'],
    })
  })

  it('the outbox lists the mail sent and escapes it in its page', async () => {
    const h = await harness()
    const to = `outbox-${Date.now()}@example.jp`
    await h.deps.db.insert(devOutbox).values({
      to,
      subject: '<script>alert(1)</script>',
      text: 'hello',
      html: '<p>hello</p>',
      sentAt: h.deps.now(),
    })
    const listed = (await json(await h.get('/dev/mail.json'))) as { to: string }[]
    expect(listed.some((m) => m.to === to)).toBe(true)
    const page = await (await h.get('/dev/mail')).text()
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page).not.toContain('<script>alert(1)')
  })

  it('exist only in development: production answers 404 to each', async () => {
    const h = await harness(PRODUCTION_ENV)
    for (const path of ['/dev/mail.json', '/dev/mail', '/dev/turnstile/api.js'])
      expect((await h.get(path)).status, path).toBe(404)
    for (const path of ['/dev/seed', '/dev/clock', '/dev/risk/reset', '/dev/turnstile/siteverify'])
      expect((await h.post(path, {})).status, path).toBe(404)
  })
})
