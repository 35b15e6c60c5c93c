import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { checkups } from '../../db/schema'
import { resultsJson } from '../../worker/checkup-json'
import { seedDemo } from '../../worker/dev/seed'
import {
  insurerDb,
  makeHarness,
  placeTestInsurer,
  storedSbp,
  testDb,
} from '../../worker/test/harness'
import { runOps, tempFiles } from '../testing/demo-app.ts'

const { dir } = tempFiles('kenshin-compact-cli-')

/** The app with the demo data, and `count` checkups stored as JSON (the form before) in each database. */
async function server(counts: { demo: number; second: number }) {
  const h = makeHarness(await testDb())
  const tokens = await seedDemo(h.deps)
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    h.app.request(
      input instanceof Request ? input : String(input),
      init,
    )) as typeof globalThis.fetch
  const stored: Record<string, { id: string; results: string; grades: string }[]> = {}
  for (const database of ['demo', 'second'] as const) {
    const insurerId = `compact-cli-${database}`
    await placeTestInsurer(h.deps.db, insurerId, database)
    const db = await insurerDb(h.deps.db, insurerId)
    const rows = Array.from({ length: counts[database] }, (_, i) => ({
      id: `${database}-${i}`,
      insurerId,
      personKey: `P${String(i).padStart(4, '0')}`,
      examDate: '2026-06-10',
      source: 'csv' as const,
      tableVersion: 'ningen-dock-2026-04-01',
      results: JSON.stringify([storedSbp(String(100 + i), i % 2 ? 'B' : 'A')]),
      grades: JSON.stringify({ A: i % 2 ? 0 : 1, B: i % 2, C: 0, D: 0 }),
      contentHash: `hash-${i}`,
      createdAt: 0,
      updatedAt: 0,
    }))
    if (rows.length) await db.insert(checkups).values(rows)
    stored[database] = rows
  }
  /** The rows of a database now. */
  const rows = async (database: 'demo' | 'second') =>
    (await insurerDb(h.deps.db, `compact-cli-${database}`))
      .select({
        id: checkups.id,
        tableVersion: checkups.tableVersion,
        results: checkups.results,
        grades: checkups.grades,
      })
      .from(checkups)
      .where(eq(checkups.insurerId, `compact-cli-${database}`))
      .orderBy(asc(checkups.id))
  const ops = (token: string, ...args: string[]) =>
    runOps(['checkups', 'compact', ...args], { fetch, token, cwd: dir })
  return { h, tokens, stored, rows, ops }
}

describe('npm run ops -- checkups compact (CLI → operator API → libSQL)', () => {
  it('converts every database page by page, answers the same JSON, and a second run changes nothing', async () => {
    const { tokens, stored, rows, ops } = await server({ demo: 130, second: 5 })
    const first = await ops(tokens.admin, '--json')
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const report = JSON.parse(first.stdout)
    expect(report.databases).toEqual([
      { database: 'demo', scanned: 130, converted: 130, compact: 0, kept: 0, changed: 0 },
      { database: 'second', scanned: 5, converted: 5, compact: 0, kept: 0, changed: 0 },
    ])
    for (const database of ['demo', 'second'] as const) {
      const now = await rows(database)
      const before = [...stored[database]].sort((a, b) => (a.id < b.id ? -1 : 1))
      expect(
        now.every((r) => /^~1\t[12]\n/.test(r.results) && /^\d+\/\d+\/0\/0$/.test(r.grades)),
      ).toBe(true)
      expect(now.map((r) => resultsJson(r.results, r.tableVersion))).toEqual(
        before.map((r) => r.results),
      )
    }
    const again = await ops(tokens.admin, '--json', '--lang', 'en')
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout).total).toEqual({
      scanned: 135,
      converted: 0,
      compact: 135,
      kept: 0,
      changed: 0,
    })
    // In words: a line per database and the total.
    const words = await ops(tokens.admin, '--lang', 'en')
    expect(words.code).toBe(0)
    expect(words.stdout.trimEnd().split('\n')).toEqual([
      'demo: 130 checked, 0 rewritten, 130 already compact, 0 left as they are, 0 imported again meanwhile (next run)',
      'second: 5 checked, 0 rewritten, 5 already compact, 0 left as they are, 0 imported again meanwhile (next run)',
      'Checked 135 checkups in 2 databases and rewrote 0 (135 already compact, 0 left as they are, 0 imported again meanwhile: next run)',
    ])
  })

  it('is a platform admin’s: an operator is refused, a bad --insurer is a usage error', async () => {
    const { tokens, ops, rows } = await server({ demo: 3, second: 0 })
    const refused = await ops(tokens.operator)
    expect(refused.code).toBe(1)
    expect(refused.stderr).not.toContain(tokens.operator)
    expect((await rows('demo')).every((r) => r.results.startsWith('['))).toBe(true)
    const bad = await ops(tokens.admin, '--insurer', '123')
    expect(bad.code).toBe(2)
    // The demo insurer's own checkups only (none): its database is walked, the other insurer's rows there
    // are not touched.
    const none = await ops(tokens.admin, '--insurer', '06139992', '--json')
    expect(none.code).toBe(0)
    expect(JSON.parse(none.stdout)).toMatchObject({
      insurer: '06139992',
      databases: [{ database: 'demo', scanned: 0, converted: 0 }],
    })
    expect((await rows('demo')).every((r) => r.results.startsWith('['))).toBe(true)
    const help = await ops(tokens.admin, '--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('checkups compact')
  })
})
