/**
 * /api/ops/insurers: who may set an insurer's allow-list (platform admins only), and the ranges and
 * failure limits it takes, with the audit of each change.
 */
import { and, eq, like, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { insurerCheckDigit } from '../../core/card'
import { auditLog, insurers, rosterPersons, shardMap } from '../../db/schema'
import { createStaffWithToken } from '../services/staff'
import {
  databasesOf,
  json,
  makeHarness,
  ROSTER_HEADER,
  testDb,
  type Harness,
} from '../test/harness'
import { freshRows, uniquePrefix } from '../test/ops-data'

let serial = 0
/** A fresh 8-digit 保険者番号 with its check digit, so each test has an insurer of its own. */
function freshInsurerNumber(): string {
  const body = `39${String((Date.now() + serial++) % 100_000).padStart(5, '0')}`
  return body + insurerCheckDigit(body)
}

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** The audit rows of the allow-list changes of the insurer `number`, oldest first. */
function allowListAuditsOf(h: Harness, number: string) {
  return h.deps.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'insurer.allowlist_changed'),
        like(auditLog.detail, `%"insurer":"${number}"%`),
      ),
    )
    .orderBy(auditLog.id)
}

/**
 * A new insurer (made by a platform admin through the API) and two tokens: the admin's, and an
 * operator's and an insurer admin's of that insurer. `ops` calls the operator API with one of them; `patch` changes the new
 * insurer's settings and `create` makes another insurer, as the holder of `token`.
 */
async function setUp(): Promise<{
  h: Harness
  number: string
  admin: { staffId: string; token: string }
  operator: { staffId: string; token: string }
  insurerAdmin: { staffId: string; token: string }
  ops: (method: string, path: string, token: string, body?: unknown) => Promise<Response>
  patch: (token: string, body: unknown) => Promise<Response>
  create: (token: string, body: unknown) => Promise<Response>
  row: () => Promise<typeof insurers.$inferSelect>
  allowListAudits: () => Promise<(typeof auditLog.$inferSelect)[]>
}> {
  const h = makeHarness(await testDb())
  const admin = await createStaffWithToken(h.deps, {
    name: '管理者',
    role: 'platform_admin',
    insurerId: null,
    label: 'test',
  })
  const ops = h.ops
  const number = freshInsurerNumber()
  expect(
    (await ops('POST', '/insurers', admin.token, { number, name: 'テスト健康保険組合' })).status,
  ).toBe(201)
  const row = async () =>
    (await h.deps.db.select().from(insurers).where(eq(insurers.number, number)))[0]
  const operator = await createStaffWithToken(h.deps, {
    name: '担当者',
    role: 'operator',
    insurerId: (await row()).id,
    label: 'test',
  })
  const insurerAdmin = await createStaffWithToken(h.deps, {
    name: '健保管理者',
    role: 'insurer_admin',
    insurerId: (await row()).id,
    label: 'test',
  })
  const allowListAudits = () => allowListAuditsOf(h, number)
  const patch = (token: string, body: unknown) => ops('PATCH', `/insurers/${number}`, token, body)
  const create = (token: string, body: unknown) => ops('POST', '/insurers', token, body)
  return { h, number, admin, operator, insurerAdmin, ops, patch, create, row, allowListAudits }
}

describe('allow-lists are set by platform admins only', () => {
  it("refuses the issue's request from the insurer's operator: 403, nothing changed, captcha still level 1", async () => {
    const { h, operator, row, allowListAudits, patch } = await setUp()
    const before = await row()
    const res = await patch(operator.token, {
      allowedCidrs: ['0.0.0.0/0', '::/0'],
      allowlistFailureLimit: 10000,
    })
    expect(res.status).toBe(403)
    expect((await json(res)).error.code).toBe('forbidden')
    expect(await row()).toEqual(before)
    expect(await allowListAudits()).toEqual([])
    const captcha = await h.post('/api/captcha', { action: 'login', email: 'anyone@example.jp' })
    expect((await json(captcha)).level).toBe(1)
  })

  it.each([
    ['a narrow range', { allowedCidrs: ['203.0.113.0/24'] }],
    ['an empty list', { allowedCidrs: [] }],
    ['the failure limit alone', { allowlistFailureLimit: 5 }],
    ['the limit beside a field of its own', { name: '新しい名前', allowlistFailureLimit: 5 }],
  ])('refuses the operator %s, applying none of the request', async (_, body) => {
    const { operator, row, allowListAudits, patch } = await setUp()
    const before = await row()
    expect((await patch(operator.token, body)).status).toBe(403)
    expect(await row()).toEqual(before)
    expect(await allowListAudits()).toEqual([])
  })

  it('refuses an operator creating an insurer with an allow-list', async () => {
    const { h, operator, create } = await setUp()
    const number = freshInsurerNumber()
    const res = await create(operator.token, {
      number,
      name: '別の健保',
      allowedCidrs: ['203.0.113.0/24'],
    })
    expect(res.status).toBe(403)
    expect(await h.deps.db.select().from(insurers).where(eq(insurers.number, number))).toEqual([])
  })

  it("lets the insurer admin change the insurer's other settings, and not its operator", async () => {
    const { operator, insurerAdmin, row, patch } = await setUp()
    expect((await patch(operator.token, { maintenance: true })).status).toBe(403)
    expect((await row()).maintenance).toBe(false)
    const res = await patch(insurerAdmin.token, { maintenance: true })
    expect(res.status).toBe(200)
    expect((await row()).maintenance).toBe(true)
  })

  it('lets an admin set them, and audits who changed what from what to what', async () => {
    const { h, number, admin, row, allowListAudits, patch } = await setUp()
    const res = await patch(admin.token, {
      allowedCidrs: ['203.0.113.0/24', '2001:db8::/32'],
      allowlistFailureLimit: 50,
    })
    expect(res.status).toBe(200)
    expect((await json(res)).insurer).toMatchObject({
      allowedCidrs: ['203.0.113.0/24', '2001:db8::/32'],
      allowlistFailureLimit: 50,
    })
    expect(await row()).toMatchObject({
      allowedCidrs: '["203.0.113.0/24","2001:db8::/32"]',
      allowlistFailureLimit: 50,
    })

    const second = await patch(admin.token, {
      allowedCidrs: ['203.0.113.0/24'],
    })
    expect(second.status).toBe(200)
    // A change to the other settings, or to the same values, is no allow-list change.
    await patch(admin.token, {
      maintenance: true,
      allowlistFailureLimit: 50,
    })

    const audits = await allowListAudits()
    expect(
      audits.map((a) => ({
        actorType: a.actorType,
        actorId: a.actorId,
        ip: a.ip,
        detail: JSON.parse(a.detail),
      })),
    ).toEqual([
      {
        actorType: 'staff',
        actorId: admin.staffId,
        ip: h.ip,
        detail: {
          insurer: number,
          allowedCidrsFrom: '[]',
          allowedCidrsTo: '["203.0.113.0/24","2001:db8::/32"]',
          allowlistFailureLimitFrom: 20,
          allowlistFailureLimitTo: 50,
        },
      },
      {
        actorType: 'staff',
        actorId: admin.staffId,
        ip: h.ip,
        detail: {
          insurer: number,
          allowedCidrsFrom: '["203.0.113.0/24","2001:db8::/32"]',
          allowedCidrsTo: '["203.0.113.0/24"]',
        },
      },
    ])
  })

  it('audits an allow-list given at creation', async () => {
    const { admin, h, create } = await setUp()
    const number = freshInsurerNumber()
    const res = await create(admin.token, {
      number,
      name: '新しい健保',
      allowedCidrs: ['198.51.100.0/24'],
      allowlistFailureLimit: 30,
    })
    expect(res.status).toBe(201)
    const rows = await allowListAuditsOf(h, number)
    expect(rows.map((r) => JSON.parse(r.detail))).toEqual([
      {
        insurer: number,
        allowedCidrsFrom: '[]',
        allowedCidrsTo: '["198.51.100.0/24"]',
        allowlistFailureLimitFrom: 20,
        allowlistFailureLimitTo: 30,
      },
    ])
  })

  it('records every change exactly once when admins change it at the same moment', async () => {
    const { admin, row, allowListAudits, patch } = await setUp()
    const limits = Array.from({ length: 10 }, (_, i) => 101 + i)
    const answers = await Promise.all(
      limits.map((limit) => patch(admin.token, { allowlistFailureLimit: limit })),
    )
    const statuses = answers.map((r) => r.status)
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true)
    const audits = (await allowListAudits()).map((a) => JSON.parse(a.detail) as Json)
    expect(audits.length).toBe(statuses.filter((s) => s === 200).length)
    // Each row's "from" is the previous row's "to": no change went unrecorded or was recorded twice.
    let current = 20
    for (const a of audits) {
      expect(a.allowlistFailureLimitFrom).toBe(current)
      current = a.allowlistFailureLimitTo
    }
    expect((await row()).allowlistFailureLimit).toBe(current)
  })
})

describe('allow-list ranges and limits', () => {
  it.each([
    ['203.0.0.0/16', 200],
    ['203.0.113.7', 200],
    ['2001:db8::/32', 200],
    ['2001:db8:1:2::/64', 200],
    ['::ffff:203.0.113.0/120', 200],
  ])('accepts %s', async (cidr, status) => {
    const { admin, patch } = await setUp()
    expect((await patch(admin.token, { allowedCidrs: [cidr] })).status).toBe(status)
  })

  it('refuses ranges wider than /16 or /32 and malformed ones, naming each, and changes nothing', async () => {
    const { admin, row, allowListAudits, patch } = await setUp()
    const before = await row()
    const tooWide = [
      '0.0.0.0/0',
      '10.0.0.0/15',
      '::/0',
      '2001:db8::/31',
      '::ffff:0.0.0.0/96',
      '::/32',
    ]
    const malformed = [
      '300.1.1.1/8',
      '10.0.0.0/16/8',
      '10.0.0.0/',
      ' 10.0.0.0/16',
      '10.0.0.0/33',
      'not-a-range',
      '42',
    ]
    const res = await patch(admin.token, {
      allowedCidrs: ['203.0.113.0/24', ...tooWide, ...malformed],
    })
    expect(res.status).toBe(400)
    const { error } = await json(res)
    expect(error.code).toBe('validation')
    expect(error.fields.allowedCidrs).toMatch(/\S/)
    expect(error.detail).toEqual({
      cidrTooWide: tooWide,
      cidrMalformed: malformed,
      widest: 'IPv4 /16, IPv6 /32',
    })
    expect(await row()).toEqual(before)
    expect(await allowListAudits()).toEqual([])
  })

  it('refuses a too-wide range at creation too', async () => {
    const { admin, create } = await setUp()
    const res = await create(admin.token, {
      number: freshInsurerNumber(),
      name: '広すぎる健保',
      allowedCidrs: ['0.0.0.0/0'],
    })
    expect(res.status).toBe(400)
    expect((await json(res)).error.detail.cidrTooWide).toEqual(['0.0.0.0/0'])
  })

  it.each([
    [1, 200],
    [1000, 200],
    [0, 400],
    [1001, 400],
    [10000, 400],
    [2.5, 400],
  ])('takes a failure limit of %s with %s', async (limit, status) => {
    const { admin, patch } = await setUp()
    expect((await patch(admin.token, { allowlistFailureLimit: limit })).status).toBe(status)
  })
})

describe('the maintenance message and planned end (issue 13)', () => {
  it('an insurer admin sets both; the view shows them; a member’s card check in maintenance answers with them', async () => {
    const { h, number, insurerAdmin, operator, patch, ops, admin } = await setUp()
    const set = await patch(insurerAdmin.token, {
      maintenance: true,
      maintenanceMessage: '  システム更新のため、12月24日18時まで停止しています。  ',
      maintenanceUntil: '2026-12-24T18:00+09:00',
    })
    expect(set.status).toBe(200)
    expect((await json(set)).insurer).toMatchObject({
      maintenance: true,
      maintenanceMessage: 'システム更新のため、12月24日18時まで停止しています。',
      maintenanceUntil: '2026-12-24T09:00:00.000Z',
    })
    const listed = await json(await ops('GET', '/insurers', admin.token))
    expect(listed.insurers.find((i: Json) => i.number === number)).toMatchObject({
      maintenanceUntil: '2026-12-24T09:00:00.000Z',
    })
    // The member's card check: 409 with the insurer's words and end time.
    const { APP, signUpAndVerify } = await import('../test/harness')
    const { cookie } = await signUpAndVerify(h, undefined, APP)
    const res = await h.post(
      '/api/card/link',
      {
        nameKana: 'サトウ　ケンジ',
        birthDate: '1968-03-12',
        insurerNumber: number,
        symbol: '1202',
        number: '102',
        branch: '00',
      },
      { cookie },
    )
    expect(res.status).toBe(409)
    expect((await json(res)).error).toMatchObject({
      code: 'insurer_maintenance',
      maintenanceMessage: 'システム更新のため、12月24日18時まで停止しています。',
      maintenanceUntil: '2026-12-24T09:00:00.000Z',
    })
    // An operator may not change settings; '' and null clear them.
    expect((await patch(operator.token, { maintenanceMessage: null })).status).toBe(403)
    const cleared = await json(
      await patch(insurerAdmin.token, { maintenanceMessage: '', maintenanceUntil: null }),
    )
    expect(cleared.insurer).toMatchObject({ maintenanceMessage: null, maintenanceUntil: null })
  })

  it('refuses a message over 500 characters and an end that is not a date-time, changing nothing', async () => {
    const { insurerAdmin, patch, row } = await setUp()
    const before = await row()
    for (const [body, field] of [
      [{ maintenanceMessage: 'あ'.repeat(501) }, 'maintenanceMessage'],
      [{ maintenanceUntil: '2026-12-24' }, 'maintenanceUntil'],
      [{ maintenanceUntil: '2026-13-40T25:00Z' }, 'maintenanceUntil'],
      [{ maintenanceUntil: 12 }, 'maintenanceUntil'],
    ] as const) {
      const res = await patch(insurerAdmin.token, { maintenance: true, ...body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect((await json(res)).error.fields[field]).toEqual(expect.any(String))
    }
    expect(await row()).toEqual(before)
    expect((await patch(insurerAdmin.token, { maintenanceMessage: 'あ'.repeat(500) })).status).toBe(
      200,
    )
  })
})

// issue 14, operator
describe('a new insurer is placed in an insurer database', () => {
  it('goes to the named database, or the active one holding the fewest; its data lands there', async () => {
    const { h, admin, create } = await setUp()
    const placed = async (number: string) => {
      const [i] = await h.deps.db.select().from(insurers).where(eq(insurers.number, number))
      const map = await h.deps.db.select().from(shardMap).where(eq(shardMap.insurerId, i.id))
      return { id: i.id, map }
    }
    const named = freshInsurerNumber()
    const res = await create(admin.token, { number: named, name: '指定健保', database: 'demo' })
    expect(res.status).toBe(201)
    expect((await json(res)).database).toBe('demo')
    expect((await placed(named)).map).toMatchObject([{ fromFy: 0, toFy: null, database: 'demo' }])
    // The fewest: count each active database's insurers now, the new one goes to the least held.
    const counts = await h.deps.db
      .select({ database: shardMap.database, n: sql<number>`count(*)` })
      .from(shardMap)
      .groupBy(shardMap.database)
    const held = (name: string) => Number(counts.find((c) => c.database === name)?.n ?? 0)
    const fewest = held('demo') <= held('second') ? 'demo' : 'second'
    const auto = freshInsurerNumber()
    const answer = await json(await create(admin.token, { number: auto, name: '自動健保' }))
    expect(answer.database).toBe(fewest)
    // Its roster goes to that database, and to no other.
    const { id } = await placed(auto)
    const operator = await createStaffWithToken(h.deps, {
      name: '担当者',
      role: 'operator',
      insurerId: id,
      label: 'test',
    })
    const batch = await h.ops('POST', `/insurers/${auto}/roster/batches`, operator.token, {
      header: ROSTER_HEADER,
      // The rows name the demo insurer's number: this insurer's instead.
      rows: freshRows(uniquePrefix(), 1).map((r) => ({
        ...r,
        fields: r.fields.map((f, i) => (ROSTER_HEADER[i] === '保険者番号' ? auto : f)),
      })),
    })
    expect(batch.status).toBe(200)
    expect((await json(batch)).inserted).toBe(1)
    const other = fewest === 'demo' ? 'second' : 'demo'
    const rowsIn = async (name: string) =>
      (await databasesOf(h.deps.db).shards())
        .find((s) => s.name === name)!
        .db.select()
        .from(rosterPersons)
        .where(eq(rosterPersons.insurerId, id))
    expect(await rowsIn(fewest)).toHaveLength(1)
    expect(await rowsIn(other)).toHaveLength(0)
  })

  it('refuses an unknown or malformed database (422, 400) and creates nothing', async () => {
    const { h, admin, create } = await setUp()
    const number = freshInsurerNumber()
    const unknown = await create(admin.token, { number, name: '健保', database: 'nowhere' })
    expect(unknown.status).toBe(422)
    expect((await json(unknown)).error.code).toBe('unknown_database')
    const bad = await create(admin.token, { number, name: '健保', database: 'DROP TABLE' })
    expect(bad.status).toBe(400)
    expect(Object.keys((await json(bad)).error.fields)).toEqual(['database'])
    expect(await h.deps.db.select().from(insurers).where(eq(insurers.number, number))).toEqual([])
  })

  it('creates and places once when the same insurer is created 50 times at once', async () => {
    const { h, admin, create } = await setUp()
    const number = freshInsurerNumber()
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => create(admin.token, { number, name: '同時健保' })),
    )
    const statuses = answers.map((r) => r.status).sort()
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(49)
    const [i] = await h.deps.db.select().from(insurers).where(eq(insurers.number, number))
    expect(
      await h.deps.db.select().from(shardMap).where(eq(shardMap.insurerId, i.id)),
    ).toHaveLength(1)
  })
})
