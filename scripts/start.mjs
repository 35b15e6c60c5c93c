#!/usr/bin/env node
// `npm start`: builds the PWA, migrates the local databases (`npm run db:migrate`: the directory `DB`
// and the insurer databases `DB_DEMO`, `DB_SECOND`), runs `wrangler dev` on port 8787 in development
// mode, and seeds the demo data once the server answers: the demo insurer in DB_DEMO, a second insurer
// (and the one in maintenance) in DB_SECOND. PORT and STATE_DIR override the port and the local state
// folder (the end-to-end tests use their own).
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { opsImport } from './ops-cli.mjs'

const port = Number(process.env.PORT ?? 8787)
const stateDir = process.env.STATE_DIR ?? '.wrangler/state'
const origin = `http://localhost:${port}`
const quiet = process.env.QUIET === '1'
const bin = (name) => `node_modules/.bin/${name}`

function run(cmd, args) {
  const r = spawnSync(cmd, args, {
    stdio: quiet ? 'pipe' : 'inherit',
    env: { ...process.env, CI: 'true' },
  })
  if (r.status !== 0) {
    if (quiet) process.stderr.write(`${r.stdout}\n${r.stderr}`)
    console.error(`✗ ${cmd} ${args.join(' ')} failed`)
    process.exit(r.status ?? 1)
  }
}

if (process.env.SKIP_BUILD !== '1') run(bin('vite'), ['build', '--logLevel', 'warn'])
migrate()

/**
 * `npm run db:migrate -- --local --persist-to <stateDir>`. A local state from before issue 14 (one
 * database for everything; the command refuses it with status 3) is put aside and started afresh.
 */
function migrate() {
  const args = ['--experimental-strip-types', '--no-warnings', 'scripts/db-migrate.mjs']
  args.push('--local', '--persist-to', stateDir)
  const first = spawnSync(process.execPath, args, { encoding: 'utf8', env: process.env })
  if (first.status === 0) {
    if (!quiet) process.stdout.write(first.stdout)
    return
  }
  if (first.status !== 3) {
    process.stderr.write(`${first.stdout}${first.stderr}`)
    console.error('✗ npm run db:migrate failed')
    process.exit(first.status ?? 1)
  }
  const aside = `${stateDir.replace(/\/+$/, '')}.before-issue14-${Date.now()}`
  console.log(
    `! ${stateDir} holds a local database from before the directory and insurer databases ` +
      `(issue 14): it cannot be migrated, so it is moved to ${aside} and the demo starts afresh.`,
  )
  renameSync(stateDir, aside)
  run(process.execPath, args)
}

const vars = {
  ENVIRONMENT: 'development',
  APP_ORIGIN: origin,
}
const args = [
  'dev',
  '--port',
  String(port),
  '--ip',
  '127.0.0.1',
  '--persist-to',
  stateDir,
  '--show-interactive-dev-session=false',
  '--log-level',
  quiet ? 'warn' : 'info',
]
for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`)
const server = spawn(bin('wrangler'), args, {
  stdio: 'inherit',
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
})
const stop = () => server.kill('SIGTERM')
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
server.on('exit', (code) => process.exit(code ?? 0))

for (let i = 0; i < 240; i++) {
  try {
    const res = await fetch(`${origin}/api/config`)
    if (res.ok) break
  } catch {}
  await delay(250)
}
/** A demo postcards file's viewing codes (the plain codes exist only there, as on a postcard). */
function postcards(file) {
  return readFileSync(file, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [personKey, code] = line.split(',')
      return { personKey, code }
    })
}
const seeded = await fetch(`${origin}/dev/seed`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    viewingCodes: postcards('db/seed/demo-viewing-codes.csv'),
    second: { viewingCodes: postcards('db/seed/second-viewing-codes.csv') },
  }),
}).catch(() => null)
if (!seeded?.ok) {
  console.error('✗ seeding the demo data failed')
} else {
  // The development staff tokens, for `npm run ops` with no flags (git-ignored, under the state dir).
  const { tokens } = await seeded.json()
  mkdirSync(stateDir, { recursive: true })
  writeFileSync(
    join(stateDir, 'dev-ops-tokens.json'),
    JSON.stringify({ url: origin, ...tokens }, null, 2),
    { mode: 0o600 },
  )
  // The demo roster goes in the way an operator's does: the CLI, the operator API, the import service;
  // then the demo checkups, matched to that roster: the CSV of earlier years, this year's national XML file.
  // The second insurer's (デモ第二健康保険組合, 06139471, in DB_SECOND) likewise, from its own files.
  const demo = [
    ['06139992', 'roster', 'db/seed/demo-roster.csv'],
    ['06139992', 'checkups', 'db/seed/demo-checkups.csv'],
    ['06139992', 'checkups', 'db/seed/demo-checkup-2026.xml'],
    ['06139471', 'roster', 'db/seed/second-roster.csv'],
    ['06139471', 'checkups', 'db/seed/second-checkups.csv'],
  ]
  const failed = new Set()
  for (const [insurer, kind, file] of demo) {
    if (failed.has(insurer)) continue
    const run = opsImport(kind, { insurer, file, url: origin, token: tokens.admin })
    if (run.status === 0) continue
    console.error(`✗ importing ${file} failed\n${run.stdout}${run.stderr}`)
    if (kind === 'roster') failed.add(insurer)
  }
  // お知らせ: production's cron runs the notices job every minute; `wrangler dev` runs no cron, so the
  // job is called here every 30 s (NOTICES_EVERY_MS overrides; 0 turns it off).
  const every = Number(process.env.NOTICES_EVERY_MS ?? 30_000)
  if (every > 0)
    setInterval(() => {
      fetch(`${origin}/dev/jobs/notices`, { method: 'POST' }).catch(() => null)
    }, every).unref()
  console.log(
    `\n  Kenshin Portal: ${origin}   (mails: ${origin}/dev/mail)\n  Demo account: demo@kenshin.example / Kenko-Demo-2026\n  Operator CLI: npm run ops -- --help\n`,
  )
}
