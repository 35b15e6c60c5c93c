import { describe, expect, it } from 'vitest'
import { TURNSTILE_TEST_KEYS } from '../config'
import { harness, json, login, signUpAndVerify, uniqueEmail } from '../test/harness'

describe('the captcha level the next submit needs (/api/captcha)', () => {
  it('answers level 1 with the invisible widget’s site key for an address with no failures', async () => {
    const h = await harness()
    const res = await h.post('/api/captcha', { action: 'login', email: uniqueEmail() })
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual({
      level: 1,
      siteKey: TURNSTILE_TEST_KEYS.siteKeyInvisiblePass,
    })
  })

  it('answers level 2 with the interactive site key after 3 failed log-ins of the address', async () => {
    const h = await harness()
    const email = uniqueEmail()
    for (let i = 0; i < 3; i++) await login(h, email, 'wrong-password-x')
    expect(await json(await h.post('/api/captcha', { action: 'login', email }))).toEqual({
      level: 2,
      siteKey: TURNSTILE_TEST_KEYS.siteKeyInteractive,
    })
  })

  it('refuses an action it does not know with a message by the field', async () => {
    const h = await harness()
    const res = await h.post('/api/captcha', { action: 'delete-account' })
    expect(res.status).toBe(400)
    const body = await json(res)
    expect(body.error.code).toBe('validation')
    expect(body.error.fields.action).toBeTruthy()
  })

  it('answers a registered and an unknown address alike', async () => {
    const h = await harness()
    const { email } = await signUpAndVerify(h)
    const known = await h.post('/api/captcha', { action: 'login', email })
    const unknown = await h.post('/api/captcha', { action: 'login', email: uniqueEmail('nobody') })
    expect(known.status).toBe(unknown.status)
    expect(await json(known)).toEqual(await json(unknown))
  })
})
