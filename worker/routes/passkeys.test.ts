import { describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { auditLog, memberPasskeys, sessions } from '../../db/schema'
import { softAuthenticator, type SoftAuthenticator } from '../test/authenticator'
import {
  APP,
  captcha,
  DEMO_ACCOUNT,
  harness,
  json,
  login,
  PASSWORD,
  sessionCookie,
  signUpAndVerify,
  type Harness,
} from '../test/harness'
import { passStepUp, setupDemoMember } from '../test/demo-member'

/** Adds a passkey through the API in the member's session (fresh enough to need no password). */
async function addPasskey(
  h: Harness,
  cookie: string,
  key: SoftAuthenticator,
  name = 'iPhone',
  optionsBody: Record<string, unknown> = {},
) {
  const opts = await h.post('/api/passkeys/options', optionsBody, { cookie })
  expect(opts.status).toBe(200)
  const { challengeId, options } = await json(opts)
  return h.post(
    '/api/passkeys',
    { challengeId, name, response: await key.register(options) },
    { cookie },
  )
}

async function memberWithPasskey() {
  const h = await harness()
  const { email, cookie } = await signUpAndVerify(h)
  const key = await softAuthenticator()
  expect((await addPasskey(h, cookie, key)).status).toBe(201)
  return { h, email, cookie, key }
}

/** Log-in options and the authenticator's answer to them. */
async function loginAssertion(h: Harness, key: SoftAuthenticator) {
  const { challengeId, options } = await json(await h.post('/api/passkeys/login/options', {}))
  return { challengeId, options, response: await key.assert(options) }
}

const passkeyLogin = (h: Harness, body: { challengeId: string; response: unknown }) =>
  h.post('/api/passkeys/login', {
    challengeId: body.challengeId,
    response: body.response,
    captchaToken: captcha('login'),
  })

/** The member's sessions (tests in workerd share one database: never count a whole table). */
async function sessionsOf(h: Harness, credentialId: string) {
  const [key] = await h.deps.db
    .select({ accountId: memberPasskeys.accountId })
    .from(memberPasskeys)
    .where(eq(memberPasskeys.id, credentialId))
  const [row] = await h.deps.db
    .select({ n: sql<number>`count(*)` })
    .from(sessions)
    .where(eq(sessions.accountId, key.accountId))
  return Number(row.n)
}

describe('a member’s passkeys (/api/passkeys)', () => {
  it('adds one with a name (discoverable, user verification asked), lists it and mails a notice', async () => {
    const h = await harness()
    const { email, cookie } = await signUpAndVerify(h)
    const key = await softAuthenticator()
    const { options } = await json(await h.post('/api/passkeys/options', {}, { cookie }))
    expect(options.rp).toEqual({ name: 'Kenshin Portal', id: 'localhost' })
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'preferred',
    })
    // The user handle is opaque: neither the address nor the account's id.
    expect(options.user.name).toBe(email)
    expect(atob(options.user.id.replace(/-/g, '+').replace(/_/g, '/'))).not.toContain(email)
    const res = await addPasskey(h, cookie, key, 'iPhone 15')
    expect(res.status).toBe(201)
    const list = (await json(await h.get('/api/passkeys', { cookie }))).passkeys
    expect(list).toEqual([
      {
        id: key.credentialId,
        name: 'iPhone 15',
        createdAt: h.deps.now(),
        lastUsedAt: null,
        forStepUp: false,
      },
    ])
    const mail = h.lastMailTo(email)!
    expect(mail.subject).toBe('【Kenshin Portal】パスキーが追加されました')
    expect(mail.text).toContain('iPhone 15')
    expect(mail.text).toContain('http://localhost:8787/account/passkeys')
    // The same user handle every time; the passkey already added is excluded.
    const again = await json(await h.post('/api/passkeys/options', {}, { cookie }))
    expect(again.options.user.id).toBe(options.user.id)
    expect(again.options.excludeCredentials).toEqual([
      expect.objectContaining({ id: key.credentialId }),
    ])
  })

  it('asks for the password again when the log-in is 10 minutes old, and counts its tries', async () => {
    const h = await harness()
    const { cookie } = await signUpAndVerify(h, undefined, APP)
    h.advance(10 * 60_000)
    const res = await h.post('/api/passkeys/options', {}, { cookie })
    expect(res.status).toBe(403)
    expect((await json(res)).error.code).toBe('passkey_reauth_required')
    const wrong = await h.post('/api/passkeys/options', { password: 'not-it' }, { cookie })
    expect(wrong.status).toBe(400)
    expect((await json(wrong)).error.code).toBe('passkey_password_wrong')
    expect(
      (await addPasskey(h, cookie, await softAuthenticator(), 'x', { password: PASSWORD })).status,
    ).toBe(201)
    // 5 tries per 15 minutes: the right password too is refused after them.
    for (let i = 0; i < 3; i++)
      await h.post('/api/passkeys/options', { password: 'not-it' }, { cookie })
    const over = await h.post('/api/passkeys/options', { password: PASSWORD }, { cookie })
    expect(over.status).toBe(429)
  })

  it('renames and removes only the member’s own, mailing after a removal', async () => {
    const { h, email, cookie, key } = await memberWithPasskey()
    const other = await signUpAndVerify(h)
    const id = key.credentialId
    expect(
      (await h.post(`/api/passkeys/${id}/name`, { name: '仕事用' }, { cookie: other.cookie }))
        .status,
    ).toBe(404)
    expect((await h.post(`/api/passkeys/${id}/remove`, {}, { cookie: other.cookie })).status).toBe(
      404,
    )
    const blank = await h.post(`/api/passkeys/${id}/name`, { name: '  ' }, { cookie })
    expect(blank.status).toBe(400)
    expect((await json(blank)).error.fields.name).toBe(
      'パスキーの名前を60文字以内で入力してください。',
    )
    expect((await h.post(`/api/passkeys/${id}/name`, { name: '仕事用' }, { cookie })).status).toBe(
      200,
    )
    expect((await json(await h.get('/api/passkeys', { cookie }))).passkeys[0].name).toBe('仕事用')
    expect((await h.post(`/api/passkeys/${id}/remove`, {}, { cookie })).status).toBe(200)
    expect((await json(await h.get('/api/passkeys', { cookie }))).passkeys).toEqual([])
    const mail = h.lastMailTo(email)!
    expect(mail.subject).toBe('【Kenshin Portal】パスキーが削除されました')
    expect(mail.text).toContain('仕事用')
    expect((await h.post(`/api/passkeys/${id}/remove`, {}, { cookie })).status).toBe(404)
    // A removed passkey no longer logs in.
    expect((await passkeyLogin(h, await loginAssertion(h, key))).status).toBe(401)
  })

  it('refuses a registration for another challenge, another origin, a used or an expired challenge', async () => {
    const h = await harness()
    const { cookie } = await signUpAndVerify(h)
    const key = await softAuthenticator()
    const first = await json(await h.post('/api/passkeys/options', {}, { cookie }))
    const second = await json(await h.post('/api/passkeys/options', {}, { cookie }))
    const send = async (challengeId: string, response: unknown) =>
      h.post('/api/passkeys', { challengeId, name: 'x', response }, { cookie })
    // Another challenge's answer.
    const crossed = await send(first.challengeId, await key.register(second.options))
    expect(crossed.status).toBe(400)
    expect((await json(crossed)).error.code).toBe('passkey_refused')
    // Another origin.
    const evil = await softAuthenticator('https://evil.example')
    expect((await send(second.challengeId, await evil.register(second.options))).status).toBe(400)
    // Both challenges are now used: the right answer comes too late.
    expect((await send(second.challengeId, await key.register(second.options))).status).toBe(400)
    const third = await json(await h.post('/api/passkeys/options', {}, { cookie }))
    h.advance(5 * 60_000 + 1)
    expect((await send(third.challengeId, await key.register(third.options))).status).toBe(400)
    expect((await json(await h.get('/api/passkeys', { cookie }))).passkeys).toEqual([])
  })
})

describe('log-in with a passkey (/api/passkeys/login)', () => {
  it('logs in: a new session opened by passkey, the audit row says so, the counter moves', async () => {
    const { h, key } = await memberWithPasskey()
    const { challengeId, options, response } = await loginAssertion(h, key)
    expect(options.allowCredentials ?? []).toEqual([])
    expect(options.userVerification).toBe('preferred')
    const res = await passkeyLogin(h, { challengeId, response })
    expect(res.status).toBe(200)
    const cookie = sessionCookie(res)
    expect(cookie).not.toBe('')
    expect((await h.get('/api/me', { cookie })).status).toBe(200)
    const [owner] = await h.deps.db
      .select({
        accountId: memberPasskeys.accountId,
        counter: memberPasskeys.counter,
        lastUsedAt: memberPasskeys.lastUsedAt,
      })
      .from(memberPasskeys)
      .where(eq(memberPasskeys.id, key.credentialId))
    expect(owner.counter).toBe(1)
    expect(owner.lastUsedAt).toBe(h.deps.now())
    const methods = await h.deps.db
      .select({ method: sessions.method })
      .from(sessions)
      .where(eq(sessions.accountId, owner.accountId))
    expect(methods.map((m) => m.method).sort()).toEqual(['passkey', 'password'])
    const [row] = await h.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, owner.accountId), eq(auditLog.action, 'login.succeeded')))
    expect(JSON.parse(row.detail)).toMatchObject({ method: 'passkey' })
  })

  it('refuses a replayed, expired, crossed or foreign-origin answer, and an unknown passkey: nothing changes', async () => {
    const { h, key } = await memberWithPasskey()
    const used = await loginAssertion(h, key)
    expect((await passkeyLogin(h, used)).status).toBe(200)
    const before = await sessionsOf(h, key.credentialId)
    // Replayed: the challenge was used.
    const replay = await passkeyLogin(h, used)
    expect(replay.status).toBe(401)
    expect((await json(replay)).error).toMatchObject({
      code: 'passkey_login_failed',
      message: expect.stringContaining('パスキーでログインできませんでした'),
    })
    // Expired (5 minutes).
    const late = await loginAssertion(h, key)
    h.advance(5 * 60_000 + 1)
    expect((await passkeyLogin(h, late)).status).toBe(401)
    // An answer to another challenge, sent with this one's id.
    const a = await loginAssertion(h, key)
    const b = await loginAssertion(h, key)
    expect(
      (await passkeyLogin(h, { challengeId: a.challengeId, response: b.response })).status,
    ).toBe(401)
    // Signed for another origin.
    const c = await loginAssertion(h, key)
    const evil = await softAuthenticator('https://evil.example')
    const foreign = {
      ...(await evil.assert(c.options)),
      id: key.credentialId,
      rawId: key.credentialId,
    }
    expect((await passkeyLogin(h, { challengeId: c.challengeId, response: foreign })).status).toBe(
      401,
    )
    // Another account's user handle beside this passkey's signature.
    const e = await loginAssertion(h, key)
    const handled = { ...e.response, response: { ...e.response.response, userHandle: 'b3RoZXI' } }
    expect((await passkeyLogin(h, { challengeId: e.challengeId, response: handled })).status).toBe(
      401,
    )
    // A passkey the app does not know.
    const d = await loginAssertion(h, evil)
    expect((await passkeyLogin(h, d)).status).toBe(401)
    expect(await sessionsOf(h, key.credentialId)).toBe(before)
  })

  it('counts for the address lock: failures lock the address, and a locked address refuses a passkey too', async () => {
    const { h, email, key } = await memberWithPasskey()
    // 10 failed passkey log-ins (replays of a used challenge) count as the owner's address failures.
    const used = await loginAssertion(h, key)
    expect((await passkeyLogin(h, used)).status).toBe(200)
    for (let i = 0; i < 10; i++) await passkeyLogin(h, used)
    // The address is locked: the right password and a fresh passkey answer are both refused.
    expect((await login(h, email, PASSWORD)).status).toBe(429)
    const fresh = await loginAssertion(h, key)
    const res = await passkeyLogin(h, fresh)
    expect(res.status).toBe(429)
    expect((await json(res)).error.code).toBe('too_many_attempts')
    // The owner got the unlock mail.
    expect(h.lastMailTo(email)!.text).toContain('/unlock?token=')
  })

  it('asks for the captcha as the password log-in does', async () => {
    const { h, key } = await memberWithPasskey()
    const { challengeId, response } = await loginAssertion(h, key)
    const res = await h.post('/api/passkeys/login', { challengeId, response })
    expect(res.status).toBe(403)
    expect((await json(res)).error.code).toBe('captcha_required')
    // The challenge was not used: with the captcha it still logs in.
    expect((await passkeyLogin(h, { challengeId, response })).status).toBe(200)
  })
})

describe('a passkey instead of the secret question (/api/passkeys/step-up)', () => {
  async function demoWithPasskey() {
    const s = await setupDemoMember()
    await passStepUp(s)
    const key = await softAuthenticator()
    expect((await addPasskey(s.h, s.cookie, key, 'デモ端末')).status).toBe(201)
    // A new session: it asks for the step-up again.
    const res = await s.h.post(
      '/api/login',
      {
        email: DEMO_ACCOUNT.email,
        password: DEMO_ACCOUNT.password,
        captchaToken: captcha('login'),
      },
      { headers: APP },
    )
    const cookie = sessionCookie(res)
    const state = async () =>
      (await json(await s.h.get('/api/checkups/access', { cookie }))).state as string
    const stepUp = async (k: SoftAuthenticator = key) => {
      const opts = await s.h.post('/api/passkeys/step-up/options', {}, { cookie })
      if (opts.status !== 200) return opts
      const { challengeId, options } = await json(opts)
      return s.h.post(
        '/api/passkeys/step-up',
        { challengeId, response: await k.assert(options) },
        { cookie },
      )
    }
    return { ...s, cookie, key, state, stepUp }
  }

  it('passes the session’s step-up: results open without the question', async () => {
    const s = await demoWithPasskey()
    expect(await s.state()).toBe('question')
    expect(
      (await json(await s.h.get('/api/passkeys/step-up', { cookie: s.cookie }))).available,
    ).toBe(true)
    const { options } = await json(
      await s.h.post('/api/passkeys/step-up/options', {}, { cookie: s.cookie }),
    )
    expect(options.allowCredentials).toEqual([expect.objectContaining({ id: s.key.credentialId })])
    const res = await s.stepUp()
    expect(res.status).toBe(200)
    expect(await s.state()).toBe('ready')
    expect((await s.h.get('/api/checkups', { cookie: s.cookie })).status).toBe(200)
  })

  it('is not opened by a passkey added with the password alone: the secret question stays', async () => {
    const s = await setupDemoMember()
    await passStepUp(s)
    // Someone who knows the password logs in anew (no step-up in this session) and adds a passkey.
    const res = await s.h.post(
      '/api/login',
      {
        email: DEMO_ACCOUNT.email,
        password: DEMO_ACCOUNT.password,
        captchaToken: captcha('login'),
      },
      { headers: APP },
    )
    const cookie = sessionCookie(res)
    const key = await softAuthenticator()
    expect((await addPasskey(s.h, cookie, key, '他人の端末')).status).toBe(201)
    const list = (await json(await s.h.get('/api/passkeys', { cookie }))).passkeys
    expect(list).toEqual([expect.objectContaining({ name: '他人の端末', forStepUp: false })])
    // It logs in, but it is not offered, nor taken, for the step-up.
    expect((await json(await s.h.get('/api/passkeys/step-up', { cookie }))).available).toBe(false)
    const opts = await s.h.post('/api/passkeys/step-up/options', {}, { cookie })
    expect(opts.status).toBe(409)
    expect((await json(opts)).error.code).toBe('no_passkey')
    expect((await s.h.get('/api/checkups', { cookie })).status).toBe(403)
  })

  it('refuses another account’s passkey, a replayed challenge and a log-in challenge: the question stays', async () => {
    const s = await demoWithPasskey()
    const other = await signUpAndVerify(s.h)
    const stranger = await softAuthenticator()
    expect((await addPasskey(s.h, other.cookie, stranger)).status).toBe(201)
    const res = await s.stepUp(stranger)
    expect(res.status).toBe(400)
    expect((await json(res)).error.code).toBe('passkey_step_up_failed')
    // A log-in challenge is not a step-up's.
    const login = await loginAssertion(s.h, s.key)
    expect(
      (
        await s.h.post(
          '/api/passkeys/step-up',
          { challengeId: login.challengeId, response: login.response },
          { cookie: s.cookie },
        )
      ).status,
    ).toBe(400)
    // The other member cannot use the demo member's step-up challenge.
    const { challengeId, options } = await json(
      await s.h.post('/api/passkeys/step-up/options', {}, { cookie: s.cookie }),
    )
    const stolen = await s.h.post(
      '/api/passkeys/step-up',
      { challengeId, response: await stranger.assert(options) },
      { cookie: other.cookie },
    )
    expect(stolen.status).toBe(409) // the other member has no linked card to step up to
    expect(await s.state()).toBe('question')
  })

  it('is refused while health data is locked (5 wrong answers), and the first visit cannot skip STEP1', async () => {
    const s = await demoWithPasskey()
    for (let i = 0; i < 5; i++)
      await s.h.post('/api/checkups/answer', { answer: 'wrong' }, { cookie: s.cookie })
    expect(await s.state()).toBe('locked')
    const res = await s.stepUp()
    expect(res.status).toBe(423)
    expect((await json(res)).error.code).toBe('health_locked')
    expect(await s.state()).toBe('locked')
    // A challenge fetched before the lock cannot be used after it either.
    const fresh = await demoWithPasskey()
    const { challengeId, options } = await json(
      await fresh.h.post('/api/passkeys/step-up/options', {}, { cookie: fresh.cookie }),
    )
    for (let i = 0; i < 5; i++)
      await fresh.h.post('/api/checkups/answer', { answer: 'wrong' }, { cookie: fresh.cookie })
    const late = await fresh.h.post(
      '/api/passkeys/step-up',
      { challengeId, response: await fresh.key.assert(options) },
      { cookie: fresh.cookie },
    )
    expect(late.status).toBe(423)
    expect(await fresh.state()).toBe('locked')
  })

  it('is not offered at the first visit (STEP1 proves the person) nor without a passkey', async () => {
    const s = await setupDemoMember()
    expect(await s.state()).toBe('code')
    const key = await softAuthenticator()
    expect((await addPasskey(s.h, s.cookie, key)).status).toBe(201)
    const res = await s.h.post('/api/passkeys/step-up/options', {}, { cookie: s.cookie })
    expect(res.status).toBe(409)
    expect((await json(res)).error.code).toBe('wrong_state')
    const none = await setupDemoMember()
    await passStepUp(none)
    const noKey = await none.h.post('/api/passkeys/step-up/options', {}, { cookie: none.cookie })
    expect((await json(noKey)).error.code).toBe('no_passkey')
  })
})
