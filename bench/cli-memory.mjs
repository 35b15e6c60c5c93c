#!/usr/bin/env node
// Peak memory of the operator CLI's roster import, and where it goes: `cli/ops.ts roster import` against a
// stand-in server on loopback (port 8794) that answers every batch at once, so only the CLI is measured, for
// the generated rosters of bench/roster-import.mjs (100,000 and 1,000,000 rows). Variants: Node's type stripping
// and no V8 flags, with V8's young and old generation capped (--max-semi-space-size=2 --max-old-space-size=64),
// the same CLI compiled to one JavaScript file first (esbuild, node_modules left as imports; into bench/out),
// and both; and `npm run ops` exactly as package.json runs it. Peak RSS is the kernel's maxrss of the CLI process (/usr/bin/time). Each run is checked complete.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { importArgs } from '../scripts/ops-cli.mjs'
import { measured, OPS, rosterFile, startStandin } from './lib/cli-run.mjs'
import { TS } from './lib/processes.mjs'
import { machine, today, writeSection } from './report.mjs'

const OUT = 'bench/out'
const PORT = 8794
const ROWS = [100_000, 1_000_000]
const CAPS = ['--max-semi-space-size=2', '--max-old-space-size=64']
const BUNDLE = join(OUT, 'ops-bundle.mjs')
if (!existsSync('/usr/bin/time')) throw new Error('needs /usr/bin/time (GNU time) for the peak RSS')

const files = ROWS.map((rows) => rosterFile(rows))
const built = spawnSync(
  'node_modules/.bin/esbuild',
  [
    'cli/ops.ts',
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--packages=external',
    `--outfile=${BUNDLE}`,
    '--log-level=warning',
  ],
  { stdio: 'inherit' },
)
if (built.status !== 0) throw new Error('esbuild failed')

const standin = await startStandin(PORT, (body) => ({
  inserted: body.rows.length,
  updated: 0,
  unchanged: 0,
  rejected: [],
}))

/** node <nodeArgs> <script> <args>: peak RSS (MiB), wall and CPU seconds, stdout. */
async function run(nodeArgs, script, args) {
  const r = await measured([...nodeArgs, script, ...args], join(OUT, 'time-cli-memory.txt'))
  if (r.code !== 0)
    throw new Error(`${script} ${args.join(' ')}: ${r.code}\n${r.stdout}${r.stderr}`)
  return { peakMiB: r.peakMiB, wall: r.wallMs / 1000, cpu: r.cpu, out: r.stdout }
}

const variants = [
  [`\`npm run ops\` as package.json has it: \`${OPS.text}\``, OPS.flags, OPS.script],
  ['no V8 flags: `node --experimental-strip-types cli/ops.ts`', TS, 'cli/ops.ts'],
  [
    'the same, V8 capped: `--max-semi-space-size=2 --max-old-space-size=64`',
    [...TS, ...CAPS],
    'cli/ops.ts',
  ],
  ['compiled to one .mjs (esbuild, packages external)', ['--no-warnings'], BUNDLE],
  ['compiled, V8 capped', ['--no-warnings', ...CAPS], BUNDLE],
]
const lines = []
try {
  for (const [label, nodeArgs, script] of variants) {
    const help = await run(nodeArgs, script, ['roster', 'import', '--help'])
    const cells = [`${help.peakMiB.toFixed(0)} MiB`]
    for (const [i, rows] of ROWS.entries()) {
      const r = await run(nodeArgs, script, [
        ...importArgs('roster', { file: files[i], url: standin.url, token: standin.token }),
        '--json',
        '--quiet',
      ])
      const report = JSON.parse(r.out)
      if (!report.complete || report.inserted !== rows) throw new Error(`${label}: incomplete`)
      cells.push(
        `**${r.peakMiB.toFixed(0)} MiB** (${r.wall.toFixed(1)} s, CPU ${r.cpu.toFixed(1)} s)`,
      )
    }
    lines.push(`| ${label} | ${cells.join(' | ')} |`)
    console.log(lines.at(-1))
  }
} finally {
  await standin.close()
}

writeSection(
  'cli-memory',
  `## Operator CLI memory, roster import (issue 3)
Measured ${today()} by \`node bench/cli-memory.mjs\` on ${await machine()}: \`roster import\` (default batch, 2 in flight) of the
generated rosters against a stand-in server on loopback that answers each batch at once, so that only the CLI is
measured; peak RSS is the kernel's maxrss of the CLI process (\`/usr/bin/time\`); \`--help\` is the CLI with its modules
loaded and no row read. Goal: flat and ≤ 150 MB.

| CLI | \`roster import --help\` | ${ROWS.map((n) => `${n.toLocaleString('en-US')} rows`).join(' | ')} |
| --- | --- | ${ROWS.map(() => '---').join(' | ')} |
${lines.join('\n')}
`,
)
process.exit(0)
