/**
 * /api/signup: the sign-up's binding to the browser that began it (docs/security.md), what a stranger
 * can do with an address, concurrent sign-ups of one address, and the session a sign-up link gives.
 */
import { describe, expect, it } from 'vitest'
import { and, eq, isNull } from 'drizzle-orm'
import { accounts, pendingSignups } from '../../db/schema'
import {
  APP,
  captcha,
  codeFrom,
  json,
  linkFrom,
  makeHarness,
  PASSWORD,
  sessionCookie,
  signUpAndVerify,
  signupBody,
  testDb,
  uniqueEmail,
} from '../test/harness'

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
