import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { allowlistRequests, auditLog, insurers, orgCodes } from '../../db/schema'
import { DEMO_INSURER, harness, json, signUpAndVerify, type Harness } from '../test/harness'
import { seedDevStaff, staffCall, staffSignIn } from '../test/staff'

async function setUp(): Promise<Harness> {
  const h = await harness()
  await seedDevStaff(h)
  return h
}

const cidrsOf = async (h: Harness, id: string) => {
  const [row] = await h.deps.db.select().from(insurers).where(eq(insurers.id, id))
  return JSON.parse(row.allowedCidrs) as string[]
}

const auditsOf = async (h: Harness, action: string) =>
  (await h.deps.db.select().from(auditLog).where(eq(auditLog.action, action))).map((r) => ({
    ...r,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }))

async function request(
  h: Harness,
  cidrs = ['192.0.2.0/24'],
  who: 'dev-operator' | 'dev-insurer-admin' = 'dev-operator',
) {
  const cookie = await staffSignIn(h, who)
  const res = await staffCall(h, 'POST', '/platform/allowlist-requests', cookie, {
    cidrs,
    note: '本社の固定IP',
  })
  expect(res.status).toBe(201)
  return (await json(res)).request.id as string
}

describe('allow-list requests (/api/ops/platform/allowlist-requests)', () => {
  it("an insurer's staff ask for their insurer; they see their own, the admin sees every one, pending first", async () => {
    const h = await setUp()
    const id = await request(h)
    const audits = await auditsOf(h, 'allowlist.requested')
    expect(audits.find((a) => a.detail.request === id)?.detail).toMatchObject({
      insurer: DEMO_INSURER.number,
    })
    const own = await json(
      await staffCall(
        h,
        'GET',
        '/platform/allowlist-requests',
        await staffSignIn(h, 'dev-insurer-admin'),
      ),
    )
    expect(own.requests.map((r: { id: string }) => r.id)).toContain(id)
    for (const r of own.requests) expect(r.insurerNumber).toBe(DEMO_INSURER.number)
    const other = await json(
      await staffCall(
        h,
        'GET',
        '/platform/allowlist-requests',
        await staffSignIn(h, 'dev-operator-2'),
      ),
    )
    expect(other.requests.map((r: { id: string }) => r.id)).not.toContain(id)
    const all = await json(
      await staffCall(h, 'GET', '/platform/allowlist-requests', await staffSignIn(h, 'dev-admin')),
    )
    const mine = all.requests.find((r: { id: string }) => r.id === id)
    expect(mine).toMatchObject({
      status: 'pending',
      cidrs: ['192.0.2.0/24'],
      note: '本社の固定IP',
      requestedBy: 'デモ健保 担当者',
    })
    const statuses = all.requests.map((r: { status: string }) => r.status)
    expect(statuses.indexOf('pending')).toBe(0)
  })

  it('refuses ranges wider than /16 (IPv4) or /32 (IPv6), malformed ones, and an empty note, field by field', async () => {
    const h = await setUp()
    const cookie = await staffSignIn(h, 'dev-operator')
    for (const cidrs of [['10.0.0.0/8'], ['2001:db8::/16'], ['not-an-ip'], []]) {
      const res = await staffCall(h, 'POST', '/platform/allowlist-requests', cookie, {
        cidrs,
        note: '',
      })
      expect(res.status).toBe(400)
      expect(Object.keys((await json(res)).error.fields).sort()).toEqual(['cidrs', 'note'])
    }
  })

  it('is for insurer admins and operators (request) and platform admins (decide)', async () => {
    const h = await setUp()
    const id = await request(h)
    for (const who of ['dev-admin', 'dev-support'] as const) {
      const res = await staffCall(
        h,
        'POST',
        '/platform/allowlist-requests',
        await staffSignIn(h, who),
        { cidrs: ['192.0.2.1'], note: 'x' },
      )
      expect(res.status).toBe(403)
    }
    expect(
      (
        await staffCall(
          h,
          'GET',
          '/platform/allowlist-requests',
          await staffSignIn(h, 'dev-support'),
        )
      ).status,
    ).toBe(403)
    for (const who of ['dev-operator', 'dev-insurer-admin', 'dev-support'] as const) {
      const res = await staffCall(
        h,
        'POST',
        `/platform/allowlist-requests/${id}/decision`,
        await staffSignIn(h, who),
        { decision: 'approve', reason: 'x' },
      )
      expect(res.status).toBe(403)
    }
    const { cookie } = await signUpAndVerify(h)
    expect((await staffCall(h, 'GET', '/platform/allowlist-requests', cookie)).status).toBe(401)
  })

  it('approval sets the union of the current and requested ranges, audited like the allow-list change', async () => {
    const h = await setUp()
    await h.deps.db
      .update(insurers)
      .set({ allowedCidrs: JSON.stringify(['203.0.113.0/24']) })
      .where(eq(insurers.id, 'demo-insurer'))
    const id = await request(h, ['192.0.2.0/24', '203.0.113.0/24'])
    const admin = await staffSignIn(h, 'dev-admin')
    const res = await staffCall(h, 'POST', `/platform/allowlist-requests/${id}/decision`, admin, {
      decision: 'approve',
      reason: '確認済み',
    })
    expect(res.status).toBe(200)
    expect((await json(res)).request.status).toBe('approved')
    expect(await cidrsOf(h, 'demo-insurer')).toEqual(['203.0.113.0/24', '192.0.2.0/24'])
    const change = (await auditsOf(h, 'insurer.allowlist_changed')).find(
      (a) => a.detail.request === id,
    )
    expect(change?.detail).toMatchObject({
      insurer: DEMO_INSURER.number,
      allowedCidrsFrom: '["203.0.113.0/24"]',
      allowedCidrsTo: '["203.0.113.0/24","192.0.2.0/24"]',
    })
    expect(
      (await auditsOf(h, 'allowlist.approved')).find((a) => a.detail.request === id)?.detail.reason,
    ).toBe('確認済み')
    const again = await staffCall(h, 'POST', `/platform/allowlist-requests/${id}/decision`, admin, {
      decision: 'refuse',
      reason: 'x',
    })
    expect(again.status).toBe(409)
  })

  it('refusal keeps the ranges and records the reason; bad decisions are 400, unknown ids 404', async () => {
    const h = await setUp()
    const before = await cidrsOf(h, 'demo-insurer')
    const id = await request(h)
    const admin = await staffSignIn(h, 'dev-admin')
    const bad = await staffCall(h, 'POST', `/platform/allowlist-requests/${id}/decision`, admin, {
      decision: 'maybe',
    })
    expect(Object.keys((await json(bad)).error.fields).sort()).toEqual(['decision', 'reason'])
    const res = await staffCall(h, 'POST', `/platform/allowlist-requests/${id}/decision`, admin, {
      decision: 'refuse',
      reason: '範囲が広すぎます',
    })
    expect(res.status).toBe(200)
    expect(await cidrsOf(h, 'demo-insurer')).toEqual(before)
    expect(
      (await auditsOf(h, 'allowlist.refused')).find((a) => a.detail.request === id)?.detail.reason,
    ).toBe('範囲が広すぎます')
    expect(
      (
        await staffCall(h, 'POST', '/platform/allowlist-requests/nope/decision', admin, {
          decision: 'refuse',
          reason: 'x',
        })
      ).status,
    ).toBe(404)
  })

  it('50 decisions at once: one is recorded, the ranges are set once', async () => {
    const h = await setUp()
    await h.deps.db
      .update(insurers)
      .set({ allowedCidrs: '[]' })
      .where(eq(insurers.id, 'demo-maintenance'))
    const cookie = await staffSignIn(h, 'dev-operator-2')
    const id = (
      await json(
        await staffCall(h, 'POST', '/platform/allowlist-requests', cookie, {
          cidrs: ['198.18.0.0/24'],
          note: 'x',
        }),
      )
    ).request.id
    const admin = await staffSignIn(h, 'dev-admin')
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        staffCall(h, 'POST', `/platform/allowlist-requests/${id}/decision`, admin, {
          decision: i % 2 ? 'refuse' : 'approve',
          reason: `r${i}`,
        }),
      ),
    )
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1)
    const decided = [
      ...(await auditsOf(h, 'allowlist.approved')),
      ...(await auditsOf(h, 'allowlist.refused')),
    ].filter((a) => a.detail.request === id)
    expect(decided).toHaveLength(1)
    const changes = (await auditsOf(h, 'insurer.allowlist_changed')).filter(
      (a) => a.detail.request === id,
    )
    expect(changes).toHaveLength(decided[0].action === 'allowlist.approved' ? 1 : 0)
  })

  it('keeps at most 5 pending requests per insurer: 50 at once, 5 recorded', async () => {
    const h = await setUp()
    await h.deps.db
      .delete(allowlistRequests)
      .where(eq(allowlistRequests.insurerId, 'demo-maintenance'))
    const cookie = await staffSignIn(h, 'dev-operator-2')
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        staffCall(h, 'POST', '/platform/allowlist-requests', cookie, {
          cidrs: [`198.18.${i}.0/24`],
          note: `r${i}`,
        }),
      ),
    )
    expect(answers.filter((r) => r.status === 201)).toHaveLength(5)
    const refused = answers.find((r) => r.status === 409)!
    expect((await json(refused)).error.fields.cidrs).toContain('5件')
    const rows = await h.deps.db
      .select()
      .from(allowlistRequests)
      .where(eq(allowlistRequests.insurerId, 'demo-maintenance'))
    expect(rows).toHaveLength(5)
  })
})

describe('団体連携コード (/api/ops/platform/org-codes)', () => {
  it('issues 8-character codes without 0/O/1/I, lists and retires them, audited', async () => {
    const h = await setUp()
    const admin = await staffSignIn(h, 'dev-admin')
    const res = await staffCall(h, 'POST', '/platform/org-codes', admin, {
      insurerNumber: DEMO_INSURER.number,
      organisation: '株式会社デモ',
    })
    expect(res.status).toBe(201)
    const { code } = await json(res)
    expect(code.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
    expect(code).toMatchObject({
      organisation: '株式会社デモ',
      insurerNumber: DEMO_INSURER.number,
      retiredAt: null,
    })
    const list = await json(await staffCall(h, 'GET', '/platform/org-codes', admin))
    expect(list.codes.map((c: { code: string }) => c.code)).toContain(code.code)
    const retired = await staffCall(
      h,
      'POST',
      `/platform/org-codes/${code.code.toLowerCase()}/retire`,
      admin,
      {},
    )
    expect(retired.status).toBe(200)
    expect((await json(retired)).code.retiredAt).toBe(h.deps.now())
    expect(
      (await staffCall(h, 'POST', `/platform/org-codes/${code.code}/retire`, admin, {})).status,
    ).toBe(409)
    expect(
      (await staffCall(h, 'POST', '/platform/org-codes/ZZZZZZZZ/retire', admin, {})).status,
    ).toBe(404)
    expect((await staffCall(h, 'POST', '/platform/org-codes/0/retire', admin, {})).status).toBe(404)
    expect((await auditsOf(h, 'orgcode.issued')).some((a) => a.detail.code === code.code)).toBe(
      true,
    )
    expect((await auditsOf(h, 'orgcode.retired')).some((a) => a.detail.code === code.code)).toBe(
      true,
    )
  })

  it('retries a clash of random codes, and names bad fields', async () => {
    let calls = 0
    const h = await setUp()
    const admin = await staffSignIn(h, 'dev-admin')
    const taken = 'ABCDEFGH'
    await h.deps.db
      .insert(orgCodes)
      .values({
        code: taken,
        insurerId: 'demo-insurer',
        organisation: 'x',
        createdBy: 'dev-admin',
        createdAt: 0,
      })
      .onConflictDoNothing()
    const real = h.deps.randomBytes
    // The first code drawn is the taken one, the next is random.
    h.deps.randomBytes = (n) =>
      n === 8 && calls++ === 0 ? Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7]) : real(n)
    const res = await staffCall(h, 'POST', '/platform/org-codes', admin, {
      insurerNumber: DEMO_INSURER.number,
      organisation: '別団体',
    })
    h.deps.randomBytes = real
    expect(res.status).toBe(201)
    expect((await json(res)).code.code).not.toBe(taken)
    const bad = await staffCall(h, 'POST', '/platform/org-codes', admin, {
      insurerNumber: '1',
      organisation: '',
    })
    expect(Object.keys((await json(bad)).error.fields).sort()).toEqual([
      'insurerNumber',
      'organisation',
    ])
    const unknown = await staffCall(h, 'POST', '/platform/org-codes', admin, {
      insurerNumber: '06139996',
      organisation: 'x',
    })
    expect(unknown.status).toBe(400)
  })

  it("is a platform admin's only", async () => {
    const h = await setUp()
    for (const who of ['dev-insurer-admin', 'dev-operator', 'dev-support'] as const) {
      const cookie = await staffSignIn(h, who)
      expect((await staffCall(h, 'GET', '/platform/org-codes', cookie)).status).toBe(403)
      expect(
        (
          await staffCall(h, 'POST', '/platform/org-codes', cookie, {
            insurerNumber: DEMO_INSURER.number,
            organisation: 'x',
          })
        ).status,
      ).toBe(403)
    }
  })
})
