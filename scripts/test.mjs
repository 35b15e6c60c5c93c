#!/usr/bin/env node
// `npm test`: builds the PWA, then runs every test layer in one vitest run (core, workerd + D1,
// libSQL, build checks, end-to-end in Chromium) and ends with one line: `N passed, N failed`.
// A layer is a vitest project, counted by scripts/layer-reporter.ts (the worker's test files run in
// two projects, so a path does not tell the layer). Fails when any test fails or any layer ran none.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

const build = spawnSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], {
  stdio: 'inherit',
})
if (build.status !== 0) {
  console.log('0 passed, 1 failed')
  process.exit(1)
}

mkdirSync('test-results', { recursive: true })
const REPORT = 'test-results/layers.json'
rmSync(REPORT, { force: true })
const args = [
  'run',
  '--reporter=default',
  '--reporter=./scripts/layer-reporter.ts',
  ...process.argv.slice(2),
]
const run = spawnSync('node_modules/.bin/vitest', args, {
  stdio: 'inherit',
  env: { ...process.env, LAYER_REPORT: REPORT },
})

let passed = 0
let failed = 0
let perLayer = {}
try {
  const report = JSON.parse(readFileSync(REPORT, 'utf8'))
  perLayer = Object.fromEntries(report.projects.map((p) => [p, 0]))
  for (const t of report.tests) {
    if (t.state === 'passed') passed++
    else if (t.state === 'failed') failed++
    else continue
    perLayer[t.project] = (perLayer[t.project] ?? 0) + 1
  }
  // A file that failed outside its tests (did not load, a hook threw) is a failure.
  failed += report.failedFiles.length
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
