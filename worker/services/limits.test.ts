import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import {
  accounts,
  emailChanges,
  healthAccess,
  insurers,
  memberLinks,
  pendingSignups,
  viewingCodes,
} from '../../db/schema'
import { TURNSTILE_TEST_KEYS } from '../config'
import {
  addRosterPerson,
  APP,
  captcha,
  codeFrom,
  DEMO_INSURER,
  type Harness,
  insurerDb,
  json,
  linkFrom,
  makeHarness,
  newViewingCode,
  PASSWORD,
  seedDemo,
  sessionCookie,
  signupBody,
  storeViewingCode,
  testDb,
  uniqueEmail,
} from '../test/harness'

const AT_ONCE = 50

/** Sends `n` requests at once and tallies their answers: status, or status and error code. */
async function atOnce(n: number, send: (i: number) => Promise<Response>) {
  const answers = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const res = await send(i)
      const body = res.headers.get('Content-Type')?.includes('json') ? await json(res) : null
      return body?.error ? `${res.status} ${body.error.code}` : String(res.status)
    }),
  )
  const tally: Record<string, number> = {}
  for (const a of answers) tally[a] = (tally[a] ?? 0) + 1
  return tally
}

async function signUp(h: Harness, email = uniqueEmail('limit')) {
  await h.post('/api/signup', signupBody(email), { headers: APP })
  return email
}

/** A member linked to a roster person of their own (no other test links it), with a viewing code. */
async function linkedMember(h: Harness) {
  await seedDemo(h.deps)
  const n = Math.floor(Math.random() * 9_000_000) + 1_000_000
  const personKey = `L${n}`
  await addRosterPerson(h.deps, {
    key: personKey,
    symbol: '7700',
    number: String(n),
    kana: 'ゲンテイ　タロウ',
    birth: '1980-02-03',
    validFrom: '2010-04-01',
    postal: '100-0000',
    address: '東京都',
  })
  const email = await signUp(h)
  const cookie = sessionCookie(
    await h.post(
      '/api/signup/verify',
      { token: linkFrom(h.lastMailTo(email)!, '/verify') },
      { headers: APP },
    ),
  )
  const [account] = await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))
  // Linked (issue 14): the link in the demo insurer's database, the pointer in the directory.
  await (await insurerDb(h.deps.db, DEMO_INSURER.id)).insert(memberLinks).values({
    accountId: account.id,
    insurerId: DEMO_INSURER.id,
    personKey,
    linkedAt: h.deps.now(),
  })
  await h.deps.db
    .update(accounts)
    .set({ insurerId: DEMO_INSURER.id, linkState: 'linked', linkChangedAt: h.deps.now() })
    .where(eq(accounts.id, account.id))
  const code = newViewingCode(h.deps.randomBytes)
  await storeViewingCode(h.deps, DEMO_INSURER.id, personKey, code)
  return {
    email,
    cookie,
    accountId: account.id,
    personKey,
    code,
    card: {
      nameKana: 'ゲンテイ　タロウ',
      birthDate: '1980-02-03',
      insurerNumber: DEMO_INSURER.number,
      symbol: '7700',
      number: String(n),
    },
  }
}

/**
 * docs/security.md, "Limits hold under concurrency": every limit is decided by the statement that records
 * the attempt. Each case sends 50 requests at once and sees no more than the limit get through, and
 * the right value refused afterwards where the design says so.
 */

describe('limits under 50 requests at once', () => {
  it('the 6-digit code: no more than 5 looks, then even the right code is refused', async () => {
    const h = makeHarness(await testDb())
    const email = await signUp(h)
    const code = codeFrom(h.lastMailTo(email)!)
    const wrong = code === '000000' ? '111111' : '000000'
    const tally = await atOnce(AT_ONCE, () =>
      h.post('/api/signup/verify-code', { email, code: wrong }),
    )
    // Four wrong tries answer invalid_code; the fifth used the code up; the address's level-3 line
    // (10 failures) refuses the rest at the gate.
    expect(tally['400 invalid_code']).toBe(4)
    expect((tally['410 code_expired'] ?? 0) + (tally['429 too_many_attempts'] ?? 0)).toBe(
      AT_ONCE - 4,
    )
    const [row] = await h.deps.db
      .select()
      .from(pendingSignups)
      .where(eq(pendingSignups.emailKey, email))
    expect(row.codeAttempts).toBe(5)
    const right = await h.post('/api/signup/verify-code', { email, code })
    expect(right.status).toBeGreaterThanOrEqual(410)
    expect(
      (await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))).length,
    ).toBe(0)
  })

  it('the viewing code: 5 wrong tries lock it, and the right code is refused afterwards', async () => {
    const h = makeHarness(await testDb())
    const m = await linkedMember(h)
    const tally = await atOnce(AT_ONCE, () =>
      h.post('/api/checkups/code', { code: 'ZZZZ-ZZZZ-ZZZZ' }, { cookie: m.cookie }),
    )
    expect(tally['400 invalid_viewing_code']).toBe(4)
    // The step-up's own rate (20 an hour per account) refuses the rest before any hash.
    expect(tally['429 too_many_attempts']).toBe(AT_ONCE - 20)
    expect(tally['423 viewing_code_locked']).toBe(16)
    const [row] = await (
      await insurerDb(h.deps.db, DEMO_INSURER.id)
    )
      .select()
      .from(viewingCodes)
      .where(eq(viewingCodes.personKey, m.personKey))
    expect(row.failedAttempts).toBe(5)
    expect(row.lockedAt).not.toBeNull()
    h.advance(3_600_001)
    const right = await h.post('/api/checkups/code', { code: m.code }, { cookie: m.cookie })
    expect((await json(right)).error.code).toBe('viewing_code_locked')
  })

  it('the secret answer: 5 wrong in 24 hours lock health data, and the right answer is refused afterwards', async () => {
    const h = makeHarness(await testDb())
    const m = await linkedMember(h)
    expect(
      (await h.post('/api/checkups/code', { code: m.code }, { cookie: m.cookie })).status,
    ).toBe(200)
    expect(
      (
        await h.post(
          '/api/checkups/question',
          { questionId: 'birthplace', answer: 'Sapporo' },
          { cookie: m.cookie },
        )
      ).status,
    ).toBe(200)
    expect((await h.post('/api/checkups/notice', {}, { cookie: m.cookie })).status).toBe(200)
    // A new session must answer the question (the step-up is on the session).
    const again = sessionCookie(
      await h.post(
        '/api/login',
        { email: m.email, password: PASSWORD, captchaToken: captcha('login') },
        { headers: APP },
      ),
    )
    h.advance(3_600_001)
    const tally = await atOnce(AT_ONCE, () =>
      h.post('/api/checkups/answer', { answer: 'Osaka' }, { cookie: again }),
    )
    expect(tally['400 wrong_answer']).toBe(4)
    expect(tally['429 too_many_attempts']).toBe(AT_ONCE - 20)
    expect(tally['423 health_locked']).toBe(16)
    const [row] = await (
      await insurerDb(h.deps.db, DEMO_INSURER.id)
    )
      .select()
      .from(healthAccess)
      .where(eq(healthAccess.accountId, m.accountId))
    expect(row.lockedAt).not.toBeNull()
    h.advance(3_600_001)
    const right = await h.post('/api/checkups/answer', { answer: 'Sapporo' }, { cookie: again })
    expect((await json(right)).error.code).toBe('health_locked')
  })

  it('card checks: 5 in 24 hours per account, then the right card is refused too', async () => {
    const h = makeHarness(await testDb())
    const m = await linkedMember(h)
    const demoDb = await insurerDb(h.deps.db, DEMO_INSURER.id)
    await demoDb.delete(memberLinks).where(eq(memberLinks.accountId, m.accountId))
    await h.deps.db
      .update(accounts)
      .set({ insurerId: null, linkState: null })
      .where(eq(accounts.id, m.accountId))
    const tally = await atOnce(AT_ONCE, (i) =>
      h.post(
        '/api/card/link',
        { ...m.card, birthDate: `1970-01-${String((i % 28) + 1).padStart(2, '0')}` },
        { cookie: m.cookie },
      ),
    )
    expect(tally['422 card_not_found']).toBe(5)
    expect(tally['429 card_too_many_attempts']).toBe(AT_ONCE - 5)
    const right = await h.post('/api/card/link', m.card, { cookie: m.cookie })
    expect((await json(right)).error.code).toBe('card_too_many_attempts')
    expect(
      await demoDb.select().from(memberLinks).where(eq(memberLinks.accountId, m.accountId)),
    ).toEqual([])
  })

  it('card checks: 5 in 24 hours per card, across accounts', async () => {
    const h = makeHarness(await testDb())
    const m = await linkedMember(h)
    const target = { ...m.card, birthDate: '1999-09-09' }
    const members = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const email = await signUp(h)
        return sessionCookie(
          await h.post(
            '/api/signup/verify',
            { token: linkFrom(h.lastMailTo(email)!, '/verify'), password: PASSWORD },
            { headers: APP },
          ),
        )
      }),
    )
    const tally = await atOnce(AT_ONCE, (i) =>
      h.post('/api/card/link', target, { cookie: members[i % members.length] }),
    )
    expect(tally['422 card_not_found']).toBe(5)
    expect(tally['429 card_too_many_attempts']).toBe(AT_ONCE - 5)
  })

  it('log-in failures of one address: no more than 10 checked, then the address is locked even for its password', async () => {
    const h = makeHarness(await testDb())
    const m = await linkedMember(h)
    const tally = await atOnce(AT_ONCE, () =>
      h.post('/api/login', {
        email: m.email,
        password: 'wrong-password-x',
        captchaToken: captcha('login'),
      }),
    )
    expect(tally['401 invalid_credentials']).toBe(10)
    expect(tally['429 too_many_attempts']).toBe(AT_ONCE - 10)
    expect(h.lastMailTo(m.email)?.subject).toMatch(/停止|lock/i)
    const right = await h.post('/api/login', {
      email: m.email,
      password: PASSWORD,
      captchaToken: captcha('login'),
    })
    expect((await json(right)).error.code).toBe('too_many_attempts')
    // After the 15-minute lock, one guess is let through at a time; a wrong one locks again.
    h.advance(15 * 60_000 + 1)
    const probes = await atOnce(10, () =>
      h.post('/api/login', {
        email: m.email,
        password: 'wrong-password-x',
        captchaToken: captcha('login'),
      }),
    )
    expect(probes).toEqual({ '401 invalid_credentials': 1, '429 too_many_attempts': 9 })
  })

  it('captcha level: of 50 log-ins at level 1, only those before the third failure pass with the managed widget', async () => {
    const h = makeHarness(await testDb())
    // Level 2 needs the interactive widget: here its secret refuses every token, so a request the
    // database put at level 2 cannot pass with the token of level 1.
    h.deps.config.turnstile.secretInteractive = TURNSTILE_TEST_KEYS.secretFail
    const email = uniqueEmail('level')
    const tally = await atOnce(AT_ONCE, () =>
      h.post('/api/login', {
        email,
        password: 'wrong-password-x',
        captchaToken: captcha('login'),
      }),
    )
    expect(tally['401 invalid_credentials']).toBe(3)
    // The rest met level 2 (or, while refused tries were still counted, the level-3 line).
    expect((tally['403 captcha_required'] ?? 0) + (tally['429 too_many_attempts'] ?? 0)).toBe(
      AT_ONCE - 3,
    )
    expect(tally['403 captcha_required']).toBeGreaterThan(0)
  })

  it("the IP's attempts: no more than 100 in an hour, whatever the addresses", async () => {
    const h = makeHarness(await testDb())
    for (let i = 0; i < 70; i++)
      await h.post('/api/password/forgot', {
        email: uniqueEmail('ip'),
        captchaToken: captcha('reset'),
      })
    const tally = await atOnce(AT_ONCE, () =>
      h.post('/api/password/forgot', {
        email: uniqueEmail('ip'),
        captchaToken: captcha('reset'),
      }),
    )
    expect(tally).toEqual({ '202': 30, '429 too_many_attempts': 20 })
  })

  it("an allow-listed range: log-ins spared the IP's limit, the forms that send mail not", async () => {
    const h = makeHarness(await testDb())
    h.deps.config.risk = { ...h.deps.config.risk, ipAttemptsLevel3: 5 }
    const now = h.deps.now()
    const number = `0${Math.floor(Math.random() * 9_000_000) + 1_000_000}`
    await h.deps.db.insert(insurers).values({
      id: `range-${number}`,
      number,
      name: '許可範囲テスト',
      allowedCidrs: JSON.stringify([`${h.ip}/32`]),
      allowlistFailureLimit: 1000,
      createdAt: now,
      updatedAt: now,
    })
    try {
      const resets = await atOnce(8, () =>
        h.post('/api/password/forgot', { email: uniqueEmail('range') }),
      )
      expect(resets).toEqual({ '202': 5, '429 too_many_attempts': 3 })
      // Level 0 inside the range: no captcha token, and log-ins are not held to the IP's limit.
      const logins = await atOnce(8, () =>
        h.post('/api/login', { email: uniqueEmail('range'), password: 'wrong-password-x' }),
      )
      expect(logins).toEqual({ '401 invalid_credentials': 8 })
    } finally {
      await h.deps.db.delete(insurers).where(eq(insurers.number, number))
    }
  })

  it('the sign-up password asked for elsewhere: 5 tries, then the link is dead', async () => {
    const h = makeHarness(await testDb())
    const email = await signUp(h)
    const token = linkFrom(h.lastMailTo(email)!, '/verify')
    const tally = await atOnce(AT_ONCE, () =>
      h.post('/api/signup/verify', { token, password: 'not-the-password' }, { elsewhere: true }),
    )
    expect(tally).toEqual({ '401 signup_password_wrong': 5, '410 link_expired': AT_ONCE - 5 })
    const right = await h.post(
      '/api/signup/verify',
      { token, password: PASSWORD },
      { elsewhere: true },
    )
    expect(right.status).toBe(410)
    expect(
      await h.deps.db
        .select()
        .from(accounts)
        .where(and(eq(accounts.emailKey, email))),
    ).toEqual([])
  })
})

// アカウント設定 (issue 12)
describe('アカウント設定 under concurrency', () => {
  const member = async (on?: Harness) => {
    const h = on ?? makeHarness(await testDb())
    const email = uniqueEmail('settings')
    expect((await h.post('/api/signup', signupBody(email), { headers: APP })).status).toBe(202)
    const res = await h.post(
      '/api/signup/verify',
      { token: linkFrom(h.lastMailTo(email)!, '/verify') },
      { headers: APP },
    )
    return { h, email, cookie: sessionCookie(res) }
  }
  const accountOf = async (h: Harness, email: string) =>
    (await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email)))[0]

  it('one confirm link used 50 times at once changes the address once', async () => {
    const { h, email, cookie } = await member()
    const to = uniqueEmail('moved')
    await h.post(
      '/api/account/email',
      { email: to, emailConfirm: to, currentPassword: PASSWORD },
      { cookie },
    )
    const token = linkFrom(h.lastMailTo(to)!, '/account/email/confirm')
    const before = h.mails.length
    const tally = await atOnce(AT_ONCE, () => h.post('/api/account/email/confirm', { token }))
    expect(tally).toEqual({ '200': 1, '410 link_expired': AT_ONCE - 1 })
    // One notice to the old address, with one revert link.
    expect(h.mails.slice(before).filter((m) => m.to === email)).toHaveLength(1)
    expect(await accountOf(h, to)).toBeDefined()
    const changes = await h.deps.db
      .select()
      .from(emailChanges)
      .where(eq(emailChanges.newEmailKey, to))
    expect(changes.filter((c) => c.confirmedAt !== null)).toHaveLength(1)
  })

  it('50 change requests at once leave exactly one live link (of the 5 whose password was looked at)', async () => {
    const { h, cookie, email } = await member()
    const targets = Array.from({ length: AT_ONCE }, (_, i) => uniqueEmail(`to${i}-`))
    const tally = await atOnce(AT_ONCE, (i) =>
      h.post(
        '/api/account/email',
        { email: targets[i], emailConfirm: targets[i], currentPassword: PASSWORD },
        { cookie },
      ),
    )
    // A try in flight counts as a wrong one until its password is found right (checkCurrentPassword).
    expect(tally['202']).toBeGreaterThanOrEqual(1)
    expect(tally['202']).toBeLessThanOrEqual(5)
    expect(tally['202'] + (tally['429 password_tries_exceeded'] ?? 0)).toBe(AT_ONCE)
    const { id } = await accountOf(h, email)
    const rows = await h.deps.db.select().from(emailChanges).where(eq(emailChanges.accountId, id))
    expect(rows).toHaveLength(tally['202'])
    expect(rows.filter((r) => r.revokedAt === null)).toHaveLength(1)
    // Of all the links mailed, exactly one confirms.
    const confirms = await Promise.all(
      targets
        .filter((to) => h.lastMailTo(to))
        .map((to) =>
          h.post('/api/account/email/confirm', {
            token: linkFrom(h.lastMailTo(to)!, '/account/email/confirm'),
          }),
        ),
    )
    expect(confirms.filter((r) => r.status === 200)).toHaveLength(1)
  })

  it('two accounts confirming one new address at once: one wins, the other is told', async () => {
    const x = await member()
    const y = await member(x.h)
    const to = uniqueEmail('contested')
    const tokens: string[] = []
    for (const m of [x, y]) {
      await m.h.post(
        '/api/account/email',
        { email: to, emailConfirm: to, currentPassword: PASSWORD },
        { cookie: m.cookie },
      )
      tokens.push(linkFrom(m.h.lastMailTo(to)!, '/account/email/confirm'))
    }
    const tally = await atOnce(2, (i) =>
      [x, y][i].h.post('/api/account/email/confirm', { token: tokens[i] }),
    )
    expect(tally).toEqual({ '200': 1, '409 email_taken': 1 })
  })

  it('50 wrong current passwords at once: 5 are checked, the rest refused unchecked', async () => {
    const { h, cookie, email } = await member()
    const tally = await atOnce(AT_ONCE, (i) =>
      h.post(
        '/api/account/password',
        { currentPassword: `wrong-${i}-guess`, password: 'aozora-yuki-tanbo-52' },
        { cookie },
      ),
    )
    expect(tally).toEqual({
      '400 wrong_password': 5,
      '429 password_tries_exceeded': AT_ONCE - 5,
    })
    expect(
      (await h.post('/api/account/withdraw', { currentPassword: PASSWORD }, { cookie })).status,
    ).toBe(429)
    expect(await accountOf(h, email)).toBeDefined()
  })

  it('50 withdrawals at once with the right password: one, and no error', async () => {
    const { h, cookie, email } = await member()
    const tally = await atOnce(AT_ONCE, () =>
      h.post('/api/account/withdraw', { currentPassword: PASSWORD }, { cookie }),
    )
    expect(tally['200']).toBeGreaterThanOrEqual(1)
    expect(
      Object.keys(tally).filter(
        (k) => !['200', '401 unauthenticated', '429 password_tries_exceeded'].includes(k),
      ),
    ).toEqual([])
    expect(await accountOf(h, email)).toBeUndefined()
  })
})

// 招待コード (issue 12)
import { signUpAndVerify } from '../test/harness'
import { normalizeInviteCode } from '../../core/signup-codes'

describe('招待コード (issue 12, checkups)', () => {
  it('an older account’s first reads, 50 at once: one code is set, and every answer names it', async () => {
    const h = makeHarness(await testDb())
    const { email, cookie } = await signUpAndVerify(h, uniqueEmail('invite'))
    await h.deps.db.update(accounts).set({ inviteCode: null }).where(eq(accounts.emailKey, email))
    const codes = await Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        const res = await h.get('/api/invite', { cookie })
        expect(res.status).toBe(200)
        return normalizeInviteCode((await json(res)).code)
      }),
    )
    const [row] = await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))
    expect(row.inviteCode).not.toBeNull()
    expect(new Set(codes)).toEqual(new Set([row.inviteCode]))
  })
})

// パスキー (issue 12)
describe('passkeys: each challenge used once, and their limits, whatever arrives at once', () => {
  it('one log-in challenge answered 50 times at once logs in once', async () => {
    const { softAuthenticator } = await import('../test/authenticator')
    const { signUpAndVerify } = await import('../test/harness')
    const h = makeHarness(await testDb())
    const { cookie } = await signUpAndVerify(h)
    const key = await softAuthenticator()
    const reg = await json(await h.post('/api/passkeys/options', {}, { cookie }))
    const added = await h.post(
      '/api/passkeys',
      { challengeId: reg.challengeId, name: 'k', response: await key.register(reg.options) },
      { cookie },
    )
    expect(added.status).toBe(201)
    const { challengeId, options } = await json(await h.post('/api/passkeys/login/options', {}))
    const response = await key.assert(options)
    const tally = await atOnce(AT_ONCE, () =>
      h.post('/api/passkeys/login', { challengeId, response, captchaToken: captcha('login') }),
    )
    // One logs in; the others find the challenge used (401), or, once the address's failures reach
    // the level-3 line, are refused at the gate (429).
    expect(tally['200']).toBe(1)
    expect(
      Object.keys(tally).every((k) =>
        ['200', '401 passkey_login_failed', '429 too_many_attempts'].includes(k),
      ),
    ).toBe(true)
  })

  it('one step-up challenge answered 50 times at once passes once; one registration adds one passkey', async () => {
    const { softAuthenticator } = await import('../test/authenticator')
    const { passStepUp, setupDemoMember } = await import('../test/demo-member')
    const s = await setupDemoMember()
    await passStepUp(s)
    const key = await softAuthenticator()
    const reg = await json(await s.h.post('/api/passkeys/options', {}, { cookie: s.cookie }))
    const registration = await key.register(reg.options)
    const adds = await atOnce(AT_ONCE, () =>
      s.h.post(
        '/api/passkeys',
        { challengeId: reg.challengeId, name: 'k', response: registration },
        { cookie: s.cookie },
      ),
    )
    expect(adds).toEqual({ '201': 1, '400 passkey_refused': AT_ONCE - 1 })
    const { challengeId, options } = await json(
      await s.h.post('/api/passkeys/step-up/options', {}, { cookie: s.cookie }),
    )
    const response = await key.assert(options)
    const steps = await atOnce(AT_ONCE, () =>
      s.h.post('/api/passkeys/step-up', { challengeId, response }, { cookie: s.cookie }),
    )
    // The step-up's own limit (20 tries an hour per account) refuses some before the challenge is looked at.
    expect(steps['200']).toBe(1)
    expect(
      Object.keys(steps).every((k) =>
        ['200', '400 passkey_step_up_failed', '429 too_many_attempts'].includes(k),
      ),
    ).toBe(true)
  })

  it('the password asked again before adding a passkey: 5 tries in 15 minutes, of 50 at once', async () => {
    const { signUpAndVerify } = await import('../test/harness')
    const h = makeHarness(await testDb())
    const { cookie } = await signUpAndVerify(h, undefined, APP)
    h.advance(10 * 60_000)
    const tally = await atOnce(AT_ONCE, () =>
      h.post('/api/passkeys/options', { password: 'not-the-password' }, { cookie }),
    )
    expect(tally).toEqual({
      '400 passkey_password_wrong': 5,
      '429 too_many_attempts': AT_ONCE - 5,
    })
  })

  it('log-in options: 300 a network in 10 minutes, the last 20 of them among 50 at once', async () => {
    const { riskEvents } = await import('../../db/schema')
    const { sql } = await import('drizzle-orm')
    const { hmac } = await import('./tokens')
    const { ipCounterKey } = await import('../../core/ip')
    const { LOGIN_OPTIONS_PER_IP } = await import('./member-passkeys')
    const h = makeHarness(await testDb())
    const subject = `passkey-options:${await hmac(h.deps.config.subjectKey, ipCounterKey(h.ip))}`
    const now = h.deps.now()
    // One statement (D1 binds at most 100 values): the network's earlier requests.
    await h.deps.db
      .all(sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${LOGIN_OPTIONS_PER_IP - 20})
      insert into ${riskEvents} (subject, kind, at) select ${subject}, 'attempt', ${now} from n`)
    const tally = await atOnce(AT_ONCE, () => h.post('/api/passkeys/login/options', {}))
    expect(tally).toEqual({ '200': 20, '429 too_many_attempts': AT_ONCE - 20 })
  })
})

// お知らせ and Web Push (issue 12)
describe('push subscriptions (お知らせ, Web Push)', () => {
  it('50 devices at once: exactly 10 stored for the account, the rest refused', async () => {
    const { subscribeDevicesAtOnce } = await import('../test/push')
    const tally = await subscribeDevicesAtOnce(AT_ONCE)
    expect(tally).toEqual({ '201': 10, '409 push_subscriptions_full': AT_ONCE - 10 })
  })
})

describe('viewing codes in two steps (issue 13)', () => {
  /** A member linked to a fresh person, and operator calls on the demo insurer (a run for that person). */
  async function withRun(h: Harness) {
    const m = await linkedMember(h)
    const { issueStaffToken } = await import('./staff')
    const token = (await issueStaffToken(h.deps, 'dev-operator', { label: 'limits', days: 1 }))
      .token
    const ops = (path: string, body: unknown = {}) =>
      h.ops('POST', `/insurers/${DEMO_INSURER.number}/codes${path}`, token, body)
    const run = (await json(await ops('/runs', { kind: 'reissue' }))).run.id as string
    const issued = await json(
      await ops('/issue', { runId: run, personKeys: [m.personKey], reissue: true }),
    )
    return { m, ops, run, code: issued.issued[0].code as string }
  }
  const codeRows = async (h: Harness, personKey: string) =>
    (await insurerDb(h.deps.db, DEMO_INSURER.id))
      .select()
      .from(viewingCodes)
      .where(eq(viewingCodes.personKey, personKey))

  it('STEP1 with an unconfirmed code: as no code, and no try counted; confirmed, it works', async () => {
    const h = makeHarness(await testDb())
    const { m, ops, run, code } = await withRun(h)
    const step = await h.post('/api/checkups/code', { code }, { cookie: m.cookie })
    expect(step.status).toBe(404)
    expect((await json(step)).error.code).toBe('no_viewing_code')
    // The re-issue revoked the old (usable) code: it is no code either.
    expect(
      (await h.post('/api/checkups/code', { code: m.code }, { cookie: m.cookie })).status,
    ).toBe(404)
    const rows = await codeRows(h, m.personKey)
    expect(rows.filter((r) => r.revokedAt === null)).toMatchObject([
      { confirmedAt: null, failedAttempts: 0, runId: run },
    ])
    expect((await ops(`/runs/${run}/confirm`, { codes: 1 })).status).toBe(200)
    expect((await h.post('/api/checkups/code', { code }, { cookie: m.cookie })).status).toBe(200)
  })

  it(`${AT_ONCE} confirms at once: one confirms, ${AT_ONCE - 1} are told it was done`, async () => {
    const h = makeHarness(await testDb())
    const { ops, run, m } = await withRun(h)
    const answers = await Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        const res = await ops(`/runs/${run}/confirm`, { codes: 1 })
        const body = await json(res)
        return `${res.status} ${body.repeated ? 'repeated' : 'first'} ${body.confirmed}`
      }),
    )
    const tally: Record<string, number> = {}
    for (const a of answers) tally[a] = (tally[a] ?? 0) + 1
    expect(tally).toEqual({ '200 first 1': 1, [`200 repeated 1`]: AT_ONCE - 1 })
    const rows = await codeRows(h, m.personKey)
    expect(rows.filter((r) => r.revokedAt === null && r.confirmedAt !== null)).toHaveLength(1)
  })

  it('a confirm and a revoke at once: exactly one wins, and the codes follow it', async () => {
    const h = makeHarness(await testDb())
    for (let i = 0; i < 5; i++) {
      const { ops, run, m } = await withRun(h)
      const [confirm, revoke] = await Promise.all([
        ops(`/runs/${run}/confirm`, { codes: 1 }),
        ops(`/runs/${run}/revoke`),
      ])
      const won = [confirm.status, revoke.status].sort()
      expect(won).toEqual([200, 409])
      const rows = await codeRows(h, m.personKey)
      const runCode = rows.find((r) => r.runId === run)!
      if (confirm.status === 200) {
        expect(runCode).toMatchObject({ revokedAt: null, confirmedAt: expect.any(Number) })
        expect((await json(revoke)).error.detail.state).toBe('run_confirmed')
      } else {
        expect(runCode).toMatchObject({ revokedAt: expect.any(Number), confirmedAt: null })
        expect((await json(confirm)).error.detail.state).toBe('run_revoked')
      }
    }
  })
})
