import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import type { Database } from '../../db/open'
import { accounts, auditLog, pendingSignups } from '../../db/schema'
import { DEMO_ACCOUNT, seedDemo } from '../dev/seed'
import { TURNSTILE_TEST_KEYS } from '../config'
import {
  APP,
  codeFrom,
  linkFrom,
  makeHarness,
  sessionCookie,
  captcha,
  uniqueEmail,
  type Harness,
} from './harness'

const PASSWORD = 'mugi-cha-natsu-88'
const signupBody = (email: string, extra: Record<string, unknown> = {}) => ({
  email,
  emailConfirm: email,
  password: PASSWORD,
  agreeTerms: true,
  captchaToken: captcha('signup'),
  ...extra,
})
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json()

async function signUpAndVerify(h: Harness, email = uniqueEmail()) {
  expect((await h.post('/api/signup', signupBody(email))).status).toBe(202)
  const res = await h.post('/api/signup/verify', {
    token: linkFrom(h.lastMailTo(email)!, '/verify'),
  })
  expect(res.status).toBe(200)
  return { email, cookie: sessionCookie(res) }
}

const login = (h: Harness, email: string, password: string, headers?: Record<string, string>) =>
  h.post('/api/login', { email, password, captchaToken: captcha('login') }, { headers })

/**
 * The member-account journeys through the whole app on one database driver. Run on D1 in workerd
 * (account.test.ts) and on libSQL in Node (account.libsql.test.ts): the same assertions on both.
 */
export function accountSuite(openDb: () => Promise<Database>) {
  const harness = async (env?: Record<string, string>) => makeHarness(await openDb(), {}, env)

  describe('sign-up (メールアドレス登録 → 仮登録メール → 本登録)', () => {
    it('sends the provisional mail with a 1-hour link from a browser and verifies into a session', async () => {
      const h = await harness()
      const email = uniqueEmail()
      const res = await h.post('/api/signup', signupBody(email))
      expect(res.status).toBe(202)
      expect(await json(res)).toEqual({ sent: true, linkMinutes: 60 })
      const mail = h.lastMailTo(email)!
      expect(mail.subject).toBe(
        '【Kenshin Portal】仮登録ありがとうございます(※まだ本登録は完了していません)',
      )
      expect(mail.text).toContain('有効期間は1時間')
      const verified = await h.post('/api/signup/verify', { token: linkFrom(mail, '/verify') })
      expect(verified.status).toBe(200)
      const cookie = sessionCookie(verified)
      expect(verified.headers.get('Set-Cookie')).toMatch(/HttpOnly/)
      expect(verified.headers.get('Set-Cookie')).toMatch(/Secure/)
      expect(verified.headers.get('Set-Cookie')).toMatch(/SameSite=Lax/)
      const me = await h.get('/api/me', { cookie })
      expect(me.status).toBe(200)
      expect((await json(me)).member.email).toBe(email)
      const rows = await h.deps.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'account.created'))
      expect(rows.some((r) => r.ip === h.ip)).toBe(true)
    })

    it('keeps the address as typed but matches it without regard to case', async () => {
      const h = await harness()
      const email = uniqueEmail('Case.Mixed')
      await signUpAndVerify(h, email)
      expect((await login(h, email.toUpperCase(), PASSWORD)).status).toBe(200)
      const [row] = await h.deps.db.select().from(accounts).where(eq(accounts.email, email))
      expect(row.emailKey).toBe(email.toLowerCase())
    })

    it('gives the installed app a 24-hour link and a 6-digit code', async () => {
      const h = await harness()
      const email = uniqueEmail()
      const res = await h.post('/api/signup', signupBody(email), { headers: APP })
      expect(await json(res)).toEqual({ sent: true, linkMinutes: 1440 })
      const mail = h.lastMailTo(email)!
      expect(mail.text).toContain('有効期間は24時間')
      const ok = await h.post(
        '/api/signup/verify-code',
        { email, code: codeFrom(mail) },
        { headers: APP },
      )
      expect(ok.status).toBe(200)
      expect(sessionCookie(ok)).not.toBe('')
    })

    it('lets an app link live 24 hours and a browser link 1 hour', async () => {
      const h = await harness()
      const appEmail = uniqueEmail()
      const webEmail = uniqueEmail()
      await h.post('/api/signup', signupBody(appEmail), { headers: APP })
      await h.post('/api/signup', signupBody(webEmail))
      h.advance(61 * 60_000)
      const web = await h.post('/api/signup/verify', {
        token: linkFrom(h.lastMailTo(webEmail)!, '/verify'),
      })
      expect(web.status).toBe(410)
      expect((await json(web)).error.code).toBe('link_expired')
      h.advance(22 * 3_600_000)
      // The second sign-up in this browser replaced its binding: the first one's link wants its password.
      const app = await h.post('/api/signup/verify', {
        token: linkFrom(h.lastMailTo(appEmail)!, '/verify'),
        password: PASSWORD,
      })
      expect(app.status).toBe(200)
    })

    it('kills every earlier link and code when the mail is re-sent', async () => {
      const h = await harness()
      const email = uniqueEmail()
      await h.post('/api/signup', signupBody(email), { headers: APP })
      const first = h.lastMailTo(email)!
      const resent = await h.post(
        '/api/signup/resend',
        { email, captchaToken: captcha('resend') },
        { headers: APP },
      )
      expect(resent.status).toBe(202)
      const second = h.lastMailTo(email)!
      expect(second).not.toBe(first)
      expect(
        (await h.post('/api/signup/verify', { token: linkFrom(first, '/verify') })).status,
      ).toBe(410)
      expect(
        (await h.post('/api/signup/verify-code', { email, code: codeFrom(first) })).status,
      ).not.toBe(200)
      expect(
        (await h.post('/api/signup/verify', { token: linkFrom(second, '/verify') })).status,
      ).toBe(200)
    })

    it('answers a registered address exactly as a new one and mails its owner instead', async () => {
      const h = await harness()
      const { email } = await signUpAndVerify(h)
      const before = h.mails.length
      const again = await h.post('/api/signup', signupBody(email.toUpperCase()))
      const fresh = await h.post('/api/signup', signupBody(uniqueEmail()))
      expect(again.status).toBe(fresh.status)
      expect(await json(again)).toEqual(await json(fresh))
      const owner = h.mails.slice(before).find((m) => m.to === email)!
      expect(owner.subject).toContain('すでに登録されています')
      // The same writes as for a new address, but its pending row is a stand-in no code completes.
      const pending = await h.deps.db
        .select()
        .from(pendingSignups)
        .where(eq(pendingSignups.emailKey, email.toLowerCase()))
      const live = pending.filter((p) => p.usedAt === null && p.revokedAt === null)
      expect(live).toHaveLength(1)
      expect(live[0].codeHash).toBe('stand-in')
    })

    it('locks the code after 5 wrong tries, even for the right code', async () => {
      const h = await harness()
      const email = uniqueEmail()
      await h.post('/api/signup', signupBody(email), { headers: APP })
      const code = codeFrom(h.lastMailTo(email)!)
      const wrong = code === '000000' ? '111111' : '000000'
      const codes: string[] = []
      for (let i = 0; i < 5; i++)
        codes.push(
          (await json(await h.post('/api/signup/verify-code', { email, code: wrong }))).error.code,
        )
      expect(codes).toEqual([
        'invalid_code',
        'invalid_code',
        'invalid_code',
        'invalid_code',
        'code_expired',
      ])
      const right = await h.post('/api/signup/verify-code', { email, code })
      expect(right.status).toBe(410)
    })

    it('expires the code after 10 minutes', async () => {
      const h = await harness()
      const email = uniqueEmail()
      await h.post('/api/signup', signupBody(email), { headers: APP })
      h.advance(10 * 60_000 + 1)
      expect(
        (await h.post('/api/signup/verify-code', { email, code: codeFrom(h.lastMailTo(email)!) }))
          .status,
      ).toBe(410)
    })

    it('uses a link once when two requests race for it', async () => {
      const h = await harness()
      const email = uniqueEmail()
      await h.post('/api/signup', signupBody(email))
      const token = linkFrom(h.lastMailTo(email)!, '/verify')
      const results = await Promise.all([
        h.post('/api/signup/verify', { token }),
        h.post('/api/signup/verify', { token }),
      ])
      expect(results.map((r) => r.status).sort()).toEqual([200, 410])
      expect(
        await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email.toLowerCase())),
      ).toHaveLength(1)
    })

    it.each([
      ['full-width characters', { email: 'ｔａｒｏ@example.jp' }, 'email', '全角'],
      ['a full-width ＠', { email: 'taro＠example.jp' }, 'email', '＠'],
      ['a stray space', { email: 'taro@example.jp ' }, 'email', '空白'],
      [
        'a confirmation that differs',
        { emailConfirm: 'other@example.jp' },
        'emailConfirm',
        '一致しません',
      ],
      ['a short password', { password: 'a1b2c3' }, 'password', '8文字以上'],
      ['a common password', { password: 'password1' }, 'password', 'よく使われている'],
      ['terms not accepted', { agreeTerms: false }, 'agreeTerms', ''],
    ])(
      'refuses %s with a message by the field and stores nothing',
      async (_name, change, field, words) => {
        const h = await harness()
        const email = uniqueEmail()
        const res = await h.post('/api/signup', { ...signupBody(email), ...change })
        expect(res.status).toBe(400)
        const body = await json(res)
        expect(body.error.code).toBe('validation')
        expect(body.error.fields[field]).toContain(words)
        expect(h.mails).toHaveLength(0)
        expect(
          await h.deps.db.select().from(pendingSignups).where(eq(pendingSignups.emailKey, email)),
        ).toHaveLength(0)
      },
    )

    it('answers in English when the member reads English', async () => {
      const h = await harness()
      const res = await h.post(
        '/api/signup',
        { ...signupBody(uniqueEmail()), email: 'taro＠example.jp' },
        { headers: { 'Accept-Language': 'en' } },
      )
      const body = await json(res)
      expect(body.error.fields.email).toMatch(/[A-Za-z]/)
      expect(body.error.fields.email).not.toMatch(/[ぁ-ん]/)
    })
  })

  describe('log-in and log-out (ログイン, ログアウト)', () => {
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

    it('logs out: the session ends and the browser is told to clear its storage', async () => {
      const h = await harness()
      const { cookie } = await signUpAndVerify(h)
      const res = await h.post('/api/logout', {}, { cookie })
      expect(res.status).toBe(204)
      expect(res.headers.get('Clear-Site-Data')).toBe('"storage"')
      expect(res.headers.get('Set-Cookie')).toMatch(/__Host-session=;/)
      expect((await h.get('/api/me', { cookie })).status).toBe(401)
    })

    it('logs in the seeded demo account', async () => {
      const h = await harness()
      await seedDemo(h.deps)
      await seedDemo(h.deps)
      expect((await login(h, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password)).status).toBe(200)
    })
  })

  describe('captcha levels (security.md)', () => {
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
      const down = makeHarness(await openDb(), {
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
      for (let i = 0; i < 3; i++)
        expect((await login(h, email, 'wrong-password-x')).status).toBe(401)
      const res = await login(h, email, 'wrong-password-x')
      expect(res.status).toBe(403)
      expect((await json(res)).error.code).toBe('captcha_required')
    })

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

  describe('password reset (パスワードを忘れた方)', () => {
    it('answers every address alike, does the same work for both, and mails a link only to an owner', async () => {
      const h = await harness()
      const { email } = await signUpAndVerify(h)
      const nobody = uniqueEmail('nobody')
      const before = h.mails.length
      const known = await h.post('/api/password/forgot', { email, captchaToken: captcha('reset') })
      const unknown = await h.post('/api/password/forgot', {
        email: nobody,
        captchaToken: captcha('reset'),
      })
      expect(known.status).toBe(202)
      expect(await json(known)).toEqual(await json(unknown))
      const [toOwner, toNobody] = h.mails.slice(before)
      expect(toOwner.to).toBe(email)
      expect(toOwner.text).toContain('/password/reset?token=')
      // The free address is told no account uses it (one mail, like the owner's), with no link.
      expect(toNobody.to).toBe(nobody)
      expect(toNobody.text).not.toContain('token=')
      expect(toNobody.text).toContain('登録されたアカウントはありません')
    })

    it('sets a new password once, ends every session and sends a notice', async () => {
      const h = await harness()
      const { email, cookie } = await signUpAndVerify(h)
      await h.post('/api/password/forgot', { email, captchaToken: captcha('reset') })
      const token = linkFrom(h.lastMailTo(email)!, '/password/reset')
      expect(await json(await h.post('/api/password/check', { token }))).toEqual({
        valid: true,
        email,
      })
      const weak = await h.post('/api/password/reset', { token, password: '12345678' })
      expect(weak.status).toBe(400)
      expect((await json(weak)).error.fields.password).toBeTruthy()
      const ok = await h.post('/api/password/reset', { token, password: 'hoshi-zora-tsuki-41' })
      expect(ok.status).toBe(200)
      expect((await h.get('/api/me', { cookie })).status).toBe(401)
      expect(h.lastMailTo(email)!.subject).toContain('パスワードが変更されました')
      expect((await login(h, email, PASSWORD)).status).toBe(401)
      expect((await login(h, email, 'hoshi-zora-tsuki-41')).status).toBe(200)
      expect(
        (await h.post('/api/password/reset', { token, password: 'another-one-77x' })).status,
      ).toBe(410)
    })

    it('expires the link after 30 minutes', async () => {
      const h = await harness()
      const { email } = await signUpAndVerify(h)
      await h.post('/api/password/forgot', { email, captchaToken: captcha('reset') })
      const token = linkFrom(h.lastMailTo(email)!, '/password/reset')
      h.advance(30 * 60_000 + 1)
      expect((await h.post('/api/password/check', { token })).status).toBe(410)
      expect(
        (await h.post('/api/password/reset', { token, password: 'hoshi-zora-tsuki-41' })).status,
      ).toBe(410)
    })

    it('lets a reset link work once when two requests race for it', async () => {
      const h = await harness()
      const { email } = await signUpAndVerify(h)
      await h.post('/api/password/forgot', { email, captchaToken: captcha('reset') })
      const token = linkFrom(h.lastMailTo(email)!, '/password/reset')
      const results = await Promise.all([
        h.post('/api/password/reset', { token, password: 'hoshi-zora-tsuki-41' }),
        h.post('/api/password/reset', { token, password: 'kawa-no-nagare-52' }),
      ])
      expect(results.map((r) => r.status).sort()).toEqual([200, 410])
    })
  })

  describe('API rules', () => {
    it('refuses a cross-site or origin-less POST', async () => {
      const h = await harness()
      const body = JSON.stringify(signupBody(uniqueEmail()))
      const foreign = await h.app.request('http://localhost:8787/api/signup', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
        body,
      })
      expect(foreign.status).toBe(403)
      expect((await json(foreign)).error.code).toBe('csrf')
      const none = await h.app.request('http://localhost:8787/api/signup', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      })
      expect(none.status).toBe(403)
      const fetchMeta = await h.app.request('http://localhost:8787/api/password/check', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' },
        body: '{"token":"x"}',
      })
      expect(fetchMeta.status).toBe(410)
    })

    it('answers 415 to a body that is not JSON, 413 to one over 16 KiB, 400 to malformed JSON', async () => {
      const h = await harness()
      const form = await h.app.request('http://localhost:8787/api/login', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: 'http://localhost:8787',
        },
        body: 'email=a',
      })
      expect(form.status).toBe(415)
      expect((await json(form)).error.code).toBe('unsupported_media_type')
      const big = await h.post('/api/login', {
        email: 'a@example.jp',
        password: 'x'.repeat(20_000),
        captchaToken: captcha('login'),
      })
      expect(big.status).toBe(413)
      const malformed = await h.app.request('http://localhost:8787/api/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8787' },
        body: '{"email":',
      })
      expect(malformed.status).toBe(400)
      expect((await json(malformed)).error).toMatchObject({ code: 'validation' })
      // An array is no object, though valibot's object schemas would take `[]` for `{}`.
      for (const body of ['[]', '[{"email":"a@example.jp"}]', '"text"', '42', 'null']) {
        const odd = await h.app.request('http://localhost:8787/api/logout', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8787' },
          body,
        })
        expect(odd.status, body).toBe(400)
        expect((await json(odd)).error.code).toBe('validation')
      }
    })

    it('answers unknown API paths with a JSON 404 and never a stack trace', async () => {
      const h = await harness()
      const res = await h.get('/api/nothing-here')
      expect(res.status).toBe(404)
      const body = await json(res)
      expect(body.error.code).toBe('not_found')
      expect(JSON.stringify(body)).not.toMatch(/at .*\(.*:\d+:\d+\)/)
    })

    it('sends the security headers, and no-store on API answers', async () => {
      const h = await harness()
      const res = await h.get('/api/config')
      expect(res.headers.get('Cache-Control')).toBe('no-store')
      // JSON may do nothing in a browser.
      expect(res.headers.get('Content-Security-Policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      )
      expect(res.headers.get('Strict-Transport-Security')).toBe(
        'max-age=31536000; includeSubDomains',
      )
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(res.headers.get('Referrer-Policy')).toBe('same-origin')
      expect(res.headers.get('Permissions-Policy')).toContain('camera=()')
      // Pages: scripts only with this answer's nonce, a new one each time.
      const page = await h.get('/login')
      const csp = page.headers.get('Content-Security-Policy')!
      expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9_-]{16,}' 'strict-dynamic'/)
      expect(csp).toContain("object-src 'none'")
      expect(csp).toContain("base-uri 'none'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(page.headers.get('Cache-Control')).not.toBe('no-store')
      const again = await h.get('/login')
      expect(again.headers.get('Content-Security-Policy')).not.toBe(csp)
    })
  })
}
