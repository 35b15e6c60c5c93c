// The section of bench/README.md that bench/roster-import.mjs writes, from its runs and references.
import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { cpus } from 'node:os'
import { OPS } from '../lib/cli-run.mjs'
import { machine, today, writeSection } from '../report.mjs'
import { fmt, LARGE, rate, SMALL } from './common.mjs'

export async function writeReport({
  small,
  large,
  runs,
  baseline,
  standin,
  ceiling,
  stages,
  proxy,
  totalMin,
}) {
  const git = (...a) => spawnSync('git', a, { encoding: 'utf8' }).stdout.trim()
  const dirty = git('status', '--porcelain', '--', 'worker', 'core', 'db', 'cli', 'scripts')
    .split('\n')
    .filter(Boolean).length
  const ceilingRate = rate(LARGE, ceiling.insert.dbMs)
  const pick = (rows, batch, pass) =>
    runs.find((r) => r.rows === rows && r.batch === batch && r.pass === pass)
  const mib = (x) => x.toFixed(0)
  const table = runs.map((r) => {
    const ratio = r.rows === LARGE ? ` (${(rate(r.rows, r.wallMs) / ceilingRate).toFixed(2)}×)` : ''
    return `| ${fmt(r.rows)} | ${r.batch} | ${r.pass === 'new' ? 'new (all inserted)' : 'again (all unchanged)'} | ${(r.wallMs / 1000).toFixed(1)} s | **${fmt(rate(r.rows, r.wallMs))}**${ratio} | ${mib(r.peakMiB)} MiB | ${r.rssQuarters.map(mib).join(' / ')} | ${r.cliCpu.toFixed(1)} s | ${(r.server.workerd ?? 0).toFixed(1)} s | ${r.load.toFixed(1)} |`
  })
  const usPerRow = (ms, rows) => (ms * 1000) / rows
  let previousUs = 0
  const stageText = {
    echo: 'the batch body in and a small answer out (HTTP + JSON.parse)',
    validate: "+ the route's valibot schema (RosterBatchBody)",
    rows: '+ mapHeader, parseRosterRow for every row (core/roster.ts)',
    service:
      '+ the rest of importRosterBatch without a database: SHA-256 of every row (crypto.subtle, one await a row), the JSON payload',
    d1: '+ the two statements on D1: all of importRosterBatch (new rows)',
    'd1 again': 'the same, every row unchanged',
  }
  const stageRows = Object.entries(stages).map(([name, r]) => {
    const us = usPerRow(r.wallMs, SMALL)
    const added =
      name === 'd1 again'
        ? usPerRow(stages['d1 again'].wallMs - stages.service.wallMs, SMALL)
        : us - previousUs
    if (name !== 'd1 again') previousUs = us
    return `| ${name} | ${stageText[name]} | ${fmt(rate(SMALL, r.wallMs))} | ${us.toFixed(1)} µs | ${name === 'echo' ? '' : `${added >= 0 ? '+' : ''}${added.toFixed(1)} µs`} | ${(r.server.workerd ?? 0).toFixed(1)} s |`
  })
  const bestLarge = Math.max(
    ...runs.filter((r) => r.rows === LARGE && r.pass === 'new').map((r) => rate(r.rows, r.wallMs)),
  )
  const againRuns = runs.filter((r) => r.rows === LARGE && r.pass === 'again')
  const peakMax = Math.max(...runs.map((r) => r.peakMiB), ...standin.map((r) => r.peakMiB))
  writeSection(
    'roster',
    `## Roster import throughput (issue 3)
Measured ${today()} by \`node bench/roster-import.mjs\` (${totalMin.toFixed(0)} min) on ${await machine()}, at ${git('rev-parse', '--short', 'HEAD')}${dirty ? ` with ${dirty} uncommitted files under worker/ core/ db/ cli/ scripts/ (work in progress by others)` : ''}.
Rosters from \`bench/gen-roster.ts\` (${fmt(SMALL)} rows, ${(statSync(small).size / 1e6).toFixed(1)} MB; ${fmt(LARGE)} rows, ${(statSync(large).size / 1e6).toFixed(1)} MB; UTF-8), imported by
\`npm run ops -- roster import --json --quiet\` (that is \`${OPS.text}\`; 2 batches in flight) into \`scripts/start.mjs\` (\`wrangler dev\`, local D1, demo data
seeded), a fresh state folder per batch size; "again" is the same file a second time. Wall: the CLI process, start to
exit. CLI peak RSS: the kernel's maxrss of the CLI process (\`/usr/bin/time\`), and its VmRSS at ¼, ½, ¾ and the end of the
run (/proc, every 100 ms). CPU: user + system seconds over the run. Load: 1-minute load average at the start (the
machine's ${cpus().length} CPUs are shared with other work: test runs, type checks). A run in which \`wrangler dev\` rebuilt and
restarted workerd (a source file changed) is run again.

| rows | batch | pass | wall | rows/s (× ceiling) | CLI peak RSS | CLI RSS ¼ / ½ / ¾ / end, MiB | CLI CPU | workerd CPU | load |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${table.join('\n')}

| reference | figure |
| --- | --- |
| **ceiling**: the same ${fmt(LARGE)} rows by a bare Worker on the same kind of local D1 (\`wrangler dev\`, bench/roster-ceiling-worker.mjs): \`DB.batch\` of 400 INSERTs × 5 rows (90 bound parameters), 2,000 rows a batch, one at a time; time inside the Worker around the D1 call | **${fmt(ceilingRate)} rows/s** (${(ceiling.insert.dbMs / 1000).toFixed(1)} s); ${fmt(rate(LARGE, ceiling.insert.wallMs))} rows/s with the JSON transport from Node (${(ceiling.insert.wallMs / 1000).toFixed(1)} s) |
| the server's two statements alone (classify + \`INSERT … SELECT FROM json_each(?)\` upsert, copied), same Worker, ${fmt(LARGE)} rows, 2,000 a call, new / again | ${fmt(rate(LARGE, ceiling.upsertNew.dbMs))} / ${fmt(rate(LARGE, ceiling.upsertAgain.dbMs))} rows/s of D1 time |
| the CLI alone: a stand-in server on loopback answers each batch at once (default batch), ${fmt(SMALL)} / ${fmt(LARGE)} rows | ${fmt(rate(SMALL, standin[0].wallMs))} / ${fmt(rate(LARGE, standin[1].wallMs))} rows/s; peak RSS ${mib(standin[0].peakMiB)} / ${mib(standin[1].peakMiB)} MiB; CPU ${standin[0].cliCpu.toFixed(1)} / ${standin[1].cliCpu.toFixed(1)} s |
| the CLI doing nothing (\`roster import --help\`, same node flags): the CLI's modules loaded | peak RSS ${mib(baseline)} MiB |
${proxy ? `| the bare loop through wrangler's \`getPlatformProxy\` (env.DB in Node), ${fmt(SMALL)} rows | ${fmt(rate(SMALL, proxy.batchMs))} rows/s counting \`DB.batch\` alone; ${fmt(rate(SMALL, proxy.allMs))} rows/s with \`prepare()\`/\`bind()\`, each a synchronous round trip to workerd (hence the ceiling above is taken inside a Worker) |\n` : ''}| local D1 file after ${fmt(LARGE)} rows | ${(pick(LARGE, 1000, 'new').dbBytes / 1e6).toFixed(0)} MB |

Where the server's time goes: the server's own code in the bare Worker, step by step, on the ${fmt(SMALL)}-row file in
batches of 1,000, one request at a time (wall time over loopback: workerd's clock stands still while JavaScript runs).

| step | what | rows/s | per row | added | workerd CPU |
| --- | --- | --- | --- | --- | --- |
${stageRows.join('\n')}

Goals: ${fmt(LARGE)} rows at ≥ 0.3× the ceiling — best **${(bestLarge / ceilingRate).toFixed(2)}×** (${fmt(bestLarge)} rows/s); the same file again
${againRuns.map((r) => `${fmt(rate(r.rows, r.wallMs))} rows/s (batch ${r.batch}, ${(rate(r.rows, r.wallMs) / ceilingRate).toFixed(2)}×)`).join(', ')}. CLI peak RSS flat and ≤ 150 MB: at most
**${mib(peakMax)} MiB** (${fmt(SMALL)} rows ${mib(pick(SMALL, 1000, 'new').peakMiB)} MiB, ${fmt(LARGE)} rows ${mib(pick(LARGE, 1000, 'new').peakMiB)} MiB, default batch), of which ${mib(baseline)} MiB before reading a row.
`,
  )
}
