/**
 * issue 14, I: `POST /api/ops/shards/databases` (ops shards add-database) on the project's databases.
 * The test's opener knows the databases by name (worker/test/database.ts): here it also knows a few
 * more, as a Worker would know a new binding — `second2` and `libsql2` reach the test's `second`
 * (migrated), `bare` reaches the directory (which has no insurer migration). Any other name opens
 * nothing. The 403 for every other caller: ops.matrix.test.ts.
 */
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Databases, DatabaseRow } from '../../db/open'
import { auditLog, databases } from '../../db/schema'
import { databasesOf, json, makeHarness, seedDemo, testDb } from '../test/harness'

async function setUp() {
  const db = await testDb()
  const real = databasesOf(db)
  const alias: Record<string, string> = { second2: 'second', libsql2: 'second', many: 'second' }
  const probing: Databases = {
    ...real,
    probe: async (row: DatabaseRow) =>
      row.name === 'bare' ? db : real.probe({ ...row, name: alias[row.name] ?? row.name }),
  }
  const h = makeHarness(db, { databases: probing })
  const { admin } = await seedDemo(h.deps)
  const add = (body: unknown, lang = 'en') =>
    h.app.request('http://localhost:8787/api/ops/shards/databases', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${admin}`,
        'Content-Type': 'application/json',
        'Accept-Language': lang,
        'CF-Connecting-IP': h.ip,
      },
      body: JSON.stringify(body),
    })
  const row = async (name: string) =>
    (await db.select().from(databases).where(eq(databases.name, name)))[0]
  // D1 in workerd is one database for the file: the rows a test adds are taken away again.
  const forget = (...names: string[]) =>
    Promise.all(names.map((n) => db.delete(databases).where(eq(databases.name, n))))
  return { db, h, add, row, forget }
}

describe('POST /api/ops/shards/databases', () => {
  it('records a D1 database the Worker has a binding for, active, with an audit row', async () => {
    const { db, add, row, forget } = await setUp()
    const res = await add({ name: 'second2', kind: 'd1' })
    expect(res.status).toBe(201)
    expect(await json(res)).toEqual({
      database: { name: 'second2', kind: 'd1', url: null, state: 'active' },
    })
    expect(await row('second2')).toMatchObject({ kind: 'd1', url: null, state: 'active' })
    const audits = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'shards.database_added'))
    expect(audits.some((a) => String(a.detail).includes('second2'))).toBe(true)
    await forget('second2')
  })

  it('records a libSQL database that answers and is migrated, with its URL', async () => {
    const { add, row, forget } = await setUp()
    const res = await add({ name: 'libsql2', kind: 'libsql', url: 'libsql://libsql2.example.com' })
    expect(res.status).toBe(201)
    expect((await json(res)).database).toEqual({
      name: 'libsql2',
      kind: 'libsql',
      url: 'libsql://libsql2.example.com',
      state: 'active',
    })
    expect((await row('libsql2'))?.url).toBe('libsql://libsql2.example.com')
    await forget('libsql2')
  })

  it('refuses a name already registered (409) and changes nothing', async () => {
    const { add, row } = await setUp()
    const before = await row('second')
    const res = await add({ name: 'second', kind: 'd1' })
    expect(res.status).toBe(409)
    expect((await json(res)).error.code).toBe('database_exists')
    expect(await row('second')).toEqual(before)
  })

  it('50 at once for one new name: one 201, the others 409', async () => {
    const { add, row, forget } = await setUp()
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => add({ name: 'many', kind: 'd1' })),
    )
    const statuses = answers.map((r) => r.status).sort()
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(49)
    expect(await row('many')).toMatchObject({ state: 'active' })
    await forget('many')
  })

  it('a D1 database without a binding: 422 naming the binding, in the caller’s language; nothing recorded', async () => {
    const { add, row } = await setUp()
    const en = await add({ name: 'nowhere_1', kind: 'd1' })
    expect(en.status).toBe(422)
    const body = await json(en)
    expect(body.error.code).toBe('database_unreachable')
    expect(body.error.message).toContain('DB_NOWHERE_1')
    expect(body.error.message).toContain('wrangler.toml')
    const ja = await json(await add({ name: 'nowhere_1', kind: 'd1' }, 'ja'))
    expect(ja.error.message).toContain('DB_NOWHERE_1')
    expect(ja.error.message).toContain('開けません')
    expect(body.error).not.toHaveProperty('params')
    expect(await row('nowhere_1')).toBeUndefined()
  })

  it('a libSQL database that does not open: 422 database_unreachable, its URL never in the answer', async () => {
    const { add, row } = await setUp()
    const res = await add({ name: 'far', kind: 'libsql', url: 'https://far.example.com/?secret=x' })
    expect(res.status).toBe(422)
    const text = await res.text()
    expect(JSON.parse(text).error.code).toBe('database_unreachable')
    expect(text).not.toContain('secret')
    expect(await row('far')).toBeUndefined()
  })

  it('a database that opens but is not migrated (either kind): 422 database_not_migrated', async () => {
    const { add, row } = await setUp()
    for (const body of [
      { name: 'bare', kind: 'libsql', url: 'libsql://bare.example.com' },
      { name: 'bare', kind: 'd1' },
    ]) {
      const res = await add(body)
      expect(res.status).toBe(422)
      expect((await json(res)).error.code).toBe('database_not_migrated')
    }
    expect(await row('bare')).toBeUndefined()
  })

  it('bad bodies: 400 validation with the field, nothing recorded', async () => {
    const { db, add } = await setUp()
    const count = async () =>
      Number(
        Object.values(
          (await db.all(sql`SELECT count(*) AS n FROM databases`))[0] as Record<string, unknown>,
        )[0],
      )
    const before = await count()
    for (const [body, field] of [
      [{ name: 'Upper', kind: 'd1' }, 'name'],
      [{ name: 'a', kind: 'd1' }, 'name'],
      [{ name: `a${'b'.repeat(31)}`, kind: 'd1' }, 'name'],
      [{ name: 'has-dash', kind: 'd1' }, 'name'],
      [{ name: 'okname', kind: 'sqlite' }, 'kind'],
      [{ name: 'okname', kind: 'd1', url: 'libsql://x.example.com' }, 'url'],
      [{ name: 'okname', kind: 'libsql' }, 'url'],
      [{ name: 'okname', kind: 'libsql', url: 'ftp://x.example.com' }, 'url'],
      [{ name: 'okname', kind: 'libsql', url: 'file:/tmp/x.db' }, 'url'],
    ] as const) {
      const res = await add(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      const e = (await json(res)).error
      expect(e.code).toBe('validation')
      expect(Object.keys(e.fields ?? {}), JSON.stringify(body)).toContain(field)
    }
    expect(await count()).toBe(before)
  })
})
