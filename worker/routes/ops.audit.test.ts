import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { accounts, auditLog, insurerAuditLog, memberLinks } from '../../db/schema'
import { AUDIT_EXPORT_MAX } from '../../core/audit-query'
import { setupDemoMember } from '../test/demo-member'
import {
  DEMO_ACCOUNT,
  DEMO_INSURER,
  insurerDb,
  json,
  MAINTENANCE_INSURER,
  signUpAndVerify,
} from '../test/harness'
import { staffCall, staffSignIn } from '../test/staff'
import { audit, insurerAudit } from '../services/audit'
import { auditCsv, csvCell } from '../services/audit-search'
import { newId } from '../services/tokens'

async function setup() {
  const s = await setupDemoMember()
  const [demo] = await s.h.deps.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.emailKey, DEMO_ACCOUNT.email))
  const support = await staffSignIn(s.h, 'dev-support')
  const search = (query: string, cookie = support) =>
    staffCall(s.h, 'GET', `/audit${query}`, cookie)
  /** A fresh account id with `n` audit rows, one a second, the newest last. */
  const rowsFor = async (n: number, extra: Partial<Parameters<typeof audit>[1]> = {}) => {
    const id = newId(s.h.deps.randomBytes)
    for (let i = 0; i < n; i++) {
      await audit(s.h.deps, {
        action: 'login.succeeded',
        actorType: 'member',
        accountId: id,
        ...extra,
      })
      s.h.advance(1000)
    }
    return id
  }
  return { ...s, demo: demo.id, support, search, rowsFor }
}

describe('GET /api/ops/audit', () => {
  it('finds what support did to a member, with the reason and who, newest first; the search is audited', async () => {
    const t = await setup()
    const act = (action: string, reason: string) =>
      staffCall(t.h, 'POST', `/members/${t.demo}/actions/${action}`, t.support, { reason })
    expect((await act('reissue-code', 'first')).status).toBe(200)
    t.h.advance(1000)
    expect((await act('login-id-notice', 'second')).status).toBe(200)
    const res = await t.search(`?member=${t.demo}`)
    expect(res.status).toBe(200)
    const { rows, nextCursor } = await json(res)
    expect(nextCursor).toBeNull()
    expect(rows.slice(0, 2)).toEqual([
      expect.objectContaining({
        action: 'member.login_id_notice_sent',
        actorType: 'staff',
        actorId: 'dev-support',
        actorName: expect.any(String),
        accountId: t.demo,
        detail: { reason: 'second' },
      }),
      expect.objectContaining({
        action: 'member.code_reissued',
        detail: expect.objectContaining({ reason: 'first' }),
      }),
    ])
    const byAction = await json(await t.search(`?member=${t.demo}&action=member.code_reissued`))
    expect(byAction.rows.map((r: { action: string }) => r.action)).toEqual(['member.code_reissued'])
    const byStaff = await json(await t.search(`?staff=dev-support&action=member.code_reissued`))
    expect(byStaff.rows.length).toBeGreaterThanOrEqual(1)
    expect(byStaff.rows.every((r: { actorId: string }) => r.actorId === 'dev-support')).toBe(true)
    const searched = await t.h.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'audit.searched'), eq(auditLog.actorId, 'dev-support')))
    expect(searched.some((r) => JSON.parse(r.detail).member === t.demo)).toBe(true)
  })

  it('pages 100 at a time by keyset, without gaps or repeats', async () => {
    const t = await setup()
    const id = await t.rowsFor(150)
    // Two rows in the same millisecond: the id breaks the tie.
    await audit(t.h.deps, { action: 'logout', actorType: 'member', accountId: id })
    await audit(t.h.deps, { action: 'logout', actorType: 'member', accountId: id })
    const first = await json(await t.search(`?member=${id}`))
    expect(first.rows).toHaveLength(100)
    expect(first.nextCursor).toEqual(expect.any(String))
    const second = await json(await t.search(`?member=${id}&cursor=${first.nextCursor}`))
    expect(second.rows).toHaveLength(52)
    expect(second.nextCursor).toBeNull()
    const ids = [...first.rows, ...second.rows].map((r: { id: number }) => r.id)
    expect(new Set(ids).size).toBe(152)
    const times = [...first.rows, ...second.rows].map((r: { at: string }) => Date.parse(r.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('filters by days of Japan, both ends included', async () => {
    const t = await setup()
    const id = newId(t.h.deps.randomBytes)
    const at = (iso: string) =>
      t.h.deps.db
        .insert(auditLog)
        .values({ at: Date.parse(iso), actorType: 'system', action: 'logout', accountId: id })
    await at('2026-03-31T14:59:59.999Z') // 3/31 23:59 JST
    await at('2026-03-31T15:00:00.000Z') // 4/1 00:00 JST
    await at('2026-04-02T14:59:59.999Z') // 4/2 23:59 JST
    await at('2026-04-02T15:00:00.000Z') // 4/3 00:00 JST
    const { rows } = await json(await t.search(`?member=${id}&from=2026-04-01&to=2026-04-02`))
    expect(rows.map((r: { at: string }) => r.at)).toEqual([
      '2026-04-02T14:59:59.999Z',
      '2026-03-31T15:00:00.000Z',
    ])
  })

  it('refuses bad filters with the field’s message (400)', async () => {
    const t = await setup()
    for (const [query, field] of [
      ['?action=DROP%20TABLE', 'action'],
      ['?member=%27%20or%201%3D1', 'member'],
      ['?from=2026-13-45', 'from'],
      ['?cursor=abc', 'cursor'],
    ]) {
      const res = await t.search(query)
      expect(res.status).toBe(400)
      expect(Object.keys((await json(res)).error.fields)).toEqual([field])
    }
    expect((await t.search('?unknown=1')).status).toBe(400)
  })

  it('a scoped insurer admin sees its members’ rows and its staff’s, nothing else', async () => {
    const t = await setup()
    const other = await t.rowsFor(1)
    // A real account of the maintenance insurer, with a row of its own.
    const { email } = await signUpAndVerify(t.h)
    const [{ id: theirs }] = await t.h.deps.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.emailKey, email.toLowerCase()))
    // Linked (issue 14): the link in the maintenance insurer's database, the pointer in the directory,
    // and a health read in that database's own log.
    const second = await insurerDb(t.h.deps.db, MAINTENANCE_INSURER.id)
    await second.insert(memberLinks).values({
      accountId: theirs,
      insurerId: MAINTENANCE_INSURER.id,
      personKey: 'M0001',
      linkedAt: t.h.deps.now(),
    })
    await t.h.deps.db
      .update(accounts)
      .set({ insurerId: MAINTENANCE_INSURER.id, linkState: 'linked' })
      .where(eq(accounts.id, theirs))
    await insurerAudit(second, t.h.deps.now(), {
      action: 'health.read',
      actorType: 'member',
      accountId: theirs,
      insurerId: MAINTENANCE_INSURER.id,
    })
    await audit(t.h.deps, { action: 'codes.issued', actorType: 'staff', actorId: 'dev-operator' })
    await audit(t.h.deps, { action: 'codes.issued', actorType: 'staff', actorId: 'dev-operator-2' })
    // A row about the demo member carrying its insurer (issue 14: audit_log.insurer_id, from the
    // pointer), as support's view of the member writes it.
    expect((await staffCall(t.h, 'GET', `/members/${t.demo}`, t.support)).status).toBe(200)
    const admin = await staffSignIn(t.h, 'dev-insurer-admin')
    const own = await json(await t.search(`?member=${t.demo}`, admin))
    expect(own.rows.length).toBeGreaterThan(0)
    for (const id of [other, theirs])
      expect(await json(await t.search(`?member=${id}`, admin))).toEqual({
        rows: [],
        nextCursor: null,
      })
    const staffRows = await json(await t.search('?action=codes.issued', admin))
    const actors = new Set(staffRows.rows.map((r: { actorId: string }) => r.actorId))
    expect(actors.has('dev-operator')).toBe(true)
    expect(actors.has('dev-operator-2')).toBe(false)
    // Portal-wide support sees them all, the member's health read in their insurer's database too.
    const all = await json(await t.search(`?member=${theirs}`))
    expect(all.rows.map((r: { action: string }) => r.action)).toContain('health.read')
  })

  it('merges the insurer database’s rows with the directory’s by time, and pages across both', async () => {
    const t = await setup()
    const demoDb = await insurerDb(t.h.deps.db, DEMO_INSURER.id)
    const id = newId(t.h.deps.randomBytes)
    // 60 rows in each log, alternating, some in the same millisecond.
    for (let i = 0; i < 60; i++) {
      const at = 1_000_000 + Math.floor(i / 2) * 1000
      await t.h.deps.db.insert(auditLog).values({
        at,
        actorType: 'staff',
        action: 'member.viewed',
        accountId: id,
        insurerId: DEMO_INSURER.id,
        detail: '{}',
      })
      await insurerAudit(demoDb, at, {
        action: 'health.read',
        actorType: 'member',
        accountId: id,
        insurerId: DEMO_INSURER.id,
      })
    }
    // Another insurer's row in the same database is never shown to the demo insurer's admin.
    await insurerAudit(demoDb, 2_000_000, {
      action: 'health.read',
      actorType: 'member',
      accountId: id,
      insurerId: 'another-insurer',
    })
    const admin = await staffSignIn(t.h, 'dev-insurer-admin')
    const first = await json(await t.search(`?member=${id}`, admin))
    expect(first.rows).toHaveLength(100)
    const second = await json(await t.search(`?member=${id}&cursor=${first.nextCursor}`, admin))
    expect(second.rows).toHaveLength(20)
    expect(second.nextCursor).toBeNull()
    const rows = [...first.rows, ...second.rows] as { at: string; action: string }[]
    expect(rows.filter((r) => r.action === 'health.read')).toHaveLength(60)
    expect(rows.filter((r) => r.action === 'member.viewed')).toHaveLength(60)
    const times = rows.map((r) => Date.parse(r.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(times).not.toContain(2_000_000)
  })

  it('operators are refused (403); a member’s cookie is not a staff session (401)', async () => {
    const t = await setup()
    const operator = await staffSignIn(t.h, 'dev-operator')
    expect((await t.search('', operator)).status).toBe(403)
    expect((await t.search('/export.csv', operator)).status).toBe(403)
    expect((await t.search('', t.cookie)).status).toBe(401)
  })
})

describe('GET /api/ops/audit/export.csv', () => {
  it('quotes and escapes every cell and defuses formulas', () => {
    expect(csvCell('plain')).toBe('"plain"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('a,b\r\nc')).toBe('"a,b\r\nc"')
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"')
    for (const lead of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvCell(`${lead}1+1`)).toBe(`"'${lead}1+1"`)
    expect(csvCell(null)).toBe('""')
    expect(csvCell(42)).toBe('"42"')
    expect(auditCsv([]).startsWith('\uFEFF"id","at"')).toBe(true)
  })

  it('answers a UTF-8 CSV with a BOM for Excel, nasty values defused; the export is audited', async () => {
    const t = await setup()
    const id = newId(t.h.deps.randomBytes)
    await t.h.deps.db.insert(auditLog).values({
      at: t.h.deps.now(),
      actorType: 'staff',
      actorId: '@SUM(A1)',
      action: '=cmd|"/c calc"!A1',
      accountId: id,
      ip: '+81,"x"',
      detail: JSON.stringify({ reason: '改行\nと"引用符"' }),
    })
    const res = await t.search(`/export.csv?member=${id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes.slice(3))
    const [header, ...rest] = text.split('\r\n')
    expect(header).toBe(
      '"id","at","actor_type","actor_id","actor_name","action","account_id","ip","detail"',
    )
    const row = rest.join('\r\n')
    expect(row).toContain(`"'@SUM(A1)"`)
    expect(row).toContain(`"'=cmd|""/c calc""!A1"`)
    expect(row).toContain(`"'+81,""x"""`)
    expect(row).toContain('"{""reason"":""改行\\nと\\""引用符\\""""}"')
    const [exported] = await t.h.deps.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'audit.exported'),
          sql`json_extract(${auditLog.detail}, '$.member') = ${id}`,
        ),
      )
    expect(JSON.parse(exported.detail)).toEqual({ member: id, rows: 1 })
  })

  it(`holds at most ${AUDIT_EXPORT_MAX} rows, the newest`, async () => {
    const t = await setup()
    const id = newId(t.h.deps.randomBytes)
    await t.h.deps.db
      .run(sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${AUDIT_EXPORT_MAX + 5})
      insert into audit_log (at, actor_type, action, account_id, detail) select i, 'system', 'logout', ${id}, '{}' from n`)
    const text = await (await t.search(`/export.csv?member=${id}`)).text()
    const lines = text.split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(AUDIT_EXPORT_MAX + 1)
    expect(lines[1]).toContain(`"${new Date(AUDIT_EXPORT_MAX + 5).toISOString()}"`)
  })
})
