import { describe, expect, it } from 'vitest'
import {
  APP,
  captcha,
  harness,
  json,
  linkFrom,
  login,
  makeHarness,
  PASSWORD,
  sessionCookie,
  signUpAndVerify,
  testDb,
  uniqueEmail,
  type Harness,
} from '../test/harness'
import { DEMO_CODE, passStepUp, setupDemoMember } from '../test/demo-member'
import { eq } from 'drizzle-orm'
import {
  accounts,
  auditLog,
  emailChanges,
  emailTokens,
  insurerAuditLog,
  knownDevices,
  memberLinks,
  memberPasskeys,
  sessions as sessionsTable,
} from '../../db/schema'
import { DEMO_ACCOUNT, DEMO_INSURER, insurerDb } from '../test/harness'
import { audit } from '../services/audit'

describe('GET /api/account/access-log', () => {
  it('lists the member’s own reads of their health data, newest first, with who read it', async () => {
    const s = await setupDemoMember()
    await passStepUp(s)
    expect((await s.h.get('/api/checkups', { cookie: s.cookie })).status).toBe(200)
    s.h.advance(60_000)
    expect((await s.h.get('/api/checkups/latest', { cookie: s.cookie })).status).toBe(200)
    const res = await s.h.get('/api/account/access-log', { cookie: s.cookie })
    expect(res.status).toBe(200)
    const { reads } = await json(res)
    expect(reads.length).toBeGreaterThanOrEqual(2)
    expect(reads[0]).toEqual({ at: expect.any(String), actor: 'member', action: 'health.read' })
    const times = reads.map((r: { at: string }) => Date.parse(r.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(times[0] - times[1]).toBe(60_000)
  })

  it('answers 401 without a session, in the error shape', async () => {
    const h = makeHarness(await testDb())
    const res = await h.get('/api/account/access-log')
    expect(res.status).toBe(401)
    expect((await json(res)).error.code).toBe('unauthenticated')
  })

  it('never shows one member another’s reads, and holds no health data', async () => {
    const s = await setupDemoMember()
    await passStepUp(s)
    expect((await s.h.get('/api/checkups', { cookie: s.cookie })).status).toBe(200)
    const other = await signUpAndVerify(s.h)
    const theirs = await json(await s.h.get('/api/account/access-log', { cookie: other.cookie }))
    expect(theirs).toEqual({ reads: [] })
    const mine = await json(await s.h.get('/api/account/access-log', { cookie: s.cookie }))
    for (const read of mine.reads)
      expect(Object.keys(read).sort()).toEqual(['action', 'actor', 'at'])
  })

  it('lists what staff did on the account (member.* only), never who among staff or why', async () => {
    const s = await setupDemoMember()
    const [{ id }] = await s.h.deps.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.emailKey, DEMO_ACCOUNT.email))
    const staffRow = (action: Parameters<typeof audit>[1]['action']) =>
      audit(s.h.deps, {
        action,
        actorType: 'staff',
        actorId: 'dev-support',
        accountId: id,
        ip: '192.0.2.1',
        detail: { reason: 'secret reason text' },
      })
    await staffRow('member.health_unlocked')
    s.h.advance(1000)
    await staffRow('inquiry.viewed')
    await staffRow('audit.searched')
    s.h.advance(1000)
    await staffRow('member.sessions_ended')
    // A member row of another account is not listed.
    await audit(s.h.deps, { action: 'member.code_reissued', actorType: 'staff', accountId: 'x' })
    const res = await s.h.get('/api/account/access-log', { cookie: s.cookie })
    const text = await res.text()
    expect(JSON.parse(text).reads).toEqual([
      { at: expect.any(String), actor: 'staff', action: 'member.sessions_ended' },
      { at: expect.any(String), actor: 'staff', action: 'member.health_unlocked' },
    ])
    expect(text).not.toMatch(/secret reason|dev-support|192\.0\.2\.1/)
  })
})

// ---- issue 12, アカウント設定 ----

const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'

/** `__Host-device=…` from a response (the device cookie logIn sets), to send back as a browser would. */
const deviceCookie = (res: Response) => {
  const m = /__Host-device=([^;]*)/.exec(res.headers.get('Set-Cookie') ?? '')
  return m ? `__Host-device=${m[1]}` : ''
}

/** A member signed up, plus a second session of theirs from another browser. */
async function twoSessions() {
  const h = await harness()
  const { email, cookie } = await signUpAndVerify(h)
  const other = await login(h, email, PASSWORD, { 'User-Agent': IPHONE_UA })
  expect(other.status).toBe(200)
  return { h, email, cookie, otherCookie: sessionCookie(other) }
}

const rowsOf = async (h: Harness, accountId: string) => ({
  changes: (
    await h.deps.db.select().from(emailChanges).where(eq(emailChanges.accountId, accountId))
  ).length,
})

const accountIdOf = async (h: Harness, email: string) =>
  (
    await h.deps.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.emailKey, email.toLowerCase()))
  )[0]?.id

const meEmail = async (h: Harness, cookie: string) => {
  const res = await h.get('/api/me', { cookie })
  return res.status === 200 ? (await json(res)).member.email : res.status
}

describe('POST /api/account/email (メールアドレスの変更)', () => {
  const change = (h: Harness, cookie: string, to: string, currentPassword = PASSWORD) =>
    h.post('/api/account/email', { email: to, emailConfirm: to, currentPassword }, { cookie })

  it('mails a 1-hour link to the new address; confirming changes the address, ends the other sessions and tells the old address', async () => {
    const { h, email, cookie, otherCookie } = await twoSessions()
    const to = uniqueEmail('moved')
    const res = await change(h, cookie, to)
    expect(res.status).toBe(202)
    expect(await json(res)).toEqual({ sent: true })
    const token = linkFrom(h.lastMailTo(to)!, '/account/email/confirm')
    const check = await h.post('/api/account/email/check', { token })
    expect(await json(check)).toEqual({ valid: true, email: to })
    // Not changed until the link is used.
    expect(await meEmail(h, cookie)).toBe(email)
    const confirmed = await h.post('/api/account/email/confirm', { token }, { cookie })
    expect(confirmed.status).toBe(200)
    expect(await meEmail(h, cookie)).toBe(to)
    expect(await meEmail(h, otherCookie)).toBe(401)
    expect((await login(h, email, PASSWORD)).status).toBe(401)
    expect((await login(h, to, PASSWORD)).status).toBe(200)
    const notice = h.lastMailTo(email)!
    expect(notice.subject).toMatch(/メールアドレスが変更されました/)
    expect(notice.text).toContain('m***@example.jp')
    expect(notice.text).not.toContain(to)
    linkFrom(notice, '/account/email/revert')
    // The link works once.
    const again = await h.post('/api/account/email/confirm', { token }, { cookie })
    expect(again.status).toBe(410)
    expect((await json(again)).error.code).toBe('link_expired')
  })

  it('works from a browser with no session (the link proves the address); then every session ends', async () => {
    const { h, cookie, otherCookie } = await twoSessions()
    const to = uniqueEmail('moved')
    await change(h, cookie, to)
    const token = linkFrom(h.lastMailTo(to)!, '/account/email/confirm')
    const res = await h.post('/api/account/email/confirm', { token })
    expect(await json(res)).toEqual({ ok: true, loggedIn: false })
    expect(await meEmail(h, cookie)).toBe(401)
    expect(await meEmail(h, otherCookie)).toBe(401)
  })

  it('answers a taken address exactly as a free one; its owner is told, and nothing changes', async () => {
    const h = await harness()
    const { email, cookie } = await signUpAndVerify(h)
    const owner = await signUpAndVerify(h)
    const free = uniqueEmail('free')
    const a = await change(h, cookie, free)
    const b = await change(h, cookie, owner.email.toUpperCase())
    expect(b.status).toBe(a.status)
    expect(await b.text()).toBe(await a.text())
    expect([...b.headers.keys()].sort()).toEqual([...a.headers.keys()].sort())
    const told = h.lastMailTo(owner.email.toUpperCase()) ?? h.lastMailTo(owner.email)!
    expect(told.subject).toMatch(/メールアドレス変更のお手続きについて/)
    expect(told.text).not.toMatch(/token=/)
    expect(await meEmail(h, cookie)).toBe(email)
    expect(await meEmail(h, owner.cookie)).toBe(owner.email)
  })

  it('refuses a wrong current password with a message beside the field, and writes nothing', async () => {
    const { h, email, cookie } = await twoSessions()
    const id = await accountIdOf(h, email)
    const res = await change(h, cookie, uniqueEmail(), 'not-the-password-1')
    expect(res.status).toBe(400)
    const body = await json(res)
    expect(body.error.code).toBe('wrong_password')
    expect(body.error.fields.currentPassword).toBe('現在のパスワードが正しくありません。')
    expect(await rowsOf(h, id)).toEqual({ changes: 0 })
  })

  it('refuses the current address, a mismatched confirmation and a malformed address', async () => {
    const { h, email, cookie } = await twoSessions()
    const same = await change(h, cookie, email.toUpperCase())
    expect(same.status).toBe(400)
    expect((await json(same)).error.fields.email).toMatch(/現在のメールアドレスと同じ/)
    const mismatch = await h.post(
      '/api/account/email',
      { email: 'a@example.jp', emailConfirm: 'b@example.jp', currentPassword: PASSWORD },
      { cookie },
    )
    expect((await json(mismatch)).error.fields.emailConfirm).toBeDefined()
    const bad = await change(h, cookie, 'ｆｕｌｌ@example.jp')
    expect((await json(bad)).error.fields.email).toBeDefined()
    expect(await rowsOf(h, await accountIdOf(h, email))).toEqual({ changes: 0 })
  })

  it('a link older than 1 hour is refused; a new request revokes the earlier link', async () => {
    const { h, email, cookie } = await twoSessions()
    const first = uniqueEmail('first')
    await change(h, cookie, first)
    const firstToken = linkFrom(h.lastMailTo(first)!, '/account/email/confirm')
    const second = uniqueEmail('second')
    await change(h, cookie, second)
    const secondToken = linkFrom(h.lastMailTo(second)!, '/account/email/confirm')
    expect((await h.post('/api/account/email/confirm', { token: firstToken })).status).toBe(410)
    h.advance(60 * 60_000 + 1)
    expect((await h.post('/api/account/email/confirm', { token: secondToken })).status).toBe(410)
    expect((await login(h, email, PASSWORD)).status).toBe(200)
  })

  it('two accounts changing to one address: the first confirmed wins, the other is told why', async () => {
    const h = await harness()
    const x = await signUpAndVerify(h)
    const y = await signUpAndVerify(h)
    const to = uniqueEmail('contested')
    await change(h, x.cookie, to)
    const xToken = linkFrom(h.lastMailTo(to)!, '/account/email/confirm')
    await change(h, y.cookie, to)
    const yToken = linkFrom(h.lastMailTo(to)!, '/account/email/confirm')
    expect(xToken).not.toBe(yToken)
    expect((await h.post('/api/account/email/confirm', { token: xToken })).status).toBe(200)
    const lost = await h.post('/api/account/email/confirm', { token: yToken })
    expect(lost.status).toBe(409)
    expect((await json(lost)).error.code).toBe('email_taken')
    expect(await meEmail(h, y.cookie)).toBe(y.email)
  })

  it('「心当たりがない」 restores the old address, ends every session, and mails a reset link to it', async () => {
    const { h, email, cookie, otherCookie } = await twoSessions()
    const to = uniqueEmail('hijack')
    await change(h, cookie, to)
    await h.post('/api/account/email/confirm', {
      token: linkFrom(h.lastMailTo(to)!, '/account/email/confirm'),
    })
    const fresh = sessionCookie(await login(h, to, PASSWORD))
    const revert = linkFrom(h.lastMailTo(email)!, '/account/email/revert')
    const res = await h.post('/api/account/email/revert', { token: revert })
    expect(res.status).toBe(200)
    for (const c of [cookie, otherCookie, fresh]) expect(await meEmail(h, c)).toBe(401)
    expect((await login(h, to, PASSWORD)).status).toBe(401)
    const reset = linkFrom(h.lastMailTo(email)!, '/password/reset')
    const newPassword = 'hoshi-zora-kawa-31'
    expect(
      (await h.post('/api/password/reset', { token: reset, password: newPassword })).status,
    ).toBe(200)
    expect((await login(h, email, newPassword)).status).toBe(200)
    expect((await h.post('/api/account/email/revert', { token: revert })).status).toBe(410)
  })

  it('「心当たりがない」 leaves the one who changed it nothing: no passkey, no known password, no earlier link', async () => {
    const { h, email, cookie } = await twoSessions()
    const accountId = await accountIdOf(h, email)
    // The one who knew the password added a passkey, asked for a reset link, then moved the address.
    await h.deps.db.insert(memberPasskeys).values({
      id: 'theirs',
      accountId,
      publicKey: 'pk',
      name: 'theirs',
      createdAt: h.deps.now(),
    })
    expect(
      (await h.post('/api/password/forgot', { email, captchaToken: captcha('reset') })).status,
    ).toBe(202)
    const staleReset = linkFrom(h.lastMailTo(email)!, '/password/reset')
    const to = uniqueEmail('hijack')
    await change(h, cookie, to)
    await h.post('/api/account/email/confirm', {
      token: linkFrom(h.lastMailTo(to)!, '/account/email/confirm'),
    })
    // The reset link mailed to the old address died with the change.
    expect(
      (await h.post('/api/password/reset', { token: staleReset, password: 'kawa-no-nagare-19' }))
        .status,
    ).toBe(410)
    const revert = linkFrom(h.lastMailTo(email)!, '/account/email/revert')
    expect((await h.post('/api/account/email/revert', { token: revert })).status).toBe(200)
    expect(
      await h.deps.db.select().from(memberPasskeys).where(eq(memberPasskeys.accountId, accountId)),
    ).toHaveLength(0)
    // The password they knew no longer logs in at either address; the reset link sets a new one.
    expect((await login(h, email, PASSWORD)).status).toBe(401)
    expect((await login(h, to, PASSWORD)).status).toBe(401)
    const reset = linkFrom(h.lastMailTo(email)!, '/password/reset')
    expect(
      (await h.post('/api/password/reset', { token: reset, password: 'kawa-no-nagare-19' })).status,
    ).toBe(200)
    expect((await login(h, email, 'kawa-no-nagare-19')).status).toBe(200)
  })

  it('mails at most 5 change links an hour per account', async () => {
    const { h, cookie } = await twoSessions()
    for (let i = 0; i < 5; i++)
      expect((await change(h, cookie, uniqueEmail(`n${i}-`))).status).toBe(202)
    const sixth = await change(h, cookie, uniqueEmail('n6-'))
    expect(sixth.status).toBe(429)
    expect((await json(sixth)).error.code).toBe('too_many_attempts')
    // An hour later (the session kept alive meanwhile), another one goes out.
    for (let i = 0; i < 3; i++) {
      h.advance(21 * 60_000)
      expect((await h.get('/api/me', { cookie })).status).toBe(200)
    }
    expect((await change(h, cookie, uniqueEmail('n7-'))).status).toBe(202)
  })

  it('a revert link is dead after 7 days', async () => {
    const { h, email, cookie } = await twoSessions()
    const to = uniqueEmail('later')
    await change(h, cookie, to)
    await h.post('/api/account/email/confirm', {
      token: linkFrom(h.lastMailTo(to)!, '/account/email/confirm'),
    })
    const revert = linkFrom(h.lastMailTo(email)!, '/account/email/revert')
    h.advance(7 * 86_400_000 + 1)
    expect((await h.post('/api/account/email/revert', { token: revert })).status).toBe(410)
  })
})

describe('POST /api/account/password (パスワードの変更)', () => {
  const changePw = (h: Harness, cookie: string, currentPassword: string, password: string) =>
    h.post('/api/account/password', { currentPassword, password }, { cookie })

  it('takes the current password, the policy of sign-up; the other sessions end, this one stays, a notice goes', async () => {
    const { h, email, cookie, otherCookie } = await twoSessions()
    const next = 'aozora-yuki-tanbo-52'
    const res = await changePw(h, cookie, PASSWORD, next)
    expect(res.status).toBe(200)
    expect(await meEmail(h, cookie)).toBe(email)
    expect(await meEmail(h, otherCookie)).toBe(401)
    expect((await login(h, email, PASSWORD)).status).toBe(401)
    const mail = h.lastMailTo(email)!
    expect(mail.subject).toMatch(/パスワードが変更されました/)
    expect((await login(h, email, next)).status).toBe(200)
    expect(mail.text).not.toContain(next)
  })

  it('a wrong current password: a message beside the field, nothing changes', async () => {
    const { h, email, cookie, otherCookie } = await twoSessions()
    const res = await changePw(h, cookie, 'wrong-wrong-wrong-1', 'aozora-yuki-tanbo-52')
    expect(res.status).toBe(400)
    expect((await json(res)).error.fields.currentPassword).toBeDefined()
    expect(await meEmail(h, otherCookie)).toBe(email)
    expect((await login(h, email, PASSWORD)).status).toBe(200)
  })

  it('refuses a weak password and one holding the address, by the sign-up rules', async () => {
    // An address whose local part holds no easy sequence (123, abc…), so the refusal is for the address.
    const h = await harness()
    const letters = String(Date.now()).replace(/\d/g, (d) => 'kmrtwyhnsz'[Number(d)])
    const { email, cookie } = await signUpAndVerify(h, `kawase.${letters}@example.jp`)
    const weak = await changePw(h, cookie, PASSWORD, 'password')
    expect(weak.status).toBe(400)
    expect((await json(weak)).error.fields.password).toBeDefined()
    const local = email.split('@')[0]
    const withEmail = await changePw(h, cookie, PASSWORD, `${local}-Zq9!`)
    expect((await json(withEmail)).error.fields.password).toMatch(/メールアドレス/)
    expect((await login(h, email, PASSWORD)).status).toBe(200)
  })

  it('after 5 wrong tries in an hour even the right password is refused, until the hour has passed', async () => {
    const h = await harness()
    // The installed app's session outlives the hour.
    const { cookie } = await signUpAndVerify(h, undefined, APP)
    for (let i = 0; i < 5; i++)
      expect(
        (await changePw(h, cookie, `wrong-${i}-password`, 'aozora-yuki-tanbo-52')).status,
      ).toBe(400)
    const refused = await changePw(h, cookie, PASSWORD, 'aozora-yuki-tanbo-52')
    expect(refused.status).toBe(429)
    expect((await json(refused)).error.code).toBe('password_tries_exceeded')
    h.advance(60 * 60_000 + 1)
    expect((await changePw(h, cookie, PASSWORD, 'aozora-yuki-tanbo-52')).status).toBe(200)
  })

  it('right passwords do not count as wrong tries', async () => {
    const { h, email, cookie } = await twoSessions()
    let password = PASSWORD
    for (let i = 0; i < 6; i++) {
      const next = `aozora-yuki-tanbo-${60 + i}`
      expect((await changePw(h, cookie, password, next)).status).toBe(200)
      password = next
    }
    expect((await login(h, email, password)).status).toBe(200)
  })
})

describe('ログイン中の端末 (/api/account/sessions)', () => {
  it('lists each live session in words, this one marked, with ids that are not the session ids', async () => {
    const h = await harness()
    const { email } = await signUpAndVerify(h)
    const pc = await login(h, email, PASSWORD, { 'User-Agent': CHROME_UA })
    const phone = await login(h, email, PASSWORD, { 'User-Agent': IPHONE_UA })
    const res = await h.get('/api/account/sessions', { cookie: sessionCookie(pc) })
    const { sessions: list } = await json(res)
    expect(list).toHaveLength(3)
    const current = list.filter((s: { current: boolean }) => s.current)
    expect(current).toHaveLength(1)
    expect(current[0].device).toBe('Windows · Chrome')
    expect(list.map((s: { device: string }) => s.device)).toContain('iPhone · Safari')
    expect(list[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      device: list[0].device,
      app: false,
      place: null,
      method: 'password',
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      current: expect.any(Boolean),
    })
    const ids = (await h.deps.db.select({ id: sessionsTable.id }).from(sessionsTable)).map(
      (r) => r.id,
    )
    for (const s of list) {
      expect(ids).not.toContain(s.id)
      for (const id of ids) expect(id.startsWith(s.id)).toBe(false)
    }
    expect(sessionCookie(phone)).not.toBe('')
  })

  it('ends one of the member’s sessions, and not another member’s', async () => {
    const { h, cookie, otherCookie } = await twoSessions()
    const stranger = await signUpAndVerify(h)
    const theirs = (await json(await h.get('/api/account/sessions', { cookie: stranger.cookie })))
      .sessions[0].id
    const refused = await h.post('/api/account/sessions/end', { id: theirs }, { cookie })
    expect(refused.status).toBe(404)
    expect(await meEmail(h, stranger.cookie)).toBe(stranger.email)
    const mine = (await json(await h.get('/api/account/sessions', { cookie }))).sessions
    const other = mine.find((s: { current: boolean }) => !s.current)
    expect((await h.post('/api/account/sessions/end', { id: other.id }, { cookie })).status).toBe(
      200,
    )
    expect(await meEmail(h, otherCookie)).toBe(401)
    expect((await h.post('/api/account/sessions/end', { id: other.id }, { cookie })).status).toBe(
      404,
    )
    const bad = await h.post('/api/account/sessions/end', { id: 'x'.repeat(500) }, { cookie })
    expect(bad.status).toBe(400)
  })

  it('ends every other session, keeping this one', async () => {
    const { h, email, cookie, otherCookie } = await twoSessions()
    const third = sessionCookie(await login(h, email, PASSWORD))
    const res = await h.post('/api/account/sessions/end-others', {}, { cookie })
    expect(await json(res)).toEqual({ ended: 2 })
    expect(await meEmail(h, cookie)).toBe(email)
    expect(await meEmail(h, otherCookie)).toBe(401)
    expect(await meEmail(h, third)).toBe(401)
  })

  it('answers 401 without a session on every settings route', async () => {
    const h = await harness()
    expect((await h.get('/api/account/sessions')).status).toBe(401)
    for (const [path, body] of [
      ['/api/account/sessions/end', { id: '0'.repeat(32) }],
      ['/api/account/sessions/end-others', {}],
      ['/api/account/password', { currentPassword: PASSWORD, password: 'aozora-yuki-tanbo-52' }],
      [
        '/api/account/email',
        { email: 'a@example.jp', emailConfirm: 'a@example.jp', currentPassword: PASSWORD },
      ],
      ['/api/account/withdraw', { currentPassword: PASSWORD }],
    ] as const)
      expect((await h.post(path, body)).status).toBe(401)
  })

  it('refuses a settings change from another origin (CSRF)', async () => {
    const { h, cookie } = await twoSessions()
    const res = await h.post(
      '/api/account/sessions/end-others',
      {},
      { cookie, headers: { Origin: 'https://evil.example' } },
    )
    expect(res.status).toBe(403)
  })
})

describe('new-device notice', () => {
  it('mails after a log-in from a device not seen before, not at sign-up, not again from the same device', async () => {
    const h = await harness()
    const { email } = await signUpAndVerify(h)
    const signupMails = h.mails.filter((m) => m.to === email).length
    expect(h.mails.filter((m) => /新しい端末/.test(m.subject))).toHaveLength(0)
    const first = await login(h, email, PASSWORD, { 'User-Agent': IPHONE_UA })
    const device = deviceCookie(first)
    expect(device).toMatch(/^__Host-device=[A-Za-z0-9_-]{43}$/)
    expect(first.headers.get('Set-Cookie')).toMatch(
      /__Host-device=[^;]+; Max-Age=34560000; Path=\/; HttpOnly; Secure; SameSite=Lax/,
    )
    const mail = h.lastMailTo(email)!
    expect(mail.subject).toMatch(/新しい端末からのログイン/)
    expect(mail.text).toContain('iPhone · Safari')
    expect(mail.text).toContain('http://localhost:8787/account/sessions')
    expect(h.mails.filter((m) => m.to === email)).toHaveLength(signupMails + 1)
    const again = await login(h, email, PASSWORD, { 'User-Agent': IPHONE_UA, Cookie: device })
    expect(again.status).toBe(200)
    expect(h.mails.filter((m) => m.to === email)).toHaveLength(signupMails + 1)
    const id = await accountIdOf(h, email)
    const rows = await h.deps.db
      .select({ deviceKey: sessionsTable.deviceKey })
      .from(sessionsTable)
      .where(eq(sessionsTable.accountId, id))
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.deviceKey ?? ''))).toBe(true)
  })
})

describe('POST /api/account/withdraw (退会)', () => {
  it('refuses without the right password, and nothing changes', async () => {
    const { h, email, cookie } = await twoSessions()
    const res = await h.post(
      '/api/account/withdraw',
      { currentPassword: 'nope-nope-nope-1' },
      { cookie },
    )
    expect(res.status).toBe(400)
    expect((await json(res)).error.fields.currentPassword).toBeDefined()
    const empty = await h.post('/api/account/withdraw', {}, { cookie })
    expect(empty.status).toBe(400)
    expect(await meEmail(h, cookie)).toBe(email)
  })

  it('deletes the account’s rows, clears the cookie, keeps audit rows without the address, and mails', async () => {
    const { h, email, cookie, otherCookie } = await twoSessions()
    const id = await accountIdOf(h, email)
    // An earlier address of the account, and an audit row that holds an address.
    const to = uniqueEmail('before')
    await h.post(
      '/api/account/email',
      { email: to, emailConfirm: to, currentPassword: PASSWORD },
      { cookie },
    )
    await audit(h.deps, {
      action: 'login.succeeded',
      actorType: 'member',
      accountId: id,
      detail: { note: `as ${email}` },
    })
    await audit(h.deps, {
      action: 'member.sessions_ended',
      actorType: 'staff',
      accountId: id,
      detail: { reason: `本人(${email.toUpperCase()})から依頼` },
    })
    const res = await h.post('/api/account/withdraw', { currentPassword: PASSWORD }, { cookie })
    expect(res.status).toBe(200)
    expect(res.headers.get('Set-Cookie')).toMatch(/__Host-session=;.*Max-Age=0/)
    expect(await meEmail(h, cookie)).toBe(401)
    expect(await meEmail(h, otherCookie)).toBe(401)
    expect((await login(h, email, PASSWORD)).status).toBe(401)
    for (const table of [sessionsTable, knownDevices, emailChanges, emailTokens])
      expect(await h.deps.db.select().from(table).where(eq(table.accountId, id))).toHaveLength(0)

    expect(await h.deps.db.select().from(accounts).where(eq(accounts.id, id))).toHaveLength(0)
    const rows = await h.deps.db.select().from(auditLog).where(eq(auditLog.accountId, id))
    expect(rows.map((r) => r.action)).toContain('account.withdrawn')
    expect(JSON.stringify(rows)).not.toContain(email)
    expect(JSON.stringify(rows).toLowerCase()).not.toContain('@example.jp')
    expect(JSON.stringify(rows)).toContain('本人([withdrawn])から依頼')
    const mail = h.lastMailTo(email)!
    expect(mail.subject).toMatch(/退会/)
    // The address is free again.
    const again = await signUpAndVerify(h, email)
    expect(await meEmail(h, again.cookie)).toBe(email)
  })

  it('the same person links again with a new account and reads results after the step-up', async () => {
    const s = await setupDemoMember()
    await passStepUp(s)
    expect((await s.h.get('/api/checkups', { cookie: s.cookie })).status).toBe(200)
    const res = await s.h.post(
      '/api/account/withdraw',
      { currentPassword: DEMO_ACCOUNT.password },
      { cookie: s.cookie },
    )
    expect(res.status).toBe(200)
    const demoDb = await insurerDb(s.h.deps.db, DEMO_INSURER.id)
    const linksLeft = await demoDb
      .select()
      .from(memberLinks)
      .where(eq(memberLinks.personKey, DEMO_ACCOUNT.personKey))
    expect(linksLeft).toHaveLength(0)
    // The insurer's audit rows (the reads, the code proven) stay, and hold no address (issue 14).
    const insurerRows = await demoDb.select().from(insurerAuditLog)
    expect(insurerRows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['health.read', 'health.code_verified']),
    )
    expect(JSON.stringify(insurerRows).toLowerCase()).not.toContain(DEMO_ACCOUNT.email)
    expect(JSON.stringify(insurerRows)).not.toMatch(/@/)
    const again = await signUpAndVerify(s.h, DEMO_ACCOUNT.email, APP)
    const linked = await s.h.post(
      '/api/card/link',
      {
        nameKana: 'ケンコウ　タロウ',
        birthDate: '1962-01-10',
        insurerNumber: '06139992',
        symbol: '1200',
        number: '100',
      },
      { cookie: again.cookie },
    )
    expect(linked.status).toBe(200)
    const step = (path: string, body: unknown = {}) =>
      s.h.post(`/api/checkups${path}`, body, { cookie: again.cookie })
    // The postcard's code stays valid for the person (it is the person's, not the account's).
    expect((await step('/code', { code: DEMO_CODE })).status).toBe(200)
    expect((await step('/question', { questionId: 'birthplace', answer: 'Osaka' })).status).toBe(
      200,
    )
    expect((await step('/notice')).status).toBe(200)
    expect((await s.h.get('/api/checkups', { cookie: again.cookie })).status).toBe(200)
  })
})
