#!/usr/bin/env node
// Card check (利用資格を照会する) request cost in workerd: `wrangler dev` (local D1) on its own port, the demo
// roster plus generated roster rows imported by the operator CLI: first 1,000 rows, then the large roster of
// bench/roster-import.mjs (ROSTER_LARGE, default 1,000,000; 0 skips it) and the same checks again, new members.
// Members sign up through the API (the mailed link from /dev/mail.json, then /api/signup/verify for the session
// cookie); every member makes 4 checks — the cap is 5 in 24 hours per account and per card (記号・番号) —
// interleaved:
//   not found ×2  a card no roster row matches (a different 番号 each time)                → 422 card_not_found
//   409           the insured person the previous member linked (same lookups, the link
//                 insert meets the person's unique index)                                   → 409 card_already_linked
//   linked        a fresh insured person of the generated roster (lookups + link insert +
//                 audit + the member profile in the answer)                                 → 200
// Timed: POST /api/card/link over loopback, start to the end of the body. The first 2 members warm up.
// Port 8794; everything started here is stopped here.
import { spawn } from 'node:child_process'
import { closeSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { loadavg } from 'node:os'
import { setTimeout as delay } from 'node:timers/promises'
import { postJson } from '../e2e/browser.ts'
import { opsImport } from '../scripts/ops-cli.mjs'
import { rosterFile } from './lib/cli-run.mjs'
import { machine, stats, today, writeSection } from './report.mjs'

const PORT = 8794
const BASE = `http://localhost:${PORT}`
const STATE = 'bench/out/state-card'
const SMALL = 1000
const LARGE = Number(process.env.ROSTER_LARGE ?? 1_000_000)
const N = Number(process.env.N ?? 44) // measured members per roster (each gives 1 linked, 1 × 409, 2 not-found samples)
const WARM = 2
const TOKEN = 'XXXX.DUMMY.TOKEN.signup'
const NODE = process.execPath

// Generated rosters (the same generator and seed: the small one is the first rows of the large one). Linked are
// insured persons (続柄 1, 枝番 00: one per card) without an end date (one with answers qualification_ended).
function insuredPersons(file, fromRow, count) {
  const out = []
  const head = Buffer.alloc(4 << 20)
  const fd = openSync(file, 'r')
  const n = readSync(fd, head, 0, head.length, 0)
  closeSync(fd)
  const lines = head
    .subarray(0, n)
    .toString('utf8')
    .split('\n')
    .slice(1 + fromRow, -1)
  for (const l of lines) {
    const f = l.split(',')
    if (f.length < 13 || f[8] !== '1' || f[10] !== '') continue
    const [, insurerNumber, symbol, number, branch, nameKana, birthDate] = f
    out.push({ nameKana, birthDate, insurerNumber, symbol, number, branch })
    if (out.length >= count) break
  }
  if (out.length < count) throw new Error(`only ${out.length} insured persons`)
  return out
}
const smallFile = rosterFile(SMALL, 'pipe')
const largeFile = LARGE > 0 ? rosterFile(LARGE, 'pipe') : null

rmSync(STATE, { recursive: true, force: true })
const server = spawn(NODE, ['scripts/start.mjs'], {
  env: { ...process.env, PORT: String(PORT), STATE_DIR: STATE, SKIP_BUILD: '1', QUIET: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
})
let serverUp = true
const stopServer = async () => {
  if (!serverUp) return
  serverUp = false
  try {
    process.kill(-server.pid, 'SIGTERM')
  } catch {}
  await new Promise((res) => (server.exitCode !== null ? res() : server.on('exit', res)))
}
process.on('exit', () => {
  if (serverUp)
    try {
      process.kill(-server.pid, 'SIGTERM')
    } catch {}
})
await new Promise((resolve, reject) => {
  let out = ''
  server.stdout.on('data', (c) => {
    out += c
    if (out.includes('Kenshin Portal:')) resolve()
  })
  server.on('exit', () => reject(new Error(out)))
})

const post = (path, body, cookie) => postJson(BASE, path, body, cookie)

let mailSeen = 0
/** A verified member: sign-up, the link from the development outbox, verify; returns the session cookie. */
async function newMember(i) {
  await post('/dev/risk/reset', {}) // every sign-up comes from 127.0.0.1
  const email = `bench-card-${Date.now()}-${i}@kenshin.example`
  const res = await post('/api/signup', {
    email,
    emailConfirm: email,
    password: 'mugi-cha-natsu-88',
    agreeTerms: true,
    captchaToken: TOKEN,
  })
  if (res.status !== 202) throw new Error(`signup: ${res.status} ${await res.text()}`)
  let token = null
  for (let k = 0; k < 100 && !token; k++) {
    const mails = await (await fetch(`${BASE}/dev/mail.json`)).json()
    const mail = mails.find((m) => m.to === email && m.id > mailSeen)
    token = mail && /\/verify\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1]
    if (mail) mailSeen = Math.max(mailSeen, mail.id)
    if (!token) await delay(50)
  }
  if (!token) throw new Error(`no sign-up mail to ${email}`)
  const verified = await post('/api/signup/verify', { token })
  if (verified.status !== 200) throw new Error(`verify: ${verified.status}`)
  const cookie = /__Host-session=[^;]*/.exec(verified.headers.getSetCookie().join('\n'))?.[0]
  if (!cookie) throw new Error('no session cookie')
  return cookie
}

const results = []
let missing = 0
const notFound = () => ({
  nameKana: 'サトウ　ケンジ',
  birthDate: '1968-03-12',
  insurerNumber: '06139992',
  symbol: '1202',
  number: String(900000 + missing++),
  branch: '00',
})
async function check(cases, name, cookie, body, status, keep = true) {
  const t = performance.now()
  const res = await post('/api/card/link', body, cookie)
  await res.arrayBuffer()
  const ms = performance.now() - t
  if (res.status !== status) throw new Error(`${name}: ${res.status}, expected ${status}`)
  if (keep) cases[name].push(ms)
}

/** The workerd processes of the server: `wrangler dev` rebuilds and restarts workerd when a source file changes
 * (others edit the repository while this runs). */
function workerdPids() {
  const pids = []
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(f[2]) === server.pid && stat.includes('(workerd)')) pids.push(pid)
    } catch {}
  }
  return pids.sort().join(',')
}
async function ready() {
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${BASE}/api/config`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return
    await delay(100)
  }
  throw new Error('the server did not come back')
}
let restarts = 0
/** QUIET_LOAD=1.0 waits (up to 2 min) before each roster's checks until the 1-minute load average is below it. */
async function quiet() {
  const limit = Number(process.env.QUIET_LOAD ?? 0)
  for (let i = 0; limit && i < 24 && loadavg()[0] >= limit; i++) await delay(5000)
}
const SPARE = 20

/** N + WARM members, 4 checks each; persons: the insured persons the members link, one each. A member during
 * whose checks workerd restarted is dropped, and the next one warms up again. */
async function measure(label, persons) {
  await quiet()
  const load = [loadavg()[0]]
  const cases = { 'not found (422)': [], 'card already linked (409)': [], 'linked (200)': [] }
  let previous = null
  let warm = WARM
  for (let done = 0, p = 0; done < N; p++) {
    if (p >= persons.length) throw new Error('too many restarts')
    const pids = workerdPids()
    const mine = { 'not found (422)': [], 'card already linked (409)': [], 'linked (200)': [] }
    try {
      const cookie = await newMember(`${results.length}-${p}`)
      await check(mine, 'not found (422)', cookie, notFound(), 422, true)
      // the previous member's person is linked: this member (not linked yet) is refused
      if (previous) await check(mine, 'card already linked (409)', cookie, previous, 409, true)
      await check(mine, 'not found (422)', cookie, notFound(), 422, true)
      await check(mine, 'linked (200)', cookie, persons[p], 200, true)
      if (workerdPids() !== pids) throw new Error('restarted')
    } catch (err) {
      if (!(
        err?.message === 'fetch failed' ||
        err?.message === 'restarted' ||
        workerdPids() !== pids
      ))
        throw err
      restarts++
      previous = null
      warm = WARM
      await ready()
      continue
    }
    previous = persons[p]
    if (warm > 0) {
      warm--
      continue
    }
    for (const k of Object.keys(cases)) cases[k].push(...mine[k])
    done++
  }
  load.push(loadavg()[0])
  results.push({ label, cases, load })
}

function importRoster(file) {
  const tokens = JSON.parse(readFileSync(join(STATE, 'dev-ops-tokens.json'), 'utf8'))
  for (let attempt = 1; ; attempt++) {
    const r = opsImport('roster', { file, url: tokens.url, token: tokens.admin })
    if (r.status === 0) return
    if (attempt >= 3) throw new Error(`roster import: ${r.stdout}${r.stderr}`)
  }
}

try {
  // The rosters go in the operators' way: the CLI and the operator API.
  importRoster(smallFile)
  await measure(`${SMALL.toLocaleString('en-US')}`, insuredPersons(smallFile, 0, N + WARM + SPARE))
  if (largeFile) {
    importRoster(largeFile)
    await measure(
      `${LARGE.toLocaleString('en-US')}`,
      insuredPersons(largeFile, SMALL, N + WARM + SPARE),
    )
  }
} finally {
  await stopServer()
  rmSync(STATE, { recursive: true, force: true })
}

const rows = results.flatMap(({ label, cases, load }) =>
  Object.entries(cases).map(([name, xs]) => {
    const s = stats(xs)
    return `| ${label} | ${name} | ${s.n} | ${s.median.toFixed(1)} ms | ${s.p95.toFixed(1)} ms | ${s.min.toFixed(1)} ms | ${s.max.toFixed(1)} ms | ${load.map((x) => x.toFixed(1)).join(' → ')} |`
  }),
)
writeSection(
  'card',
  `## Card check request cost in workerd (issue 3)
Measured ${today()} by \`node bench/card-check.mjs\` on ${await machine()}: \`wrangler dev\` with local D1, the demo roster
and generated rows (\`bench/gen-roster.ts\`, imported by the operator CLI): 1,000${LARGE ? `, then ${LARGE.toLocaleString('en-US')} (the same checks again, new members)` : ''};
requests over loopback with the member's session cookie. Load: the 1-minute load average at the start and the end of
the roster's checks (the machine's CPUs are shared with other work).
Every member makes 4 checks (the cap is 5 in 24 h per account and per card), interleaved: 2 with a card no row matches
(a different 番号 each), 1 with the insured person the previous member linked, then 1 that links a fresh insured person;
the first ${WARM} members warm up and are not counted${restarts ? ` (workerd was restarted ${restarts} time${restarts > 1 ? 's' : ''} by \`wrangler dev\` — a source file changed —: the member of the moment was dropped and ${WARM} more warmed up)` : ''}. Each check counts the member's and the card's checks of the last
24 h (HMAC of the card), looks the insurer and the roster up, and records the check; a match also reads the member's
link, inserts it (the 409 meets the person's unique index here) and, for 200, writes the audit row and answers the
member's profile.

| generated roster rows | outcome | n | median | p95 | min | max | load |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`,
)
console.log(rows.join('\n'))
process.exit(0)
