#!/usr/bin/env node
// Sizes: the PWA's initial JS (what index.html loads: entry + modulepreloads), gzip, and with each
// screen's preloads (route-preloads.json, which the Worker adds to the shell); the precache; and the
// Worker bundle from `wrangler deploy --dry-run`. Run after `npm run build`.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { today, writeSection } from './report.mjs'

const dist = 'dist/client'
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const refs = [
  ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g),
].map((m) => m[1])
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
const initial = [...new Set(refs)].map((src) => ({
  src,
  raw: statSync(join(dist, src)).size,
  gzip: gz(src),
}))
const initialGzip = initial.reduce((a, f) => a + f.gzip, 0)
// The first load of a screen: the shell's scripts and the chunks the Worker preloads for that path.
const routes = JSON.parse(readFileSync(join(dist, 'route-preloads.json'), 'utf8'))
const screens = ['/login', '/signup', '/home', '/checkups'].map((path) => {
  const files = [...new Set([...initial.map((f) => f.src), ...routes[path]])]
  return { path, files: files.length, gzip: files.reduce((a, f) => a + gz(f), 0) }
})
const largest = screens.reduce((a, b) => (b.gzip > a.gzip ? b : a))
// The staff console (issue 11): its own chunks, fetched only under /staff; its log-in screen's first load.
const staffScreens = ['/staff/login', '/staff', '/staff/inquiries'].map((path) => {
  const files = [...new Set([...initial.map((f) => f.src), ...(routes[path] ?? [])])]
  return { path, files: files.length, gzip: files.reduce((a, f) => a + gz(f), 0) }
})
// Nothing of the console in a member's first load: no chunk of client/pages/staff/ is in the shell.
const staffInShell = initial.filter((f) => /Staff|staff/.test(f.src)).length
const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1])
const cssGzip = css.reduce((a, f) => a + gz(f), 0)

const sw = readFileSync(join(dist, 'sw.js'), 'utf8')
const precached = [...sw.matchAll(/"?url"?:"([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''))
const precacheBytes = precached.reduce((a, f) => {
  try {
    return a + statSync(join(dist, f)).size
  } catch {
    return a
  }
}, 0)

const out = mkdtempSync(join(tmpdir(), 'kp-bench-'))
execFileSync('node_modules/.bin/wrangler', ['deploy', '--dry-run', '--outdir', out], {
  stdio: 'pipe',
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
})
const workerFiles = readdirSync(out).filter((f) => f.endsWith('.js'))
const workerRaw = workerFiles.reduce((a, f) => a + statSync(join(out, f)).size, 0)
const workerGzip = workerFiles.reduce(
  (a, f) => a + gzipSync(readFileSync(join(out, f)), { level: 9 }).length,
  0,
)

const kb = (b) => `${(b / 1024).toFixed(1)} KiB`
writeSection(
  'bundle',
  `## Sizes (issue 2)
Measured ${today()} by \`node bench/bundle.mjs\` after \`npm run build\`.

| what | how | figure | goal |
| --- | --- | --- | --- |
| initial JS of the PWA, gzip | the scripts index.html loads (entry + modulepreload), gzip -9 | **${kb(initialGzip)}** (${initial.length} files: ${initial.map((f) => `${f.src} ${kb(f.gzip)}`).join(', ')}) | ≤ 40 KB |
| a screen's first load, gzip | the shell's scripts and that screen's preloads (route-preloads.json) | ${screens.map((x) => `${x.path} ${x.path === largest.path ? `**${kb(x.gzip)}**` : kb(x.gzip)} (${x.files} files)`).join(', ')} | |
| the staff console's first load, gzip | as above, for its screens (its chunks are never in the shell: ${staffInShell} of the shell's files are the console's) | ${staffScreens.map((x) => `${x.path} ${kb(x.gzip)} (${x.files} files)`).join(', ')} | |
| initial CSS, gzip | stylesheets index.html links | ${kb(cssGzip)} | |
| precache | files listed in the service worker's manifest, raw | ${kb(precacheBytes)} (${precached.length} files) | ≤ 250 KiB (issue 5) |
| Worker bundle | \`wrangler deploy --dry-run --outdir\`, raw / gzip | ${kb(workerRaw)} / **${kb(workerGzip)}** | Workers limit 3 MiB gzip (free) |
`,
)
console.log({ initialGzip, screens, staffScreens, cssGzip, precacheBytes, workerRaw, workerGzip })
