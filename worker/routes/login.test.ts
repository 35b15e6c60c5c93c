import { describe, expect, it } from 'vitest'
import { addressLocks, riskEvents } from '../../db/schema'
import { TURNSTILE_TEST_KEYS } from '../config'
import {
  captcha,
  DEMO_ACCOUNT,
  harness,
  json,
  login,
  makeHarness,
  PASSWORD,
  seedDemo,
  sessionCookie,
  signUpAndVerify,
  signupBody,
  testDb,
  testDbKind,
  uniqueEmail,
} from '../test/harness'

describe('log-in (ログイン)', () => {
  it('answers an unknown address and a wrong password alike', async () => {
    const h = await harness()
    const { email } = await signUpAndVerify(h)
    const wrong = await login(h, email, 'not-the-password-9')
    const unknown = await login(h, uniqueEmail('nobody'), 'not-the-password-9')
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(await json(wrong)).toEqual(await json(unknown))
  })

  it('starts a new session at every log-in and ends the one it replaces', async () => {
    const h = await harness()
    const { email, cookie: first } = await signUpAndVerify(h)
    const res = await h.post(
      '/api/login',
      { email, password: PASSWORD, captchaToken: captcha('login') },
      { cookie: first },
    )
    expect(res.status).toBe(200)
    const second = sessionCookie(res)
    expect(second).not.toBe(first)
    expect((await h.get('/api/me', { cookie: first })).status).toBe(401)
    expect((await h.get('/api/me', { cookie: second })).status).toBe(200)
  })

  it('logs in the seeded demo account', async () => {
    const h = await harness()
    await seedDemo(h.deps)
    await seedDemo(h.deps)
    expect((await login(h, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password)).status).toBe(200)
  })
})

describe('captcha levels (docs/security.md)', () => {
  it('refuses a log-in without a captcha token at level 1', async () => {
    const h = await harness()
    const res = await h.post('/api/login', { email: uniqueEmail(), password: PASSWORD })
    expect(res.status).toBe(403)
    expect((await json(res)).error.captcha).toEqual({
      level: 1,
      siteKey: TURNSTILE_TEST_KEYS.siteKeyInvisiblePass,
    })
  })

  it('refuses a token siteverify rejects, and fails closed when siteverify is unreachable', async () => {
    const rejected = await harness({
      TURNSTILE_SECRET: TURNSTILE_TEST_KEYS.secretFail,
      TURNSTILE_VERIFY_URL: 'http://localhost:8787/dev/turnstile/siteverify',
    })
    expect((await login(rejected, uniqueEmail(), PASSWORD)).status).toBe(403)
    const spent = await harness({
      TURNSTILE_SECRET: TURNSTILE_TEST_KEYS.secretSpent,
      TURNSTILE_VERIFY_URL: 'http://localhost:8787/dev/turnstile/siteverify',
    })
    expect((await login(spent, uniqueEmail(), PASSWORD)).status).toBe(403)
    const down = makeHarness(await testDb(), {
      fetch: async () => {
        throw new TypeError('network down')
      },
    })
    const res = await login(down, uniqueEmail(), PASSWORD)
    expect(res.status).toBe(503)
    expect((await json(res)).error.code).toBe('service_unavailable')
  })

  it('rises to the interactive captcha and a 2-second delay after 3 failures, for known and unknown addresses alike', async () => {
    for (const known of [true, false]) {
      const h = await harness()
      const email = known ? (await signUpAndVerify(h)).email : uniqueEmail('ghost')
      let last: { error: { captcha: { level: number; siteKey: string } } } | undefined
      for (let i = 0; i < 3; i++) last = await json(await login(h, email, 'wrong-password-x'))
      expect(last!.error.captcha).toEqual({
        level: 2,
        siteKey: TURNSTILE_TEST_KEYS.siteKeyInteractive,
      })
      expect(h.slept).toEqual([])
      await login(h, email, 'wrong-password-x')
      expect(h.slept).toEqual([2000])
    }
  })

  it('at level 2 wants a token from the interactive widget', async () => {
    // The interactive secret answers "fail" here, standing for a token made by the managed widget.
    const h = await harness({
      TURNSTILE_SECRET_INTERACTIVE: TURNSTILE_TEST_KEYS.secretFail,
      TURNSTILE_SECRET: TURNSTILE_TEST_KEYS.secretPass,
      TURNSTILE_VERIFY_URL: 'http://localhost:8787/dev/turnstile/siteverify',
    })
    const email = uniqueEmail()
    for (let i = 0; i < 3; i++) expect((await login(h, email, 'wrong-password-x')).status).toBe(401)
    const res = await login(h, email, 'wrong-password-x')
    expect(res.status).toBe(403)
    expect((await json(res)).error.code).toBe('captcha_required')
  })

  it('locks an unknown address the same way, without mailing anyone', async () => {
    const h = await harness()
    const email = uniqueEmail('ghost')
    for (let i = 0; i < 10; i++) await login(h, email, 'wrong-password-x')
    expect((await login(h, email, PASSWORD)).status).toBe(429)
    expect(h.mails).toHaveLength(0)
    h.advance(15 * 60_000 + 1)
    expect((await login(h, email, PASSWORD)).status).toBe(401)
  })
})

describe('Turnstile', () => {
  it("refuses a token made for another form's action", async () => {
    const h = makeHarness(await testDb())
    const res = await h.post('/api/login', {
      email: uniqueEmail(),
      password: 'wrong-password-x',
      captchaToken: captcha('signup'),
    })
    expect(res.status).toBe(403)
    expect((await json(res)).error.code).toBe('captcha_required')
    const bare = await h.post('/api/login', {
      email: uniqueEmail(),
      password: 'wrong-password-x',
      captchaToken: 'XXXX.DUMMY.TOKEN.XXXX',
    })
    expect((await json(bare)).error.code).toBe('captcha_required')
  })
})

// Timing only means something in workerd (the runtime production runs): skipped on libSQL in Node.
describe.skipIf(testDbKind() !== 'd1')('enumeration by timing (workerd, D1)', () => {
  it('costs the same for a known and an unknown address: medians within 10%', async () => {
    const h = makeHarness(await testDb())
    const email = uniqueEmail()
    await h.post('/api/signup', signupBody(email))
    const token = /token=([\w-]+)/.exec(h.lastMailTo(email)!.text)![1]
    await h.post('/api/signup/verify', { token })
    const time = async (address: string) => {
      // Every request is a first failure: no level 2, no lock (the lock would answer without a hash).
      await h.deps.db.delete(riskEvents)
      await h.deps.db.delete(addressLocks)
      const t = performance.now()
      await h.post('/api/login', {
        email: address,
        password: 'wrong-password-x',
        captchaToken: captcha('login'),
      })
      return performance.now() - t
    }
    const known: number[] = []
    const unknown: number[] = []
    // Warm the isolate up on both paths, then interleave the two kinds so that load on the machine
    // hits both.
    for (let i = 0; i < 3; i++) {
      await time(uniqueEmail('warm'))
      await time(email)
    }
    for (let i = 0; i < 20; i++) {
      known.push(await time(email))
      unknown.push(await time(uniqueEmail('nobody')))
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    const [k, u] = [median(known), median(unknown)]
    expect(Math.abs(k - u) / Math.max(k, u)).toBeLessThan(0.1)
  })
})
