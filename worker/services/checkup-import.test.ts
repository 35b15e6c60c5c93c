import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { checkups } from '../../db/schema'
import { gradesJson, parseStoredResults } from '../checkup-json'
import {
  DEMO_INSURER,
  DEMO_ROSTER_ROWS,
  demoCheckupsCsv,
  json,
  insurerDb,
  makeHarness,
  ROSTER_HEADER,
  seedDemo,
  type StoredResult,
  testDb,
  TG_FASTING_182,
} from '../test/harness'

/** The demo checkup CSV grouped into documents as the CLI sends them (one per person and date). */
function demoCheckups() {
  const lines = demoCheckupsCsv.trim().split(/\r?\n/).slice(1)
  const docs = new Map<
    string,
    {
      ref: string
      personKey: string
      examDate: string
      institution: string
      source: 'csv'
      results: { code: string; type: 'raw'; value: string; unit?: string; line: number }[]
    }
  >()
  lines.forEach((l, i) => {
    const [personKey, examDate, institution, code, value, unit] = l.split(',')
    const key = `${personKey} ${examDate}`
    if (!docs.has(key))
      docs.set(key, {
        ref: `line ${i + 2}`,
        personKey,
        examDate,
        institution,
        source: 'csv',
        results: [],
      })
    docs
      .get(key)!
      .results.push({ code, type: 'raw', value, ...(unit ? { unit } : {}), line: i + 2 })
  })
  return [...docs.values()]
}

/** The demo data and roster, no checkups, and an insurer operator's calls to its operator API. */
async function setup() {
  const h = makeHarness(await testDb())
  const tokens = await seedDemo(h.deps)
  const ops = (path: string, body: unknown) =>
    h.ops('POST', `/insurers/${DEMO_INSURER.number}${path}`, tokens.operator, body)
  await ops('/roster/batches', { header: ROSTER_HEADER, rows: DEMO_ROSTER_ROWS })
  // The demo insurer's database (issue 14): its checkups.
  const demo = await insurerDb(h.deps.db, DEMO_INSURER.id)
  await demo.delete(checkups)
  return { h, ops, demo }
}

describe('checkup import (CSV rows and XML documents)', () => {
  it('imports the demo checkups graded, and a second import changes nothing', async () => {
    const { h, ops, demo } = await setup()
    const docs = demoCheckups()
    const first = await json(await ops('/checkups', { checkups: docs }))
    expect(first).toEqual({ inserted: docs.length, replaced: 0, unchanged: 0, rejected: [] })
    expect(await json(await ops('/checkups', { checkups: docs }))).toMatchObject({
      inserted: 0,
      unchanged: docs.length,
    })
    const [row] = await demo
      .select()
      .from(checkups)
      .where(and(eq(checkups.personKey, 'D0000'), eq(checkups.examDate, '2023-05-10')))
    const results = parseStoredResults(row.results, row.tableVersion)
    const bmi = results.find((r) => r.code === '9N011000000000001')!
    expect(bmi).toMatchObject({
      item: 'bmi',
      type: 'PQ',
      value: '23',
      grade: 'A',
      range: '18.5–24.9',
    })
    expect(row.tableVersion).toBe('ningen-dock-2026-04-01')
    // The list's grade counts, counted at import.
    const count = (grade: string) => results.filter((r) => r.grade === grade).length
    expect(JSON.parse(gradesJson(row.grades))).toEqual({
      A: count('A'),
      B: count('B'),
      C: count('C'),
      D: count('D'),
    })
    expect(count('A') + count('B') + count('C') + count('D')).toBeGreaterThan(5)
  })

  it('keeps every XML value form, finds the person by card and birth date, and grades', async () => {
    const { h, ops, demo } = await setup()
    const doc = {
      ref: 'h0001.xml',
      card: { symbol: '１２００', number: '１００' },
      birthDate: '1962-01-10',
      examDate: '2026-06-10',
      institution: 'デモ健診センター',
      source: 'xml',
      results: [
        { code: '9A751000000000001', type: 'PQ', value: '136', unit: 'mmHg' },
        TG_FASTING_182,
        {
          code: '1A010000000191111',
          type: 'CO',
          answerCode: '2',
          answerSystem: '1.2.392.200119.6.2102',
        },
        { code: '9N511000000000049', type: 'ST', text: '要再検査（血糖・脂質）' },
        { code: '3D046000001906202', type: 'not_performed' },
        { code: '2A030000001930101', type: 'not_measurable' },
        { code: '3B035000002327201', type: 'PQ', value: '5', unit: 'U/l', bound: 'below' },
        { code: '9Z999000000000001', type: 'ST', text: 'unknown item kept' },
      ],
    }
    const res = await json(await ops('/checkups', { checkups: [doc] }))
    expect(res).toMatchObject({ inserted: 1, rejected: [] })
    const [row] = await demo.select().from(checkups).where(eq(checkups.examDate, '2026-06-10'))
    expect(row.personKey).toBe('D0000')
    const r = parseStoredResults(row.results, row.tableVersion)
    expect(r.find((x) => x.code === '9A751000000000001')).toMatchObject({ grade: 'B' })
    expect(r.find((x) => x.code === '3F015000002327101')).toMatchObject({
      grade: 'B',
      low: '30',
      high: '149',
      interpretation: 'H',
    })
    expect(r.find((x) => x.code === '1A010000000191111')).toMatchObject({
      type: 'CO',
      answerCode: '2',
      grade: 'B',
    })
    expect(r.find((x) => x.code === '3D046000001906202')).toMatchObject({ type: 'not_performed' })
    expect(r.find((x) => x.code === '2A030000001930101')).toMatchObject({
      type: 'not_measurable',
    })
    expect(r.find((x) => x.code === '3B035000002327201')).toMatchObject({ bound: 'below' })
    expect(r.find((x) => x.code === '9Z999000000000001')).toMatchObject({
      item: null,
      type: 'ST',
    })
  })

  it('replaces a re-imported checkup whole', async () => {
    const { h, ops, demo } = await setup()
    const doc = {
      ref: 'a',
      personKey: 'D0010',
      examDate: '2026-05-01',
      source: 'csv',
      results: [
        { code: '9A751000000000001', type: 'raw', value: '128' },
        { code: '9A761000000000001', type: 'raw', value: '80' },
      ],
    }
    await ops('/checkups', { checkups: [doc] })
    const again = await json(
      await ops('/checkups', { checkups: [{ ...doc, results: [doc.results[0]] }] }),
    )
    expect(again).toMatchObject({ replaced: 1 })
    const [row] = await demo.select().from(checkups).where(eq(checkups.personKey, 'D0010'))
    expect(parseStoredResults(row.results, row.tableVersion)).toHaveLength(1)
  })

  it('rejects a checkup of a person not on the roster, or with a bad result, and writes none of it', async () => {
    const { h, ops, demo } = await setup()
    const res = await json(
      await ops('/checkups', {
        checkups: [
          {
            ref: 'nobody',
            personKey: 'X9999',
            examDate: '2026-05-01',
            source: 'csv',
            results: [{ code: '9A751000000000001', type: 'raw', value: '120' }],
          },
          {
            ref: 'card',
            card: { symbol: '1200', number: '100' },
            birthDate: '1990-01-01',
            examDate: '2026-05-01',
            source: 'xml',
            results: [{ code: '9A751000000000001', type: 'PQ', value: '120' }],
          },
          {
            ref: 'bad',
            personKey: 'D0011',
            examDate: '2026-05-02',
            source: 'csv',
            results: [
              { code: '9A751000000000001', type: 'raw', value: '12O', line: 7 },
              { code: '9A761000000000001', type: 'raw', value: '80', unit: 'kg', line: 8 },
              { code: '1A010000000191111', type: 'raw', value: '9', line: 9 },
            ],
          },
        ],
      }),
    )
    expect(res.inserted).toBe(0)
    expect(
      res.rejected.map((r: { ref: string; reason: string; line?: number }) => [
        r.ref,
        r.reason,
        r.line,
      ]),
    ).toEqual([
      ['nobody', 'checkup.person_not_found', undefined],
      ['card', 'checkup.person_not_found', undefined],
      ['bad', 'checkup.value.number', 7],
      ['bad', 'checkup.unit.mismatch', 8],
      ['bad', 'checkup.answer.invalid', 9],
    ])
    expect(await demo.select().from(checkups)).toHaveLength(0)
  })

  it('answers 400 to a malformed batch and 403 to another insurer’s operator', async () => {
    const { ops, h } = await setup()
    expect(
      (
        await ops('/checkups', {
          checkups: [
            {
              ref: 'x',
              personKey: 'D0000',
              examDate: '2026-02-30',
              source: 'csv',
              results: [{ code: 'short', type: 'raw', value: '1' }],
            },
          ],
        })
      ).status,
    ).toBe(400)
    const tokens = await seedDemo(h.deps)
    const other = await h.app.request('http://localhost:8787/api/ops/insurers/06139463/checkups', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${tokens.operator}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        checkups: [
          {
            ref: 'x',
            personKey: 'D0000',
            examDate: '2026-02-03',
            source: 'csv',
            results: [{ code: '9A751000000000001', type: 'raw', value: '1' }],
          },
        ],
      }),
    })
    expect(other.status).toBe(403)
  })
})
