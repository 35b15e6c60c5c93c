#!/usr/bin/env node
// First-load script per member screen, gzip: the shell's scripts (index.html) and the chunks the
// Worker preloads for the path (route-preloads.json), for two builds side by side (issue 12: before
// and after the member's account). Also says where the passkey library (@simplewebauthn/browser) and
// the push subscription code load: never in a first load but the screens that use them.
//   node bench/screens.mjs <before checkout> [after checkout = .]   (each built: `npx vite build`)
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { commit, today, writeSection } from './report.mjs'

const [beforeDir, afterDir = '.'] = process.argv.slice(2)
if (!beforeDir) {
  console.error('usage: node bench/screens.mjs <before checkout> [after checkout]')
  process.exit(2)
}
const SCREENS = [
  '/login',
  '/home',
  '/checkups',
  '/account',
  '/account/email',
  '/account/password',
  '/account/sessions',
  '/account/passkeys',
  '/account/notifications',
  '/account/invite',
  '/account/withdraw',
  '/notices',
]

function measure(dir) {
  const dist = join(dir, 'dist/client')
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const shell = [
    ...html.matchAll(
      /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g,
    ),
  ].map((m) => m[1])
  const routes = JSON.parse(readFileSync(join(dist, 'route-preloads.json'), 'utf8'))
  const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length
  const assets = readdirSync(join(dist, 'assets'))
  const text = (f) => readFileSync(join(dist, f), 'utf8')
  // The library's own code (its stub for tests), not the app's wrapper that names its functions.
  const isWebAuthnLib = (f) => /stubThis/.test(text(f))
  const isPush = (f) => /pushManager\.subscribe|applicationServerKey/.test(text(f))
  const out = {}
  for (const path of SCREENS) {
    const files = routes[path] ? [...new Set([...shell, ...routes[path]])] : null
    out[path] = files && {
      gzip: files.filter((f) => f.endsWith('.js')).reduce((a, f) => a + gz(f), 0),
      webauthn: files.some((f) => f.endsWith('.js') && isWebAuthnLib(f)),
      push: files.some((f) => f.endsWith('.js') && isPush(f)),
    }
  }
  const webauthnChunks = assets.filter((f) => f.endsWith('.js') && isWebAuthnLib(`assets/${f}`))
  return { out, shellGzip: shell.reduce((a, f) => a + gz(f), 0), webauthnChunks }
}

const before = measure(beforeDir)
const after = measure(afterDir)
const kib = (n) => (n / 1024).toFixed(1)
const rows = SCREENS.map((path) => {
  const b = before.out[path]
  const a = after.out[path]
  const where = a ? [a.webauthn ? 'passkey library' : '', a.push ? 'push' : ''].filter(Boolean) : []
  return `| \`${path}\` | ${b ? kib(b.gzip) : '–'} | ${a ? kib(a.gzip) : '–'} | ${where.join(', ') || 'neither'} |`
})
const worst = Math.max(
  ...Object.values(after.out)
    .filter(Boolean)
    .map((a) => a.gzip),
)
const markdown = `## First-load script per member screen, before and after (issue 12)
What: the JavaScript a member's browser downloads to show each screen cold (gzip level 9): the shell's
scripts (index.html) and the chunks the Worker preloads for that path. How: \`node bench/screens.mjs
<before checkout> .\` on two builds (\`npx vite build\` in each), measured in one run. Before:
${await commit(beforeDir)}; after: ${await commit(afterDir)}; ${today()}.

| screen | before, KiB | after, KiB | passkey library or push code in the first load |
| --- | --- | --- | --- |
${rows.join('\n')}

The shell alone: ${kib(before.shellGzip)} → ${kib(after.shellGzip)} KiB. Budgets (issue 9): 40 KB for
every screen but the results (60 KB); the largest first load after is ${kib(worst)} KiB, the results. \`@simplewebauthn/browser\` is in its own chunk
(${after.webauthnChunks.join(', ') || 'none'}), fetched by the log-in screen after it shows, by the
question step when the member has a passkey, and by the passkeys screen; push code is only in
お知らせの設定's chunk and the service worker.`
writeSection('screens-issue12', markdown)
console.log(markdown)
