#!/usr/bin/env node
// The support console's お問い合わせ一覧 at 100,000 inquiries (issue 11): `wrangler dev` with local D1
// (bench/report.mjs startPortal, the demo data seeded) on port 8790, then 100,000 generated inquiries written
// into its D1 sqlite file with sqlite3 (one INSERT … SELECT over a recursive CTE): statuses new 20 %,
// in_progress 20 %, answered 30 %, closed 30 %; the six types evenly; the demo insurer 40 %, the maintenance
// insurer 20 %, no insurer 40 %; created over the last 365 days; a quarter assigned. The portal-wide support
// agents (dev-support, portal-wide; dev-support-demo, the demo insurer's) log in through POST /api/ops/session with
// codes computed from the seed's TOTP secrets. No ANALYZE: D1 has no statistics unless asked, so the plans are the
// ones production would pick.
// Timed: GET /api/ops/inquiries over loopback, start to the end of the body (one page of 50 and the counts per
// status), N rounds (default 30) after 3 warm-up rounds, the cases alternating within each round:
//   first page     no filter
//   filtered page  status=new&type=login&insurer=06139992 (the demo insurer)
//   next page      the first page's cursor followed once (keyset)
//   scoped page    the demo insurer's support agent's first page (bound to the insurer: one query per status)
// The query plans (EXPLAIN QUERY PLAN through sqlite3, the same statements) are printed with the figures.
// Everything started here is stopped here.
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Secret, TOTP } from 'otpauth'
import { commit, load, machine, startPortal, stats, today, writeSection } from './report.mjs'

const PORT = 8790
const STATE = 'bench/out/state-inquiry-list'
const COUNT = Number(process.env.INQUIRIES ?? 100_000)
const N = Number(process.env.N ?? 30)
const WARM = 3
const SUPPORT = {
  email: 'support@staff.kenshin.example',
  password: 'Staff-Support-2026',
  totpSecret: 'N5YJIESCMZBSV5MXVEFAGLE5FYPCEE6J',
}
/** The demo insurer's own support agent: every query of theirs is bound to the insurer. */
const SUPPORT_DEMO = {
  email: 'support-demo@staff.kenshin.example',
  password: 'Staff-Support-Demo-2026',
  totpSecret: 'LC3KE5ZSRFFXW4GRDQ7QBKNGH37JUI6I',
}
const FILTER = 'status=new&type=login&insurer=06139992'

const portal = await startPortal({ port: PORT, state: STATE })
const loadStart = await load()
try {
  // 1. 100,000 inquiries, straight into the running server's D1 file.
  const dir = join(portal.stateDir, 'v3', 'd1', 'miniflare-D1DatabaseObject')
  const file = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite'),
  )
  const sqlite = (sql) =>
    execFileSync('sqlite3', ['-batch', '-noheader', file, sql], { encoding: 'utf8' }).trim()
  const now = Date.now()
  const started = performance.now()
  sqlite(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${COUNT})
    INSERT INTO inquiries (id, receipt_no, account_id, name_kana, email, insurer_name, birth_date, type,
      message, app_version, device, os_version, browser, lang, status, address_key, ip_key, created_at,
      updated_at, insurer_id, assignee_id)
    SELECT printf('bench-%07d', i), printf('20260101-BNCH-%07d', i), NULL, 'ベンチ　タロウ',
      printf('bench%d@example.jp', i),
      CASE i % 5 WHEN 0 THEN 'デモ保守中健康保険組合' WHEN 1 THEN 'どこかの健保' WHEN 2 THEN 'どこかの健保'
        ELSE 'デモ健康保険組合' END,
      '1980-01-01',
      CASE i % 6 WHEN 0 THEN 'signup' WHEN 1 THEN 'login' WHEN 2 THEN 'viewing_code' WHEN 3 THEN 'results'
        WHEN 4 THEN 'withdrawal' ELSE 'other' END,
      'ベンチの本文', '', '', '', '', 'ja',
      CASE (i / 7) % 10 WHEN 0 THEN 'new' WHEN 1 THEN 'new' WHEN 2 THEN 'in_progress'
        WHEN 3 THEN 'in_progress' WHEN 4 THEN 'answered' WHEN 5 THEN 'answered' WHEN 6 THEN 'answered'
        ELSE 'closed' END,
      'bench', 'bench', ${now} - (i * 315360) % 31536000000, ${now} - (i * 315360) % 31536000000,
      CASE i % 5 WHEN 0 THEN 'demo-maintenance' WHEN 1 THEN NULL WHEN 2 THEN NULL ELSE 'demo-insurer' END,
      CASE WHEN i % 4 = 0 THEN 'dev-support' ELSE NULL END
    FROM n;`)
  const insertSeconds = (performance.now() - started) / 1000
  const total = Number(sqlite('SELECT count(*) FROM inquiries'))
  console.log(`${total} inquiries in D1 (${insertSeconds.toFixed(1)} s to write ${COUNT})`)

  // 2. The support agents' console sessions.
  const logIn = async (who) => {
    const code = TOTP.generate({ secret: Secret.fromBase32(who.totpSecret), timestamp: Date.now() })
    const res = await fetch(`${portal.origin}/api/ops/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: portal.origin },
      body: JSON.stringify({
        email: who.email,
        password: who.password,
        code,
        captchaToken: 'XXXX.DUMMY.TOKEN.staff_login',
      }),
    })
    if (res.status !== 200) throw new Error(`staff log-in of ${who.email} answered ${res.status}`)
    const cookie = /__Host-staff=[^;]*/.exec(res.headers.get('Set-Cookie') ?? '')?.[0]
    if (!cookie) throw new Error('no staff cookie')
    return cookie
  }
  const cookies = { wide: await logIn(SUPPORT), scoped: await logIn(SUPPORT_DEMO) }

  const list = async (query, who = 'wide') => {
    const t0 = performance.now()
    const res = await fetch(`${portal.origin}/api/ops/inquiries${query ? `?${query}` : ''}`, {
      headers: { Cookie: cookies[who] },
    })
    const body = await res.json()
    const ms = performance.now() - t0
    if (res.status !== 200) throw new Error(`list answered ${res.status}: ${JSON.stringify(body)}`)
    return { ms, body }
  }
  const first = await list('')
  const cursor = first.body.nextCursor
  const filtered = await list(FILTER)
  console.log(
    `first page: ${first.body.items.length} items, counts ${JSON.stringify(first.body.counts)}; ` +
      `filtered: ${filtered.body.items.length} items, counts ${JSON.stringify(filtered.body.counts)}`,
  )
  const cases = [
    { name: 'first page (no filter)', query: '' },
    { name: `filtered page (${FILTER})`, query: FILTER },
    { name: 'next page (the first page’s cursor)', query: `cursor=${cursor}` },
    { name: 'first page of the demo insurer’s own support agent', query: '', who: 'scoped' },
  ]
  const times = cases.map(() => [])
  for (let round = 0; round < WARM + N; round++)
    for (const [i, c] of cases.entries()) {
      const { ms } = await list(c.query, c.who)
      if (round >= WARM) times[i].push(ms)
    }
  const loadEnd = await load()

  // 3. The plans of the same statements (as drizzle writes them: the page, then the counts).
  const plan = (sql) =>
    sqlite(`EXPLAIN QUERY PLAN ${sql}`)
      .split('\n')
      .filter((l) => l && l !== 'QUERY PLAN')
      .map((l) => l.replace(/^[\s|`-]+/, ''))
      .join('; ')
  const page = (where) =>
    `SELECT rowid, receipt_no FROM inquiries ${where} ORDER BY created_at DESC, rowid DESC LIMIT 51`
  const counts = (where) => `SELECT status, count(*) FROM inquiries ${where} GROUP BY status`
  const fw = `WHERE type = 'login' AND insurer_id = 'demo-insurer'`
  const plans = [
    ['first page', plan(page(''))],
    ['counts', plan(counts(''))],
    ['filtered page', plan(page(`${fw} AND status = 'new'`))],
    ['filtered counts', plan(counts(fw))],
    [
      'scoped page (one of the four statuses)',
      plan(page(`WHERE insurer_id = 'demo-insurer' AND status = 'new'`)),
    ],
  ]

  const f = (ms) => `${ms.toFixed(1)} ms`
  const rows = cases.map((c, i) => {
    const s = stats(times[i])
    return `| ${c.name} | ${s.n} | **${f(s.median)}** | ${f(s.p95)} | ${f(s.min)} | ${f(s.max)} |`
  })
  const section = `## The console's inquiry list at ${total.toLocaleString('en')} inquiries (issue 11)
Measured ${today()} by \`node bench/inquiry-list.mjs\` on ${await machine()}, at ${await commit()}; 1-minute load
average ${loadStart.toFixed(2)}–${loadEnd.toFixed(2)}. \`wrangler dev\` with local D1 (the demo data seeded), ${COUNT.toLocaleString('en')} generated
inquiries written into its D1 file (no ANALYZE, as in production; statuses 20/20/30/30 %, six types evenly, demo insurer 40 %, maintenance insurer
20 %, none 40 %, over 365 days). The support agents' console sessions (portal-wide, and the demo insurer's); \`GET /api/ops/inquiries\` over
loopback, start to the end of the body: 50 items and the counts per status for the same filters. ${N} rounds after
${WARM} warm-up rounds, the cases in turn.

| case | n | median | p95 | min | max |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Query plans (EXPLAIN QUERY PLAN, sqlite3 on the same file):
${plans.map(([name, p]) => `- ${name}: \`${p}\``).join('\n')}
`
  console.log(section)
  writeSection('inquiry-list', section)
} finally {
  await portal.stop()
}
