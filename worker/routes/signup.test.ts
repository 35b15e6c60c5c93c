import { describe, expect, it } from 'vitest'
import { and, eq, isNull } from 'drizzle-orm'
import { accounts, auditLog, pendingSignups } from '../../db/schema'
import {
  APP,
  captcha,
  codeFrom,
  harness,
  json,
  linkFrom,
  login,
  makeHarness,
  PASSWORD,
  sessionCookie,
  signUpAndVerify,
  signupBody,
  testDb,
  uniqueEmail,
} from '../test/harness'

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
    expect((await h.post('/api/signup/verify', { token: linkFrom(first, '/verify') })).status).toBe(
      410,
    )
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

describe('the sign-up binding (docs/security.md)', () => {
  it('where the sign-up began, the link completes it in one step', async () => {
    const h = makeHarness(await testDb())
    const email = uniqueEmail()
    await h.post('/api/signup', signupBody(email))
    const res = await h.post('/api/signup/verify', {
      token: linkFrom(h.lastMailTo(email)!, '/verify'),
    })
    expect(res.status).toBe(200)
    expect(sessionCookie(res)).not.toBe('')
    // The binding is spent with the sign-up.
    expect(res.headers.get('Set-Cookie')).toMatch(
      /__Host-signup=;|__Host-signup=[^;]*;[^,]*Max-Age=0/i,
    )
  })

  it('elsewhere, the link creates nothing and logs nobody in without the password chosen at sign-up', async () => {
    const h = makeHarness(await testDb())
    const email = uniqueEmail('victim')
    // A stranger signs the victim's address up with a password of their own (finding 5).
    await h.post('/api/signup', signupBody(email))
    const token = linkFrom(h.lastMailTo(email)!, '/verify')
    expect(h.lastMailTo(email)!.text).toContain('お心当たりのない場合')
    // The victim opens the link in their own browser.
    const opened = await h.post('/api/signup/verify', { token }, { elsewhere: true })
    expect(opened.status).toBe(403)
    expect((await json(opened)).error.code).toBe('signup_password_required')
    expect(opened.headers.get('Set-Cookie') ?? '').not.toContain('__Host-session')
    expect(await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))).toEqual([])
    const guessed = await h.post(
      '/api/signup/verify',
      { token, password: 'a-guess-of-mine' },
      { elsewhere: true },
    )
    expect((await json(guessed)).error.code).toBe('signup_password_wrong')
    expect(await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))).toEqual([])
    // Whoever knows the password (the one who signed up) completes it anywhere.
    const right = await h.post(
      '/api/signup/verify',
      { token, password: PASSWORD },
      { elsewhere: true },
    )
    expect(right.status).toBe(200)
  })

  it('elsewhere, the right 6-digit code also asks for the password', async () => {
    const h = makeHarness(await testDb())
    const email = uniqueEmail()
    await h.post('/api/signup', signupBody(email), { headers: APP })
    const code = codeFrom(h.lastMailTo(email)!)
    const bare = await h.post('/api/signup/verify-code', { email, code }, { elsewhere: true })
    expect((await json(bare)).error.code).toBe('signup_password_required')
    expect(await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))).toEqual([])
    const withPassword = await h.post(
      '/api/signup/verify-code',
      { email, code, password: PASSWORD },
      { elsewhere: true },
    )
    expect(withPassword.status).toBe(200)
  })

  it('a resend keeps its binding; a new sign-up elsewhere gets its own and kills the first', async () => {
    const h = makeHarness(await testDb())
    const other = makeHarness(h.deps.db)
    const email = uniqueEmail()
    await h.post('/api/signup', signupBody(email))
    await h.post('/api/signup/resend', { email, captchaToken: captcha('resend') })
    const resent = linkFrom(h.lastMailTo(email)!, '/verify')
    // Another browser starts its own sign-up of the address: the first browser's links die.
    await other.post('/api/signup', signupBody(email))
    expect((await h.post('/api/signup/verify', { token: resent })).status).toBe(410)
    const mine = linkFrom(other.lastMailTo(email)!, '/verify')
    expect((await json(await h.post('/api/signup/verify', { token: mine }))).error.code).toBe(
      'signup_password_required',
    )
    expect((await other.post('/api/signup/verify', { token: mine })).status).toBe(200)
  })

  it('a resend from the browser that signed up still completes in one step', async () => {
    const h = makeHarness(await testDb())
    const email = uniqueEmail()
    await h.post('/api/signup', signupBody(email))
    await h.post('/api/signup/resend', { email, captchaToken: captcha('resend') })
    const live = await h.deps.db
      .select()
      .from(pendingSignups)
      .where(and(eq(pendingSignups.emailKey, email), isNull(pendingSignups.revokedAt)))
    expect(live).toHaveLength(1)
    expect(
      (await h.post('/api/signup/verify', { token: linkFrom(h.lastMailTo(email)!, '/verify') }))
        .status,
    ).toBe(200)
  })
})

describe('what a stranger can do with an address', () => {
  it('wrong 6-digit codes never lock the owner out of log-in, nor raise its captcha', async () => {
    const h = makeHarness(await testDb())
    const { email } = await signUpAndVerify(h, uniqueEmail('owner'))
    for (let i = 0; i < 12; i++)
      await h.post('/api/signup/verify-code', { email, code: '000000' }, { elsewhere: true })
    expect((await json(await h.post('/api/captcha', { action: 'login', email }))).level).toBe(1)
    const login = await h.post('/api/login', {
      email,
      password: PASSWORD,
      captchaToken: captcha('login'),
    })
    expect(login.status).toBe(200)
  })

  it("a resend never hands the member's browser a stranger's sign-up", async () => {
    const h = makeHarness(await testDb())
    const stranger = makeHarness(h.deps.db)
    const email = uniqueEmail('victim')
    await h.post('/api/signup', signupBody(email))
    await stranger.post('/api/signup', { ...signupBody(email), password: 'kuro-neko-yoru-73' })
    // The member presses resend on their own sent screen: their own sign-up comes back.
    await h.post('/api/signup/resend', { email, captchaToken: captcha('resend') })
    const link = linkFrom(h.lastMailTo(email)!, '/verify')
    const res = await h.post('/api/signup/verify', { token: link })
    expect(res.status).toBe(200)
    const [account] = await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))
    // The account has the member's password, not the stranger's.
    expect(
      (
        await h.post(
          '/api/login',
          { email, password: PASSWORD, captchaToken: captcha('login') },
          { elsewhere: true },
        )
      ).status,
    ).toBe(200)
    expect(account).toBeDefined()
  })

  it('a resend does not give the sign-up password five more tries', async () => {
    const h = makeHarness(await testDb())
    const email = uniqueEmail()
    await h.post('/api/signup', signupBody(email))
    const first = linkFrom(h.lastMailTo(email)!, '/verify')
    for (let i = 0; i < 5; i++)
      await h.post(
        '/api/signup/verify',
        { token: first, password: `guess-${i}-abcdef` },
        { elsewhere: true },
      )
    await h.post('/api/signup/resend', { email, captchaToken: captcha('resend') })
    const second = linkFrom(h.lastMailTo(email)!, '/verify')
    const again = await h.post(
      '/api/signup/verify',
      { token: second, password: PASSWORD },
      { elsewhere: true },
    )
    expect(again.status).toBe(410)
    // Where the sign-up began, the link still completes it.
    expect((await h.post('/api/signup/verify', { token: second })).status).toBe(200)
  })
})

describe('concurrent sign-ups of one address', () => {
  it('leave exactly one live pending row: re-sending kills every earlier link even when raced', async () => {
    const h = makeHarness(await testDb())
    const email = uniqueEmail('race')
    await Promise.all(Array.from({ length: 10 }, () => h.post('/api/signup', signupBody(email))))
    const live = await h.deps.db
      .select()
      .from(pendingSignups)
      .where(and(eq(pendingSignups.emailKey, email), isNull(pendingSignups.revokedAt)))
    expect(live).toHaveLength(1)
  })
})

describe('sessions', () => {
  it('a log-in through the sign-up link ends the browser’s previous session', async () => {
    const h = makeHarness(await testDb())
    const first = await signUpAndVerify(h, uniqueEmail('owner'))
    const email = uniqueEmail()
    await h.post('/api/signup', signupBody(email))
    const res = await h.post(
      '/api/signup/verify',
      { token: linkFrom(h.lastMailTo(email)!, '/verify') },
      { cookie: first.cookie },
    )
    expect(res.status).toBe(200)
    expect((await h.get('/api/me', { cookie: first.cookie })).status).toBe(401)
  })
})
