import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { accounts, auditLog, orgCodes, pendingSignups } from '../../db/schema'
import {
  APP,
  captcha,
  codeFrom,
  DEMO_INSURER,
  harness,
  json,
  MAINTENANCE_INSURER,
  seedDemo,
  linkFrom,
  login,
  PASSWORD,
  sessionCookie,
  signUpAndVerify,
  signupBody,
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

describe('団体連携コード at sign-up (product.md, journey 1)', () => {
  async function withCodes() {
    const h = await harness()
    await seedDemo(h.deps)
    const at = h.deps.now()
    const row = (code: string, retiredAt: number | null) => ({
      code,
      insurerId: 'demo-insurer',
      organisation: 'テスト株式会社',
      createdBy: 'dev-admin',
      createdAt: at,
      retiredAt,
    })
    const live = `L${at
      .toString(36)
      .toUpperCase()
      .replace(/[01IO]/g, 'X')}`.slice(0, 8)
    const retired = `R${at
      .toString(36)
      .toUpperCase()
      .replace(/[01IO]/g, 'Y')}`.slice(0, 8)
    await h.deps.db
      .insert(orgCodes)
      .values([row(live, null), row(retired, at)])
      .onConflictDoNothing()
    return { h, live, retired }
  }

  it('takes a live code (as typed: lower case, hyphen) and keeps it as printed', async () => {
    const { h, live } = await withCodes()
    const email = uniqueEmail()
    const typed = `${live.slice(0, 4).toLowerCase()}-${live.slice(4)}`
    const res = await h.post('/api/signup', signupBody(email, { orgCode: typed }))
    expect(res.status).toBe(202)
    const [pending] = await h.deps.db
      .select()
      .from(pendingSignups)
      .where(eq(pendingSignups.email, email))
    expect(pending.orgCode).toBe(live)
  })

  it('refuses an unknown or retired code at once, by its field, and sends nothing', async () => {
    const { h, retired } = await withCodes()
    for (const orgCode of ['ZZZZ-ZZZZ', retired, 'ORG-1']) {
      const email = uniqueEmail()
      const res = await h.post('/api/signup', signupBody(email, { orgCode }))
      expect(res.status).toBe(400)
      const { error } = await json(res)
      expect(error.fields.orgCode).toContain('団体連携コード')
      expect(h.lastMailTo(email)).toBeUndefined()
      expect(
        await h.deps.db.select().from(pendingSignups).where(eq(pendingSignups.email, email)),
      ).toHaveLength(0)
    }
  })

  it("gives the card step the code's insurer, and looks for the card there only", async () => {
    const { h, live } = await withCodes()
    const email = uniqueEmail()
    expect((await h.post('/api/signup', signupBody(email, { orgCode: live }))).status).toBe(202)
    const verified = await h.post('/api/signup/verify', {
      token: linkFrom(h.lastMailTo(email)!, '/verify'),
    })
    const cookie = sessionCookie(verified)
    const me = await json(await h.get('/api/me', { cookie }))
    expect(me.member.orgInsurer).toEqual({ number: DEMO_INSURER.number, name: DEMO_INSURER.name })
    const elsewhere = await h.post(
      '/api/card/link',
      {
        nameKana: 'サトウ　ケンジ',
        birthDate: '1968-03-12',
        insurerNumber: MAINTENANCE_INSURER.number,
        symbol: '1202',
        number: '102',
        branch: '00',
      },
      { cookie },
    )
    expect(elsewhere.status).toBe(422)
    expect((await json(elsewhere)).error.code).toBe('card_not_found')
    // Without a code, nothing is fixed.
    const plain = await signUpAndVerify(h)
    expect(
      (await json(await h.get('/api/me', { cookie: plain.cookie }))).member.orgInsurer,
    ).toBeNull()
  })
})
