/** `shards …`: the command line in-process against the real app (createApp on the project's databases). */
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { checkInsurerNumber, insurerCheckDigit } from '../../core/card.ts'
import { namedRows } from '../../db/open.ts'
import { checkups, insurers, rosterPersons } from '../../db/schema.ts'
import {
  databasesOf,
  makeHarness,
  placeTestInsurer,
  seedDemo,
  testDb,
} from '../../worker/test/harness.ts'
import { ApiClient } from '../client.ts'
import { runOps } from '../testing/demo-app.ts'

async function setUp() {
  const db = await testDb()
  const h = makeHarness(db)
  const { admin } = await seedDemo(h.deps)
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    h.app.request(
      input instanceof Request ? input : String(input),
      init,
    )) as typeof globalThis.fetch
  const insurerId = `cli-move-${Date.now().toString(36)}`
  let number = ''
  for (let base = 6380000 + (Date.now() % 9000); ; base++) {
    const head = String(base).padStart(7, '0')
    number = `${head}${insurerCheckDigit(head)}`
    if (checkInsurerNumber(number).ok) break
  }
  await db
    .insert(insurers)
    .values({ id: insurerId, number, name: 'CLI', createdAt: 0, updatedAt: 0 })
  await placeTestInsurer(db, insurerId, 'second')
  const source = await databasesOf(db).dbFor(insurerId)
  await source.insert(rosterPersons).values({
    insurerId,
    personKey: 'P1',
    number: '1',
    cardKey: 'k',
    nameKana: 'カ',
    nameKey: 'カ',
    birthDate: '1980-01-01',
    sex: 1,
    relationship: 0,
    rowHash: 'h',
    createdAt: 0,
    updatedAt: 0,
  })
  for (const examDate of ['2024-05-01', '2025-05-01'])
    await source.insert(checkups).values({
      id: `${insurerId}-${examDate}`,
      insurerId,
      personKey: 'P1',
      examDate,
      source: 'csv',
      tableVersion: 'v1',
      results: '[]',
      contentHash: examDate,
      createdAt: 0,
      updatedAt: 0,
    })
  const ops = (...args: string[]) => runOps(args, { fetch, token: admin, cwd: '/tmp', lang: 'en' })
  return { db, h, ops, number, insurerId, source, fetch, admin }
}

describe('ops: shards', () => {
  it('moves an insurer to another database, shows it, and confirms it', async () => {
    const { db, h, ops, number, insurerId, source } = await setUp()
    const moved = await ops('shards', 'move', '--insurer', number, '--to', 'demo')
    expect(moved.stderr).toContain('copying')
    expect(moved.code).toBe(0)
    expect(moved.stdout).toContain(`Insurer ${number} now reads and writes in demo`)
    expect(moved.stdout).toMatch(/checkups\s+2\s+2\s+[0-9a-f]+/)
    const status = await ops('shards', 'status', '--insurer', number, '--json')
    expect(JSON.parse(status.stdout).move.phase).toBe('switched')
    const list = await ops('shards', 'list', '--json')
    expect(
      JSON.parse(list.stdout).map.find((r: { insurer: string }) => r.insurer === number).database,
    ).toBe('demo')
    // After the switch, abort is refused (exit 1, the server's words).
    const abort = await ops('shards', 'abort', '--insurer', number)
    expect(abort.code).toBe(1)
    // A minute after the switch at the earliest (every server has read the new map by then).
    const early = await ops('shards', 'confirm', '--insurer', number)
    expect(early.code).toBe(1)
    expect(early.stderr).toContain('409 wrong_state')
    h.advance(60_000)
    const confirmed = await ops('shards', 'confirm', '--insurer', number)
    expect(confirmed.code).toBe(0)
    expect(confirmed.stdout).toContain('Confirmed')
    const left = namedRows(
      await source.all(sql`SELECT count(*) AS n FROM checkups WHERE insurer_id = ${insurerId}`),
      ['n'] as const,
    )
    expect(Number(left[0].n)).toBe(0)
    expect((await databasesOf(db).rangesFor(insurerId)).map((r) => r.database)).toEqual(['demo'])
  })

  it('splits by fiscal years with --from-fy, and refuses a move without --to (usage, exit 2)', async () => {
    const { db, h, ops, number, insurerId } = await setUp()
    const usage = await ops('shards', 'move', '--insurer', number)
    expect(usage.code).toBe(2)
    const moved = await ops(
      'shards',
      'move',
      '--insurer',
      number,
      '--to',
      'demo',
      '--from-fy',
      '2025',
    )
    expect(moved.code).toBe(0)
    const ranges = await databasesOf(db).rangesFor(insurerId)
    expect(ranges.map((r) => [r.database, r.fromFy, r.toFy])).toEqual([
      ['second', 0, 2024],
      ['demo', 2025, null],
    ])
    h.advance(60_000)
    expect((await ops('shards', 'confirm', '--insurer', number)).code).toBe(0)
  })

  it('waits out a held insurer: a 503 insurer_busy with Retry-After is sent again', async () => {
    let sent = 0
    const fetch = (async () => {
      sent++
      return sent < 3
        ? new Response(JSON.stringify({ error: { code: 'insurer_busy', message: 'busy' } }), {
            status: 503,
            headers: { 'Content-Type': 'application/json', 'Retry-After': '0' },
          })
        : new Response(
            JSON.stringify({
              staff: { id: 's', name: 'n', role: 'platform_admin', insurer: null },
            }),
            {
              status: 200,
              headers: { 'Content-Type': 'application/json' },
            },
          )
    }) as typeof globalThis.fetch
    const client = new ApiClient(
      { url: 'http://localhost:8787', token: 't'.repeat(20), tokenSource: 'flag' },
      { fetch },
    )
    expect((await client.whoami()).id).toBe('s')
    expect(sent).toBe(3)
    // Another 503 (no insurer_busy) is not waited out.
    const other = new ApiClient(
      { url: 'http://localhost:8787', token: 't'.repeat(20), tokenSource: 'flag' },
      {
        fetch: (async () => (
          sent++,
          new Response('{"error":{"code":"service_unavailable","message":"x"}}', {
            status: 503,
            headers: { 'Content-Type': 'application/json', 'Retry-After': '0' },
          })
        )) as typeof globalThis.fetch,
      },
    )
    sent = 0
    await expect(other.whoami()).rejects.toThrow()
    expect(sent).toBe(1)
  })
})
