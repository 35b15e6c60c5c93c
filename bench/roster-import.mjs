#!/usr/bin/env node
// Roster import throughput (issue 3): generated rosters of 100,000 and 1,000,000 rows (bench/gen-roster.ts),
// imported by the operator CLI as `npm run ops` runs it (package.json's node flags; cli/ops.ts roster import)
// through the operator API into `wrangler dev` with local D1, each case on a fresh state folder, with the default
// batch and with --batch 2000, then the same file again (every row unchanged). Per run: wall time of the CLI
// process, its peak RSS (/usr/bin/time's maxrss; VmRSS from /proc/<pid>/status every 100 ms), its CPU time and
// the CPU time of the server's processes (workerd, wrangler) over the run.
// Beside it, on the same kind of local D1 (`wrangler dev` running bench/roster-ceiling-worker.mjs):
//   - the ceiling: the same rows written by a bare loop of DB.batch([...multi-row INSERTs of 5 rows × 18
//     bound parameters]) of 2,000 rows each, timed around the D1 calls inside the Worker;
//   - the server's own two statements (classify + INSERT … SELECT FROM json_each upsert) alone, new and again;
//   - the server's code step by step (JSON, validation, row parsing, hashing, D1) on the 100,000 rows;
//   - the CLI alone against a stand-in server on loopback that answers every batch at once;
//   - for reference, the bare loop through wrangler's getPlatformProxy (100k rows only: see the notes).
// Ports 8792 (server), 8793 (ceiling Worker), 8794 (stand-in). Everything started here is stopped here.
//   ROWS_SMALL / ROWS_LARGE override the sizes; PROXY=0 skips the getPlatformProxy reference; NO_REPORT=1
//   leaves bench/README.md alone; QUIET_LOAD=1.0 waits (up to 2 min) before each case until the 1-minute load
//   average is below it.
import { statSync } from 'node:fs'
import { rosterFile } from './lib/cli-run.mjs'
import { ceilingCases, proxyCase, stageCases } from './roster-import/ceiling.mjs'
import { cliBaseline, serverCase, standinCase } from './roster-import/cli.mjs'
import { fmt, LARGE, SMALL } from './roster-import/common.mjs'
import { writeReport } from './roster-import/report.mjs'

const started = Date.now()
const small = rosterFile(SMALL)
const large = rosterFile(LARGE)
console.log(
  `rosters: ${small} (${(statSync(small).size / 1e6).toFixed(1)} MB), ${large} (${(statSync(large).size / 1e6).toFixed(1)} MB)`,
)
const runs = []
const baseline = await cliBaseline()
console.log(`CLI baseline (roster import --help): peak RSS ${baseline.toFixed(0)} MiB`)
console.log('CLI against a stand-in server (no D1):')
const standin = [await standinCase(small, SMALL), await standinCase(large, LARGE)]
console.log('CLI → operator API → wrangler dev (local D1):')
for (const [file, rows] of [
  [small, SMALL],
  [large, LARGE],
]) {
  runs.push(...(await serverCase(file, rows)))
  runs.push(...(await serverCase(file, rows, 2000)))
}
console.log(`ceiling (${fmt(LARGE)} rows, bare Worker on local D1):`)
const ceiling = await ceilingCases(large, LARGE)
console.log(
  `the server's steps (${fmt(SMALL)} rows, default batch, one request at a time, bare Worker):`,
)
const stages = await stageCases(small, SMALL)
const proxy = process.env.PROXY === '0' ? null : await proxyCase(small, SMALL)
const totalMin = (Date.now() - started) / 60_000

if (process.env.NO_REPORT === '1') process.exit(0)
await writeReport({ small, large, runs, baseline, standin, ceiling, stages, proxy, totalMin })
console.log(`done in ${totalMin.toFixed(1)} min; bench/README.md updated`)
process.exit(0)
