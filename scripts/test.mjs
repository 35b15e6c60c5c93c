#!/usr/bin/env node
// `npm test`: builds the PWA, then runs every test layer in one vitest run (core, workerd + D1,
// libSQL, build checks, end-to-end in Chromium) and ends with one line: `N passed, N failed`.
// Fails when any test fails or any layer ran no test.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

const layers = {
  core: (f) => f.includes('/core/'),
  libsql: (f) => /\.libsql\.test\.ts$/.test(f) || f.includes('/db/') || f.includes('/cli/'),
  workerd: (f) => f.includes('/worker/') && !/\.libsql\.test\.ts$/.test(f),
  build: (f) => f.includes('/scripts/'),
  e2e: (f) => f.includes('/e2e/'),
}

const build = spawnSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], {
  stdio: 'inherit',
})
if (build.status !== 0) {
  console.log('0 passed, 1 failed')
  process.exit(1)
}

mkdirSync('test-results', { recursive: true })
rmSync('test-results/vitest.json', { force: true })
const args = [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
  ...process.argv.slice(2),
]
const run = spawnSync('node_modules/.bin/vitest', args, { stdio: 'inherit' })

let passed = 0
let failed = 0
const perLayer = Object.fromEntries(Object.keys(layers).map((k) => [k, 0]))
try {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'))
  for (const file of report.testResults) {
    const layer = Object.keys(layers).find((k) => layers[k](file.name))
    for (const t of file.assertionResults) {
      if (t.status === 'passed') passed++
      else if (t.status === 'failed') failed++
      else continue
      if (layer) perLayer[layer]++
    }
    // A file that failed to load has no assertions but is a failure.
    if (file.status === 'failed' && file.assertionResults.length === 0) failed++
  }
} catch {
  failed++
}

const filtered = process.argv.length > 2
const empty = filtered
  ? []
  : Object.entries(perLayer)
      .filter(([, n]) => n === 0)
      .map(([k]) => k)
console.log(
  `\nlayers: ${Object.entries(perLayer)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
)
if (empty.length) console.log(`layers that ran no test: ${empty.join(', ')}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || empty.length > 0 || run.status !== 0 ? 1 : 0)
