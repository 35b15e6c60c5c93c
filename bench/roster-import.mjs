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
import { spawn, spawnSync } from 'node:child_process'
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import { createInterface } from 'node:readline'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { mapHeader, parseRosterRow } from '../core/roster.ts'
import { machine, today, writeSection } from './report.mjs'

const OUT = 'bench/out'
const SERVER_PORT = 8792
const CEILING_PORT = 8793
const STANDIN_PORT = 8794
const INSURER = '06139992'
const SMALL = Number(process.env.ROWS_SMALL ?? 100_000)
const LARGE = Number(process.env.ROWS_LARGE ?? 1_000_000)
const QUIET_LOAD = Number(process.env.QUIET_LOAD ?? 0)
const CHUNK = 2000 // rows per D1 batch in the ceiling (the server's largest batch)
const PER_STATEMENT = 5 // 5 rows × 18 columns = 90 bound parameters (D1: at most 100)
const NODE = process.execPath
const TS = ['--experimental-strip-types', '--no-warnings']
// The CLI runs as `npm run ops` runs it: the node flags of package.json's "ops" script (V8 caps, type stripping).
const OPS = (() => {
  const words = JSON.parse(readFileSync('package.json', 'utf8')).scripts.ops.split(/\s+/)
  const at = words.findIndex((w) => /\.(ts|mjs|js)$/.test(w))
  if (words[0] !== 'node' || at < 0) throw new Error(`npm run ops: ${words.join(' ')}`)
  return { flags: words.slice(1, at), script: words[at], text: words.slice(0, at + 1).join(' ') }
})()
mkdirSync(OUT, { recursive: true })

// --------------------------------------------------------------------------------------------- processes

const groups = new Set()
const stopGroup = (pid) => {
  if (!groups.delete(pid)) return
  try {
    process.kill(-pid, 'SIGTERM')
  } catch {}
}
const stopAll = () => [...groups].forEach(stopGroup)
process.on('exit', stopAll)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130))

/** Waits until no process of the group is left (workerd holds the port until it is gone). */
async function waitForGroup(pgid, ms = 15_000) {
  for (let t = 0; t < ms; t += 100) {
    if (groupCpu(pgid).size === 0) return
    await delay(100)
  }
  try {
    process.kill(-pgid, 'SIGKILL')
  } catch {}
}

function spawnGroup(cmd, args, env = {}) {
  const child = spawn(cmd, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  groups.add(child.pid)
  let out = ''
  child.stdout.on('data', (c) => (out += c))
  child.stderr.on('data', (c) => (out += c))
  return {
    child,
    output: () => out,
    stop: async () => {
      stopGroup(child.pid)
      await waitForGroup(child.pid)
    },
  }
}

/** CPU seconds (user + system) of every process in a process group, by pid. */
function groupCpu(pgid) {
  const by = new Map()
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(f[2]) !== pgid) continue
      by.set(pid, { comm, s: (Number(f[11]) + Number(f[12])) / 100 })
    } catch {}
  }
  return by
}
function cpuDelta(before, after) {
  const sum = {}
  for (const [pid, { comm, s }] of after)
    sum[comm] = (sum[comm] ?? 0) + s - (before.get(pid)?.s ?? 0)
  return sum
}
/** CPU seconds of our own children that have been waited for (the CLI runs, once they exit). */
function childrenCpu() {
  const stat = readFileSync('/proc/self/stat', 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[13]) + Number(f[14])) / 100
}

async function quiet(label) {
  if (!QUIET_LOAD) return
  for (let i = 0; i < 24 && loadavg()[0] >= QUIET_LOAD; i++) {
    if (i === 0)
      console.log(
        `  (waiting for load < ${QUIET_LOAD} before ${label}: ${loadavg()[0].toFixed(2)})`,
      )
    await delay(5000)
  }
}

// ----------------------------------------------------------------------------------------------- rosters

function generate(rows) {
  const file = join(OUT, `roster-${rows}.csv`)
  if (existsSync(file)) return file // the generator is deterministic: the same arguments give the same file
  const r = spawnSync(
    NODE,
    [...TS, 'bench/gen-roster.ts', '--rows', String(rows), '--out', file, '--insurer', INSURER],
    { stdio: 'inherit' },
  )
  if (r.status !== 0) throw new Error('bench/gen-roster.ts failed')
  return file
}

/** The roster's rows as the server would store them (core/roster.ts, SHA-256 of the same hash input). */
async function* storedRows(file, size = CHUNK) {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  let mapping = null
  let chunk = []
  for await (const line of lines) {
    if (line.includes('"')) throw new Error('the generated roster has no quoted fields')
    const fields = line.split(',')
    if (!mapping) {
      mapping = mapHeader(fields)
      if (!mapping.ok) throw new Error('roster header')
      continue
    }
    const parsed = parseRosterRow(fields, mapping.index, INSURER)
    if (!parsed.ok) throw new Error(`bad row: ${line}`)
    const r = parsed.row
    const h = createHash('sha256')
      .update(
        JSON.stringify([
          r.symbol,
          r.number,
          r.branch,
          r.nameKana,
          r.birthDate,
          r.sex,
          r.relationship,
          r.validFrom,
          r.validTo,
          r.postalCode,
          r.address,
        ]),
      )
      .digest('hex')
    chunk.push({ r, h })
    if (chunk.length >= size) {
      yield chunk
      chunk = []
    }
  }
  if (chunk.length) yield chunk
}
const asColumns = ({ r, h }, insurerId, now) => [
  insurerId,
  r.personKey,
  r.symbol ?? '',
  r.number,
  r.branch,
  r.cardKey,
  r.nameKana,
  r.nameKey,
  r.birthDate,
  r.sex,
  r.relationship,
  r.validFrom,
  r.validTo,
  r.postalCode,
  r.address,
  h,
  now,
  now,
]
const asPayload = ({ r, h }) => ({
  k: r.personKey,
  s: r.symbol ?? '',
  n: r.number,
  b: r.branch,
  ck: r.cardKey,
  nk: r.nameKana,
  nn: r.nameKey,
  bd: r.birthDate,
  sx: r.sex,
  rl: r.relationship,
  vf: r.validFrom,
  vt: r.validTo,
  pc: r.postalCode,
  ad: r.address,
  h,
})

// ---------------------------------------------------------------------------------------------- the CLI

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null

/** Runs node with `args` and measures the process: peak RSS (the kernel's maxrss through /usr/bin/time, else the
 * highest VmHWM sampled), VmRSS every 100 ms, CPU seconds (user + system), wall time. */
async function measured(args) {
  const stats = join(OUT, 'time.txt')
  rmSync(stats, { force: true })
  const cpu0 = childrenCpu()
  const t0 = performance.now()
  const child = TIME
    ? spawn(TIME, ['-f', '%M %U %S', '-o', stats, NODE, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(NODE, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c) => (stdout += c))
  child.stderr.on('data', (c) => (stderr += c))
  let pid = TIME ? null : child.pid
  let hwm = 0
  const rss = []
  const sample = () => {
    try {
      pid ??=
        Number(
          readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')
            .trim()
            .split(' ')[0],
        ) || null
      if (!pid) return
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      hwm = Math.max(hwm, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))
      const now = /VmRSS:\s+(\d+)/.exec(status) // absent once the process has exited (a zombie)
      if (now) rss.push(Number(now[1]) / 1024)
    } catch {}
  }
  const timer = setInterval(sample, 100)
  const code = await new Promise((res) => child.on('exit', res))
  clearInterval(timer)
  const wallMs = performance.now() - t0
  await new Promise((res) => setImmediate(res))
  let peakKiB = hwm
  let cpu = childrenCpu() - cpu0
  if (TIME && existsSync(stats)) {
    const [maxrss, user, sys] = readFileSync(stats, 'utf8')
      .trim()
      .split('\n')
      .at(-1)
      .split(' ')
      .map(Number)
    peakKiB = Math.max(peakKiB, maxrss)
    cpu = user + sys
  }
  // RSS at a quarter, half, three quarters of the run and at its end: flat or growing
  const at = (f) => rss[Math.min(rss.length - 1, Math.floor(f * rss.length))] ?? 0
  return {
    code,
    stdout,
    stderr,
    wallMs,
    peakMiB: peakKiB / 1024,
    rssQuarters: [0.25, 0.5, 0.75, 0.999].map(at),
    cliCpu: cpu,
  }
}

/** Peak RSS of the CLI doing nothing (`roster import --help`): Node with type stripping, every module loaded. */
async function cliBaseline() {
  return (await measured([...OPS.flags, OPS.script, 'roster', 'import', '--help'])).peakMiB
}

/** One `ops roster import` run: wall time, the CLI's JSON report, peak RSS and CPU of the CLI process. */
async function runCli(file, { url, token, batch }) {
  const args = [
    ...OPS.flags,
    OPS.script,
    'roster',
    'import',
    '--insurer',
    INSURER,
    file,
    '--url',
    url,
    '--token',
    token,
    '--json',
    '--quiet',
  ]
  if (batch) args.push('--batch', String(batch))
  const r = await measured(args)
  if (r.code !== 0) throw new Error(`CLI exited ${r.code}\n${r.stdout}\n${r.stderr}`)
  const report = JSON.parse(r.stdout)
  if (!report.complete || report.rejected) throw new Error(`import incomplete: ${r.stdout}`)
  return {
    wallMs: r.wallMs,
    report,
    peakMiB: r.peakMiB,
    rssQuarters: r.rssQuarters,
    cliCpu: r.cliCpu,
  }
}

// ------------------------------------------------------------------------------------------- the server

async function startServer(state) {
  rmSync(state, { recursive: true, force: true })
  const s = spawnGroup(NODE, ['scripts/start.mjs'], {
    PORT: String(SERVER_PORT),
    STATE_DIR: state,
    SKIP_BUILD: '1',
    QUIET: '1',
  })
  for (let i = 0; !s.output().includes('Kenshin Portal:'); i++) {
    if (s.child.exitCode !== null || i > 1200)
      throw new Error(`the server did not start\n${s.output()}`)
    await delay(100)
  }
  const tokens = JSON.parse(readFileSync(join(state, 'dev-ops-tokens.json'), 'utf8'))
  return { ...s, tokens, pgid: s.child.pid }
}

function dbSize(state) {
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
async function serverCase(file, rows, batch) {
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
  const server = await startServer(state)
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
    await server.stop()
    rmSync(state, { recursive: true, force: true })
  }
  return runs
}

const fmt = (n) => Math.round(n).toLocaleString('en-US')
const rate = (rows, ms) => (rows * 1000) / ms
function line(r) {
  const cpu = Object.entries(r.server ?? {})
    .filter(([, s]) => s >= 0.05)
    .map(([k, s]) => `${k} ${s.toFixed(1)} s`)
    .join(', ')
  return `  ${fmt(r.rows)} rows, batch ${r.batch}, ${r.pass}: ${(r.wallMs / 1000).toFixed(1)} s → ${fmt(rate(r.rows, r.wallMs))} rows/s; CLI peak ${r.peakMiB.toFixed(0)} MiB (RSS at ¼ ½ ¾ end: ${r.rssQuarters.map((x) => x.toFixed(0)).join(' ')}), CLI CPU ${r.cliCpu.toFixed(1)} s; server CPU ${cpu || '-'} (load ${r.load.toFixed(2)})`
}

// ------------------------------------------------------------------------------------ the CLI by itself

async function standinCase(file, rows) {
  await quiet('the stand-in')
  let batches = 0
  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      res.setHeader('content-type', 'application/json')
      if (req.url === '/api/ops/whoami')
        return res.end(
          JSON.stringify({ staff: { id: 's', name: 'bench', role: 'admin', insurerId: null } }),
        )
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      batches++
      res.end(
        JSON.stringify({ inserted: body.rows.length, updated: 0, unchanged: 0, rejected: [] }),
      )
    })
  })
  await new Promise((res) => server.listen(STANDIN_PORT, '127.0.0.1', res))
  try {
    const load = loadavg()[0]
    const r = await runCli(file, {
      url: `http://127.0.0.1:${STANDIN_PORT}`,
      token: 'bench-token-0123456789',
    })
    const run = { rows, batch: 1000, pass: 'stand-in', ...r, load }
    console.log(line(run))
    return run
  } finally {
    await new Promise((res) => server.close(res))
  }
}

// ---------------------------------------------------------------------------------------------- ceiling

const migrations = () =>
  readdirSync('db/migrations')
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .flatMap((f) =>
      readFileSync(join('db/migrations', f), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean),
    )

async function startCeiling(state) {
  rmSync(state, { recursive: true, force: true })
  const config = resolve(OUT, 'ceiling-wrangler.toml')
  writeFileSync(
    config,
    `name = "roster-ceiling"\nmain = "${resolve('bench/roster-ceiling-worker.mjs')}"\ncompatibility_date = "2026-11-01"\ncompatibility_flags = ["nodejs_compat"]\n\n` +
      `[[d1_databases]]\nbinding = "DB"\ndatabase_name = "roster-ceiling"\ndatabase_id = "00000000-0000-0000-0000-00000000ce11"\n`,
  )
  const s = spawnGroup(
    'node_modules/.bin/wrangler',
    [
      'dev',
      '--config',
      config,
      '--port',
      String(CEILING_PORT),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      state,
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
    ],
    { WRANGLER_SEND_METRICS: 'false', CI: 'true' },
  )
  const base = `http://127.0.0.1:${CEILING_PORT}`
  for (let i = 0; ; i++) {
    if (s.child.exitCode !== null || i > 600)
      throw new Error(`the ceiling Worker did not start\n${s.output()}`)
    const ok = await fetch(`${base}/count`).then(
      () => true,
      () => false,
    )
    if (ok) break
    await delay(100)
  }
  const post = async (path, body) => {
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return res.json()
  }
  await post('/setup', { statements: migrations() })
  return {
    ...s,
    post,
    pgid: s.child.pid,
    count: async () => (await (await fetch(`${base}/count`)).json()).n,
  }
}

/** Sends the file in chunks of 2,000 rows, one request at a time: D1 time (inside the Worker) and wall time
 * of the requests (with the JSON transport; the rows are prepared before each request's clock starts). */
async function ceilingPass(ceiling, file, path, body) {
  let dbMs = 0
  let wallMs = 0
  let rows = 0
  const counts = { inserted: 0, updated: 0, unchanged: 0 }
  const now = Date.now()
  const load = loadavg()[0]
  const cpu0 = groupCpu(ceiling.pgid)
  for await (const chunk of storedRows(file)) {
    const payload = body(chunk, now)
    const t = performance.now()
    const answer = await ceiling.post(path, payload)
    wallMs += performance.now() - t
    dbMs += answer.ms
    rows += chunk.length
    for (const k of Object.keys(counts)) counts[k] += answer[k] ?? 0
  }
  return { rows, dbMs, wallMs, counts, load, server: cpuDelta(cpu0, groupCpu(ceiling.pgid)) }
}

async function ceilingCases(file, rows) {
  const state = join(OUT, 'state-ceiling')
  const results = {}
  await quiet('the ceiling')
  let c = await startCeiling(state)
  try {
    results.insert = await ceilingPass(c, file, '/insert', (chunk, now) => ({
      perStatement: PER_STATEMENT,
      rows: chunk.map((x) => asColumns(x, 'bench-insurer', now)),
    }))
    if ((await c.count()) !== rows) throw new Error('ceiling: row count')
    results.insert.dbBytes = dbSize(state)
  } finally {
    await c.stop()
  }
  console.log(
    `  ceiling, multi-row INSERT: D1 ${(results.insert.dbMs / 1000).toFixed(1)} s → ${fmt(rate(rows, results.insert.dbMs))} rows/s; with transport ${(results.insert.wallMs / 1000).toFixed(1)} s → ${fmt(rate(rows, results.insert.wallMs))} rows/s`,
  )
  await quiet('the server SQL')
  c = await startCeiling(state)
  try {
    results.upsertNew = await ceilingPass(c, file, '/upsert', (chunk) => ({
      payload: chunk.map(asPayload),
    }))
    results.upsertAgain = await ceilingPass(c, file, '/upsert', (chunk) => ({
      payload: chunk.map(asPayload),
    }))
    if (results.upsertNew.counts.inserted !== rows || results.upsertAgain.counts.unchanged !== rows)
      throw new Error('ceiling: upsert counts')
  } finally {
    await c.stop()
    rmSync(state, { recursive: true, force: true })
  }
  for (const k of ['upsertNew', 'upsertAgain'])
    console.log(
      `  server SQL alone, ${k}: D1 ${(results[k].dbMs / 1000).toFixed(1)} s → ${fmt(rate(rows, results[k].dbMs))} rows/s; with transport ${fmt(rate(rows, results[k].wallMs))} rows/s`,
    )
  return results
}

/** The operator API's batches (CLI shape: {line, fields}, default batch) of a roster file. */
async function* apiBatches(file, size = 1000) {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  let header = null
  let rows = []
  let n = 1
  for await (const text of lines) {
    if (!header) {
      header = text.split(',')
      continue
    }
    rows.push({ line: ++n, fields: text.split(',') })
    if (rows.length >= size) {
      yield { header, rows }
      rows = []
    }
  }
  if (rows.length) yield { header, rows }
}

/** Where the server's time goes: the server's own code, step by step, in the bare Worker (one request at a
 * time, default batch), as wall time per pass and the workerd CPU of the pass. */
async function stageCases(file, rows) {
  await quiet('the steps')
  const state = join(OUT, 'state-ceiling')
  const c = await startCeiling(state)
  const results = {}
  try {
    for (const [name, stage] of [
      ['echo', 'echo'],
      ['validate', 'validate'],
      ['rows', 'rows'],
      ['service', 'service'],
      ['d1', 'd1'],
      ['d1 again', 'd1'],
    ]) {
      let wallMs = 0
      let done = 0
      let inserted = 0
      let unchanged = 0
      const load = loadavg()[0]
      const cpu0 = groupCpu(c.pgid)
      for await (const batch of apiBatches(file)) {
        const body = { stage, ...batch }
        const t = performance.now()
        const answer = await c.post('/stage', body)
        wallMs += performance.now() - t
        done += batch.rows.length
        inserted += answer.inserted ?? 0
        unchanged += answer.unchanged ?? 0
      }
      if (
        done !== rows ||
        (name === 'd1' && inserted !== rows) ||
        (name === 'd1 again' && unchanged !== rows)
      )
        throw new Error(`stage ${name}: counts`)
      results[name] = { wallMs, load, server: cpuDelta(cpu0, groupCpu(c.pgid)) }
      console.log(
        `  ${name}: ${(wallMs / 1000).toFixed(1)} s → ${fmt(rate(rows, wallMs))} rows/s; workerd CPU ${(results[name].server.workerd ?? 0).toFixed(1)} s`,
      )
    }
  } finally {
    await c.stop()
    rmSync(state, { recursive: true, force: true })
  }
  return results
}

/** The same bare loop through getPlatformProxy: env.DB in Node, every prepare() and bind() a synchronous call
 * to workerd. Timed twice: the DB.batch calls alone, and everything (prepare + bind + batch). */
async function proxyCase(file, rows) {
  await quiet('getPlatformProxy')
  const { getPlatformProxy } = await import('wrangler')
  const dir = join(OUT, 'state-proxy')
  rmSync(dir, { recursive: true, force: true })
  const { env, dispose } = await getPlatformProxy({
    configPath: 'wrangler.toml',
    persist: { path: dir },
    remoteBindings: false,
  })
  try {
    await env.DB.batch(migrations().map((s) => env.DB.prepare(s)))
    await env.DB.prepare(
      "insert into insurers (id, number, name, created_at) values ('bench-insurer', '06139992', 'bench', 0)",
    ).run()
    const columns = 18
    const sql = (n) =>
      `insert into roster_persons (insurer_id, person_key, symbol, number, branch, card_key, name_kana, name_key, birth_date, sex, relationship, valid_from, valid_to, postal_code, address, row_hash, created_at, updated_at) values ${Array(
        n,
      )
        .fill(`(${Array(columns).fill('?').join(',')})`)
        .join(',')}`
    let batchMs = 0
    let allMs = 0
    const now = Date.now()
    for await (const chunk of storedRows(file)) {
      const values = chunk.map((x) => asColumns(x, 'bench-insurer', now))
      const t0 = performance.now()
      const statements = []
      for (let i = 0; i < values.length; i += PER_STATEMENT) {
        const part = values.slice(i, i + PER_STATEMENT)
        statements.push(env.DB.prepare(sql(part.length)).bind(...part.flat()))
      }
      const t1 = performance.now()
      await env.DB.batch(statements)
      const t2 = performance.now()
      batchMs += t2 - t1
      allMs += t2 - t0
    }
    const { n } = await env.DB.prepare('select count(*) as n from roster_persons').first()
    if (n !== rows) throw new Error('proxy: row count')
    console.log(
      `  getPlatformProxy: DB.batch ${(batchMs / 1000).toFixed(1)} s → ${fmt(rate(rows, batchMs))} rows/s; with prepare/bind ${(allMs / 1000).toFixed(1)} s → ${fmt(rate(rows, allMs))} rows/s`,
    )
    return { rows, batchMs, allMs }
  } finally {
    await dispose()
    rmSync(dir, { recursive: true, force: true })
  }
}

// ------------------------------------------------------------------------------------------------- main

const started = Date.now()
const small = generate(SMALL)
const large = generate(LARGE)
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

// ----------------------------------------------------------------------------------------------- report

if (process.env.NO_REPORT === '1') process.exit(0)
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
machine's ${(await import('node:os')).cpus().length} CPUs are shared with other work: test runs, type checks). A run in which \`wrangler dev\` rebuilt and
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
console.log(`done in ${totalMin.toFixed(1)} min; bench/README.md updated`)
process.exit(0)
