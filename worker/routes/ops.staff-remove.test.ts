/**
 * Removing a member of staff (issue 13: the insurer's staff, "invite by mail, set the role, remove"):
 * POST /api/ops/staff/:id/remove with a reason. The person's access ends at once, they leave the list, the
 * address can be invited again, and the row stays for the audit log and the import history.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, staff, staffLinks, staffSessions } from '../../db/schema'
import { issueStaffToken } from '../services/staff'
import { DEMO_INSURER, harness, json, type Harness } from '../test/harness'
import { seedDevStaff, staffCall, staffSignIn } from '../test/staff'

async function setUp(): Promise<Harness> {
  const h = await harness()
  await seedDevStaff(h)
  return h
}

const address = () => `leaver${Math.random().toString(36).slice(2)}@staff.kenshin.example`

/** An invited operator of the demo insurer, by the insurer admin. */
async function invited(h: Harness, cookie: string, email = address()) {
  const res = await staffCall(h, 'POST', '/staff', cookie, {
    name: '退職 予定',
    email,
    role: 'operator',
    insurerNumber: DEMO_INSURER.number,
  })
  expect(res.status).toBe(201)
  return { id: (await json(res)).staff.id as string, email }
}

const removedRows = async (h: Harness) =>
  (await h.deps.db.select().from(auditLog).where(eq(auditLog.action, 'staff.removed'))).map(
    (r) => JSON.parse(r.detail) as Record<string, unknown>,
  )

describe('removing a member of staff (POST /api/ops/staff/:id/remove)', () => {
  it('ends every session and token at once, leaves the list, and frees the address; the row stays', async () => {
    const h = await setUp()
    const victim = await staffSignIn(h, 'dev-operator')
    const { token } = await issueStaffToken(h.deps, 'dev-operator', { label: 't', days: 1 })
    const admin = await staffSignIn(h, 'dev-insurer-admin')
    const res = await staffCall(h, 'POST', '/staff/dev-operator/remove', admin, { reason: '退職' })
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual({ removed: 'dev-operator' })
    expect((await staffCall(h, 'GET', '/session', victim)).status).toBe(401)
    expect((await h.ops('GET', '/whoami', token)).status).toBe(401)
    const sessions = await h.deps.db
      .select()
      .from(staffSessions)
      .where(eq(staffSessions.staffId, 'dev-operator'))
    expect(sessions.every((s) => s.endedAt !== null)).toBe(true)
    const [row] = await h.deps.db.select().from(staff).where(eq(staff.id, 'dev-operator'))
    expect(row).toMatchObject({ name: 'デモ健保 担当者', email: null, emailKey: null })
    expect(row.passwordHash).toBeNull()
    expect(row.totpSecret).toBeNull()
    expect(row.disabledAt).not.toBeNull()
    const { staff: list } = await json(await staffCall(h, 'GET', '/staff', admin))
    expect(list.map((r: { id: string }) => r.id)).not.toContain('dev-operator')
    expect(await removedRows(h)).toContainEqual({
      staff: 'dev-operator',
      role: 'operator',
      reason: '退職',
    })
    // Nothing left to change: found no more.
    for (const [method, path, body] of [
      ['POST', '/staff/dev-operator/remove', { reason: 'もう一度' }],
      ['PATCH', '/staff/dev-operator', { disabled: false, reason: '復職' }],
    ] as const)
      expect((await staffCall(h, method, path, admin, body)).status).toBe(404)
  })

  it('a change and a removal at once never bring the removed row back enabled', async () => {
    const h = await setUp()
    const admin = await staffSignIn(h, 'dev-insurer-admin')
    for (let round = 0; round < 5; round++) {
      const { id } = await invited(h, admin)
      const [removal, change] = await Promise.all([
        staffCall(h, 'POST', `/staff/${id}/remove`, admin, { reason: '退職' }),
        staffCall(h, 'PATCH', `/staff/${id}`, admin, { role: 'insurer_admin', reason: '昇格' }),
      ])
      expect(removal.status).toBe(200)
      expect([200, 404]).toContain(change.status)
      const [row] = await h.deps.db.select().from(staff).where(eq(staff.id, id))
      expect(row.disabledAt).not.toBeNull()
      expect(row.emailKey).toBeNull()
    }
  })

  it("kills an invitee's enrolment link and frees the address", async () => {
    const h = await setUp()
    const admin = await staffSignIn(h, 'dev-insurer-admin')
    const { id, email } = await invited(h, admin)
    expect(
      (await staffCall(h, 'POST', `/staff/${id}/remove`, admin, { reason: '取り消し' })).status,
    ).toBe(200)
    const links = await h.deps.db.select().from(staffLinks).where(eq(staffLinks.staffId, id))
    expect(links.length).toBeGreaterThan(0)
    expect(links.every((l) => l.usedAt !== null)).toBe(true)
    // The address can be invited again, as a new member of staff.
    const again = await invited(h, admin, email)
    expect(again.id).not.toBe(id)
  })

  it("refuses another insurer's staff, a platform admin for an insurer admin, oneself, and roles without staff.manage", async () => {
    const h = await setUp()
    const admin = await staffSignIn(h, 'dev-insurer-admin')
    const reason = { reason: 'テスト' }
    for (const id of ['dev-operator-2', 'dev-admin', 'dev-support'])
      expect((await staffCall(h, 'POST', `/staff/${id}/remove`, admin, reason)).status).toBe(403)
    const self = await staffCall(h, 'POST', '/staff/dev-insurer-admin/remove', admin, reason)
    expect(self.status).toBe(403)
    expect((await staffCall(h, 'POST', '/staff/nobody/remove', admin, reason)).status).toBe(404)
    const operator = await staffSignIn(h, 'dev-operator')
    const { id } = await invited(h, admin)
    expect((await staffCall(h, 'POST', `/staff/${id}/remove`, operator, reason)).status).toBe(403)
    // Nothing changed.
    const { staff: list } = await json(await staffCall(h, 'GET', '/staff', admin))
    expect(list.map((r: { id: string }) => r.id)).toContain(id)
    const refused = [id, 'dev-operator-2', 'dev-admin', 'dev-support', 'dev-insurer-admin']
    expect((await removedRows(h)).filter((d) => refused.includes(d.staff as string))).toEqual([])
  })

  it('needs a reason: 400 in the language asked, nothing changes', async () => {
    const h = await setUp()
    const admin = await staffSignIn(h, 'dev-insurer-admin')
    const { id } = await invited(h, admin)
    for (const body of [
      {},
      { reason: '' },
      { reason: 'x'.repeat(501) },
      { reason: 'a', extra: 1 },
    ]) {
      const res = await staffCall(h, 'POST', `/staff/${id}/remove`, admin, body, {
        'Accept-Language': 'en',
      })
      expect(res.status).toBe(400)
      const { error } = await json(res)
      expect(error.code).toBe('validation')
      expect(error.message).toMatch(/[A-Za-z]/)
    }
    const [row] = await h.deps.db.select().from(staff).where(eq(staff.id, id))
    expect(row.emailKey).not.toBeNull()
  })

  it('50 removals at once: one succeeds, the others find nobody, one audit row', async () => {
    const h = await setUp()
    const admin = await staffSignIn(h, 'dev-insurer-admin')
    const { id } = await invited(h, admin)
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        staffCall(h, 'POST', `/staff/${id}/remove`, admin, { reason: '同時' }),
      ),
    )
    const statuses = answers.map((r) => r.status).sort()
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 404)).toHaveLength(49)
    expect((await removedRows(h)).filter((d) => d.staff === id)).toHaveLength(1)
  })
})
