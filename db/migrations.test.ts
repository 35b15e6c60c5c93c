import { createClient, type Client } from '@libsql/client'
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MIGRATIONS, migrateLibsql } from './migrate'

/**
 * The two migration streams (docs/scale.md) and `npm run db:migrate` (scripts/db-migrate.mjs): run
 * twice it changes nothing; stopped half-way (killed, a failing statement, a database down) and run
 * again, every database ends at the latest version.
 */

const root = join(import.meta.dirname, '..')
const dir = mkdtempSync(join(tmpdir(), 'kenshin-migrations-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const files = (stream: string) =>
  readdirSync(stream)
    .filter((f) => f.endsWith('.sql'))
    .sort()
const tables = async (client: Client) =>
  (await client.execute(`select name from sqlite_master where type = 'table'`)).rows.map((r) =>
    String(r.name),
  )
const applied = async (client: Client) =>
  (await tables(client)).includes('d1_migrations')
    ? (await client.execute('select name from d1_migrations order by name')).rows.map((r) =>
        String(r.name),
      )
    : []

const COMMAND = [
  '--experimental-strip-types',
  '--no-warnings',
  join(root, 'scripts', 'db-migrate.mjs'),
]

/** The command on libSQL: the directory at `url`; its output and exit status. */
const migrate = (url: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [...COMMAND, '--libsql', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LIBSQL_URL: url },
  })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

let nextSet = 0
/** A directory file naming `n` insurer database files (not yet migrated: the command does that). */
async function fileSet(n: number) {
  const base = join(dir, `set${nextSet++}`)
  const url = `file:${base}-directory.db`
  const directory = createClient({ url })
  await migrateLibsql(directory, 'directory')
  const shards: { name: string; url: string }[] = []
  for (let i = 0; i < n; i++) {
    const shard = { name: `ins${String(i).padStart(2, '0')}`, url: `file:${base}-ins${i}.db` }
    shards.push(shard)
    await directory.execute({
      sql: `insert into databases (name, kind, url, created_at) values (?, 'libsql', ?, 0)`,
      args: [shard.name, shard.url],
    })
  }
  return { url, directory, shards }
}

/** The insurer stream's files each shard has recorded, by name. */
const shardVersions = async (shards: { name: string; url: string }[]) =>
  Object.fromEntries(
    await Promise.all(
      shards.map(async (s) => {
        const client = createClient({ url: s.url })
        try {
          return [s.name, await applied(client)] as const
        } finally {
          client.close()
        }
      }),
    ),
  )

describe('the two streams', () => {
  it('the directory has none of the insurer tables and the insurer databases none of the directory’s; twice applies nothing', async () => {
    const directory = createClient({ url: ':memory:' })
    const insurer = createClient({ url: ':memory:' })
    expect(await migrateLibsql(directory, 'directory')).toEqual(files(MIGRATIONS.directory))
    expect(await migrateLibsql(insurer, 'insurer')).toEqual(files(MIGRATIONS.insurer))
    const dirTables = await tables(directory)
    const insTables = await tables(insurer)
    for (const t of ['accounts', 'sessions', 'staff', 'insurers', 'databases', 'shard_map'])
      expect(dirTables).toContain(t)
    for (const t of ['roster_persons', 'member_links', 'checkups', 'viewing_codes', 'imports'])
      expect(insTables).toContain(t)
    for (const t of ['roster_persons', 'member_links', 'checkups', 'notice_outbox'])
      expect(dirTables).not.toContain(t)
    for (const t of ['accounts', 'sessions', 'notices', 'shard_map'])
      expect(insTables).not.toContain(t)
    expect(await migrateLibsql(directory, 'directory')).toEqual([])
    expect(await migrateLibsql(insurer, 'insurer')).toEqual([])
  })
})

describe('npm run db:migrate on libSQL files', () => {
  it('migrates the directory and every insurer database it names; a second run changes nothing', async () => {
    const set = await fileSet(3)
    const first = migrate(set.url)
    expect(first.status, first.out).toBe(0)
    for (const s of set.shards)
      expect(first.out).toContain(`${s.name} (libSQL): ${files(MIGRATIONS.insurer).length} applied`)
    expect(first.out).toContain('directory: up to date')
    expect(Object.values(await shardVersions(set.shards))).toEqual(
      set.shards.map(() => files(MIGRATIONS.insurer)),
    )
    const second = migrate(set.url)
    expect(second.status, second.out).toBe(0)
    expect(second.out).not.toContain('applied')
    expect(second.out.match(/up to date/g)).toHaveLength(4)
    // One database only.
    const one = migrate(set.url, '--only', 'ins01')
    expect(one.out).toContain('ins01 (libSQL): up to date')
    expect(one.out).not.toContain('ins00')
    set.directory.close()
  })

  it('killed (SIGKILL) after the first database, run again: every database at the latest version', async () => {
    const set = await fileSet(12)
    const child = spawn(process.execPath, [...COMMAND, '--libsql'], {
      cwd: root,
      env: { ...process.env, LIBSQL_URL: set.url },
    })
    let out = ''
    const ended = new Promise<number | null>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        if (/\(libSQL\): \d+ applied/.test(out)) child.kill('SIGKILL')
      })
      child.on('exit', (code) => resolve(code))
    })
    expect(await ended).toBeNull()
    expect(out).not.toContain('latest version')
    const killed = await shardVersions(set.shards)
    expect(killed.ins00).toEqual(files(MIGRATIONS.insurer))
    // Stopped half-way: some databases were not reached.
    expect(Object.values(killed).some((v) => v.length === 0)).toBe(true)

    const again = migrate(set.url)
    expect(again.status, again.out).toBe(0)
    expect(again.out).toContain('ins00 (libSQL): up to date')
    expect(again.out).toContain(`ins11 (libSQL): ${files(MIGRATIONS.insurer).length} applied`)
    expect(Object.values(await shardVersions(set.shards))).toEqual(
      set.shards.map(() => files(MIGRATIONS.insurer)),
    )
    set.directory.close()
  })

  it('a failing statement, and a database down: nothing half-applied; fixed and run again, all at the latest version', async () => {
    const set = await fileSet(3)
    expect(migrate(set.url).status).toBe(0)
    // A new insurer migration whose second statement fails, and a database that cannot be opened.
    const streams = join(dir, `streams${nextSet}`)
    cpSync(join(import.meta.dirname, 'migrations'), streams, { recursive: true })
    const next = join(streams, 'insurer', '9999_test_added.sql')
    writeFileSync(
      next,
      'CREATE TABLE added (id integer primary key);\n--> statement-breakpoint\nINSERT INTO no_such_table VALUES (1);\n',
    )
    await set.directory.execute(
      `insert into databases (name, kind, url, created_at) values ('down', 'libsql', 'file:${dir}/no/such/folder/x.db', 0)`,
    )
    const broken = migrate(set.url, '--migrations', streams)
    expect(broken.status).toBe(1)
    expect(broken.out.match(/✗ ins0\d \(libSQL\)/g)).toHaveLength(3)
    expect(broken.out).toContain('✗ down (libSQL)')
    for (const s of set.shards) {
      const client = createClient({ url: s.url })
      // The file's first statement was rolled back with the second: nothing of it is left.
      expect(await tables(client)).not.toContain('added')
      expect(await applied(client)).not.toContain('9999_test_added.sql')
      client.close()
    }

    writeFileSync(
      next,
      'CREATE TABLE added (id integer primary key);\n--> statement-breakpoint\nINSERT INTO added VALUES (1);\n',
    )
    await set.directory.execute(
      `update databases set url = 'file:${dir}/up.db' where name = 'down'`,
    )
    const fixed = migrate(set.url, '--migrations', streams)
    expect(fixed.status, fixed.out).toBe(0)
    expect(fixed.out).toContain(`down (libSQL): ${files(MIGRATIONS.insurer).length + 1} applied`)
    for (const s of set.shards) expect(fixed.out).toContain(`${s.name} (libSQL): 1 applied`) // the new file only
    const versions = await shardVersions([
      ...set.shards,
      { name: 'down', url: `file:${dir}/up.db` },
    ])
    for (const v of Object.values(versions))
      expect(v).toEqual([...files(MIGRATIONS.insurer), '9999_test_added.sql'])
    set.directory.close()
  })

  it('a directory from before issue 14 is left alone, with the reason (exit 3)', async () => {
    const url = `file:${dir}/legacy.db`
    const legacy = createClient({ url })
    await legacy.execute('create table roster_persons (insurer_id text, person_key text)')
    const r = migrate(url)
    expect(r.status).toBe(3)
    expect(r.out).toContain('from before issue 14')
    expect(await tables(legacy)).toEqual(['roster_persons'])
    legacy.close()
  })
})

describe('npm run db:migrate on local D1 (wrangler)', () => {
  it('killed with its wrangler after the directory, run again: every database at the latest version', async () => {
    const state = join(dir, 'd1-state')
    const local = ['--local', '--persist-to', state]
    // Its own process group: the kill takes wrangler down with it, wherever it was.
    const child = spawn(process.execPath, [...COMMAND, ...local], { cwd: root, detached: true })
    let out = ''
    const ended = new Promise<number | null>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        if (/directory \(DB\): \d+ applied/.test(out)) process.kill(-child.pid!, 'SIGKILL')
      })
      child.on('exit', (code) => resolve(code))
    })
    expect(await ended).toBeNull()
    expect(out).not.toContain('DB_DEMO')

    const run = () =>
      spawnSync(process.execPath, [...COMMAND, ...local], { cwd: root, encoding: 'utf8' })
    const again = run()
    expect(again.status, again.stderr).toBe(0)
    expect(again.stdout).toContain('directory (DB): up to date')
    expect(again.stdout).toContain(`demo (D1 DB_DEMO): ${files(MIGRATIONS.insurer).length} applied`)
    expect(again.stdout).toContain(
      `second (D1 DB_SECOND): ${files(MIGRATIONS.insurer).length} applied`,
    )
    const third = run()
    expect(third.status).toBe(0)
    expect(third.stdout.match(/up to date/g)).toHaveLength(3)
  }, 120_000)
})

describe('npm run db:migrate on local D1 with a failing statement', () => {
  it('the file is rolled back whole; fixed and run again, every database at the latest version', async () => {
    const base = join(dir, 'd1-failing')
    const insurer = join(base, 'insurer')
    cpSync(MIGRATIONS.insurer, insurer, { recursive: true })
    const next = join(insurer, '9999_test_added.sql')
    writeFileSync(
      next,
      'CREATE TABLE added (id integer primary key);\n--> statement-breakpoint\nINSERT INTO no_such_table VALUES (1);\n',
    )
    const config = join(base, 'wrangler.toml')
    writeFileSync(
      config,
      [
        'name = "migrate-test"',
        `main = "${join(root, 'worker', 'index.ts')}"`,
        'compatibility_date = "2026-11-01"',
        ...[
          ['DB', MIGRATIONS.directory, 'a0'],
          ['DB_ONE', insurer, 'a1'],
          ['DB_TWO', insurer, 'a2'],
        ].flatMap(([binding, migrations, id]) => [
          '[[d1_databases]]',
          `binding = "${binding}"`,
          `database_name = "migrate-test-${id}"`,
          `database_id = "00000000-0000-0000-0000-0000000000${id}"`,
          `migrations_dir = "${migrations}"`,
        ]),
      ].join('\n'),
    )
    const args = ['--local', '--persist-to', join(base, 'state'), '--config', config]
    const run = () =>
      spawnSync(process.execPath, [...COMMAND, ...args], { cwd: root, encoding: 'utf8' })
    const broken = run()
    expect(broken.status, broken.stdout).toBe(1)
    expect(broken.stdout).toContain(`directory (DB): ${files(MIGRATIONS.directory).length} applied`)
    expect(broken.stderr).toContain('✗ one (D1 DB_ONE)')
    expect(broken.stderr).toContain('✗ two (D1 DB_TWO)')

    writeFileSync(
      next,
      'CREATE TABLE added (id integer primary key);\n--> statement-breakpoint\nINSERT INTO added VALUES (1);\n',
    )
    const fixed = run()
    expect(fixed.status, fixed.stderr).toBe(0)
    // The baseline had gone in before the failing file; the failing file left nothing behind
    // (its CREATE TABLE would fail a second time otherwise).
    expect(fixed.stdout).toContain('one (D1 DB_ONE): 1 applied (9999_test_added.sql)')
    expect(fixed.stdout).toContain('two (D1 DB_TWO): 1 applied (9999_test_added.sql)')
  }, 120_000)
})
