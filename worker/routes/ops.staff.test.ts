import { and, eq, ne } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, staff, staffLinks, staffSessions } from '../../db/schema'
import { issueStaffToken } from '../services/staff'
import { hashToken } from '../services/tokens'
import {
  DEMO_INSURER,
  harness,
  json,
  MAINTENANCE_INSURER,
  signUpAndVerify,
  type Harness,
} from '../test/harness'
import { seedDevStaff, staffCall, staffSignIn } from '../test/staff'

async function setUp(): Promise<Harness> {
  const h = await harness()
  await seedDevStaff(h)
  return h
}

const invite = (over: Record<string, unknown> = {}) => ({
  name: '新人 太郎',
  email: `new${Math.random().toString(36).slice(2)}@staff.kenshin.example`,
  role: 'operator',
  insurerNumber: DEMO_INSURER.number,
  ...over,
})

const auditRows = async (h: Harness, action: string) =>
  (await h.deps.db.select().from(auditLog).where(eq(auditLog.action, action))).map((r) => ({
    ...r,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }))

describe('staff list (GET /api/ops/staff)', () => {
  it('shows a platform admin everyone, with role, insurer, enrolment and last sign-in', async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-admin')
    const res = await staffCall(h, 'GET', '/staff', cookie)
    expect(res.status).toBe(200)
    const { staff: rows } = await json(res)
    const ids = rows.map((r: { id: string }) => r.id)
    expect(ids).toEqual(expect.arrayContaining(['dev-admin', 'dev-support', 'dev-operator-2']))
    const self = rows.find((r: { id: string }) => r.id === 'dev-admin')
    expect(self).toMatchObject({
      role: 'platform_admin',
      enrolled: true,
      disabled: false,
      manageable: false,
    })
    expect(self.lastSignInAt).toBe(h.deps.now())
    expect(JSON.stringify(rows)).not.toMatch(/passwordHash|totpSecret|\$argon|\$scrypt/i)
  })

  it("shows an insurer admin their own insurer's staff only", async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-insurer-admin')
    const { staff: rows } = await json(await staffCall(h, 'GET', '/staff', cookie))
    const ids = rows.map((r: { id: string }) => r.id).sort()
    expect(ids).toContain('dev-operator')
    expect(ids).not.toContain('dev-operator-2')
    expect(ids).not.toContain('dev-admin')
    for (const r of rows) expect(r.insurerNumber).toBe(DEMO_INSURER.number)
  })

  it('is refused to operators and support (403), without a session (401) and with a member cookie (401)', async () => {
    const h = await setUp()
    for (const id of ['dev-operator', 'dev-support'] as const) {
      const res = await staffCall(h, 'GET', '/staff', await staffSignIn(h, id))
      expect(res.status).toBe(403)
    }
    expect((await staffCall(h, 'GET', '/staff', '')).status).toBe(401)
    const { cookie } = await signUpAndVerify(h)
    expect((await staffCall(h, 'GET', '/staff', cookie)).status).toBe(401)
  })
})

describe('invitations (POST /api/ops/staff)', () => {
  it('creates the row without a password and mails a single-use 7-day link (only its hash kept)', async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-admin')
    const body = invite()
    const res = await staffCall(h, 'POST', '/staff', cookie, body)
    expect(res.status).toBe(201)
    const { staff: created } = await json(res)
    expect(created).toMatchObject({
      name: body.name,
      email: body.email,
      role: 'operator',
      insurerNumber: DEMO_INSURER.number,
      enrolled: false,
    })
    const [row] = await h.deps.db.select().from(staff).where(eq(staff.id, created.id))
    expect(row.passwordHash).toBeNull()
    expect(row.totpSecret).toBeNull()
    const mail = h.lastMailTo(body.email)!
    expect(mail.subject).toContain('スタッフ登録')
    const token = /\/staff\/enrol\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]
    const [link] = await h.deps.db
      .select()
      .from(staffLinks)
      .where(eq(staffLinks.staffId, created.id))
    expect(link.tokenHash).toBe(await hashToken(token))
    expect(link.purpose).toBe('invite')
    expect(link.expiresAt - link.createdAt).toBe(7 * 86_400_000)
    const [audit] = await auditRows(h, 'staff.invited')
    expect(audit).toMatchObject({
      actorId: 'dev-admin',
      detail: { staff: created.id, role: 'operator' },
    })
  })

  it('follows the scope rule: platform admin none, support optional, others required', async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-admin')
    const bad = [
      invite({ role: 'platform_admin' }),
      invite({ role: 'operator', insurerNumber: undefined }),
      invite({ role: 'insurer_admin', insurerNumber: null }),
    ]
    for (const body of bad) {
      const res = await staffCall(h, 'POST', '/staff', cookie, body)
      expect(res.status).toBe(400)
      expect((await json(res)).error.fields.insurerNumber).toBeTruthy()
    }
    for (const body of [
      invite({ role: 'platform_admin', insurerNumber: undefined }),
      invite({ role: 'support', insurerNumber: null }),
      invite({ role: 'support' }),
    ])
      expect((await staffCall(h, 'POST', '/staff', cookie, body)).status).toBe(201)
  })

  it('answers each bad field with its message, and an address already on staff with 409', async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-admin')
    const res = await staffCall(h, 'POST', '/staff', cookie, {
      name: '',
      email: 'not-an-address',
      role: 'boss',
      insurerNumber: '12345678',
    })
    expect(res.status).toBe(400)
    const { fields } = (await json(res)).error
    expect(Object.keys(fields).sort()).toEqual(['email', 'insurerNumber', 'name', 'role'])
    expect(fields.name).toContain('氏名')
    const unknown = await staffCall(
      h,
      'POST',
      '/staff',
      cookie,
      invite({ insurerNumber: '06139996' }),
    )
    expect([400]).toContain(unknown.status)
    const taken = await staffCall(
      h,
      'POST',
      '/staff',
      cookie,
      invite({ email: 'Support@Staff.Kenshin.Example' }),
    )
    expect(taken.status).toBe(409)
    expect((await json(taken)).error.fields.email).toContain('すでに')
  })

  it('lets an insurer admin invite insurer admins and operators of their own insurer only', async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-insurer-admin')
    const admins = async () =>
      (await h.deps.db.select().from(staff).where(eq(staff.role, 'platform_admin'))).length
    const before = await admins()
    expect((await staffCall(h, 'POST', '/staff', cookie, invite())).status).toBe(201)
    expect(
      (await staffCall(h, 'POST', '/staff', cookie, invite({ role: 'insurer_admin' }))).status,
    ).toBe(201)
    for (const body of [
      invite({ role: 'platform_admin', insurerNumber: undefined }),
      invite({ role: 'support' }),
      invite({ insurerNumber: MAINTENANCE_INSURER.number }),
    ]) {
      const res = await staffCall(h, 'POST', '/staff', cookie, body)
      expect(res.status).toBe(403)
    }
    expect(await admins()).toBe(before)
  })

  it('works with an API token as well', async () => {
    const h = await setUp()
    const { token } = await issueStaffToken(h.deps, 'dev-admin', { label: 't', days: 1 })
    expect((await h.ops('POST', '/staff', token, invite())).status).toBe(201)
  })
})

describe('changes (PATCH /api/ops/staff/:id)', () => {
  it('changes a role with a reason, audited with from and to', async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-admin')
    const res = await staffCall(h, 'PATCH', '/staff/dev-operator', cookie, {
      role: 'insurer_admin',
      reason: '担当替え',
    })
    expect(res.status).toBe(200)
    expect((await json(res)).staff).toMatchObject({
      role: 'insurer_admin',
      insurerNumber: DEMO_INSURER.number,
    })
    const [row] = await auditRows(h, 'staff.updated')
    expect(row.detail).toMatchObject({
      staff: 'dev-operator',
      roleFrom: 'operator',
      roleTo: 'insurer_admin',
      reason: '担当替え',
    })
  })

  it('disabling ends every session and token of the person at once', async () => {
    const h = await setUp()
    const victim = await staffSignIn(h, 'dev-operator')
    const { token } = await issueStaffToken(h.deps, 'dev-operator', { label: 't', days: 1 })
    expect((await staffCall(h, 'GET', '/session', victim)).status).toBe(200)
    const cookie = await staffSignIn(h, 'dev-insurer-admin')
    const res = await staffCall(h, 'PATCH', '/staff/dev-operator', cookie, {
      disabled: true,
      reason: '退職',
    })
    expect(res.status).toBe(200)
    expect((await json(res)).staff.disabled).toBe(true)
    expect((await staffCall(h, 'GET', '/session', victim)).status).toBe(401)
    expect((await h.ops('GET', '/whoami', token)).status).toBe(401)
    const live = await h.deps.db
      .select()
      .from(staffSessions)
      .where(eq(staffSessions.staffId, 'dev-operator'))
    expect(live.every((s) => s.endedAt !== null)).toBe(true)
    const [row] = await auditRows(h, 'staff.disabled')
    expect(row.detail).toMatchObject({ staff: 'dev-operator', reason: '退職', disabled: true })
    // Enabled again.
    const back = await staffCall(h, 'PATCH', '/staff/dev-operator', cookie, {
      disabled: false,
      reason: '復職',
    })
    expect((await json(back)).staff.disabled).toBe(false)
  })

  it('needs a reason, and refuses bad values field by field', async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-admin')
    const res = await staffCall(h, 'PATCH', '/staff/dev-operator', cookie, {
      role: 'x',
      disabled: 'yes',
    })
    expect(res.status).toBe(400)
    expect(Object.keys((await json(res)).error.fields).sort()).toEqual([
      'disabled',
      'reason',
      'role',
    ])
    expect((await staffCall(h, 'PATCH', '/staff/nobody', cookie, { reason: 'x' })).status).toBe(404)
  })

  it("refuses changing one's own role or disabling oneself", async () => {
    const h = await setUp()
    const admin = await staffSignIn(h, 'dev-admin')
    for (const body of [
      { role: 'support', reason: 'x' },
      { disabled: true, reason: 'x' },
    ]) {
      const res = await staffCall(h, 'PATCH', '/staff/dev-admin', admin, body)
      expect(res.status).toBe(403)
    }
    const [row] = await h.deps.db.select().from(staff).where(eq(staff.id, 'dev-admin'))
    expect(row).toMatchObject({ role: 'platform_admin', disabledAt: null })
  })

  it('keeps the last enabled platform admin, decided by the statement (both admins disabling each other at once)', async () => {
    const h = await setUp()
    // Other tests of this file (one database on D1) made admins: only dev-admin stays enabled.
    await h.deps.db
      .update(staff)
      .set({ disabledAt: h.deps.now() })
      .where(and(eq(staff.role, 'platform_admin'), ne(staff.id, 'dev-admin')))
    const admin = await staffSignIn(h, 'dev-admin')
    const { staff: second } = await json(
      await staffCall(
        h,
        'POST',
        '/staff',
        admin,
        invite({ role: 'platform_admin', insurerNumber: undefined }),
      ),
    )
    const { token } = await issueStaffToken(h.deps, second.id, { label: 't', days: 1 })
    const answers = await Promise.all([
      staffCall(h, 'PATCH', `/staff/${second.id}`, admin, { disabled: true, reason: 'x' }),
      h.ops('PATCH', '/staff/dev-admin', token, { disabled: true, reason: 'x' }),
    ])
    const enabled = await h.deps.db.select().from(staff).where(eq(staff.role, 'platform_admin'))
    expect(enabled.filter((s) => s.disabledAt === null)).toHaveLength(1)
    expect(answers.map((r) => r.status).sort()).toEqual([200, expect.any(Number)])
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1)
  })

  it("keeps an insurer admin to their insurer's insurer admins and operators", async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-insurer-admin')
    for (const id of ['dev-operator-2', 'dev-admin', 'dev-support', 'dev-support-demo'])
      expect(
        (await staffCall(h, 'PATCH', `/staff/${id}`, cookie, { disabled: true, reason: 'x' }))
          .status,
      ).toBe(403)
    const promote = await staffCall(h, 'PATCH', '/staff/dev-operator', cookie, {
      role: 'platform_admin',
      insurerNumber: null,
      reason: 'x',
    })
    expect(promote.status).toBe(403)
    const move = await staffCall(h, 'PATCH', '/staff/dev-operator', cookie, {
      insurerNumber: MAINTENANCE_INSURER.number,
      reason: 'x',
    })
    expect(move.status).toBe(403)
    const [row] = await h.deps.db.select().from(staff).where(eq(staff.id, 'dev-operator'))
    expect(row).toMatchObject({ role: 'operator', insurerId: 'demo-insurer', disabledAt: null })
  })
})

describe('resets (POST /api/ops/staff/:id/reset)', () => {
  it('clears the second factor, ends all access, mails a re-enrolment link, audited with the reason', async () => {
    const h = await setUp()
    const victim = await staffSignIn(h, 'dev-operator')
    const cookie = await staffSignIn(h, 'dev-admin')
    const res = await staffCall(h, 'POST', '/staff/dev-operator/reset', cookie, {
      what: 'second_factor',
      reason: '端末紛失',
    })
    expect(res.status).toBe(200)
    expect((await json(res)).mailed).toBe(true)
    const [row] = await h.deps.db.select().from(staff).where(eq(staff.id, 'dev-operator'))
    expect(row.totpSecret).toBeNull()
    expect(row.passwordHash).not.toBeNull()
    expect((await staffCall(h, 'GET', '/session', victim)).status).toBe(401)
    const mail = h.lastMailTo(row.email!)!
    expect(mail.subject).toContain('再登録')
    expect(mail.text).toMatch(/\/staff\/enrol\?token=/)
    const [audit] = await auditRows(h, 'staff.second_factor_reset')
    expect(audit.detail).toMatchObject({
      staff: 'dev-operator',
      what: 'second_factor',
      reason: '端末紛失',
    })
    const both = await staffCall(h, 'POST', '/staff/dev-operator/reset', cookie, {
      what: 'both',
      reason: 'x',
    })
    expect(both.status).toBe(200)
    const [after] = await h.deps.db.select().from(staff).where(eq(staff.id, 'dev-operator'))
    expect(after.passwordHash).toBeNull()
  })

  it('is a platform admin\'s only, needs a reason and a known "what"', async () => {
    const h = await setUp()
    const ia = await staffSignIn(h, 'dev-insurer-admin')
    expect(
      (await staffCall(h, 'POST', '/staff/dev-operator/reset', ia, { what: 'both', reason: 'x' }))
        .status,
    ).toBe(403)
    const admin = await staffSignIn(h, 'dev-admin')
    const bad = await staffCall(h, 'POST', '/staff/dev-operator/reset', admin, { what: 'all' })
    expect(bad.status).toBe(400)
    expect(Object.keys((await json(bad)).error.fields).sort()).toEqual(['reason', 'what'])
    expect(
      (await staffCall(h, 'POST', '/staff/dev-admin/reset', admin, { what: 'both', reason: 'x' }))
        .status,
    ).toBe(403)
    expect(
      (await staffCall(h, 'POST', '/staff/nobody/reset', admin, { what: 'both', reason: 'x' }))
        .status,
    ).toBe(404)
  })
})
