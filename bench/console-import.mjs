#!/usr/bin/env node
// Imports from the staff console (issue 13) against the CLI, in the same run, on the same machine:
//   1. a generated roster (bench/gen-roster.ts, ROWS rows, default 1,000,000) imported from the browser (headless
//      Debian Chromium, the import screen, its Web Worker) into `wrangler dev` with local D1 on a fresh state
//      folder, timed from the click on 取り込みを開始 to the report; then the same file by `ops roster import` on
//      another fresh state folder. rows/s each and the ratio (goal: the browser ≥ 0.8 × the CLI).
//      While the browser imports, the tab's JS heap (page + its dedicated worker) is read every 100 ms through
//      the DevTools protocol (Runtime.getHeapUsage on both targets, over the browser's own DevTools socket,
//      since the worker is a target of its own): peak, and the values at ¼ ½ ¾ and the end (goal: flat, ≤ 150 MB).
//   2. a zip of DOCS (default 10,000) generated checkup documents (bench/gen-checkups.ts) with the roster of
//      their persons (imported first by the CLI in both cases), from the browser and by `ops checkups import`.
// Port 8833. Everything started here is stopped here. ROWS, DOCS override the sizes (0 leaves that part out);
// it prints its figures; their table is in bench/README.md ("Imports from the console").
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { importArgs, OPS_CLI } from '../scripts/ops-cli.mjs'
import { measured, rosterFile } from './lib/cli-run.mjs'
import { NODE, startDevPortal, TS } from './lib/processes.mjs'

const require = createRequire(import.meta.url)
const { chromium } = require('playwright-core')

const PORT = 8833
const DEVTOOLS_PORT = 9333
const INSURER = '06139992'
const ROWS = Number(process.env.ROWS ?? 1_000_000)
const DOCS = Number(process.env.DOCS ?? 10_000)
const WORK = join(tmpdir(), 'kenshin-bench-console')
mkdirSync(WORK, { recursive: true })
const fmt = (n) => Math.round(n).toLocaleString('en-US')
const MB = (b) => b / 1e6

/** `ops …` measured; throws unless it exits 0; its JSON report. */
async function ops(...args) {
  const r = await measured([...OPS_CLI, ...args], join(WORK, 'time.txt'))
  if (r.code !== 0)
    throw new Error(`ops ${args[0]} ${args[1]} exited ${r.code}\n${r.stdout}\n${r.stderr}`)
  return { ...r, report: r.stdout.trim().startsWith('{') ? JSON.parse(r.stdout) : null }
}
const cliImport = (kind, file, url, token) =>
  ops(...importArgs(kind, { insurer: INSURER, file, url, token }, '--json', '--quiet'))

/** The browser's DevTools socket: the page's and the worker's heaps by target (flat sessions). */
async function devtools() {
  const version = await (await fetch(`http://127.0.0.1:${DEVTOOLS_PORT}/json/version`)).json()
  const ws = new WebSocket(version.webSocketDebuggerUrl)
  await new Promise((res, rej) => {
    ws.onopen = res
    ws.onerror = rej
  })
  let id = 0
  const pending = new Map()
  ws.onmessage = (event) => {
    const msg = JSON.parse(event.data)
    if (msg.id && pending.has(msg.id)) {
      pending.get(msg.id)(msg)
      pending.delete(msg.id)
    }
  }
  const send = (method, params = {}, sessionId) =>
    new Promise((res) => {
      const n = ++id
      pending.set(n, res)
      ws.send(JSON.stringify({ id: n, method, params, ...(sessionId ? { sessionId } : {}) }))
    })
  const sessions = new Map()
  return {
    /** Used heap of every page and worker target now attached, in bytes. */
    async heap() {
      const { result } = await send('Target.getTargets')
      for (const t of result.targetInfos) {
        if ((t.type !== 'page' && t.type !== 'worker') || sessions.has(t.targetId)) continue
        const a = await send('Target.attachToTarget', { targetId: t.targetId, flatten: true })
        if (a.result) sessions.set(t.targetId, { type: t.type, id: a.result.sessionId })
      }
      const by = { page: 0, worker: 0 }
      for (const [targetId, s] of sessions) {
        const r = await send('Runtime.getHeapUsage', {}, s.id)
        if (r.result) by[s.type] += r.result.usedSize
        else sessions.delete(targetId)
      }
      return by
    },
    async collect() {
      for (const s of sessions.values()) await send('HeapProfiler.collectGarbage', {}, s.id)
    },
    close: () => ws.close(),
  }
}

/** One import from the browser: log-in, the file chosen, the click, the report; heap sampled meanwhile. */
async function browserImport({ url, file, section, label }) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      `--remote-debugging-port=${DEVTOOLS_PORT}`,
    ],
  })
  try {
    const context = await browser.newContext({
      baseURL: url,
      viewport: { width: 1280, height: 900 },
    })
    const email = 'operator@staff.kenshin.example'
    const { code } = await (await fetch(`${url}/dev/staff/totp?email=${email}`)).json()
    const login = await context.request.post('/api/ops/session', {
      headers: { Origin: url },
      data: {
        email,
        password: 'Staff-Operator-2026',
        code,
        captchaToken: 'XXXX.DUMMY.TOKEN.staff_login',
      },
    })
    if (login.status() !== 200) throw new Error(`log-in: ${login.status()} ${await login.text()}`)
    const page = await context.newPage()
    await page.goto(`/staff/insurers/${INSURER}/imports`)
    const region = page.getByRole('region', { name: section })
    await region.getByLabel(label, { exact: true }).setInputFiles(resolve(file))
    const start = region.getByRole('button', { name: '取り込みを開始' })
    await start.waitFor()
    const dt = await devtools()
    await dt.heap()
    await dt.collect()
    const samples = []
    let sampling = true
    const sampler = (async () => {
      while (sampling) {
        const h = await dt.heap().catch(() => null)
        if (h) samples.push(h)
        await new Promise((r) => setTimeout(r, 100))
      }
    })()
    const t0 = performance.now()
    await start.click()
    await region
      .getByRole('heading', { level: 3, name: '取り込み結果' })
      .waitFor({ timeout: 3_600_000 })
    const wallMs = performance.now() - t0
    sampling = false
    await sampler
    dt.close()
    const outcome = await region.locator('.notice').first().textContent()
    const report = Object.fromEntries(
      await region
        .locator('.imports-report div')
        .evaluateAll((els) =>
          els.map((el) => [el.querySelector('dt').textContent, el.querySelector('dd').textContent]),
        ),
    )
    const totals = samples.map((s) => s.page + s.worker)
    const at = (f) => totals[Math.min(totals.length - 1, Math.floor(f * totals.length))] ?? 0
    return {
      wallMs,
      outcome,
      report,
      peak: Math.max(...totals),
      peakPage: Math.max(...samples.map((s) => s.page)),
      peakWorker: Math.max(...samples.map((s) => s.worker)),
      quarters: [0.25, 0.5, 0.75, 0.999].map(at),
    }
  } finally {
    await browser.close()
  }
}

const line = (what, b, c, unit) =>
  `${what}: browser ${(b / 1000).toFixed(1)} s, CLI ${(c / 1000).toFixed(1)} s → ratio ${(c / b).toFixed(2)} (${unit})`

// ------------------------------------------------------------------------------------------------ roster
let server
// ROWS=0 leaves the roster part out (the zip part alone)
if (ROWS > 0) {
  const roster = rosterFile(ROWS)
  console.log(
    `roster: ${roster} (${MB(statSync(roster).size).toFixed(1)} MB, ${fmt(ROWS)} rows); load ${loadavg()[0].toFixed(2)}`,
  )
  server = await startDevPortal({ port: PORT, state: join(WORK, 'state-browser') })
  let browserRoster
  try {
    browserRoster = await browserImport({
      url: server.tokens.url,
      file: roster,
      section: '名簿の取り込み',
      label: '名簿のファイル',
    })
  } finally {
    await server.remove()
  }
  console.log(
    `browser: ${(browserRoster.wallMs / 1000).toFixed(1)} s → ${fmt((ROWS * 1000) / browserRoster.wallMs)} rows/s; ${browserRoster.outcome}; ` +
      `heap peak ${MB(browserRoster.peak).toFixed(1)} MB (page ${MB(browserRoster.peakPage).toFixed(1)}, worker ${MB(browserRoster.peakWorker).toFixed(1)}), ` +
      `at ¼ ½ ¾ end: ${browserRoster.quarters.map((x) => MB(x).toFixed(1)).join(' ')} MB`,
  )
  console.log(`  report: ${JSON.stringify(browserRoster.report)}`)
  server = await startDevPortal({ port: PORT, state: join(WORK, 'state-cli') })
  let cliRoster
  try {
    cliRoster = await cliImport('roster', roster, server.tokens.url, server.tokens.admin)
  } finally {
    await server.remove()
  }
  console.log(
    `CLI: ${(cliRoster.wallMs / 1000).toFixed(1)} s → ${fmt((ROWS * 1000) / cliRoster.wallMs)} rows/s; inserted ${fmt(cliRoster.report.inserted)}; peak RSS ${cliRoster.peakMiB.toFixed(0)} MiB`,
  )
  console.log(
    line(
      `roster ${fmt(ROWS)} rows`,
      browserRoster.wallMs,
      cliRoster.wallMs,
      'CLI time / browser time: ≥ 0.8 is the goal',
    ),
  )
}

// ------------------------------------------------------------------------------------------------ checkups zip
if (DOCS > 0) {
  const zip = join(WORK, `checkups-${DOCS}.zip`)
  const people = join(WORK, `people-${DOCS}.csv`)
  if (!existsSync(zip) || !existsSync(people)) {
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
        people,
      ],
      { stdio: 'inherit' },
    )
    if (g.status !== 0) throw new Error('bench/gen-checkups.ts failed')
  }
  console.log(
    `zip: ${MB(statSync(zip).size).toFixed(1)} MB, ${fmt(DOCS)} documents; load ${loadavg()[0].toFixed(2)}`,
  )
  server = await startDevPortal({ port: PORT, state: join(WORK, 'state-zip-browser') })
  let browserZip
  try {
    await cliImport('roster', people, server.tokens.url, server.tokens.admin)
    browserZip = await browserImport({
      url: server.tokens.url,
      file: zip,
      section: '健診結果の取り込み',
      label: '健診結果のファイル',
    })
  } finally {
    await server.remove()
  }
  console.log(
    `browser: ${(browserZip.wallMs / 1000).toFixed(1)} s → ${fmt((DOCS * 1000) / browserZip.wallMs)} docs/s; ${browserZip.outcome}; heap peak ${MB(browserZip.peak).toFixed(1)} MB`,
  )
  console.log(`  report: ${JSON.stringify(browserZip.report)}`)
  server = await startDevPortal({ port: PORT, state: join(WORK, 'state-zip-cli') })
  let cliZip
  try {
    await cliImport('roster', people, server.tokens.url, server.tokens.admin)
    cliZip = await cliImport('checkups', zip, server.tokens.url, server.tokens.admin)
  } finally {
    await server.remove()
  }
  console.log(
    `CLI: ${(cliZip.wallMs / 1000).toFixed(1)} s → ${fmt((DOCS * 1000) / cliZip.wallMs)} docs/s; inserted ${fmt(cliZip.report.inserted)}`,
  )
  console.log(
    line(`zip ${fmt(DOCS)} documents`, browserZip.wallMs, cliZip.wallMs, 'CLI time / browser time'),
  )
}
process.exit(0)
