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
// The staff console (issue 11): one chunk the shell names (lazy-StaffConsole), which loads its frame
// and then the screen; a screen's first load is the shell's scripts, that chunk, and what its two
// dynamic imports preload (their __vite__mapDeps lists).
const assets = readdirSync(join(dist, 'assets'))
const consoleFile = assets.find((f) => f.startsWith('lazy-StaffConsole-') && f.endsWith('.js'))
const consoleText = consoleFile ? readFileSync(join(dist, 'assets', consoleFile), 'utf8') : ''
const depNames = JSON.parse(/m\.f=(\[[^\]]*\])/.exec(consoleText)?.[1] ?? '[]')
/** The files the console's import of `page` preloads (its own chunk first). */
const importOf = (page) => {
  const m = new RegExp(
    `import\\(\`\\./(lazy-${page}-[\\w-]+\\.js)\`\\),__vite__mapDeps\\(\\[([\\d,]*)\\]`,
  ).exec(consoleText)
  if (!m) return []
  return [`/assets/${m[1]}`, ...m[2].split(',').map((i) => `/${depNames[Number(i)]}`)]
}
const staffScreens = [
  ['/staff/login', 'StaffLogin'],
  ['/staff', 'StaffHome'],
  ['/staff/inquiries', 'InquiryList'],
].map(([path, page]) => {
  const files = [
    ...new Set([
      ...initial.map((f) => f.src),
      `/assets/${consoleFile}`,
      ...importOf('StaffShell'),
      ...importOf(page),
    ]),
  ].filter((f) => f.endsWith('.js') || f.endsWith('.css'))
  return { path, files: files.length, gzip: files.reduce((a, f) => a + gz(f), 0) }
})
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
| the staff console's first load, gzip | the shell's scripts, the console's chunk and what it preloads for its frame and the screen, JS and CSS (none of the shell's files is the console's: ${staffInShell}) | ${staffScreens.map((x) => `${x.path} ${kb(x.gzip)} (${x.files} files)`).join(', ')} | |
| initial CSS, gzip | stylesheets index.html links | ${kb(cssGzip)} | |
| precache | files listed in the service worker's manifest, raw | ${kb(precacheBytes)} (${precached.length} files) | ≤ 250 KiB (issue 5) |
| Worker bundle | \`wrangler deploy --dry-run --outdir\`, raw / gzip | ${kb(workerRaw)} / **${kb(workerGzip)}** | Workers limit 3 MiB gzip (free) |
`,
)
console.log({ initialGzip, screens, staffScreens, cssGzip, precacheBytes, workerRaw, workerGzip })
