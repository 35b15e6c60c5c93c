import { and, eq, like } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { insurerCheckDigit } from '../../core/card'
import { auditLog, insurers, memberLinks, rosterPersons } from '../../db/schema'
import { createStaffWithToken } from '../services/staff'
import {
  DEMO_INSURER,
  DEMO_ROSTER_ROWS as ROWS,
  json,
  makeHarness,
  ROSTER_HEADER as HEADER,
  seedDemo,
  testDb,
  type Harness,
} from '../test/harness'

let serial = 0
/** A fresh 8-digit 保険者番号 with its check digit, so each test has an insurer of its own. */
function freshInsurerNumber(): string {
  const body = `39${String((Date.now() + serial++) % 100_000).padStart(5, '0')}`
  return body + insurerCheckDigit(body)
}

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A new insurer (made by a platform admin through the API) and two tokens: the admin's, and an
 * operator's of that insurer. `ops` calls the operator API with one of them.
 */
async function setUp(): Promise<{
  h: Harness
  number: string
  admin: { staffId: string; token: string }
  operator: { staffId: string; token: string }
  ops: (method: string, path: string, token: string, body?: unknown) => Promise<Response>
  row: () => Promise<typeof insurers.$inferSelect>
  allowListAudits: () => Promise<(typeof auditLog.$inferSelect)[]>
}> {
  const h = makeHarness(await testDb())
  const admin = await createStaffWithToken(h.deps, {
    name: '管理者',
    role: 'admin',
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
  const allowListAudits = () =>
    h.deps.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'insurer.allowlist_changed'),
          like(auditLog.detail, `%"insurer":"${number}"%`),
        ),
      )
      .orderBy(auditLog.id)
  return { h, number, admin, operator, ops, row, allowListAudits }
}

describe('allow-lists are set by platform admins only', () => {
  it("refuses the issue's request from the insurer's operator: 403, nothing changed, captcha still level 1", async () => {
    const { h, number, operator, ops, row, allowListAudits } = await setUp()
    const before = await row()
    const res = await ops('PATCH', `/insurers/${number}`, operator.token, {
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
    const { number, operator, ops, row, allowListAudits } = await setUp()
    const before = await row()
    expect((await ops('PATCH', `/insurers/${number}`, operator.token, body)).status).toBe(403)
    expect(await row()).toEqual(before)
    expect(await allowListAudits()).toEqual([])
  })

  it('refuses an operator creating an insurer with an allow-list', async () => {
    const { h, operator, ops } = await setUp()
    const number = freshInsurerNumber()
    const res = await ops('POST', '/insurers', operator.token, {
      number,
      name: '別の健保',
      allowedCidrs: ['203.0.113.0/24'],
    })
    expect(res.status).toBe(403)
    expect(await h.deps.db.select().from(insurers).where(eq(insurers.number, number))).toEqual([])
  })

  it("still lets the operator change the insurer's other settings", async () => {
    const { number, operator, ops, row } = await setUp()
    const res = await ops('PATCH', `/insurers/${number}`, operator.token, { maintenance: true })
    expect(res.status).toBe(200)
    expect((await row()).maintenance).toBe(true)
  })

  it('lets an admin set them, and audits who changed what from what to what', async () => {
    const { h, number, admin, ops, row, allowListAudits } = await setUp()
    const res = await ops('PATCH', `/insurers/${number}`, admin.token, {
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

    const second = await ops('PATCH', `/insurers/${number}`, admin.token, {
      allowedCidrs: ['203.0.113.0/24'],
    })
    expect(second.status).toBe(200)
    // A change to the other settings, or to the same values, is no allow-list change.
    await ops('PATCH', `/insurers/${number}`, admin.token, {
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
    const { admin, ops, h } = await setUp()
    const number = freshInsurerNumber()
    const res = await ops('POST', '/insurers', admin.token, {
      number,
      name: '新しい健保',
      allowedCidrs: ['198.51.100.0/24'],
      allowlistFailureLimit: 30,
    })
    expect(res.status).toBe(201)
    const rows = await h.deps.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'insurer.allowlist_changed'),
          like(auditLog.detail, `%"insurer":"${number}"%`),
        ),
      )
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
    const { number, admin, ops, row, allowListAudits } = await setUp()
    const limits = Array.from({ length: 10 }, (_, i) => 101 + i)
    const answers = await Promise.all(
      limits.map((limit) =>
        ops('PATCH', `/insurers/${number}`, admin.token, { allowlistFailureLimit: limit }),
      ),
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
    const { number, admin, ops } = await setUp()
    expect(
      (await ops('PATCH', `/insurers/${number}`, admin.token, { allowedCidrs: [cidr] })).status,
    ).toBe(status)
  })

  it('refuses ranges wider than /16 or /32 and malformed ones, naming each, and changes nothing', async () => {
    const { number, admin, ops, row, allowListAudits } = await setUp()
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
    const res = await ops('PATCH', `/insurers/${number}`, admin.token, {
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
    const { admin, ops } = await setUp()
    const res = await ops('POST', '/insurers', admin.token, {
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
    const { number, admin, ops } = await setUp()
    expect(
      (await ops('PATCH', `/insurers/${number}`, admin.token, { allowlistFailureLimit: limit }))
        .status,
    ).toBe(status)
  })
})

/** The demo data and roster, imported by a platform admin through the operator API. */
async function setup() {
  const h = makeHarness(await testDb())
  // Tests in workerd share one D1 database: each starts from no links but the demo account's.
  await h.deps.db.delete(memberLinks)
  const tokens = await seedDemo(h.deps)
  const ops = (
    path: string,
    body?: unknown,
    token = tokens.admin,
    method = body === undefined ? 'GET' : 'POST',
  ) => h.ops(method, path, token, body)
  const importRows = async (rows = ROWS, header = HEADER, token = tokens.admin) =>
    ops(`/insurers/${DEMO_INSURER.number}/roster/batches`, { header, rows }, token)
  expect((await importRows()).status).toBe(200)
  return { h, tokens, ops, importRows }
}

describe('roster import through the operator API', () => {
  it('inserts the roster, then changes nothing when the same rows come again', async () => {
    const { importRows } = await setup()
    const again = await json(await importRows())
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: ROWS.length, rejected: [] })
  })

  it('counts a first import as inserted and a changed row as updated', async () => {
    const h = makeHarness(await testDb())
    const tokens = await seedDemo(h.deps)
    const post = (rows: typeof ROWS) =>
      h.app.request(`http://localhost:8787/api/ops/insurers/06139992/roster/batches`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${tokens.operator}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ header: HEADER, rows }),
      })
    const first = await json(await post(ROWS))
    expect(first.inserted + first.unchanged).toBe(ROWS.length)
    const moved = ROWS.map((r) =>
      r.fields[0] === 'D0050'
        ? { ...r, fields: r.fields.map((f, i) => (i === 12 ? '東京都港区デモ1-2' : f)) }
        : r,
    )
    expect(await json(await post(moved))).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: ROWS.length - 1,
      rejected: [],
    })
  })

  it('reports each bad row with its line, column and reason, and keeps the good rows', async () => {
    const { importRows, h } = await setup()
    const rows = [
      {
        line: 2,
        fields: [
          'N0001',
          '06139992',
          '9000',
          '900',
          '',
          'アタラシ　イチ',
          '1990-01-01',
          '1',
          '1',
          '',
          '',
          '',
          '',
        ],
      },
      {
        line: 3,
        fields: [
          'N0002',
          '06139992',
          '9000',
          '901',
          '',
          'アタラシ　ニ',
          '1990-02-30',
          '1',
          '1',
          '',
          '',
          '',
          '',
        ],
      },
      {
        line: 4,
        fields: [
          'N0003',
          '01130012',
          '9000',
          '902',
          '',
          'アタラシ　サン',
          '1990-01-03',
          '1',
          '1',
          '',
          '',
          '',
          '',
        ],
      },
      {
        line: 5,
        fields: [
          'N0004',
          '06139992',
          '9000',
          '903',
          '',
          'Atarashi Shi',
          '1990-01-04',
          '3',
          '1',
          '',
          '',
          '',
          '',
        ],
      },
    ]
    const res = await json(await importRows(rows))
    expect(res.inserted).toBe(1)
    const byLine = (line: number) => res.rejected.filter((r: { line: number }) => r.line === line)
    expect(byLine(3)).toMatchObject([{ column: '生年月日', reason: 'roster.birth_date.invalid' }])
    expect(byLine(4)).toMatchObject([{ column: '保険者番号' }])
    expect(
      byLine(5)
        .map((r: { column: string }) => r.column)
        .sort(),
    ).toEqual(['性別', '氏名カナ'])
    expect(byLine(5)[0].message).toMatch(/[ぁ-んァ-ン一-龯]/)
    const stored = await h.deps.db
      .select()
      .from(rosterPersons)
      .where(eq(rosterPersons.personKey, 'N0002'))
    expect(stored).toHaveLength(0)
  })

  it('refuses a file whose header lacks a required column, storing nothing', async () => {
    const { importRows, h } = await setup()
    const header = HEADER.filter((c) => c !== '番号')
    const res = await importRows(
      [
        {
          line: 2,
          fields: [
            'N0009',
            '06139992',
            '9',
            'ミホン　タロウ',
            '1990-01-01',
            '1',
            '1',
            '',
            '',
            '',
            '',
          ],
        },
      ],
      header,
    )
    expect(res.status).toBe(400)
    expect((await json(res)).error.code).toBe('roster_header')
    expect(
      await h.deps.db.select().from(rosterPersons).where(eq(rosterPersons.personKey, 'N0009')),
    ).toHaveLength(0)
  })

  it('takes English headers too', async () => {
    const { importRows } = await setup()
    const en = [
      'person_key',
      'insurer_number',
      'symbol',
      'number',
      'branch',
      'name_kana',
      'birth_date',
      'sex',
      'relationship',
      'valid_from',
      'valid_to',
      'postal_code',
      'address',
    ]
    expect(await json(await importRows(ROWS, en))).toMatchObject({
      unchanged: ROWS.length,
      rejected: [],
    })
  })

  it('answers 401 without a valid token and 403 to an operator of another insurer', async () => {
    const { ops, tokens } = await setup()
    expect((await ops('/whoami', undefined, 'kp_not-a-real-token-at-all')).status).toBe(401)
    const mine = await json(await ops('/whoami', undefined, tokens.operator))
    expect(mine.staff).toMatchObject({ role: 'operator', insurer: '06139992' })
    const other = await ops(
      '/insurers/06139463/roster/batches',
      { header: HEADER, rows: ROWS.slice(0, 1) },
      tokens.operator,
    )
    expect(other.status).toBe(403)
    const list = await json(await ops('/insurers', undefined, tokens.operator))
    expect(list.insurers.map((i: { number: string }) => i.number)).toEqual(['06139992'])
    const create = await ops('/insurers', { number: '01130012', name: '別の健保' }, tokens.operator)
    expect(create.status).toBe(403)
  })

  it('lets an admin create and set an insurer, checking its number and CIDRs', async () => {
    const { ops } = await setup()
    expect((await ops('/insurers', { number: '06123456', name: 'Bad' })).status).toBe(400)
    const created = await ops('/insurers', {
      number: '33120015',
      name: 'テスト健保',
      allowedCidrs: ['203.0.113.0/24'],
    })
    expect(created.status).toBe(201)
    expect((await ops('/insurers', { number: '33120015', name: 'again' })).status).toBe(409)
    const bad = await ops(
      '/insurers/33120015',
      { allowedCidrs: ['300.1.1.1/8'] },
      undefined,
      'PATCH',
    )
    expect(bad.status).toBe(400)
    const set = await json(
      await ops(
        '/insurers/33120015',
        { maintenance: true, dependentMaxAge: 18 },
        undefined,
        'PATCH',
      ),
    )
    expect(set.insurer).toMatchObject({
      maintenance: true,
      dependentMaxAge: 18,
      allowedCidrs: ['203.0.113.0/24'],
    })
  })
})
