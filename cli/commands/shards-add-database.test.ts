/**
 * `shards add-database`: the command line in-process against the real app, on libSQL files. The
 * Worker's opener (worker/index.ts) opens a libSQL URL with createClient; here the test's opener
 * does the same for a `file:` database it stands for (a Worker cannot reach a file, so the URL the
 * operator gives is a libsql:// one, and the test resolves it to its file).
 */
import { createClient } from '@libsql/client'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { MIGRATIONS, migrateLibsql } from '../../db/migrate.ts'
import {
  INSURER_MIGRATION_LATEST,
  openLibsql,
  type DatabaseRow,
  type Databases,
} from '../../db/open.ts'
import { databases } from '../../db/schema.ts'
import { databasesOf, makeHarness, seedDemo, testDb } from '../../worker/test/harness.ts'
import { runOps } from '../testing/demo-app.ts'

const dir = mkdtempSync(join(tmpdir(), 'kenshin-add-database-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function setUp() {
  const db = await testDb()
  const real = databasesOf(db)
  // libsql://<name>.example.com stands for the file <dir>/<name>.db.
  const probing: Databases = {
    ...real,
    probe: async (row: DatabaseRow) => {
      const m = row.url ? /^libsql:\/\/([a-z0-9_]+)\.example\.com$/.exec(row.url) : null
      if (!m) return real.probe(row)
      return openLibsql(createClient({ url: `file:${join(dir, `${m[1]}.db`)}` }))
    },
  }
  const h = makeHarness(db, { databases: probing })
  const { admin } = await seedDemo(h.deps)
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    h.app.request(
      input instanceof Request ? input : String(input),
      init,
    )) as typeof globalThis.fetch
  const ops = (lang: string, ...args: string[]) =>
    runOps(args, { fetch, token: admin, cwd: '/tmp', lang })
  const row = async (name: string) =>
    (await db.select().from(databases).where(eq(databases.name, name)))[0]
  return { ops, row }
}

describe('ops: shards add-database', () => {
  it('the newest insurer migration the Worker checks for is the newest file of the stream', () => {
    const files = readdirSync(MIGRATIONS.insurer)
      .filter((f) => f.endsWith('.sql'))
      .sort()
    expect(INSURER_MIGRATION_LATEST).toBe(files.at(-1))
  })

  it('registers a migrated libSQL database; the same name again is refused (409)', async () => {
    const { ops, row } = await setUp()
    const client = createClient({ url: `file:${join(dir, 'cli_one.db')}` })
    await migrateLibsql(client, 'insurer')
    client.close()
    const url = 'libsql://cli_one.example.com'
    const added = await ops(
      'en',
      'shards',
      'add-database',
      '--name',
      'cli_one',
      '--kind',
      'libsql',
      '--database-url',
      url,
    )
    expect(added.stderr).toBe('')
    expect(added.code).toBe(0)
    expect(added.stdout).toContain('Registered database cli_one (libsql), active')
    expect(await row('cli_one')).toMatchObject({ kind: 'libsql', url, state: 'active' })
    const list = await ops('en', 'shards', 'list', '--json')
    expect(JSON.parse(list.stdout).databases).toContainEqual({
      name: 'cli_one',
      kind: 'libsql',
      state: 'active',
    })
    const again = await ops(
      'ja',
      'shards',
      'add-database',
      '--name',
      'cli_one',
      '--kind',
      'libsql',
      '--database-url',
      url,
      '--json',
    )
    expect(again.code).not.toBe(0)
    expect(again.stderr).toContain('すでに登録されています')
  })

  it('an unmigrated libSQL database is refused (database_not_migrated), nothing recorded', async () => {
    const { ops, row } = await setUp()
    const client = createClient({ url: `file:${join(dir, 'cli_bare.db')}` })
    await client.execute('create table t (x)')
    client.close()
    const res = await ops(
      'en',
      'shards',
      'add-database',
      '--name',
      'cli_bare',
      '--kind',
      'libsql',
      '--database-url',
      'libsql://cli_bare.example.com',
    )
    expect(res.code).not.toBe(0)
    expect(res.stderr).toContain('not migrated')
    expect(await row('cli_bare')).toBeUndefined()
  })

  it('a D1 database without its binding: the binding named; --json prints the database', async () => {
    const { ops, row } = await setUp()
    const res = await ops('en', 'shards', 'add-database', '--name', 'cli_none', '--kind', 'd1')
    expect(res.code).not.toBe(0)
    expect(res.stderr).toContain('DB_CLI_NONE')
    expect(await row('cli_none')).toBeUndefined()
  })

  it('usage errors before any call: missing and bad flags, in Japanese and English', async () => {
    const { ops } = await setUp()
    const cases: [string[], string][] = [
      [['--kind', 'd1'], '--name'],
      [['--name', 'x1'], '--kind'],
      [['--name', 'Bad', '--kind', 'd1'], '--name'],
      [['--name', 'x1', '--kind', 'mysql'], '--kind'],
      [['--name', 'x1', '--kind', 'libsql'], '--database-url'],
      [['--name', 'x1', '--kind', 'libsql', '--database-url', 'file:/tmp/x.db'], '--database-url'],
      [
        ['--name', 'x1', '--kind', 'd1', '--database-url', 'libsql://x.example.com'],
        '--database-url',
      ],
    ]
    for (const [args, flag] of cases) {
      const res = await ops('en', 'shards', 'add-database', ...args)
      expect(res.code, args.join(' ')).not.toBe(0)
      expect(res.code, args.join(' ')).not.toBe(1)
      expect(res.stderr, args.join(' ')).toContain(flag)
    }
    const ja = await ops('ja', 'shards', 'add-database', '--name', 'x1', '--kind', 'mysql')
    expect(ja.stderr).toContain('d1 か libsql')
    const help = await ops('en', 'shards', 'add-database', '--help')
    expect(help.stdout).toContain('--database-url')
    expect((await ops('ja', 'shards', 'add-database', '--help')).stdout).toContain('使い方')
  })
})
