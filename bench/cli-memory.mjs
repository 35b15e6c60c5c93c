#!/usr/bin/env node
// Peak memory of the operator CLI's roster import, and where it goes: `cli/ops.ts roster import` against a
// stand-in server on loopback (port 8794) that answers every batch at once, so only the CLI is measured, for
// the generated rosters of bench/roster-import.mjs (100,000 and 1,000,000 rows). Variants: Node's type stripping
// and no V8 flags, with V8's young and old generation capped (--max-semi-space-size=2 --max-old-space-size=64),
// the same CLI compiled to one JavaScript file first (esbuild, node_modules left as imports; into bench/out),
// and both; and `npm run ops` exactly as package.json runs it. Peak RSS is the kernel's maxrss of the CLI process (/usr/bin/time). Each run is checked complete.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { machine, today, writeSection } from './report.mjs'

const OUT = 'bench/out'
const PORT = 8794
const ROWS = [100_000, 1_000_000]
const TS = ['--experimental-strip-types', '--no-warnings']
const CAPS = ['--max-semi-space-size=2', '--max-old-space-size=64']
const BUNDLE = join(OUT, 'ops-bundle.mjs')
if (!existsSync('/usr/bin/time')) throw new Error('needs /usr/bin/time (GNU time) for the peak RSS')

for (const rows of ROWS) {
  const file = join(OUT, `roster-${rows}.csv`)
  if (existsSync(file)) continue
  const r = spawnSync(
    process.execPath,
    [...TS, 'bench/gen-roster.ts', '--rows', String(rows), '--out', file, '--insurer', '06139992'],
    { stdio: 'inherit' },
  )
  if (r.status !== 0) throw new Error('bench/gen-roster.ts failed')
}
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

const server = createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    res.setHeader('content-type', 'application/json')
    if (req.url === '/api/ops/whoami')
      return res.end(
        JSON.stringify({ staff: { id: 's', name: 'bench', role: 'admin', insurerId: null } }),
      )
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    res.end(JSON.stringify({ inserted: body.rows.length, updated: 0, unchanged: 0, rejected: [] }))
  })
})
await new Promise((res) => server.listen(PORT, '127.0.0.1', res))

/** node <nodeArgs> <script> <args>: peak RSS (MiB), wall and CPU seconds, stdout. */
function run(nodeArgs, script, args) {
  const stats = join(OUT, 'time-cli-memory.txt')
  rmSync(stats, { force: true })
  return new Promise((resolve, reject) => {
    const child = spawn(
      '/usr/bin/time',
      ['-f', '%M %e %U %S', '-o', stats, process.execPath, ...nodeArgs, script, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (err += c))
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} ${args.join(' ')}: ${code}\n${out}${err}`))
      const [kib, wall, user, sys] = readFileSync(stats, 'utf8')
        .trim()
        .split('\n')
        .at(-1)
        .split(' ')
        .map(Number)
      resolve({ peakMiB: kib / 1024, wall, cpu: user + sys, out })
    })
  })
}

// `npm run ops` as package.json has it: node <flags> <script>
const ops = JSON.parse(readFileSync('package.json', 'utf8')).scripts.ops.split(/\s+/)
if (ops[0] !== 'node') throw new Error(`npm run ops: ${ops.join(' ')}`)
const opsScript = ops.findIndex((a) => /\.(ts|mjs|js)$/.test(a))
const variants = [
  [
    `\`npm run ops\` as package.json has it: \`${ops.slice(0, opsScript + 1).join(' ')}\``,
    ops.slice(1, opsScript),
    ops[opsScript],
  ],
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
    for (const rows of ROWS) {
      const r = await run(nodeArgs, script, [
        'roster',
        'import',
        '--insurer',
        '06139992',
        join(OUT, `roster-${rows}.csv`),
        '--url',
        `http://127.0.0.1:${PORT}`,
        '--token',
        'bench-token-0123456789',
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
  server.close()
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
