#!/usr/bin/env node
// Checkup list and detail API in workerd (issue 4): requests/s and latency of GET /api/checkups and
// GET /api/checkups/:newest for a member with 4 checkups (the demo account, linked to D0000, after the
// step-up: code, secret question, notice), against a bare route ahead of every middleware in the same
// Worker (GET /dev/bench/bare, development only), GET /api/config (the middleware, no database), and a
// bare `new Hono().get('/', (c) => c.json({ ok: true }))` Worker in its own `wrangler dev` (a temp folder with
// its own wrangler.toml). Each: N requests (2,000) at concurrency 8 from Node's fetch (undici, keep-alive) over
// loopback, after a warm-up of 200; two rounds, the three targets interleaved.
// Ports 8790 (the portal) and 8791 (the bare Worker). Everything started here is stopped here.
//   N overrides 2,000; NO_REPORT=1 leaves bench/README.md alone.
//   BEFORE=<another checkout, its dist built> (issue 14: main beside this branch) runs that checkout's portal
//   too (port 8792), its bare route, list and detail taking turns with this one's in every round, for a
//   before-and-after table in one run.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { groupCpu, otherBenches, startWorker } from './lib/processes.mjs'
import { demoMemberCookie, startPortal } from './portal.mjs'
import { commit, machine, stats, today, writeSection } from './report.mjs'

const PORT = 8790
const BARE_PORT = 8791
const BEFORE_PORT = 8792
const BEFORE = process.env.BEFORE ? resolve(process.env.BEFORE) : null
const BASE = `http://localhost:${PORT}`
const BARE = `http://127.0.0.1:${BARE_PORT}`
const N = Number(process.env.N ?? 400)
const CONCURRENCY = 8
const WARMUP = 200
// Many short rounds, the targets taking turns in each: this machine's speed drifts over a minute
// (shared CPUs), so each ratio is taken within a round and the median of the rounds reported.
const ROUNDS = Number(process.env.ROUNDS ?? 10)
const WORK = join(tmpdir(), 'kenshin-bench-checkup-api')
const STATE = join(WORK, 'state')
rmSync(WORK, { recursive: true, force: true })
mkdirSync(WORK, { recursive: true })

process.on('exit', () => rmSync(WORK, { recursive: true, force: true }))

/** Processes of a group with their command names. */
const groupComms = (pgid) => [...groupCpu(pgid).values()].map((p) => p.comm)

// --------------------------------------------------------------------------------------------- servers

const portal = await startPortal({ port: PORT, stateDir: STATE })
const before = BEFORE
  ? await startPortal({ port: BEFORE_PORT, stateDir: join(WORK, 'state-before'), cwd: BEFORE })
  : null
const BEFORE_BASE = `http://localhost:${BEFORE_PORT}`
const bareDir = join(WORK, 'bare')
mkdirSync(bareDir, { recursive: true })
symlinkSync(resolve('node_modules'), join(bareDir, 'node_modules'))
writeFileSync(
  join(bareDir, 'worker.mjs'),
  `import { Hono } from 'hono'\nexport default new Hono().get('/', (c) => c.json({ ok: true }))\n`,
)
writeFileSync(
  join(bareDir, 'wrangler.toml'),
  `name = "bare-hono"\nmain = "worker.mjs"\ncompatibility_date = "2026-11-01"\n`,
)
const bare = await startWorker({
  port: BARE_PORT,
  persistTo: join(bareDir, 'state'),
  cwd: bareDir,
  ready: (res) => res.ok,
  what: 'bare Worker',
})

// ------------------------------------------------------------------------------------- the member session

const cookie = await demoMemberCookie(BASE)
const first = await fetch(`${BASE}/api/checkups`, { headers: { Cookie: cookie } })
const firstBody = await first.text()
if (!first.ok) throw new Error(`GET /api/checkups: ${first.status} ${firstBody}`)
const list = JSON.parse(firstBody).checkups ?? []
if (list.length !== 4) throw new Error(`expected 4 checkups, got ${list.length}`)
const newest = list[0].examDate
const detailRes = await fetch(`${BASE}/api/checkups/${newest}`, { headers: { Cookie: cookie } })
const detailCount = detailRes.ok ? (await detailRes.json()).checkups.length : 0
if (detailCount !== 4)
  throw new Error(`GET /api/checkups/${newest}: ${detailRes.status}, ${detailCount} checkups`)

const beforeCookie = before ? await demoMemberCookie(BEFORE_BASE) : null

// ----------------------------------------------------------------------------------------------- the load

const targets = {
  bare: { label: 'bare Hono Worker `GET /`', url: `${BARE}/`, headers: {} },
  route: {
    label:
      'portal `GET /dev/bench/bare` (bare Hono route ahead of the middleware, development only)',
    url: `${BASE}/dev/bench/bare`,
    headers: {},
  },
  config: {
    label: 'portal `GET /api/config`',
    url: `${BASE}/api/config`,
    headers: { Cookie: cookie },
  },
  checkups: {
    label: 'portal `GET /api/checkups` (list of 4)',
    url: `${BASE}/api/checkups`,
    headers: { Cookie: cookie },
  },
  detail: {
    label: `portal \`GET /api/checkups/${newest}\` (newest, with the 3 before it)`,
    url: `${BASE}/api/checkups/${newest}`,
    headers: { Cookie: cookie },
  },
}
if (before) {
  const at = await commit(BEFORE)
  Object.assign(targets, {
    beforeRoute: {
      label: `before (${at}): portal \`GET /dev/bench/bare\``,
      url: `${BEFORE_BASE}/dev/bench/bare`,
      headers: {},
    },
    beforeCheckups: {
      label: `before (${at}): portal \`GET /api/checkups\` (list of 4)`,
      url: `${BEFORE_BASE}/api/checkups`,
      headers: { Cookie: beforeCookie },
    },
    beforeDetail: {
      label: `before (${at}): portal \`GET /api/checkups/${newest}\``,
      url: `${BEFORE_BASE}/api/checkups/${newest}`,
      headers: { Cookie: beforeCookie },
    },
  })
}
for (const t of Object.values(targets)) {
  const res = await fetch(t.url, { headers: t.headers })
  if (!res.ok) throw new Error(`${t.url}: ${res.status}`)
  t.bytes = (await res.arrayBuffer()).byteLength
}

/** `total` requests, `CONCURRENCY` at a time: wall time, per-request latency, the statuses other than 200. */
async function load(target, total) {
  let next = 0
  const times = []
  const bad = {}
  const worker = async () => {
    while (next++ < total) {
      const t = performance.now()
      const res = await fetch(target.url, { headers: target.headers })
      await res.arrayBuffer()
      times.push(performance.now() - t)
      if (res.status !== 200) bad[res.status] = (bad[res.status] ?? 0) + 1
    }
  }
  const t0 = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return { ms: performance.now() - t0, times, bad }
}

const results = Object.fromEntries(Object.keys(targets).map((k) => [k, []]))
const loads = []
try {
  for (const t of Object.values(targets)) await load(t, WARMUP)
  for (let round = 0; round < ROUNDS; round++) {
    for (const [k, t] of Object.entries(targets)) {
      loads.push(loadavg()[0])
      const r = await load(t, N)
      results[k].push(r)
      console.log(
        `round ${round + 1} ${k}: ${((N * 1000) / r.ms).toFixed(0)} req/s, median ${stats(r.times).median.toFixed(2)} ms, p95 ${stats(r.times).p95.toFixed(2)} ms, non-200 ${JSON.stringify(r.bad)}`,
      )
    }
  }
} finally {
  const processes = [...groupComms(portal.child.pid), ...groupComms(bare.child.pid)]
  console.log(`server processes: ${processes.join(', ')}`)
  portal.stop()
  before?.stop()
  await bare.stop()
}

const others = otherBenches('checkup-api')
const summary = Object.fromEntries(
  Object.entries(results).map(([k, runs]) => {
    const ms = runs.reduce((s, r) => s + r.ms, 0)
    const s = stats(runs.flatMap((r) => r.times))
    const bad = runs.reduce(
      (o, r) => ({
        ...o,
        ...Object.fromEntries(Object.entries(r.bad).map(([c, n]) => [c, (o[c] ?? 0) + n])),
      }),
      {},
    )
    return [
      k,
      { rps: (runs.length * N * 1000) / ms, perRound: runs.map((r) => (N * 1000) / r.ms), s, bad },
    ]
  }),
)
/** The median over the rounds of k's req/s over to's in the same round. */
const ratio = (k, to) =>
  stats(summary[k].perRound.map((x, i) => x / summary[to].perRound[i])).median
if (before)
  console.log(
    `before (own bare route): list ${ratio('beforeCheckups', 'beforeRoute').toFixed(2)}×, detail ${ratio('beforeDetail', 'beforeRoute').toFixed(2)}×`,
  )
console.log(
  `vs bare route: list ${ratio('checkups', 'route').toFixed(2)}×, detail ${ratio('detail', 'route').toFixed(2)}×, config ${ratio('config', 'route').toFixed(2)}×; vs bare Worker: list ${ratio('checkups', 'bare').toFixed(2)}×, detail ${ratio('detail', 'bare').toFixed(2)}×, route ${ratio('route', 'bare').toFixed(2)}×`,
)

if (process.env.NO_REPORT !== '1' && before) {
  const after = await commit()
  const row = (k, to) => {
    const x = summary[k]
    const badText = Object.keys(x.bad).length ? ` (non-200: ${JSON.stringify(x.bad)})` : ''
    const label =
      k === 'bare' || k.startsWith('before')
        ? targets[k].label
        : `after (${after}): ${targets[k].label}`
    return `| ${label} | ${fmt(targets[k].bytes)} B | **${fmt(x.rps)}**${badText} | ${fmt(Math.min(...x.perRound))}–${fmt(Math.max(...x.perRound))} | ${x.s.median.toFixed(2)} ms | ${x.s.p95.toFixed(2)} ms | ${ratio(k, to).toFixed(2)}× |`
  }
  const pair = (b, a) =>
    `${ratio(b, 'beforeRoute').toFixed(2)}× → **${ratio(a, 'route').toFixed(2)}×**`
  const met = ['checkups', 'detail'].every((k) => ratio(k, 'route') >= 0.45)
  writeSection(
    'checkup-api-issue14',
    `## Checkup API before and after the directory and insurer databases (issue 14)
Measured ${today()} by \`BEFORE=<main's checkout> node bench/checkup-api.mjs\` on ${await machine()}; after = ${await commit()},
before = ${await commit(BEFORE)} (main, its own dist, its own \`wrangler dev\`); 1-minute load average ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}${others ? ` (running beside it: \`${others.split('\n').join('`, `')}\`)` : ''}.
Both portals run at once (scripts/start.mjs of each checkout, local D1), the demo member past the step-up on each;
${fmt(N)} requests per target and round at concurrency ${CONCURRENCY}, ${ROUNDS} rounds, every target taking its turn in
each round; a ratio is the median over the rounds of a target's req/s over its own portal's bare route in the same round.
Before: a checkup read is one D1 batch (the audit row and the read behind the session, link and step-up gate). After:
the session and step-up from the directory (\`DB\`), then one batch in the insurer's database (\`DB_DEMO\`): two
sequential round trips (measured by worker/services/health-reads.trips.test.ts).

| target | body | req/s (all rounds) | req/s per round, min–max | median | p95 | vs its bare route |
| --- | --- | --- | --- | --- | --- | --- |
${[
  ['bare', 'bare'],
  ['beforeRoute', 'beforeRoute'],
  ['beforeCheckups', 'beforeRoute'],
  ['beforeDetail', 'beforeRoute'],
  ['route', 'route'],
  ['checkups', 'route'],
  ['detail', 'route'],
]
  .map(([k, to]) => row(k, to))
  .join('\n')}

Against the bare route in the same Worker, before → after: list ${pair('beforeCheckups', 'checkups')}, detail
${pair('beforeDetail', 'detail')}. Goal ≥ 0.45× after: ${met ? 'met' : 'not met'}. Local \`wrangler dev\` (workerd and
miniflare's D1 in one process, every database a file on the same disk): a round trip here costs far less than to
a D1 database or to sqld in Tokyo in production, where the second trip adds its network time.
`,
  )
} else if (process.env.NO_REPORT !== '1') {
  const row = (k) => {
    const x = summary[k]
    const badText = Object.keys(x.bad).length ? ` (non-200: ${JSON.stringify(x.bad)})` : ''
    return `| ${targets[k].label} | ${fmt(targets[k].bytes)} B | **${fmt(x.rps)}**${badText} | ${fmt(Math.min(...x.perRound))}–${fmt(Math.max(...x.perRound))} | ${x.s.median.toFixed(2)} ms | ${x.s.p95.toFixed(2)} ms | ${ratio(k, 'route').toFixed(2)}× | ${ratio(k, 'bare').toFixed(2)}× |`
  }
  writeSection(
    'checkup-api',
    `## Checkup list and detail API in workerd (issue 4)
Measured ${today()} by \`node bench/checkup-api.mjs\` on ${await machine()}, at ${await commit()}; 1-minute load average ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} during the runs${others ? ` (running beside it: \`${others.split('\n').join('`, `')}\`)` : ''}.
${fmt(N)} requests per target and round at concurrency ${CONCURRENCY} from Node's fetch (undici, keep-alive) over loopback, after ${WARMUP} warm-up requests each;
${ROUNDS} rounds, the targets taking turns in each; a ratio is the median over the rounds of the two targets' req/s in the same round. The portal is \`wrangler dev\` with local D1 (scripts/start.mjs); the member is the demo
account (linked to D0000, 4 checkups) after the step-up (code, secret question, notice), with its session cookie. Each
checkup request is one D1 batch of two statements prepared once (worker/services/health-reads.ts): the audit row
(\`health.read\`, INSERT … SELECT behind the gate: live session, link, step-up) and the session, link, step-up row and
checkups behind the same gate — the list with the grade counts stored at import, the detail as the stored JSON spliced
into the answer unparsed. The bare Worker is \`new Hono().get('/', (c) => c.json({ ok: true }))\` in its own \`wrangler dev\`
(compatibility_date 2026-11-01, no bindings).

| target | body | req/s (all rounds) | req/s per round, min–max | median | p95 | vs bare route | vs bare Worker |
| --- | --- | --- | --- | --- | --- | --- | --- |
${['bare', 'route', 'config', 'checkups', 'detail'].map(row).join('\n')}

Goal ≥ 0.5× a bare Hono route in the same run. Against the bare route in the same Worker (same \`wrangler dev\`, same
assets router in front, no middleware): list ${ratio('checkups', 'route').toFixed(2)}×, detail ${ratio('detail', 'route').toFixed(2)}× — ${ratio('checkups', 'route') >= 0.5 && ratio('detail', 'route') >= 0.5 ? 'met' : 'not met'}.
Against the bare Worker of its own (no assets, nothing else): list ${ratio('checkups', 'bare').toFixed(2)}×, detail ${ratio('detail', 'bare').toFixed(2)}× — ${ratio('checkups', 'bare') >= 0.5 && ratio('detail', 'bare') >= 0.5 ? 'met' : 'not met'}.
\`GET /api/config\` (security headers and request context, no database) is ${ratio('config', 'route').toFixed(2)}× the bare route.
Load generator and servers share the machine's CPUs; the figures are local \`wrangler dev\` (workerd + miniflare's D1), not production.
`,
  )
}
function fmt(n) {
  return Math.round(n).toLocaleString('en-US')
}
process.exit(0)
