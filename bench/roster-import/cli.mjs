// The CLI's runs of bench/roster-import.mjs: `ops roster import` measured, against the portal (`wrangler dev`,
// local D1, a fresh state folder per case) and against a stand-in that answers every batch at once.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { importArgs } from '../../scripts/ops-cli.mjs'
import { measured, OPS, startStandin } from '../lib/cli-run.mjs'
import { cpuDelta, cpuText, groupCpu, startDevPortal } from '../lib/processes.mjs'
import { fmt, INSURER, OUT, quiet, rate, SERVER_PORT, STANDIN_PORT } from './common.mjs'

/** A run as one line of the bench's output. */
export function line(r) {
  return `  ${fmt(r.rows)} rows, batch ${r.batch}, ${r.pass}: ${(r.wallMs / 1000).toFixed(1)} s → ${fmt(rate(r.rows, r.wallMs))} rows/s; CLI peak ${r.peakMiB.toFixed(0)} MiB (RSS at ¼ ½ ¾ end: ${r.rssQuarters.map((x) => x.toFixed(0)).join(' ')}), CLI CPU ${r.cliCpu.toFixed(1)} s; server CPU ${cpuText(r.server ?? {}) || '-'} (load ${r.load.toFixed(2)})`
}

const cli = (args) => measured([...OPS.flags, OPS.script, ...args], join(OUT, 'time.txt'))

/** Peak RSS of the CLI doing nothing (`roster import --help`): Node with type stripping, every module loaded. */
export async function cliBaseline() {
  return (await cli(['roster', 'import', '--help'])).peakMiB
}

/** One `ops roster import` run: wall time, the CLI's JSON report, peak RSS and CPU of the CLI process. */
async function runCli(file, { url, token, batch }) {
  const args = importArgs('roster', { insurer: INSURER, file, url, token }, '--json', '--quiet')
  if (batch) args.push('--batch', String(batch))
  const r = await cli(args)
  if (r.code !== 0) throw new Error(`CLI exited ${r.code}\n${r.stdout}\n${r.stderr}`)
  const report = JSON.parse(r.stdout)
  if (!report.complete || report.rejected) throw new Error(`import incomplete: ${r.stdout}`)
  return {
    wallMs: r.wallMs,
    report,
    peakMiB: r.peakMiB,
    rssQuarters: r.rssQuarters,
    cliCpu: r.cpu,
  }
}

/** Bytes of the local D1's sqlite files (and their WAL) under a state folder. */
export function dbSize(state) {
  const dir = join(state, 'v3', 'd1')
  let bytes = 0
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name))
      else if (/\.sqlite(-wal)?$/.test(e.name)) bytes += statSync(join(d, e.name)).size
    }
  }
  if (existsSync(dir)) walk(dir)
  return bytes
}

const workerdPids = (pgid) =>
  [...groupCpu(pgid)]
    .filter(([, p]) => p.comm === 'workerd')
    .map(([pid]) => pid)
    .sort()
    .join(',')
class Restarted extends Error {}

/** One fresh server: the file imported, then imported again (every row unchanged). `wrangler dev` rebuilds and
 * restarts workerd when a source file changes (others edit the repository while this runs): a case in which that
 * happened is run again, up to 3 times. */
export async function serverCase(file, rows, batch) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await serverCaseOnce(file, rows, batch)
    } catch (err) {
      if (!(err instanceof Restarted) || attempt >= 3) throw err
      console.log(
        `  (workerd restarted during the run: a source file changed; again, attempt ${attempt + 1})`,
      )
    }
  }
}

async function serverCaseOnce(file, rows, batch) {
  await quiet(`${rows} rows, batch ${batch ?? 'default'}`)
  const state = join(OUT, 'state-roster')
  const server = await startDevPortal({ port: SERVER_PORT, state })
  const runs = []
  try {
    for (const pass of ['new', 'again']) {
      const load = loadavg()[0]
      const pids = workerdPids(server.pgid)
      const cpu0 = groupCpu(server.pgid)
      const r = await runCli(file, { url: server.tokens.url, token: server.tokens.admin, batch })
      const server_ = cpuDelta(cpu0, groupCpu(server.pgid))
      if (workerdPids(server.pgid) !== pids) throw new Restarted()
      const expect = pass === 'new' ? r.report.inserted : r.report.unchanged
      if (expect !== rows)
        throw new Error(`${pass}: expected ${rows} rows, got ${JSON.stringify(r.report)}`)
      runs.push({
        rows,
        batch: batch ?? 1000,
        pass,
        ...r,
        server: server_,
        load,
        dbBytes: dbSize(state),
      })
      console.log(line(runs.at(-1)))
    }
  } finally {
    await server.remove()
  }
  return runs
}

/** The CLI by itself: a stand-in server on loopback answers every batch at once. */
export async function standinCase(file, rows) {
  await quiet('the stand-in')
  const standin = await startStandin(STANDIN_PORT, (body) => ({
    inserted: body.rows.length,
    updated: 0,
    unchanged: 0,
    rejected: [],
  }))
  try {
    const load = loadavg()[0]
    const r = await runCli(file, { url: standin.url, token: standin.token })
    const run = { rows, batch: 1000, pass: 'stand-in', ...r, load }
    console.log(line(run))
    return run
  } finally {
    await standin.close()
  }
}
