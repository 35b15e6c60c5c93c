import { and, asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { checkupDocuments } from '../../bench/gen-checkups'
import { cardKey } from '../../core/card'
import type { CheckupInput } from '../../core/checkup-import'
import { xmlCheckupInput } from '../../core/import/checkup-input'
import { parseCheckupXml } from '../../core/import/checkup-xml'
import { runBatch, type Database } from '../../db/open'
import { checkups, insurers, rosterPersons } from '../../db/schema'
import demoXml from '../../db/seed/demo-checkup-2026.xml?raw'
import { gradesJson, parseStoredResults, resultsJson } from '../checkup-json'
import {
  DEMO_INSURER,
  demoCheckupsCsv,
  demoRosterCsv,
  insurerDb,
  json,
  makeHarness,
  MAINTENANCE_INSURER,
  openTestDb,
  placeTestInsurer,
  seedDemo,
  testDb,
  type Harness,
} from '../test/harness'
import { applyCompactPage, compactPage, COMPACT_PAGE, readCompactPage } from './checkup-compact'
import { gradeCounts, importCheckups } from './checkup-import'
import { hashToken } from './tokens'

type Person = {
  personKey: string
  symbol: string
  number: string
  branch: string | null
  nameKana: string
  birthDate: string
  sex: number
}

/** Roster persons straight into the insurer's table (the roster import is not what is tested here). */
async function addPersons(db: Database, insurerId: string, persons: Person[]) {
  const rows = persons.map((p) => ({
    insurerId,
    ...p,
    cardKey: cardKey({ symbol: p.symbol, number: p.number }),
    nameKey: p.nameKana,
    relationship: 1,
    rowHash: p.personKey,
    createdAt: 0,
    updatedAt: 0,
  }))
  // A few rows a statement: D1 binds at most 100 values.
  const statements = []
  for (let i = 0; i < rows.length; i += 4)
    statements.push(db.insert(rosterPersons).values(rows.slice(i, i + 4)))
  if (statements.length) await runBatch(db, statements)
}

/** The demo roster (db/seed/demo-roster.csv) as persons. */
function demoPersons(): Person[] {
  return demoRosterCsv
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const f = line.split(',')
      return {
        personKey: f[0],
        symbol: f[2],
        number: f[3],
        branch: f[4] || null,
        nameKana: f[5],
        birthDate: f[6],
        sex: Number(f[7]),
      }
    })
}

/** The demo checkup CSV as the CLI sends it: one document per person and date. */
function demoCsvCheckups(): CheckupInput[] {
  const docs = new Map<string, CheckupInput>()
  demoCheckupsCsv
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .forEach((l, i) => {
      const [personKey, examDate, institution, code, value, unit] = l.split(',')
      const key = `${personKey} ${examDate}`
      const doc = docs.get(key) ?? {
        ref: `line ${i + 2}`,
        personKey,
        examDate,
        institution,
        source: 'csv' as const,
        results: [],
      }
      docs.set(key, doc)
      doc.results.push({ code, type: 'raw', value, ...(unit ? { unit } : {}), line: i + 2 })
    })
  return [...docs.values()]
}

/** A parsed DATA file as the API takes it. */
async function xmlInput(xml: string, ref: string): Promise<CheckupInput> {
  const parsed = await parseCheckupXml(xml)
  if (!parsed.ok) throw new Error(`${ref}: ${parsed.reason}`)
  return xmlCheckupInput(parsed.checkup, ref)
}

/** `count` generated documents (bench/gen-checkups.ts: every value form) and their persons. */
async function generated(count: number, insurerNumber: string) {
  const persons: Person[] = []
  const docs: CheckupInput[] = []
  for (const d of checkupDocuments({ docs: count, insurer: insurerNumber })) {
    persons.push({ ...d.person, branch: d.person.branch })
    docs.push(await xmlInput(d.xml, d.name))
  }
  return { persons, docs }
}

/**
 * The importer, writing into the insurer's own database. A bridge until issue 14's branches are merged:
 * the importer as B converts it takes the app's deps (it finds the insurer's database itself); the one
 * on the base reads and writes `deps.db` only, so it is handed the insurer's database as `db`.
 */
async function importInto(h: Harness, insurerId: string, docs: CheckupInput[]) {
  let result
  try {
    result = await importCheckups(h.deps, { id: insurerId }, docs, 'ja')
  } catch (err) {
    const e = err as Error & { cause?: unknown }
    if (!/no such table/.test(`${e?.message} ${String(e?.cause)}`)) throw err
    const db = await h.deps.dbFor(insurerId)
    result = await importCheckups({ ...h.deps, db }, { id: insurerId }, docs, 'ja')
  }
  expect(result.rejected).toEqual([])
  return result
}

/** The insurer's checkups as stored, in rowid order. */
async function rowsOf(db: Database, insurerId: string) {
  return db
    .select()
    .from(checkups)
    .where(eq(checkups.insurerId, insurerId))
    .orderBy(asc(checkups.personKey), asc(checkups.examDate))
}

/** Every row back in the JSON form the importer wrote before the compact one (what old rows hold). */
async function asBefore(db: Database, insurerId: string) {
  const rows = await rowsOf(db, insurerId)
  await runBatch(
    db,
    rows.map((r) =>
      db
        .update(checkups)
        .set({
          results: resultsJson(r.results, r.tableVersion),
          grades: gradesJson(r.grades),
        })
        .where(eq(checkups.id, r.id)),
    ),
  )
  return rows
}

let nextInsurer = 0
/** A compact row (worker/checkup-json.ts): ranges implied by its grading table for one sex. */
const COMPACT = /^~1\t[12]\n/
/** A fresh insurer of a test's own, placed in `database`. */
async function freshInsurer(h: Harness, database: 'demo' | 'second') {
  const id = `compact-${database}-${nextInsurer++}-${Math.random().toString(36).slice(2, 8)}`
  await placeTestInsurer(h.deps.db, id, database)
  return { id, db: await insurerDb(h.deps.db, id) }
}

describe('checkups stored compact', () => {
  it('stores the demo CSV, the demo XML and generated documents compactly, answering the JSON they were hashed with', async () => {
    const h = makeHarness(await testDb())
    await seedDemo(h.deps)
    // The demo roster with its CSV and XML checkups; generated documents under another insurer
    // (their person keys D0000… repeat the demo roster's).
    const demo = await freshInsurer(h, 'demo')
    await addPersons(demo.db, demo.id, demoPersons())
    const gen = await generated(60, DEMO_INSURER.number)
    const other = await freshInsurer(h, 'demo')
    await addPersons(other.db, other.id, gen.persons)
    const demoDocs = [...demoCsvCheckups(), await xmlInput(demoXml, 'demo-checkup-2026.xml')]
    const rows = []
    for (const [ins, docs] of [
      [demo, demoDocs],
      [other, gen.docs],
    ] as const) {
      expect((await importInto(h, ins.id, docs)).inserted).toBe(docs.length)
      const stored = await rowsOf(ins.db, ins.id)
      expect(stored).toHaveLength(docs.length)
      rows.push(...stored)
      // The same documents again: unchanged, nothing rewritten.
      expect(await importInto(h, ins.id, docs)).toMatchObject({
        inserted: 0,
        replaced: 0,
        unchanged: docs.length,
      })
    }
    expect(rows.some((r) => r.source === 'xml' && r.personKey === 'D0000')).toBe(true)
    for (const row of rows) {
      expect(row.results).toMatch(COMPACT)
      expect(row.grades).toMatch(/^\d+\/\d+\/\d+\/\d+$/)
      // The content hash was taken over the JSON at import: the compact row answers that JSON exactly.
      const jsonText = resultsJson(row.results, row.tableVersion)
      expect(
        await hashToken(JSON.stringify([row.institution, row.source, row.tableVersion, jsonText])),
      ).toBe(row.contentHash)
      expect(gradesJson(row.grades)).toBe(
        JSON.stringify(gradeCounts(parseStoredResults(row.results, row.tableVersion))),
      )
      expect(new TextEncoder().encode(row.results).length).toBeLessThan(
        new TextEncoder().encode(jsonText).length / 2.5,
      )
    }
    // Every value form of the generator is there (a corpus that exercises the format).
    const types = new Set(
      rows.flatMap((r) => parseStoredResults(r.results, r.tableVersion).map((x) => x.type)),
    )
    expect([...types].sort()).toEqual(['CD', 'CO', 'PQ', 'ST', 'not_measurable', 'not_performed'])
  })
})

describe('ops checkups compact: converting rows stored as JSON', () => {
  it('converts every row once, keeps hash and dates, and a second run changes nothing', async () => {
    const t = await openTestDb()
    const h = makeHarness(t.db)
    await seedDemo(h.deps)
    const ins = await freshInsurer(h, 'second')
    const gen = await generated(COMPACT_PAGE + 30, MAINTENANCE_INSURER.number)
    await addPersons(ins.db, ins.id, gen.persons)
    await importInto(h, ins.id, gen.docs)
    const compact = await rowsOf(ins.db, ins.id)
    const before = await asBefore(ins.db, ins.id)
    const old = await rowsOf(ins.db, ins.id)
    expect(old.every((r) => r.results.startsWith('[') && r.grades.startsWith('{'))).toBe(true)

    let after = 0
    let converted = 0
    let pages = 0
    for (;;) {
      const page = await compactPage(ins.db, after, ins.id)
      if (page.last === null) break
      expect(page.scanned).toBeLessThanOrEqual(COMPACT_PAGE)
      converted += page.converted
      after = page.last
      pages++
    }
    expect(pages).toBe(2)
    expect(converted).toBe(gen.docs.length)
    const now = await rowsOf(ins.db, ins.id)
    expect(now.map((r) => [r.id, r.results, r.grades, r.contentHash, r.updatedAt])).toEqual(
      compact.map((r) => [r.id, r.results, r.grades, r.contentHash, r.updatedAt]),
    )
    expect(before.map((r) => r.id)).toEqual(now.map((r) => r.id))

    // Again: every row already compact, not one write.
    const writes = t.writes
    let second = { converted: 0, compact: 0 }
    after = 0
    for (;;) {
      const page = await compactPage(ins.db, after, ins.id)
      if (page.last === null) break
      second = {
        converted: second.converted + page.converted,
        compact: second.compact + page.compact,
      }
      after = page.last
    }
    expect(second).toEqual({ converted: 0, compact: gen.docs.length })
    expect(t.writes).toBe(writes)
  })

  it('leaves a JSON row alone when the compact form would not answer its bytes exactly', async () => {
    const h = makeHarness(await testDb())
    await seedDemo(h.deps)
    const ins = await freshInsurer(h, 'demo')
    const odd = [
      '[{"item":"bmi","code":"9N011000000000001","type":"PQ","value":"23"}]', // keys in another order
      '[ {"code":"9N011000000000001","item":"bmi","type":"PQ","value":"23"} ]', // spaces
      '[{"code":"9N011000000000001","item":"bmi","type":"PQ","value":"23","note":"x"}]', // a key of its own
      'not json',
    ]
    await ins.db.insert(checkups).values(
      odd.map((results, i) => ({
        id: `${ins.id}-${i}`,
        insurerId: ins.id,
        personKey: `P${i}`,
        examDate: '2026-06-10',
        source: 'csv' as const,
        tableVersion: 'ningen-dock-2026-04-01',
        results,
        grades: '{"A":0,"B":0,"C":0,"D":0}',
        contentHash: 'h',
        createdAt: 0,
        updatedAt: 0,
      })),
    )
    const page = await compactPage(ins.db, 0, ins.id)
    expect(page).toMatchObject({ scanned: 4, converted: 0, kept: 4, changed: 0 })
    const rows = await rowsOf(ins.db, ins.id)
    expect(rows.map((r) => r.results)).toEqual(odd)
  })

  it('a re-import between the read and the write wins; the rest are converted', async () => {
    const h = makeHarness(await testDb())
    await seedDemo(h.deps)
    const ins = await freshInsurer(h, 'demo')
    const gen = await generated(20, DEMO_INSURER.number)
    await addPersons(ins.db, ins.id, gen.persons)
    await importInto(h, ins.id, gen.docs)
    await asBefore(ins.db, ins.id)

    const page = await readCompactPage(ins.db, 0, ins.id)
    expect(page.filter((r) => r.next)).toHaveLength(20)
    // The first document again, its first value changed: the importer replaces that row.
    const changedDoc = structuredClone(gen.docs[0])
    changedDoc.results[0] = { ...changedDoc.results[0], value: '199.9' }
    const reimport = await importInto(h, ins.id, [changedDoc])
    expect(reimport.replaced).toBe(1)
    const done = await applyCompactPage(ins.db, page)
    expect(done).toMatchObject({ scanned: 20, converted: 19, changed: 1 })
    const [row] = await ins.db
      .select()
      .from(checkups)
      .where(and(eq(checkups.insurerId, ins.id), eq(checkups.personKey, gen.persons[0].personKey)))
    expect(parseStoredResults(row.results, row.tableVersion)[0].value).toBe('199.9')
    expect(row.results).toMatch(COMPACT)
  })

  it('50 conversions of the same page at once: each row converted exactly once', async () => {
    const h = makeHarness(await testDb())
    await seedDemo(h.deps)
    const ins = await freshInsurer(h, 'second')
    const gen = await generated(30, MAINTENANCE_INSURER.number)
    await addPersons(ins.db, ins.id, gen.persons)
    await importInto(h, ins.id, gen.docs)
    const compact = await rowsOf(ins.db, ins.id)
    await asBefore(ins.db, ins.id)
    const pages = await Promise.all(
      Array.from({ length: 50 }, () => compactPage(ins.db, 0, ins.id)),
    )
    expect(pages.reduce((n, p) => n + p.converted, 0)).toBe(30)
    for (const p of pages) expect(p.converted + p.changed + p.compact).toBe(30)
    expect((await rowsOf(ins.db, ins.id)).map((r) => r.results)).toEqual(
      compact.map((r) => r.results),
    )
  })

  it('a conversion racing a re-import: the re-imported rows hold the new results', async () => {
    const h = makeHarness(await testDb())
    await seedDemo(h.deps)
    const ins = await freshInsurer(h, 'demo')
    const gen = await generated(40, DEMO_INSURER.number)
    await addPersons(ins.db, ins.id, gen.persons)
    await importInto(h, ins.id, gen.docs)
    await asBefore(ins.db, ins.id)
    const changed = gen.docs.slice(0, 20).map((d) => {
      const doc = structuredClone(d)
      doc.results[0] = { ...doc.results[0], value: '188.8' }
      return doc
    })
    await Promise.all([
      compactPage(ins.db, 0, ins.id),
      importInto(h, ins.id, changed),
      compactPage(ins.db, 0, ins.id),
    ])
    await compactPage(ins.db, 0, ins.id)
    const rows = await rowsOf(ins.db, ins.id)
    const reimported = new Set(gen.persons.slice(0, 20).map((p) => p.personKey))
    for (const row of rows) {
      expect(row.results).toMatch(COMPACT)
      const value = parseStoredResults(row.results, row.tableVersion)[0].value
      if (reimported.has(row.personKey)) expect(value).toBe('188.8')
      else expect(value).not.toBe('188.8')
    }
  })
})

describe('POST /api/ops/platform/checkups/compact', () => {
  /** Calls until `next` is null; the answers in order. */
  async function walk(h: Harness, token: string, start: Record<string, unknown>) {
    const answers = []
    let body: Record<string, unknown> | null = start
    while (body) {
      const res = await h.ops('POST', '/platform/checkups/compact', token, body)
      expect(res.status).toBe(200)
      const answer = await json(res)
      answers.push(answer)
      body = answer.next ? { ...start, ...answer.next } : null
    }
    return answers
  }

  it('walks every insurer database page by page for a platform admin, or one insurer’s only', async () => {
    const h = makeHarness(await testDb())
    const tokens = await seedDemo(h.deps)
    const a = await freshInsurer(h, 'demo')
    const b = await freshInsurer(h, 'second')
    const gen = await generated(12, DEMO_INSURER.number)
    for (const ins of [a, b]) {
      await addPersons(ins.db, ins.id, gen.persons)
      await importInto(h, ins.id, gen.docs)
      await asBefore(ins.db, ins.id)
    }
    // One insurer (the demo insurer's database, its rows only): b stays JSON.
    await h.deps.db
      .insert(insurers)
      .values({ id: a.id, number: '01130012', name: 'テスト健保', createdAt: 0, updatedAt: 0 })
    const one = await walk(h, tokens.admin, { insurer: '01130012' })
    expect(one.map((x) => x.database)).toEqual(['demo'])
    expect(one.reduce((n, x) => n + x.converted, 0)).toBe(12)
    expect((await rowsOf(b.db, b.id)).every((r) => r.results.startsWith('['))).toBe(true)
    // Every database: demo first, then second.
    const all = await walk(h, tokens.admin, {})
    expect([...new Set(all.map((x) => x.database))]).toEqual(['demo', 'second'])
    expect((await rowsOf(b.db, b.id)).every((r) => COMPACT.test(r.results))).toBe(true)
    expect((await rowsOf(a.db, a.id)).every((r) => COMPACT.test(r.results))).toBe(true)
  })

  it('is a platform admin’s only; a bad body is a 400 with its fields, an unknown database 404', async () => {
    const h = makeHarness(await testDb())
    const tokens = await seedDemo(h.deps)
    const call = (token: string, body: unknown) =>
      h.ops('POST', '/platform/checkups/compact', token, body)
    const refused = await call(tokens.operator, {})
    expect(refused.status).toBe(403)
    expect((await json(refused)).error.code).toBe('forbidden')
    const unknown = await call(tokens.admin, { database: 'nowhere' })
    expect(unknown.status).toBe(404)
    for (const body of [
      { after: -1 },
      { after: 1.5 },
      { after: '3' },
      { database: '' },
      { insurer: '12345678' },
      { other: 1 },
    ]) {
      const res = await call(tokens.admin, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect((await json(res)).error.code).toBe('validation')
    }
    const bad = await json(await call(tokens.admin, { after: -1 }))
    expect(Object.keys(bad.error.fields)).toEqual(['after'])
    const none = await call(tokens.admin, { insurer: '01130020' })
    expect(none.status).toBe(404)
  })
})
