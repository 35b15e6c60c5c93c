import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog } from '../../db/schema'
import { hashToken } from '../services/tokens'
import { harness, json, login, sessionCookie, signUpAndVerify, type Harness } from '../test/harness'
import {
  codeOf,
  devStaff,
  seedDevStaff,
  staffCall,
  staffCookie,
  staffLoginRequest,
  staffSignIn,
  freshCode,
} from '../test/staff'

const support = devStaff('dev-support')

async function setUp(): Promise<Harness> {
  const h = await harness()
  await seedDevStaff(h)
  return h
}

describe('staff log-in (POST /api/ops/session)', () => {
  it('signs in with e-mail, password and TOTP code, and sets its own cookie', async () => {
    const h = await setUp()
    const res = await staffLoginRequest(h, {
      email: support.email,
      password: support.password,
      code: codeOf(h, 'dev-support'),
    })
    expect(res.status).toBe(200)
    const set = res.headers.get('Set-Cookie') ?? ''
    expect(set).toMatch(/^__Host-staff=/)
    expect(set).toMatch(/HttpOnly/i)
    expect(set).toMatch(/Secure/i)
    expect(set).toMatch(/SameSite=Strict/i)
    expect(set).toMatch(/Max-Age=28800/)
    const body = await json(res)
    expect(body.staff).toMatchObject({ id: 'dev-support', role: 'support', insurer: null })
    expect(JSON.stringify(body)).not.toMatch(/password|totp|secret/i)
    const me = await staffCall(h, 'GET', '/session', staffCookie(res))
    expect(me.status).toBe(200)
    expect((await json(me)).idleSeconds).toBe(30 * 60)
  })

  it('accepts a code once: the same code again is refused, even with the right password', async () => {
    const h = await setUp()
    const code = codeOf(h, 'dev-support')
    const body = { email: support.email, password: support.password, code }
    expect((await staffLoginRequest(h, body)).status).toBe(200)
    const again = await staffLoginRequest(h, body)
    expect(again.status).toBe(401)
    expect((await json(again)).error.code).toBe('invalid_staff_credentials')
  })

  it('accepts a code of one step either side, and not of two', async () => {
    const h = await setUp()
    const body = (steps: number) => ({
      email: support.email,
      password: support.password,
      code: codeOf(h, 'dev-support', steps),
    })
    expect((await staffLoginRequest(h, body(-2))).status).toBe(401)
    expect((await staffLoginRequest(h, body(2))).status).toBe(401)
    expect((await staffLoginRequest(h, body(1))).status).toBe(200)
  })

  it("audits a staff address's failed log-in (never the code or password), after the answer", async () => {
    const h = await setUp()
    const res = await staffLoginRequest(h, {
      email: support.email,
      password: support.password,
      code: '000000',
    })
    expect(res.status).toBe(401)
    const rows = await h.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'staff.login_failed'), eq(auditLog.actorId, 'dev-support')))
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.at(-1)!.detail).not.toContain('000000')
    expect(rows.at(-1)!.detail).not.toContain(support.password)
  })

  it('answers a wrong code, a wrong password and an unknown address alike', async () => {
    const h = await setUp()
    const answers = await Promise.all(
      [
        { email: support.email, password: support.password, code: '000000' },
        { email: support.email, password: 'wrong-password-1', code: codeOf(h, 'dev-support') },
        { email: 'nobody@staff.kenshin.example', password: support.password, code: '123456' },
      ].map(async (b) => {
        const res = await staffLoginRequest(h, b)
        const { error } = await json(res)
        return [res.status, error.code, error.message, res.headers.get('Set-Cookie')]
      }),
    )
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1)
    expect(answers[0][0]).toBe(401)
  })

  it('the same code sent 50 times at once signs in once', async () => {
    const h = await setUp()
    const body = {
      email: support.email,
      password: support.password,
      code: codeOf(h, 'dev-support'),
    }
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () => staffLoginRequest(h, body).then((r) => r.status)),
    )
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
  })

  it('tells each field what is wrong, in the language asked for', async () => {
    const h = await setUp()
    const res = await h.post(
      '/api/ops/session',
      { email: '', password: '', code: '12ab' },
      { headers: { 'Accept-Language': 'en' } },
    )
    expect(res.status).toBe(400)
    const { error } = await json(res)
    expect(error.fields).toEqual({
      email: 'Please enter your e-mail address.',
      password: 'Please enter your password.',
      code: 'The code is 6 digits.',
    })
  })

  it('refuses a log-in posted from another site', async () => {
    const h = await setUp()
    const res = await h.post(
      '/api/ops/session',
      { email: support.email, password: support.password, code: codeOf(h, 'dev-support') },
      { headers: { Origin: 'https://evil.example' } },
    )
    expect(res.status).toBe(403)
  })
})

describe('the staff session', () => {
  it('ends after 30 idle minutes, and after 8 hours however busy', async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-support')
    h.advance(31 * 60_000)
    expect((await staffCall(h, 'GET', '/session', cookie)).status).toBe(401)

    const busy = await staffSignIn(h, 'dev-support')
    for (let i = 0; i < 16; i++) {
      h.advance(29 * 60_000)
      expect((await staffCall(h, 'GET', '/session', busy)).status).toBe(200)
    }
    h.advance(20 * 60_000) // 7 h 44 min + 20 min: past 8 hours, never idle for 30 minutes
    expect((await staffCall(h, 'GET', '/session', busy)).status).toBe(401)
  })

  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-support')
    const res = await staffCall(h, 'DELETE', '/session', cookie)
    expect(res.status).toBe(200)
    expect(res.headers.get('Set-Cookie')).toMatch(/__Host-staff=;/)
    expect((await staffCall(h, 'GET', '/session', cookie)).status).toBe(401)
  })

  it("refuses a cookie's unsafe request from another site", async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-support')
    const res = await staffCall(h, 'DELETE', '/session', cookie, undefined, {
      Origin: 'https://evil.example',
    })
    expect(res.status).toBe(403)
    expect((await staffCall(h, 'GET', '/session', cookie)).status).toBe(200)
  })

  it("is never valid on member routes, and a member's cookie never on staff routes", async () => {
    const h = await setUp()
    const staff = await staffSignIn(h, 'dev-support')
    expect((await h.get('/api/me', { cookie: staff })).status).toBe(401)
    const { email } = await signUpAndVerify(h)
    const signedIn = await login(h, email, 'mugi-cha-natsu-88')
    const member = sessionCookie(signedIn)
    expect(member).toMatch(/^__Host-session=/)
    expect((await staffCall(h, 'GET', '/session', member)).status).toBe(401)
    expect((await staffCall(h, 'GET', '/insurers', member)).status).toBe(401)
    // Not even the same token value under the other name.
    const value = staff.split('=')[1]
    expect((await h.get('/api/me', { cookie: `__Host-session=${value}` })).status).toBe(401)
    expect(await hashToken(value)).toBeTruthy()
  })
})

describe('API tokens issued by a signed-in staff member', () => {
  it('are shown once, work for the command line, expire within 90 days and can be revoked', async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-operator')
    const res = await staffCall(h, 'POST', '/tokens', cookie, {
      code: freshCode(h, 'dev-operator'),
      label: 'laptop',
      days: 30,
    })
    expect(res.status).toBe(201)
    const { token } = await json(res)
    expect(token.token).toMatch(/^kp_/)
    const list = await json(await staffCall(h, 'GET', '/tokens', cookie))
    expect(JSON.stringify(list)).not.toContain(token.token)
    expect(list.tokens[0]).toMatchObject({ id: token.id, label: 'laptop', live: true })
    expect((await h.ops('GET', '/whoami', token.token)).status).toBe(200)
    expect((await staffCall(h, 'DELETE', `/tokens/${token.id}`, cookie)).status).toBe(200)
    expect((await h.ops('GET', '/whoami', token.token)).status).toBe(401)

    const short = await json(
      await staffCall(h, 'POST', '/tokens', cookie, {
        code: freshCode(h, 'dev-operator'),
        label: 'ci',
        days: 1,
      }),
    )
    h.advance(86_400_000 + 1)
    expect((await h.ops('GET', '/whoami', short.token.token)).status).toBe(401)
  })

  it("asks for the authenticator app's code again, and takes it once", async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-operator')
    const wrong = await staffCall(h, 'POST', '/tokens', cookie, {
      code: '000000',
      label: 'x',
      days: 1,
    })
    expect(wrong.status).toBe(400)
    expect((await json(wrong)).error.fields.code).toBe(
      '確認コードが正しくないか、すでに使われています。新しいコードを入力してください。',
    )
    const code = freshCode(h, 'dev-operator')
    const body = { code, label: 'x', days: 1 }
    expect((await staffCall(h, 'POST', '/tokens', cookie, body)).status).toBe(201)
    expect((await staffCall(h, 'POST', '/tokens', cookie, body)).status).toBe(400)
  })

  it('refuses more than 90 days, and a token minting tokens', async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-operator')
    const long = await staffCall(h, 'POST', '/tokens', cookie, {
      code: freshCode(h, 'dev-operator'),
      label: 'x',
      days: 91,
    })
    expect(long.status).toBe(400)
    const { token } = await json(
      await staffCall(h, 'POST', '/tokens', cookie, {
        code: freshCode(h, 'dev-operator'),
        label: 'y',
        days: 5,
      }),
    )
    const minted = await h.ops('POST', '/tokens', token.token, { label: 'z', days: 5 })
    expect(minted.status).toBe(403)
  })

  it("cannot revoke another staff member's token", async () => {
    const h = await setUp()
    const operator = await staffSignIn(h, 'dev-operator')
    const { token } = await json(
      await staffCall(h, 'POST', '/tokens', operator, {
        code: freshCode(h, 'dev-operator'),
        label: 'a',
        days: 5,
      }),
    )
    const other = await staffSignIn(h, 'dev-support')
    expect((await staffCall(h, 'DELETE', `/tokens/${token.id}`, other)).status).toBe(404)
    expect((await h.ops('GET', '/whoami', token.token)).status).toBe(200)
  })
})
