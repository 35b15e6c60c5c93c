#!/usr/bin/env node
// Passkey log-in request cost against password log-in, in workerd (issue 12): `wrangler dev` (local D1)
// on its own port, the demo member with a passkey of a software authenticator (worker/test/authenticator.ts:
// a real P-256 key, real signed assertions, as a phone's). N rounds, the cases in turn; the anti-automation
// counters are reset between requests (not timed), so every request is a level-1 request.
// Timed: the request alone, start to the end of the body. The passkey's log-in needs its options first
// (another request, timed on its own and as the sum); the authenticator's signing is not timed (it happens
// on the member's device).
// The tests' software authenticator, as TypeScript run by Node's type stripping (as other benches import e2e/browser.ts).
import { softAuthenticator } from '../worker/test/authenticator.ts'
import { commit, load, machine, startPortal, stats, today, writeSection } from './report.mjs'

const PORT = Number(process.env.PORT ?? 8822)
const STATE = '.bench-state-passkeys'
const N = Number(process.env.N ?? 40)
const WARMUP = 3
const TOKEN = 'XXXX.DUMMY.TOKEN.login'
const DEMO = { email: 'demo@kenshin.example', password: 'Kenko-Demo-2026' }

const loadAtStart = await load()
const portal = await startPortal({ port: PORT, state: STATE })
const post = async (path, body, cookie = '') => {
  const t = performance.now()
  const res = await fetch(`${portal.origin}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: portal.origin,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  return { res, ms: performance.now() - t, json: text ? JSON.parse(text) : null }
}
const cookieOf = (res) =>
  /__Host-session=[^;]*/.exec(res.headers.get('Set-Cookie') ?? '')?.[0] ?? ''
const expectStatus = (name, r, status) => {
  if (r.res.status !== status) throw new Error(`${name}: ${r.res.status} ${JSON.stringify(r.json)}`)
}

const times = { password: [], 'passkey: options': [], 'passkey: log-in': [], 'passkey: both': [] }
try {
  // The demo member adds a passkey (a fresh log-in: no password asked again).
  const first = await post('/api/login', { ...DEMO, captchaToken: TOKEN })
  expectStatus('log-in', first, 200)
  const cookie = cookieOf(first.res)
  const key = await softAuthenticator(portal.origin)
  const reg = await post('/api/passkeys/options', {}, cookie)
  expectStatus('registration options', reg, 200)
  const added = await post(
    '/api/passkeys',
    {
      challengeId: reg.json.challengeId,
      name: 'bench',
      response: await key.register(reg.json.options),
    },
    cookie,
  )
  expectStatus('add', added, 201)

  for (let i = 0; i < N + WARMUP; i++) {
    await post('/dev/risk/reset', {})
    const password = await post('/api/login', { ...DEMO, captchaToken: TOKEN })
    expectStatus('password log-in', password, 200)
    await post('/dev/risk/reset', {})
    const options = await post('/api/passkeys/login/options', {})
    expectStatus('log-in options', options, 200)
    const response = await key.assert(options.json.options)
    const login = await post('/api/passkeys/login', {
      challengeId: options.json.challengeId,
      response,
      captchaToken: TOKEN,
    })
    expectStatus('passkey log-in', login, 200)
    if (i < WARMUP) continue // the first rounds warm the isolate up
    times.password.push(password.ms)
    times['passkey: options'].push(options.ms)
    times['passkey: log-in'].push(login.ms)
    times['passkey: both'].push(options.ms + login.ms)
  }
} finally {
  await portal.stop()
}
const loadAtEnd = await load()

const row = (name) => {
  const s = stats(times[name])
  return `| ${name} | ${times[name].length} | **${s.median.toFixed(1)} ms** | ${s.p95.toFixed(1)} ms |`
}
const ratio = stats(times['passkey: log-in']).median / stats(times.password).median
const table = `| request | n | median | p95 |
| --- | --- | --- | --- |
${Object.keys(times).map(row).join('\n')}

The passkey's log-in request costs ${ratio.toFixed(2)}× the password's (medians).`
writeSection(
  'passkey-login',
  `## Passkey log-in against password log-in, in workerd (issue 12)
Measured ${today()} by \`node bench/passkey-login.mjs\` on ${await machine()}, at ${await commit()}: \`wrangler dev\`
with local D1, requests over loopback, the Turnstile stand-in verified in-process; 1-minute load average
${loadAtStart.toFixed(2)}–${loadAtEnd.toFixed(2)}. The demo member, ${N} rounds after ${WARMUP} warm-up rounds, a password log-in and
a passkey log-in in turn (the risk counters reset before each, not timed). A password log-in costs one
scrypt hash (N=2^14, r=8, p=5); a passkey log-in costs the options request (a challenge row written) and
the log-in request (the gate, the challenge used by one UPDATE … RETURNING, an ECDSA P-256 signature
checked by @simplewebauthn/server, the counter moved, the session started). The authenticator's signing
happens on the device and is not timed.

${table}
`,
)
console.log(table)
process.exit(0)
