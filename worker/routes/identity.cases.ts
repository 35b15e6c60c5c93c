import { and, eq, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../db/open'
import {
  accounts,
  checkups,
  emailTokens,
  memberLinks,
  pendingSignups,
  sessions,
} from '../../db/schema'
import { DEMO_INSURER, seedDemo } from '../dev/seed'
import {
  APP,
  captcha,
  codeFrom,
  linkFrom,
  makeHarness,
  sessionCookie,
  uniqueEmail,
  type Harness,
} from '../test/harness'
import { importRosterBatch } from '../services/roster'
import { newViewingCode, storeViewingCode } from '../services/viewing-codes'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json()
const PASSWORD = 'mugi-cha-natsu-88'
const signupBody = (email: string) => ({
  email,
  emailConfirm: email,
  password: PASSWORD,
  agreeTerms: true,
  captchaToken: captcha('signup'),
})

/** What a stranger sees of an answer: status, body, header names and cookie names (not their values). */
async function seen(res: Response) {
  const cookies = (res.headers.get('Set-Cookie') ?? '')
    .split(/,(?=\s*__Host-)/)
    .map((c) => c.split('=')[0].trim())
    .filter(Boolean)
    .sort()
  return {
    status: res.status,
    body: await res.text(),
    headers: [...res.headers.keys()].sort(),
    cookies,
  }
}

/** A member signed up and verified in the harness's browser: their address is registered. */
async function registered(h: Harness) {
  const email = uniqueEmail('owner')
  await h.post('/api/signup', signupBody(email))
  const cookie = sessionCookie(
    await h.post('/api/signup/verify', { token: linkFrom(h.lastMailTo(email)!, '/verify') }),
  )
  expect(cookie).not.toBe('')
  return { email, cookie }
}

export function identityCases(openDb: () => Promise<Database>) {
  describe('a registered address answers exactly as a free one', () => {
    it('sign-up, resend, verify-code: the same status, body, header and cookie names', async () => {
      const h = makeHarness(await openDb())
      const { email } = await registered(h)
      const free = uniqueEmail('free')
      // The bodies carry no address, so they must match byte for byte.
      expect(await seen(await h.post('/api/signup', signupBody(email), { headers: APP }))).toEqual(
        await seen(await h.post('/api/signup', signupBody(free), { headers: APP })),
      )
      const resend = (address: string) =>
        h.post(
          '/api/signup/resend',
          { email: address, captchaToken: captcha('resend') },
          { headers: APP },
        )
      expect(await seen(await resend(email))).toEqual(await seen(await resend(free)))
      // A wrong code: invalid_code for both (finding 4: it was 410 for a registered address), four
      // times, then code_expired for both.
      const wrong = (address: string) =>
        h.post('/api/signup/verify-code', { email: address, code: '000000' })
      for (let i = 0; i < 6; i++) {
        const [a, b] = [await seen(await wrong(email)), await seen(await wrong(free))]
        expect(a).toEqual(b)
      }
      expect((await json(await wrong(free))).error.code).toBe('code_expired')
    })

    it('verify: a link that is not live answers alike whatever the address', async () => {
      const h = makeHarness(await openDb())
      const { email } = await registered(h)
      await h.post('/api/signup', signupBody(email))
      const a = await seen(await h.post('/api/signup/verify', { token: 'A'.repeat(43) }))
      const b = await seen(await h.post('/api/signup/verify', { token: 'B'.repeat(43) }))
      expect(a).toEqual(b)
      expect(a.status).toBe(410)
    })

    it('log-in and reset: the same answers for a registered and an unknown address', async () => {
      const h = makeHarness(await openDb())
      const { email } = await registered(h)
      const login = (address: string) =>
        h.post('/api/login', {
          email: address,
          password: 'wrong-password-x',
          captchaToken: captcha('login'),
        })
      expect(await seen(await login(email))).toEqual(await seen(await login(uniqueEmail('nobody'))))
      const reset = (address: string) =>
        h.post('/api/password/forgot', { email: address, captchaToken: captcha('reset') })
      expect(await seen(await reset(email))).toEqual(await seen(await reset(uniqueEmail('nobody'))))
    })

    it('card check: a card on no roster answers as one on the roster with a wrong name or birth date', async () => {
      const h = makeHarness(await openDb())
      await seedDemo(h.deps)
      const header = [
        '個人識別番号',
        '保険者番号',
        '記号',
        '番号',
        '枝番',
        '氏名カナ',
        '生年月日',
        '性別',
        '続柄',
        '資格取得日',
        '資格喪失日',
        '郵便番号',
        '住所',
      ]
      const n = String(Math.floor(Math.random() * 9_000_000) + 1_000_000)
      await importRosterBatch(
        h.deps,
        DEMO_INSURER,
        header,
        [
          {
            line: 2,
            fields: [
              `E${n}`,
              DEMO_INSURER.number,
              '8800',
              n,
              '',
              'ホンニン　ジロウ',
              '1975-05-05',
              '1',
              '1',
              '2010-04-01',
              '',
              '',
              '',
            ],
          },
        ],
        'ja',
      )
      const member = async () => {
        const email = uniqueEmail('card')
        await h.post('/api/signup', signupBody(email))
        return sessionCookie(
          await h.post('/api/signup/verify', { token: linkFrom(h.lastMailTo(email)!, '/verify') }),
        )
      }
      const card = {
        nameKana: 'ホンニン　ジロウ',
        birthDate: '1975-05-05',
        insurerNumber: DEMO_INSURER.number,
        symbol: '8800',
        number: n,
      }
      const check = async (body: object) =>
        seen(await h.post('/api/card/link', body, { cookie: await member() }))
      const none = await check({ ...card, number: String(Number(n) + 1) })
      expect(none.status).toBe(422)
      expect(await check({ ...card, nameKana: 'ホンニン　サブロウ' })).toEqual(none)
      expect(await check({ ...card, birthDate: '1975-05-06' })).toEqual(none)
    })
  })

  describe('the sign-up binding (security.md)', () => {
    it('where the sign-up began, the link completes it in one step', async () => {
      const h = makeHarness(await openDb())
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
      const h = makeHarness(await openDb())
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
      expect(await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))).toEqual(
        [],
      )
      const guessed = await h.post(
        '/api/signup/verify',
        { token, password: 'a-guess-of-mine' },
        { elsewhere: true },
      )
      expect((await json(guessed)).error.code).toBe('signup_password_wrong')
      expect(await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))).toEqual(
        [],
      )
      // Whoever knows the password (the one who signed up) completes it anywhere.
      const right = await h.post(
        '/api/signup/verify',
        { token, password: PASSWORD },
        { elsewhere: true },
      )
      expect(right.status).toBe(200)
    })

    it('elsewhere, the right 6-digit code also asks for the password', async () => {
      const h = makeHarness(await openDb())
      const email = uniqueEmail()
      await h.post('/api/signup', signupBody(email), { headers: APP })
      const code = codeFrom(h.lastMailTo(email)!)
      const bare = await h.post('/api/signup/verify-code', { email, code }, { elsewhere: true })
      expect((await json(bare)).error.code).toBe('signup_password_required')
      expect(await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))).toEqual(
        [],
      )
      const withPassword = await h.post(
        '/api/signup/verify-code',
        { email, code, password: PASSWORD },
        { elsewhere: true },
      )
      expect(withPassword.status).toBe(200)
    })

    it('a resend keeps its binding; a new sign-up elsewhere gets its own and kills the first', async () => {
      const h = makeHarness(await openDb())
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
      const h = makeHarness(await openDb())
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
      const h = makeHarness(await openDb())
      const { email } = await registered(h)
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
      const h = makeHarness(await openDb())
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
      const h = makeHarness(await openDb())
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

    it('reset requests raced for one address leave one live link', async () => {
      const h = makeHarness(await openDb())
      const { email } = await registered(h)
      await Promise.all(
        Array.from({ length: 10 }, () =>
          h.post('/api/password/forgot', { email, captchaToken: captcha('reset') }),
        ),
      )
      const [account] = await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))
      const live = await h.deps.db
        .select()
        .from(emailTokens)
        .where(and(eq(emailTokens.accountId, account.id), isNull(emailTokens.usedAt)))
      expect(live).toHaveLength(1)
    })
  })

  describe('Turnstile', () => {
    it("refuses a token made for another form's action", async () => {
      const h = makeHarness(await openDb())
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

  describe('concurrent sign-ups of one address', () => {
    it('leave exactly one live pending row: re-sending kills every earlier link even when raced', async () => {
      const h = makeHarness(await openDb())
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
      const h = makeHarness(await openDb())
      const first = await registered(h)
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

    it('the step-up is the session’s: a new session asks the secret question again, the first stays ready', async () => {
      const h = makeHarness(await openDb())
      await seedDemo(h.deps)
      const n = String(Math.floor(Math.random() * 9_000_000) + 1_000_000)
      const header = [
        '個人識別番号',
        '保険者番号',
        '記号',
        '番号',
        '枝番',
        '氏名カナ',
        '生年月日',
        '性別',
        '続柄',
        '資格取得日',
        '資格喪失日',
        '郵便番号',
        '住所',
      ]
      await importRosterBatch(
        h.deps,
        DEMO_INSURER,
        header,
        [
          {
            line: 2,
            fields: [
              `S${n}`,
              DEMO_INSURER.number,
              '9900',
              n,
              '',
              'ステップ　ハナ',
              '1981-01-01',
              '2',
              '1',
              '2010-04-01',
              '',
              '',
              '',
            ],
          },
        ],
        'ja',
      )
      const { email, cookie } = await registered(h)
      const [account] = await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))
      await h.deps.db.insert(memberLinks).values({
        accountId: account.id,
        insurerId: DEMO_INSURER.id,
        personKey: `S${n}`,
        linkedAt: h.deps.now(),
      })
      await h.deps.db.insert(checkups).values({
        id: `c-${n}`,
        insurerId: DEMO_INSURER.id,
        personKey: `S${n}`,
        examDate: '2026-06-01',
        institution: null,
        source: 'csv',
        tableVersion: 'ningen-dock-2026-04-01',
        results: '[]',
        grades: '{"A":0,"B":0,"C":0,"D":0}',
        contentHash: n,
        createdAt: 0,
        updatedAt: 0,
      })
      const code = newViewingCode(h.deps.randomBytes)
      await storeViewingCode(h.deps, DEMO_INSURER.id, `S${n}`, code)
      for (const [path, body] of [
        ['/code', { code }],
        ['/question', { questionId: 'birthplace', answer: 'Sapporo' }],
        ['/notice', {}],
      ] as const)
        expect((await h.post(`/api/checkups${path}`, body, { cookie })).status).toBe(200)
      expect((await h.get('/api/checkups', { cookie })).status).toBe(200)
      // Another device logs in (finding 7: it inherited the step-up).
      const second = sessionCookie(
        await h.post(
          '/api/login',
          { email, password: PASSWORD, captchaToken: captcha('login') },
          { elsewhere: true },
        ),
      )
      expect((await json(await h.get('/api/checkups/access', { cookie: second }))).state).toBe(
        'question',
      )
      expect((await json(await h.get('/api/checkups', { cookie: second }))).error.code).toBe(
        'step_up_required',
      )
      expect((await h.get('/api/checkups', { cookie })).status).toBe(200)
      const answeredAt = h.deps.now()
      expect(
        (await h.post('/api/checkups/answer', { answer: 'Sapporo' }, { cookie: second })).status,
      ).toBe(200)
      h.advance(10 * 60_000)
      const read = await h.get('/api/checkups', { cookie: second })
      expect(read.status).toBe(200)
      // The read says when the session passed the step-up: the offline copy's 7 days count from it.
      expect(Number(read.headers.get('X-Step-Up-At'))).toBe(answeredAt)
      const rows = await h.deps.db.select().from(sessions).where(eq(sessions.accountId, account.id))
      expect(rows.filter((r) => r.stepUpAt !== null)).toHaveLength(2)
    })
  })
}
