#!/usr/bin/env node
// Checkup XML import throughput and bytes stored per checkup (issue 4).
// 10,000 generated 特定健診 DATA documents in one zip (bench/gen-checkups.ts, with the roster of its persons) are
// imported by the operator CLI (cli/ops.ts checkups import) into `wrangler dev` with local D1 (scripts/start.mjs,
// fresh state folder), under a fresh insurer 01130012 whose roster is imported first. Timed: the wall clock of
// the CLI process end to end (start-up, whoami, reading the zip, parsing, sending, the server's writes), its CPU
// (user + system, /usr/bin/time) and the CPU of the server's processes (workerd, wrangler) over the run.
// Beside it: the same CLI against a stand-in on loopback that answers every batch at once (parse-only rate).
// Then the server is stopped and its D1 sqlite file is read with sqlite3: the JSON payload per checkup
// (length of `results`, and of the whole row), the pages of the table and its two indexes (dbstat), and the
// file growth (a copy VACUUMed, then with the bench insurer's checkups deleted and VACUUMed again).
// Ports 8790 (server) and 8791 (stand-in). Everything started here is stopped here.
//   DOCS overrides 10,000; NO_REPORT=1 leaves bench/README.md alone.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { importArgs, OPS_CLI } from '../scripts/ops-cli.mjs'
import { measured, startStandin } from './lib/cli-run.mjs'
import {
  cpuDelta,
  cpuText,
  groupCpu,
  NODE,
  otherBenches,
  startDevPortal,
  TS,
} from './lib/processes.mjs'
import { machine, today, writeSection } from './report.mjs'

const SERVER_PORT = 8790
const STANDIN_PORT = 8791
const INSURER = '01130012' // passes the check digit; not used by the demo data
const DOCS = Number(process.env.DOCS ?? 10_000)
const WORK = join(tmpdir(), 'kenshin-bench-checkups')
const STATE = join(WORK, 'state')
mkdirSync(WORK, { recursive: true })

/** `ops <args>` (cli/ops.ts from source), measured; throws unless it exits 0. */
async function opsOk(...args) {
  const r = await measured([...OPS_CLI, ...args], join(WORK, 'time.txt'))
  if (r.code !== 0)
    throw new Error(`ops ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`)
  return r
}
/** `ops <kind> import --insurer INSURER <file> --json --quiet` against `url`. */
const importOk = (kind, file, url, token) =>
  opsOk(...importArgs(kind, { insurer: INSURER, file, url, token }, '--json', '--quiet'))

// ------------------------------------------------------------------------------------------------ the run

const fmt = (n) => Math.round(n).toLocaleString('en-US')
const zip = join(WORK, `checkups-${DOCS}.zip`)
const roster = join(WORK, `roster-${DOCS}.csv`)
if (!existsSync(zip) || !existsSync(roster)) {
  const g = spawnSync(
    NODE,
    [
      ...TS,
      'bench/gen-checkups.ts',
      '--docs',
      String(DOCS),
      '--out',
      zip,
      '--insurer',
      INSURER,
      '--roster',
      roster,
    ],
    { stdio: 'inherit' },
  )
  if (g.status !== 0) throw new Error('bench/gen-checkups.ts failed')
}
const zipBytes = statSync(zip).size
console.log(
  `zip: ${fmt(zipBytes)} bytes, ${DOCS} documents; load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
)
const others = otherBenches('checkup-import')

// 1. the CLI against a stand-in that answers every batch at once
const standin = await startStandin(STANDIN_PORT, (body) => ({
  inserted: body.checkups.length,
  replaced: 0,
  unchanged: 0,
  rejected: [],
}))
const parseLoad = loadavg()[0]
const parse = await importOk('checkups', zip, standin.url, standin.token)
await standin.close()
const batches = standin.batches()
const parseReport = JSON.parse(parse.stdout)
if (parseReport.inserted !== DOCS) throw new Error(`stand-in: ${parse.stdout.slice(0, 2000)}`)
console.log(
  `stand-in: ${(parse.wallMs / 1000).toFixed(2)} s → ${fmt((DOCS * 1000) / parse.wallMs)} docs/s, CLI CPU ${parse.cpu.toFixed(1)} s, peak ${parse.peakMiB.toFixed(0)} MiB, ${batches} batches (load ${parseLoad.toFixed(2)})`,
)
const cliIdle = await opsOk('checkups', 'import', '--help')

// 2. the real server
const server = await startDevPortal({ port: SERVER_PORT, state: STATE })
const { url, admin } = server.tokens
let endLoad, imp, importServerCpu, importLoad, rosterRun, again, againServerCpu
try {
  await opsOk(
    'insurer',
    'create',
    '--number',
    INSURER,
    '--name',
    'ベンチ健保',
    '--url',
    url,
    '--token',
    admin,
  )
  rosterRun = await importOk('roster', roster, url, admin)
  console.log(
    `roster: ${JSON.stringify(JSON.parse(rosterRun.stdout).inserted)} rows in ${(rosterRun.wallMs / 1000).toFixed(1)} s`,
  )
  importLoad = loadavg()[0]
  const cpu0 = groupCpu(server.pgid)
  imp = await importOk('checkups', zip, url, admin)
  importServerCpu = cpuDelta(cpu0, groupCpu(server.pgid))
  endLoad = loadavg()[0]
  // the same file again: every checkup unchanged (the server reads, validates and compares, writes nothing)
  const cpu1 = groupCpu(server.pgid)
  again = await importOk('checkups', zip, url, admin)
  againServerCpu = cpuDelta(cpu1, groupCpu(server.pgid))
} finally {
  await server.stop()
}
const report = JSON.parse(imp.stdout)
if (report.inserted !== DOCS || report.rejections)
  throw new Error(`import: ${imp.stdout.slice(0, 2000)}`)
const serverCpu = cpuText(importServerCpu)
const againReport = JSON.parse(again.stdout)
if (againReport.unchanged !== DOCS) throw new Error(`again: ${again.stdout.slice(0, 2000)}`)
console.log(
  `again: ${(again.wallMs / 1000).toFixed(2)} s → ${fmt((DOCS * 1000) / again.wallMs)} docs/s, CLI CPU ${again.cpu.toFixed(1)} s, server CPU ${cpuText(againServerCpu)}`,
)
console.log(
  `server: ${(imp.wallMs / 1000).toFixed(2)} s → ${fmt((DOCS * 1000) / imp.wallMs)} docs/s, CLI CPU ${imp.cpu.toFixed(1)} s, server CPU ${serverCpu} (load ${importLoad.toFixed(2)})`,
)

// 3. bytes per checkup, from the stopped server's sqlite file
const sqliteFiles = []
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(d, e.name))
    else if (e.name.endsWith('.sqlite')) sqliteFiles.push(join(d, e.name))
  }
}
walk(join(STATE, 'v3', 'd1'))
const sql = (file, query) => {
  const r = spawnSync('sqlite3', ['-batch', '-noheader', '-separator', '|', file, query], {
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`)
  return r.stdout.trim()
}
const db = sqliteFiles.find(
  (f) => sql(f, "SELECT count(*) FROM sqlite_master WHERE name = 'checkups'") === '1',
)
const bench = `(SELECT id FROM insurers WHERE number = '${INSURER}')`
const [rows, payload, rowBytes] = sql(
  db,
  `SELECT count(*), avg(length(CAST(results AS BLOB))), avg(length(CAST(id AS BLOB)) + length(CAST(insurer_id AS BLOB)) + length(CAST(person_key AS BLOB)) + length(CAST(exam_date AS BLOB)) + coalesce(length(CAST(institution AS BLOB)), 0) + length(CAST(source AS BLOB)) + length(CAST(table_version AS BLOB)) + length(CAST(results AS BLOB)) + length(CAST(content_hash AS BLOB)) + 16) FROM checkups WHERE insurer_id = ${bench}`,
)
  .split('|')
  .map(Number)
const allRows = Number(sql(db, 'SELECT count(*) FROM checkups'))
const pages = sql(
  db,
  "SELECT name, sum(pgsize), sum(payload), count(*) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'checkups') GROUP BY name ORDER BY name",
)
  .split('\n')
  .map((l) => l.split('|'))
  .map(([name, bytes, used, n]) => ({
    name,
    bytes: Number(bytes),
    used: Number(used),
    pages: Number(n),
  }))
const copy = join(WORK, 'copy.sqlite')
copyFileSync(db, copy)
sql(copy, 'VACUUM')
const withRows = statSync(copy).size
sql(copy, `DELETE FROM checkups WHERE insurer_id = ${bench}; VACUUM`)
const withoutRows = statSync(copy).size
rmSync(copy, { force: true })
const asIs = statSync(db).size
rmSync(STATE, { recursive: true, force: true })
const perRowDisk = pages.reduce((s, p) => s + p.bytes, 0) / allRows
const growth = (withRows - withoutRows) / rows
console.log(
  `stored: ${rows} rows; results ${fmt(payload)} B, row ${fmt(rowBytes)} B; table + indexes ${fmt(perRowDisk)} B/row; file growth ${fmt(growth)} B/checkup`,
)
console.log(pages)

if (process.env.NO_REPORT !== '1') {
  const loadNote = `1-minute load average ${importLoad.toFixed(2)} at the start of the server run, ${endLoad.toFixed(2)} at its end, ${parseLoad.toFixed(2)} at the start of the stand-in run`
  writeSection(
    'checkup-import',
    `## Checkup XML import and bytes per checkup (issue 4)
Measured ${today()} by \`node bench/checkup-import.mjs\` on ${await machine()}; ${loadNote}${others ? ` (running beside it: \`${others.split('\n').join('`, `')}\`)` : ''}.
${fmt(DOCS)} documents from \`bench/gen-checkups.ts\` (one zip, ${fmt(zipBytes)} bytes, ~20 items each in every value form),
imported with \`ops checkups import --insurer ${INSURER} <zip> --json --quiet\` (default batch 200, 2 in flight) into
\`wrangler dev\` with local D1 (fresh state, a fresh insurer, its ${fmt(DOCS)}-person roster imported first).
Time is the wall clock of the CLI process, end to end (Node start-up, whoami, reading, parsing, sending, the server's writes).

| run | wall | documents/s | CLI CPU | server CPU |
| --- | --- | --- | --- | --- |
| into \`wrangler dev\` + local D1 | ${(imp.wallMs / 1000).toFixed(2)} s | **${fmt((DOCS * 1000) / imp.wallMs)}** | ${imp.cpu.toFixed(1)} s (peak RSS ${imp.peakMiB.toFixed(0)} MiB) | ${serverCpu} |
| the same file again (all unchanged: nothing written) | ${(again.wallMs / 1000).toFixed(2)} s | ${fmt((DOCS * 1000) / again.wallMs)} | ${again.cpu.toFixed(1)} s | ${cpuText(againServerCpu)} |
| CLI alone (stand-in answering at once, ${batches} batches) | ${(parse.wallMs / 1000).toFixed(2)} s | ${fmt((DOCS * 1000) / parse.wallMs)} | ${parse.cpu.toFixed(1)} s (peak RSS ${parse.peakMiB.toFixed(0)} MiB) | - |
| CLI start-up only (\`checkups import --help\`) | ${(cliIdle.wallMs / 1000).toFixed(2)} s | - | ${cliIdle.cpu.toFixed(1)} s | - |

Goal ≥ 1,000 documents/s locally: ${(DOCS * 1000) / imp.wallMs >= 1000 ? 'met' : 'not met'}. Where the time goes: the CLI by itself needs ${(parse.wallMs / 1000).toFixed(1)} s
(${fmt((DOCS * 1000) / parse.wallMs)} documents/s, ${((1000 * parse.cpu) / DOCS).toFixed(2)} ms CPU per document: unzip + XML parse), so the CLI alone is ${(DOCS * 1000) / parse.wallMs >= 1000 ? 'just at' : 'just under'} the goal;
the server is the bottleneck: workerd used ${(importServerCpu.workerd ?? 0).toFixed(1)} s CPU over the ${(imp.wallMs / 1000).toFixed(1)} s run (${((1000 * (importServerCpu.workerd ?? 0)) / DOCS).toFixed(1)} ms per document; the
Worker's JS and miniflare's SQLite run in that process, so they are not told apart here), one CPU busy for the whole run. The same
file again, with nothing to write, still costs ${(againServerCpu.workerd ?? 0).toFixed(1)} s of workerd CPU: about ${Math.round((100 * (againServerCpu.workerd ?? 0)) / (importServerCpu.workerd || 1))} % of the server's work is
receiving, validating and comparing the batches, the rest writing them. The CLI's 2 batches in flight overlap parsing with the server.

Bytes stored per checkup (the server stopped, its D1 sqlite file read with \`sqlite3\`; ${fmt(rows)} checkups of the bench insurer, ${fmt(allRows)} in all):

| measure | bytes per checkup |
| --- | --- |
| JSON payload (\`length(results)\`) | ${fmt(payload)} |
| whole row, all columns (+16 for the two integers) | ${fmt(rowBytes)} |
${pages.map((p) => `| pages of \`${p.name}\` (dbstat, ${fmt(p.pages)} pages, ${Math.round((100 * p.used) / p.bytes)} % payload) | ${fmt(p.bytes / allRows)} |`).join('\n')}
| on disk, table + both indexes (dbstat) | **${fmt(perRowDisk)}** |
| file growth per checkup (VACUUMed copy with / without the ${fmt(rows)} checkups: ${fmt(withRows)} − ${fmt(withoutRows)} bytes) | **${fmt(growth)}** |

The database file as left by the server: ${fmt(asIs)} bytes (roster and demo data included). A row of ~${fmt(rowBytes)} bytes
does not fit twice in a 4,096-byte page, so each checkup takes a page of its own (${Math.round((100 * pages.find((p) => p.name === 'checkups').used) / pages.find((p) => p.name === 'checkups').bytes)} % of the table's pages is payload):
rows under ~2,000 bytes would take half the space.
`,
  )
}
process.exit(0)
