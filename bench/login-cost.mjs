#!/usr/bin/env node
// Log-in request cost in workerd: `wrangler dev` (local D1) on its own port; N log-ins each for a
// known address with the right password, a known address with a wrong one, and an unknown address,
// interleaved. The anti-automation counters are reset between requests (not timed) so that every
// request is a level-1 request without the 2-second delay of level 2.
//
// BEFORE=<another checkout> (its dist built) measures the code before a change too: sessions take
// turns, before, after, before, after (PAIRS pairs, default 2), each a fresh server of its own
// checkout, because this shared machine's speed drifts over minutes. The same requests go to both:
// the captcha token names the action (`…login`), which the code before issue 9 did not check.
import { existsSync } from 'node:fs'
import { commit, load, machine, startPortal, stats, today, writeSection } from './report.mjs'

const PORT = Number(process.env.PORT ?? 8795)
const STATE = '.bench-state'
const N = Number(process.env.N ?? 40)
const WARMUP = 3
const BEFORE = process.env.BEFORE
const PAIRS = BEFORE ? Number(process.env.PAIRS ?? 2) : 1
if (BEFORE && !existsSync(`${BEFORE}/dist`))
  throw new Error(`${BEFORE} has no dist: run \`npx vite build\` there first`)
const TOKEN = 'XXXX.DUMMY.TOKEN.login'
const known = 'demo@kenshin.example'
const cases = {
  'known address, right password': { email: known, password: 'Kenko-Demo-2026', status: 200 },
  'known address, wrong password': { email: known, password: 'wrong-password-x', status: 401 },
  'unknown address': { email: 'nobody@kenshin.example', password: 'wrong-password-x', status: 401 },
}

/** One session: a fresh portal from `cwd`, N + WARMUP rounds of the three cases; the times per case. */
async function session(cwd) {
  const loadAtStart = await load()
  const portal = await startPortal({ port: PORT, state: STATE, cwd })
  const post = (path, body) =>
    fetch(`${portal.origin}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: portal.origin },
      body: JSON.stringify(body),
    })
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
  try {
    for (let i = 0; i < N + WARMUP; i++) {
      for (const [name, c] of Object.entries(cases)) {
        await post('/dev/risk/reset', {})
        const t = performance.now()
        const res = await post('/api/login', {
          email: c.email,
          password: c.password,
          captchaToken: TOKEN,
        })
        await res.arrayBuffer()
        const ms = performance.now() - t
        if (res.status !== c.status) throw new Error(`${name}: ${res.status}`)
        if (i >= WARMUP) times[name].push(ms) // the first rounds warm the isolate up
      }
    }
  } finally {
    await portal.stop()
  }
  return { times, load: [loadAtStart, await load()] }
}

const checkouts = BEFORE ? { before: BEFORE, after: process.cwd() } : { after: process.cwd() }
const sessions = []
for (let pair = 1; pair <= PAIRS; pair++) {
  for (const [which, cwd] of Object.entries(checkouts)) {
    const result = await session(cwd)
    sessions.push({ which, pair, ...result })
    console.log(
      `${which} ${pair}: ${Object.entries(result.times)
        .map(([k, xs]) => `${k} ${stats(xs).median.toFixed(1)} ms`)
        .join(', ')}`,
    )
  }
}

/** Median and p95 as two cells, each in bold where `strong`. */
const fmt = (xs, strong = false) => {
  const s = stats(xs)
  const b = strong ? '**' : ''
  return `${b}${s.median.toFixed(1)} ms${b} | ${b}${s.p95.toFixed(1)} ms${b}`
}
/** A case's figures for one checkout: each session, then all its sessions pooled. */
const cells = (which, name, pair) =>
  fmt(
    sessions
      .filter((s) => s.which === which && (pair === undefined || s.pair === pair))
      .flatMap((s) => s.times[name]),
    pair === undefined,
  )
const ratio = (name, pair) => {
  const median = (which) =>
    stats(
      sessions
        .filter((s) => s.which === which && (pair === undefined || s.pair === pair))
        .flatMap((s) => s.times[name]),
    ).median
  return `${(median('after') / median('before')).toFixed(2)}×`
}
const loads = sessions.flatMap((s) => s.load)
const startLoads = (pair) =>
  ['before', 'after']
    .map((which) => sessions.find((s) => s.which === which && s.pair === pair).load[0].toFixed(1))
    .join(' / ')
const loadText = `1-minute load average ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} at the sessions' starts and ends`
let table
if (BEFORE) {
  const rows = []
  for (const name of Object.keys(cases)) {
    for (let pair = 1; pair <= PAIRS; pair++)
      rows.push(
        `| ${name} | ${pair} | ${N} | ${cells('before', name, pair)} | ${cells('after', name, pair)} | ${ratio(name, pair)} | ${startLoads(pair)} |`,
      )
    rows.push(
      `| **${name}** | all | ${N * PAIRS} | ${cells('before', name)} | ${cells('after', name)} | **${ratio(name)}** | |`,
    )
  }
  table = `Sessions in turn: ${sessions.map((s) => `${s.which} ${s.pair}`).join(', ')}; ${N} log-ins per case and session (after ${WARMUP} warm-up rounds); ${loadText}.
Before: ${await commit(BEFORE)} (\`${BEFORE}\`); after: ${await commit()}.

| case | pair | n | before: median | before: p95 | after: median | after: p95 | after / before (median) | load at start, before / after |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}`
} else {
  table = `At ${await commit()}; ${loadText}.

| case | n | median | p95 |
| --- | --- | --- | --- |
${Object.keys(cases)
  .map((name) => `| ${name} | ${N} | ${cells('after', name)} |`)
  .join('\n')}`
}
writeSection(
  'login',
  `## Log-in request cost in workerd (issues 2 and 9)
Measured ${today()} by \`${BEFORE ? `BEFORE=${BEFORE} ` : ''}node bench/login-cost.mjs\` on ${await machine()}: \`wrangler dev\` with local D1,
requests over loopback, the Turnstile stand-in verified in-process; each request costs one scrypt hash
(N=2^14, r=8, p=5), the unknown address against a dummy hash. Issue 9 made the limits atomic: the attempt is
recorded by the statement that decides it, before the hash; a failed log-in's audit row (and unlock mail)
for a registered address is written after the answer (\`waitUntil\`).
${table}
`,
)
console.log(table)
process.exit(0)
