import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, staff, staffLinks } from '../../db/schema'
import { totpCode } from '../services/totp'
import { DEMO_INSURER, harness, json, type Harness } from '../test/harness'
import { seedDevStaff, staffCall, staffLoginRequest, staffSignIn } from '../test/staff'

const PASSWORD = 'hoshizora-kaigi-42'
const SECRET = 'bootstrap-secret-for-tests-0123456789abcdef'

async function invited(
  h: Harness,
  email = `enrol${Math.random().toString(36).slice(2)}@staff.kenshin.example`,
) {
  const admin = await staffSignIn(h, 'dev-admin')
  const res = await staffCall(h, 'POST', '/staff', admin, {
    name: '登録 花子',
    email,
    role: 'operator',
    insurerNumber: DEMO_INSURER.number,
  })
  expect(res.status).toBe(201)
  const token = /\/staff\/enrol\?token=([A-Za-z0-9_-]+)/.exec(h.lastMailTo(email)!.text)![1]
  return { email, token, id: (await json(res)).staff.id as string }
}

async function setUp() {
  const h = await harness()
  await seedDevStaff(h)
  return h
}

describe('enrolment (POST /api/ops/enrol/check, /complete)', () => {
  it('shows the name, address and one secret per link, then sets password and TOTP; the person signs in', async () => {
    const h = await setUp()
    const { email, token, id } = await invited(h)
    const first = await h.post('/api/ops/enrol/check', { token })
    expect(first.status).toBe(200)
    const shown = await json(first)
    expect(shown).toMatchObject({
      name: '登録 花子',
      email,
      needsPassword: true,
      needsSecondFactor: true,
    })
    expect(shown.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(shown.otpauthUri).toMatch(/^otpauth:\/\/totp\//)
    const again = await json(await h.post('/api/ops/enrol/check', { token }))
    expect(again.secret).toBe(shown.secret)
    const [link] = await h.deps.db.select().from(staffLinks).where(eq(staffLinks.staffId, id))
    expect(link.pendingSecret).not.toContain(shown.secret)

    const done = await h.post('/api/ops/enrol/complete', {
      token,
      password: PASSWORD,
      code: totpCode(shown.secret, h.deps.now()),
    })
    expect(done.status).toBe(200)
    const [row] = await h.deps.db.select().from(staff).where(eq(staff.id, id))
    expect(row.passwordHash).not.toBeNull()
    expect(row.totpSecret).not.toBeNull()
    expect(row.totpLastStep).toBeGreaterThan(0)
    const audits = await h.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'staff.enrolled'))
    expect(audits.map((a) => a.actorId)).toContain(id)
    // The link is used up; the same code cannot sign in (it was accepted), the next step's can.
    expect((await h.post('/api/ops/enrol/check', { token })).status).toBe(410)
    h.advance(30_000)
    const login = await staffLoginRequest(h, {
      email,
      password: PASSWORD,
      code: totpCode(shown.secret, h.deps.now()),
    })
    expect(login.status).toBe(200)
  })

  it('refuses a wrong code, a weak password and a missing password, field by field, and keeps the link', async () => {
    const h = await setUp()
    const { email, token } = await invited(h)
    const { secret } = await json(await h.post('/api/ops/enrol/check', { token }))
    const wrong = await h.post('/api/ops/enrol/complete', {
      token,
      password: PASSWORD,
      code: '000000',
    })
    expect(wrong.status).toBe(400)
    expect((await json(wrong)).error.fields.code).toContain('確認コード')
    const code = totpCode(secret, h.deps.now())
    const weak = await h.post('/api/ops/enrol/complete', { token, password: 'password', code })
    expect(weak.status).toBe(400)
    expect((await json(weak)).error.fields.password).toBeTruthy()
    const local = email.split('@')[0]
    const mine = await h.post('/api/ops/enrol/complete', { token, password: `${local}-x9!`, code })
    expect((await json(mine)).error.fields.password).toBeTruthy()
    const missing = await h.post('/api/ops/enrol/complete', { token, code })
    expect((await json(missing)).error.fields.password).toBeTruthy()
    const shape = await h.post('/api/ops/enrol/complete', { token: '', code: '12' })
    expect(Object.keys((await json(shape)).error.fields).sort()).toEqual(['code', 'token'])
    expect((await h.post('/api/ops/enrol/check', { token })).status).toBe(200)
  })

  it('answers an unknown, expired or superseded link with 410', async () => {
    const h = await setUp()
    expect((await h.post('/api/ops/enrol/check', { token: 'x'.repeat(43) })).status).toBe(410)
    const { token, id } = await invited(h)
    const admin = await staffSignIn(h, 'dev-admin')
    await staffCall(h, 'POST', `/staff/${id}/reset`, admin, { what: 'both', reason: '再送' })
    expect((await h.post('/api/ops/enrol/check', { token })).status).toBe(410)
    h.advance(8 * 86_400_000)
    const { token: later } = await invited(h)
    h.advance(7 * 86_400_000 + 1)
    expect((await h.post('/api/ops/enrol/check', { token: later })).status).toBe(410)
  })

  it('uses a link once: 50 completions at once, one succeeds', async () => {
    const h = await setUp()
    const { token, id } = await invited(h)
    const { secret } = await json(await h.post('/api/ops/enrol/check', { token }))
    const code = totpCode(secret, h.deps.now())
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.post('/api/ops/enrol/complete', { token, password: `${PASSWORD}-${i}`, code }),
      ),
    )
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1)
    expect(answers.filter((r) => r.status !== 200).every((r) => r.status === 410)).toBe(true)
    const audits = await h.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'staff.enrolled'))
    expect(audits.filter((a) => a.actorId === id)).toHaveLength(1)
  })

  it('re-enrols the second factor only after a reset of it: the password stays, a new secret is shown', async () => {
    const h = await setUp()
    const admin = await staffSignIn(h, 'dev-admin')
    await staffCall(h, 'POST', '/staff/dev-operator/reset', admin, {
      what: 'second_factor',
      reason: '機種変更',
    })
    const [row] = await h.deps.db.select().from(staff).where(eq(staff.id, 'dev-operator'))
    const token = /token=([A-Za-z0-9_-]+)/.exec(h.lastMailTo(row.email!)!.text)![1]
    const shown = await json(await h.post('/api/ops/enrol/check', { token }))
    expect(shown).toMatchObject({ needsPassword: false, needsSecondFactor: true })
    const res = await h.post('/api/ops/enrol/complete', {
      token,
      code: totpCode(shown.secret, h.deps.now()),
    })
    expect(res.status).toBe(200)
    const [after] = await h.deps.db.select().from(staff).where(eq(staff.id, 'dev-operator'))
    expect(after.passwordHash).toBe(row.passwordHash)
    expect(after.totpSecret).not.toBeNull()
  })

  it('takes JSON from the own origin only', async () => {
    const h = await setUp()
    const res = await h.app.request('http://localhost:8787/api/ops/enrol/check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ token: 'x' }),
    })
    expect(res.status).toBe(403)
    const text = await h.app.request('http://localhost:8787/api/ops/enrol/check', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'http://localhost:8787' },
      body: JSON.stringify({ token: 'x' }),
    })
    expect(text.status).toBe(415)
  })
})

/**
 * A harness with the bootstrap secret and no platform admin: on D1 the tests of a file share one
 * database, so the admins other tests made are removed first.
 */
async function noAdmin(env: Record<string, string> = { STAFF_BOOTSTRAP_SECRET: SECRET }) {
  const h = await harness(env)
  await h.deps.db.delete(staff).where(eq(staff.role, 'platform_admin'))
  return h
}

describe('bootstrap (POST /api/ops/enrol/bootstrap)', () => {
  const body = (email = 'first@staff.kenshin.example') => ({
    secret: SECRET,
    name: '最初の管理者',
    email,
  })

  it('creates the first platform admin and mails the invitation, once', async () => {
    const h = await noAdmin()
    const res = await h.post('/api/ops/enrol/bootstrap', body())
    expect(res.status).toBe(201)
    const { staff: created } = await json(res)
    expect(created).toMatchObject({ role: 'platform_admin', email: 'first@staff.kenshin.example' })
    expect(h.lastMailTo('first@staff.kenshin.example')!.text).toMatch(/\/staff\/enrol\?token=/)
    const audits = await h.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'staff.bootstrapped'))
    expect(audits.some((a) => a.actorId === created.id)).toBe(true)
    const again = await h.post('/api/ops/enrol/bootstrap', body('second@staff.kenshin.example'))
    expect(again.status).toBe(409)
  })

  it('50 at once make one admin', async () => {
    const h = await noAdmin()
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.post('/api/ops/enrol/bootstrap', body(`boot${i}@staff.kenshin.example`)),
      ),
    )
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1)
    expect(answers.filter((r) => r.status === 409)).toHaveLength(49)
    const admins = await h.deps.db.select().from(staff).where(eq(staff.role, 'platform_admin'))
    expect(admins).toHaveLength(1)
  })

  it('is 404 without a configured secret, 403 with a wrong one, 400 per field, 409 once an admin exists', async () => {
    const off = await noAdmin({})
    expect((await off.post('/api/ops/enrol/bootstrap', body())).status).toBe(404)
    const h = await noAdmin()
    expect(
      (await h.post('/api/ops/enrol/bootstrap', { ...body(), secret: `${SECRET}x` })).status,
    ).toBe(403)
    const bad = await h.post('/api/ops/enrol/bootstrap', { secret: '', name: '', email: 'x' })
    expect(Object.keys((await json(bad)).error.fields).sort()).toEqual(['email', 'name', 'secret'])
    const seeded = await noAdmin()
    await seedDevStaff(seeded)
    expect((await seeded.post('/api/ops/enrol/bootstrap', body())).status).toBe(409)
  })
})
