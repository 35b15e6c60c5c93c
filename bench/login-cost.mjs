#!/usr/bin/env node
// Log-in request cost in workerd: `wrangler dev` (local D1) on its own port; 40 log-ins each for a
// known address with the right password, a known address with a wrong one, and an unknown address,
// interleaved. The anti-automation counters are reset between requests (not timed) so that every
// request is a level-1 request without the 2-second delay of level 2.
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { machine, stats, today, writeSection } from './report.mjs'

const PORT = 8795
const BASE = `http://localhost:${PORT}`
const STATE = '.bench-state'
const N = Number(process.env.N ?? 40)
rmSync(STATE, { recursive: true, force: true })
const server = spawn('node', ['scripts/start.mjs'], { env: { ...process.env, PORT: String(PORT), STATE_DIR: STATE, SKIP_BUILD: '1', QUIET: '1' }, stdio: ['ignore', 'pipe', 'inherit'], detached: true })
await new Promise((resolve, reject) => {
  let out = ''
  server.stdout.on('data', (c) => { out += c; if (out.includes('Kenshin Portal:')) resolve() })
  server.on('exit', () => reject(new Error(out)))
})
const post = (path, body) => fetch(`${BASE}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: BASE }, body: JSON.stringify(body) })
const TOKEN = 'XXXX.DUMMY.TOKEN.login'
const known = 'demo@kenshin.example'
const cases = {
  'known address, right password': { email: known, password: 'Kenko-Demo-2026', status: 200 },
  'known address, wrong password': { email: known, password: 'wrong-password-x', status: 401 },
  'unknown address': { email: 'nobody@kenshin.example', password: 'wrong-password-x', status: 401 },
}
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
try {
  for (let i = 0; i < N + 3; i++) {
    for (const [name, c] of Object.entries(cases)) {
      await post('/dev/risk/reset', {})
      const t = performance.now()
      const res = await post('/api/login', { email: c.email, password: c.password, captchaToken: TOKEN })
      await res.arrayBuffer()
      const ms = performance.now() - t
      if (res.status !== c.status) throw new Error(`${name}: ${res.status}`)
      if (i >= 3) times[name].push(ms) // the first rounds warm the isolate up
    }
  }
} finally {
  process.kill(-server.pid, 'SIGTERM')
  rmSync(STATE, { recursive: true, force: true })
}
const rows = Object.entries(times).map(([name, xs]) => {
  const s = stats(xs)
  return `| ${name} | ${s.n} | ${s.median.toFixed(1)} ms | ${s.p95.toFixed(1)} ms |`
})
writeSection('login', `## Log-in request cost in workerd (issue 2)
Measured ${today()} by \`node bench/login-cost.mjs\` on ${await machine()}: \`wrangler dev\` with local D1,
requests over loopback, the Turnstile stand-in verified in-process; each request costs one scrypt hash
(N=2^14, r=8, p=5), the unknown address against a dummy hash.

| case | n | median | p95 |
| --- | --- | --- | --- |
${rows.join('\n')}
`)
console.log(rows.join('\n'))
process.exit(0)
