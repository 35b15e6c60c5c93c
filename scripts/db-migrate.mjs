#!/usr/bin/env node
// `npm run db:migrate`: applies the two migration streams (docs/scale.md) to every database of the
// portal — db/migrations/directory to the directory, db/migrations/insurer to each insurer database
// its `databases` table names (D1: the binding `DB_<NAME>`; libSQL: its URL), and to every `DB_*`
// binding of wrangler.toml (a fresh local state has no `databases` rows yet). Prints one line per
// database, "n applied" or "up to date". Safe to run twice; a run stopped anywhere (killed, a failing
// statement, a database down) is resumed by running it again: each migration file is recorded with
// its statements, so a database is never left half-way through one (libSQL: one batch per file;
// D1: wrangler sends each file and its record as one command).
//
//   npm run db:migrate                      local D1 (wrangler's --local, state in .wrangler/state)
//   npm run db:migrate -- --persist-to DIR  local D1 in another state folder (npm start's STATE_DIR)
//   npm run db:migrate -- --remote          the deployed D1 databases (and libSQL ones by URL)
//   npm run db:migrate -- --libsql          the directory at LIBSQL_URL (LIBSQL_AUTH_TOKEN) and the
//                                           libSQL insurer databases it names
//   --only NAME                             one insurer database (the directory is migrated first anyway)
//   --migrations DIR                        a folder with directory/ and insurer/ streams (libSQL; tests)
//   --config FILE                           another wrangler.toml (D1; tests)
//
// A libSQL insurer database's token: LIBSQL_TOKEN_<NAME>, else LIBSQL_AUTH_TOKEN (as the Worker).
// Exit status: 0 all migrated; 1 a database failed (the others were still migrated); 2 bad usage;
// 3 the directory is a state from before issue 14 (one database for everything): nothing was changed.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

const root = dirname(import.meta.dirname)

const argv = process.argv.slice(2)
const flag = (name) => argv.includes(name)
const option = (name) => {
  const i = argv.indexOf(name)
  return i >= 0 ? argv[i + 1] : undefined
}
const valued = ['--persist-to', '--only', '--migrations', '--config']
const known = ['--local', '--remote', '--libsql', '--help', ...valued]
for (const [i, a] of argv.entries())
  if (a.startsWith('--') && !known.includes(a)) usage(`unknown option ${a}`)
  else if (!a.startsWith('--') && !valued.includes(argv[i - 1])) usage(`unexpected ${a}`)
if (flag('--help')) usage()
const mode = flag('--libsql') ? 'libsql' : flag('--remote') ? 'remote' : 'local'
if ([flag('--libsql'), flag('--remote'), flag('--local')].filter(Boolean).length > 1)
  usage('choose one of --local, --remote, --libsql')
const persistTo = option('--persist-to') ?? process.env.STATE_DIR ?? '.wrangler/state'
const only = option('--only')
const streams = option('--migrations')
  ? {
      directory: join(option('--migrations'), 'directory'),
      insurer: join(option('--migrations'), 'insurer'),
    }
  : { directory: 'directory', insurer: 'insurer' }

function usage(problem) {
  if (problem) console.error(`✗ ${problem}`)
  console.error(
    'usage: npm run db:migrate [-- --local [--persist-to DIR] | --remote | --libsql] [--only NAME]',
  )
  process.exit(problem ? 2 : 0)
}

/** `DB_DEMO` for the database named `demo` (db/open.ts d1BindingName). */
const bindingOf = (name) => `DB_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`
const tokenOf = (name) =>
  process.env[`LIBSQL_TOKEN_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`] ??
  process.env.LIBSQL_AUTH_TOKEN

/** The legacy check: a directory from before issue 14 (one database held everything). */
const LEGACY_SQL = `select name from sqlite_master where type = 'table' and name = 'roster_persons'
  union all select name from d1_migrations where name = '0012_insurer_console.sql'`
const LEGACY_ROSTER_SQL = `select name from sqlite_master where type = 'table' and name = 'roster_persons'`
const DATABASES_SQL = `select name, kind, url, state from databases where state <> 'retired' order by name`

// ---------------------------------------------------------------------------------------------
// D1 through wrangler
// ---------------------------------------------------------------------------------------------

const config = option('--config')
const where = [
  ...(mode === 'remote' ? ['--remote'] : ['--local', '--persist-to', persistTo]),
  ...(config ? ['--config', config] : []),
]

function wrangler(args) {
  const r = spawnSync(join(root, 'node_modules', '.bin', 'wrangler'), args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  })
  if (r.error) throw r.error
  return r
}

/** Rows of one statement on a D1 binding (`wrangler d1 execute --json`); throws on failure. */
function d1Rows(binding, sql) {
  const r = wrangler(['d1', 'execute', binding, ...where, '--json', '--command', sql])
  const out = r.stdout.slice(Math.max(0, r.stdout.indexOf('[')))
  if (r.status !== 0) throw new Error(lastLine(r.stderr || r.stdout) || `wrangler exit ${r.status}`)
  return JSON.parse(out).flatMap((part) => part.results ?? [])
}

/** Applies a binding's stream (its migrations_dir in wrangler.toml): the files applied. */
function d1Apply(binding) {
  const r = wrangler(['d1', 'migrations', 'apply', binding, ...where])
  const text = `${r.stdout}\n${r.stderr}`
  if (r.status !== 0) throw new Error(lastLine(errorOf(text)) || `wrangler exit ${r.status}`)
  if (/No migrations to apply/i.test(text)) return []
  // wrangler redraws its table after each file: a file is named once however often it is drawn.
  return [...new Set([...text.matchAll(/│\s*(\S+\.sql)\s*│\s*✅/g)].map((m) => m[1]))]
}

const errorOf = (text) =>
  text
    .split('\n')
    .filter((l) => /ERROR|✘|error/i.test(l))
    .join('\n') || text
const lastLine = (text) =>
  text
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1)

/** The `DB_*` bindings wrangler.toml declares (insurer databases; `DB` is the directory). */
function tomlBindings() {
  const toml = readFileSync(config ?? join(root, 'wrangler.toml'), 'utf8')
  return [...toml.matchAll(/^\s*binding\s*=\s*"(DB_[A-Z0-9_]+)"/gm)].map((m) => m[1])
}

// ---------------------------------------------------------------------------------------------
// libSQL through its client and db/migrate.ts
// ---------------------------------------------------------------------------------------------

let libsql
async function libsqlTools() {
  if (!libsql) {
    const [{ createClient }, { migrateLibsql }] = await Promise.all([
      import('@libsql/client'),
      import('../db/migrate.ts'),
    ])
    libsql = { createClient, migrateLibsql }
  }
  return libsql
}

async function libsqlClient(url, authToken) {
  const { createClient } = await libsqlTools()
  return createClient({ url, ...(authToken ? { authToken } : {}) })
}

async function libsqlApply(client, stream) {
  const { migrateLibsql } = await libsqlTools()
  return migrateLibsql(client, stream)
}

async function libsqlRows(client, sql) {
  return (await client.execute(sql)).rows.map((r) => ({ ...r }))
}

// ---------------------------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------------------------

const report = (name, applied) =>
  console.log(
    `  ${name}: ${applied.length ? `${applied.length} applied (${applied.join(', ')})` : 'up to date'}`,
  )

let failed = 0
const fail = (name, err) => {
  failed++
  console.error(`✗ ${name}: ${err instanceof Error ? err.message : String(err)}`)
}

const legacyMessage = (where) =>
  `✗ the directory ${where} is from before issue 14 (one database held everything: it has the ` +
  'insurers\u2019 tables). It is left as it is. Locally, `npm start` starts such a state afresh; a deployed ' +
  'one needs its insurers moved out first (docs/scale.md).'

console.log(
  `db:migrate (${mode === 'local' ? `local, ${persistTo}` : mode === 'remote' ? 'remote D1' : 'libSQL'})`,
)

let rows
if (mode === 'libsql') {
  const url = process.env.LIBSQL_URL
  if (!url) usage('--libsql needs LIBSQL_URL (and LIBSQL_AUTH_TOKEN) for the directory')
  const directory = await libsqlClient(url, process.env.LIBSQL_AUTH_TOKEN)
  const legacy = await libsqlRows(directory, LEGACY_SQL).catch(() =>
    libsqlRows(directory, LEGACY_ROSTER_SQL),
  )
  if (legacy.length) {
    console.error(legacyMessage(`at LIBSQL_URL`))
    process.exit(3)
  }
  try {
    report('directory', await libsqlApply(directory, streams.directory))
  } catch (err) {
    fail('directory', err)
    process.exit(1)
  }
  rows = await libsqlRows(directory, DATABASES_SQL)
  directory.close()
} else {
  let legacy
  try {
    legacy = (() => {
      try {
        return d1Rows('DB', LEGACY_SQL)
      } catch {
        return d1Rows('DB', LEGACY_ROSTER_SQL)
      }
    })()
  } catch (err) {
    fail('directory (DB)', err)
    process.exit(1)
  }
  if (legacy.length) {
    console.error(legacyMessage(mode === 'local' ? `in ${persistTo}` : '(remote DB)'))
    process.exit(3)
  }
  try {
    report('directory (DB)', d1Apply('DB'))
  } catch (err) {
    fail('directory (DB)', err)
    process.exit(1)
  }
  rows = d1Rows('DB', DATABASES_SQL)
}

// Every insurer database: the directory's rows, then wrangler.toml's bindings not among them.
const targets = rows.map((r) => ({ name: String(r.name), kind: String(r.kind), url: r.url }))
if (mode !== 'libsql') {
  const named = new Set(targets.filter((t) => t.kind === 'd1').map((t) => bindingOf(t.name)))
  for (const binding of tomlBindings())
    if (!named.has(binding))
      targets.push({ name: binding.slice(3).toLowerCase(), kind: 'd1', binding, unlisted: true })
}
if (only && !targets.some((t) => t.name === only)) {
  fail(only, new Error('no such insurer database (not in the directory nor in wrangler.toml)'))
  process.exit(1)
}

let done = 0
for (const t of targets) {
  if (only && t.name !== only) continue
  const label =
    t.kind === 'd1' ? `${t.name} (D1 ${t.binding ?? bindingOf(t.name)})` : `${t.name} (libSQL)`
  try {
    if (t.kind === 'libsql') {
      if (!t.url) throw new Error('no URL in the directory')
      const client = await libsqlClient(String(t.url), tokenOf(t.name))
      try {
        report(label, await libsqlApply(client, streams.insurer))
      } finally {
        client.close()
      }
    } else if (mode === 'libsql') {
      console.log(`  ${label}: skipped (a D1 database: run without --libsql)`)
      continue
    } else {
      const binding = t.binding ?? bindingOf(t.name)
      if (!tomlBindings().includes(binding))
        throw new Error(`no binding ${binding} in wrangler.toml (add it and deploy)`)
      report(label, d1Apply(binding))
    }
    done++
  } catch (err) {
    fail(label, err)
  }
}

if (failed) {
  console.error(`✗ ${failed} database(s) not migrated: run the command again once fixed`)
  process.exit(1)
}
console.log(`✓ the directory and ${done} insurer database(s) at the latest version`)
