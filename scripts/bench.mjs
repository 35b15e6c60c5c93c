#!/usr/bin/env node
// `npm run bench -- <name> [more names]`: runs bench/<name>.mjs, one after the other, with the project's
// Node. Without a name it lists the benches, each with the first line of its own description; how to
// read and record their figures is in bench/README.md.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'

const HELPERS = new Set(['portal', 'report', 'roster-ceiling-worker'])
const benches = readdirSync('bench')
  .filter((f) => f.endsWith('.mjs') && !HELPERS.has(f.slice(0, -4)))
  .map((f) => f.slice(0, -4))
  .sort()

const names = process.argv.slice(2)
if (names.length === 0) {
  console.log('npm run bench -- <name>   (figures and how to read them: bench/README.md)\n')
  for (const name of benches) {
    const about = readFileSync(`bench/${name}.mjs`, 'utf8')
      .split('\n')
      .find((line) => line.startsWith('// '))
    console.log(`  ${name.padEnd(18)} ${about?.slice(3) ?? ''}`)
  }
  process.exit(0)
}

for (const name of names) {
  if (!benches.includes(name) || !existsSync(`bench/${name}.mjs`)) {
    console.error(`no bench named "${name}"; npm run bench lists them`)
    process.exit(2)
  }
  const run = spawnSync(process.execPath, [`bench/${name}.mjs`], { stdio: 'inherit' })
  if (run.status !== 0) process.exit(run.status ?? 1)
}
