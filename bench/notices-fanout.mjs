#!/usr/bin/env node
// お知らせ fan-out after a 10,000-checkup import (issue 12).
// Each turn (bench/lib/notices-fanout-run.ts, one process): two fresh libSQL file databases (Node, @libsql/client;
// the service code as the Worker runs it), 10,000 roster persons each linked to an account, 10,000 checkups
// imported by `importCheckups` in batches of 500 into both, batch by batch in turn — with the module before this
// branch (git's main, copied beside it for the run and removed after) and with this branch's (the outbox rows in
// the import's batch). Then the notices job (`processNotices`, 10 claims of 100 a run) on the second until its
// outbox is empty: notices written per second (mail to a counting sender, no push subscriptions).
//   DOCS overrides 10,000; TURNS overrides 5; BASE overrides 2a949e3 (before the outbox); NO_REPORT=1 leaves bench/README.md alone.
import { execFileSync, spawnSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { load, machine, today, writeSection } from './report.mjs'

const DOCS = Number(process.env.DOCS ?? 10_000)
const TURNS = Number(process.env.TURNS ?? 5)
// The commit before issue 12's outbox (main once this branch is merged would compare it with itself).
const BASE = process.env.BASE ?? '2a949e3'
const BEFORE = 'worker/services/__bench_before_checkup-import.ts'

writeFileSync(
  BEFORE,
  execFileSync('git', ['show', `${BASE}:worker/services/checkup-import.ts`], { encoding: 'utf8' }),
)
const results = []
const loads = [await load()]
try {
  for (let t = 0; t < TURNS; t++) {
    const run = spawnSync(
      'node_modules/.bin/tsx',
      ['bench/lib/notices-fanout-run.ts', String(DOCS), tmpdir()],
      { encoding: 'utf8' },
    )
    if (run.status !== 0) throw new Error(`turn ${t} failed\n${run.stdout}\n${run.stderr}`)
    const line = JSON.parse(run.stdout.trim().split('\n').pop())
    results.push(line)
    console.log(JSON.stringify(line))
    loads.push(await load())
  }
} finally {
  rmSync(BEFORE, { force: true })
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const rate = (mode) => (r) => DOCS / (r[`${mode}Ms`] / 1000)
const before = median(results.map(rate('before')))
const outbox = median(results.map(rate('outbox')))
const perSecond = median(results.map((r) => r.notices / (r.jobMs / 1000)))
const runs = median(results.map((r) => r.runs))
// Per turn: the import rate with the outbox against without it, in the same process and load.
const ratios = results.map((r) => (r.beforeMs / r.outboxMs - 1) * 100)
const range = (mode) => {
  const rates = results.map(rate(mode))
  return `${fmt(Math.min(...rates))}–${fmt(Math.max(...rates))}`
}
const drop = median(ratios)
const signed = (n) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(1)}`
const fmt = (n) => Math.round(n).toLocaleString('en-US')
const md = `## お知らせ fan-out after a ${fmt(DOCS)}-checkup import (issue 12)
Measured ${today()} by \`node bench/notices-fanout.mjs\` on ${await machine()}; 1-minute load average
${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} (a shared machine). ${TURNS} turns; in each, two fresh libSQL file
databases (Node, the Worker's service code) with ${fmt(DOCS)} roster persons each linked to an account, and ${fmt(DOCS)}
checkups (19 results each, the demo checkup's) imported by \`importCheckups\` in batches of 500 into both, batch by batch in turn (order
swapped each batch, so the load falls on both alike): "before" with the import module of \`${BASE}\` (no outbox),
"outbox" with this one (one INSERT … SELECT FROM json_each more in each batch). Then the notices job on the second.

| figure | median of ${TURNS} | min–max |
| --- | --- | --- |
| import rate before (checkups/s) | ${fmt(before)} | ${range('before')} |
| import rate with the outbox (checkups/s) | **${fmt(outbox)}** (rate ${signed(drop)} %; turns ${signed(Math.min(...ratios))} to ${signed(Math.max(...ratios))} %) | ${range('outbox')} |
| notices written by the job (notices/s, mail to a counting sender) | **${fmt(perSecond)}** | |
| job runs to drain ${fmt(DOCS)} rows (1,000 rows a run) | ${runs} | |

Reading it:
- The outbox costs the import one statement per batch of 500 (500 small rows); the limit is a 10 % drop of the
  import rate. The percentage is the median over turns of each turn's own rate with the outbox against without
  (both sides of a turn share its load; the two medians of rates above come from different turns). With
  3-result checkups (a lighter batch, an earlier run) the outbox weighed more: import time +9.8 % median.
- The job's own rate is not what members see: the cron runs it once a minute and a run takes at most 1,000 rows
  (each can cost a mail and pushes, and a Worker's subrequests are counted per invocation), so ${fmt(DOCS)} linked
  persons are told within about ${Math.ceil(DOCS / 1000)} minutes. Not measured here: D1 in workerd, real mail (Resend)
  and push services' latency, which the job waits for in parallel per claim of 100.`
console.log(md)
if (process.env.NO_REPORT !== '1') writeSection('notices-fanout', md)
