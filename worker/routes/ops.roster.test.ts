/**
 * /api/ops/insurers/:number/roster/batches (and the operator API's door): the roster import through the
 * operator API, its rejections and header checks, who may call it, and an admin creating insurers.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { memberLinks, rosterPersons } from '../../db/schema'
import {
  DEMO_INSURER,
  DEMO_ROSTER_ROWS as ROWS,
  json,
  makeHarness,
  ROSTER_HEADER as HEADER,
  rosterRow,
  seedDemo,
  testDb,
} from '../test/harness'
import { demoDb } from '../test/ops-data'

/** The demo data and roster, imported by a platform admin through the operator API. */
async function setup() {
  const h = makeHarness(await testDb())
  // Tests in workerd share one D1 database: each starts from no links but the demo account's.
  const demo = await demoDb(h.deps.db)
  await demo.delete(memberLinks)
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
  return { h, tokens, ops, importRows, demo }
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
    const { importRows, demo } = await setup()
    const rows = [
      { key: 'N0001', number: '900', kana: 'アタラシ　イチ', birth: '1990-01-01' },
      { key: 'N0002', number: '901', kana: 'アタラシ　ニ', birth: '1990-02-30' },
      {
        key: 'N0003',
        insurer: '01130012',
        number: '902',
        kana: 'アタラシ　サン',
        birth: '1990-01-03',
      },
      { key: 'N0004', number: '903', kana: 'Atarashi Shi', birth: '1990-01-04', sex: '3' },
    ].map((p, i) => rosterRow(i + 2, { symbol: '9000', ...p }))
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
    const stored = await demo
      .select()
      .from(rosterPersons)
      .where(eq(rosterPersons.personKey, 'N0002'))
    expect(stored).toHaveLength(0)
  })

  it('refuses a file whose header lacks a required column, storing nothing', async () => {
    const { importRows, demo } = await setup()
    const header = HEADER.filter((c) => c !== '番号')
    // the row without its 番号, as the header
    const row = rosterRow(2, {
      key: 'N0009',
      symbol: '9',
      number: '',
      kana: 'ミホン　タロウ',
      birth: '1990-01-01',
    })
    row.fields.splice(3, 1)
    const res = await importRows([row], header)
    expect(res.status).toBe(400)
    expect((await json(res)).error.code).toBe('roster_header')
    expect(
      await demo.select().from(rosterPersons).where(eq(rosterPersons.personKey, 'N0009')),
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
