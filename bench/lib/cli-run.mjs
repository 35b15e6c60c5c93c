// The operator CLI as the benches run it: a Node process measured from outside (wall time, peak RSS, CPU),
// the generated rosters it imports, and a stand-in operator API on loopback that answers every batch at
// once, so that only the CLI is measured.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { childrenCpu, NODE, TS } from './processes.mjs'

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null

/**
 * Runs node with `args` and measures the process: peak RSS (the kernel's maxrss through /usr/bin/time, written
 * to `statsFile`, else the highest VmHWM sampled), VmRSS every 100 ms (at ¼, ½, ¾ and the end of the run:
 * flat or growing), CPU seconds (user + system), wall time.
 */
export async function measured(args, statsFile) {
  rmSync(statsFile, { force: true })
  const cpu0 = childrenCpu()
  const t0 = performance.now()
  const child = TIME
    ? spawn(TIME, ['-f', '%M %U %S', '-o', statsFile, NODE, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(NODE, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c) => (stdout += c))
  child.stderr.on('data', (c) => (stderr += c))
  let pid = TIME ? null : child.pid
  let hwm = 0
  const rss = []
  const sample = () => {
    try {
      pid ??=
        Number(
          readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')
            .trim()
            .split(' ')[0],
        ) || null
      if (!pid) return
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      hwm = Math.max(hwm, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))
      const now = /VmRSS:\s+(\d+)/.exec(status) // absent once the process has exited (a zombie)
      if (now) rss.push(Number(now[1]) / 1024)
    } catch {}
  }
  const timer = setInterval(sample, 100)
  const code = await new Promise((res) => child.on('exit', res))
  clearInterval(timer)
  const wallMs = performance.now() - t0
  await new Promise((res) => setImmediate(res))
  let peakKiB = hwm
  let cpu = childrenCpu() - cpu0
  if (TIME && existsSync(statsFile)) {
    const [maxrss, user, sys] = readFileSync(statsFile, 'utf8')
      .trim()
      .split('\n')
      .at(-1)
      .split(' ')
      .map(Number)
    peakKiB = Math.max(peakKiB, maxrss)
    cpu = user + sys
  }
  const at = (f) => rss[Math.min(rss.length - 1, Math.floor(f * rss.length))] ?? 0
  return {
    code,
    stdout,
    stderr,
    wallMs,
    peakMiB: peakKiB / 1024,
    rssQuarters: [0.25, 0.5, 0.75, 0.999].map(at),
    cpu,
  }
}

/**
 * bench/out/roster-<rows>.csv from bench/gen-roster.ts (insurer 06139992), generated unless it is there: the
 * generator is deterministic, the same arguments give the same file. `stdio` of the generator (its line).
 */
export function rosterFile(rows, stdio = 'inherit') {
  const file = join('bench/out', `roster-${rows}.csv`)
  if (existsSync(file)) return file
  mkdirSync('bench/out', { recursive: true })
  const r = spawnSync(
    NODE,
    [...TS, 'bench/gen-roster.ts', '--rows', String(rows), '--out', file, '--insurer', '06139992'],
    { stdio, encoding: 'utf8' },
  )
  if (r.status !== 0) throw new Error(`bench/gen-roster.ts failed\n${r.stderr ?? ''}`)
  return file
}

/**
 * A stand-in operator API on 127.0.0.1:`port`: whoami answers an admin, an import record (POST …/imports,
 * …/imports/:id/finish) is taken, every other request (a batch) is answered at once with `answer(body)`. Resolves when it listens: `url`, `batches()` (how many were answered), `close()`.
 */
export async function startStandin(port, answer) {
  let batches = 0
  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      res.setHeader('content-type', 'application/json')
      if (req.url === '/api/ops/whoami')
        return res.end(
          JSON.stringify({ staff: { id: 's', name: 'bench', role: 'admin', insurerId: null } }),
        )
      if (/\/imports(\/[^/]+\/finish)?$/.test(req.url ?? '')) {
        res.statusCode = req.url.endsWith('/finish') ? 200 : 201
        return res.end(
          JSON.stringify({ import: {}, resume: { seq: 0, lastLine: null, lastUnit: null } }),
        )
      }
      batches++
      res.end(JSON.stringify(answer(JSON.parse(Buffer.concat(chunks).toString('utf8')))))
    })
  })
  await new Promise((res) => server.listen(port, '127.0.0.1', res))
  return {
    url: `http://127.0.0.1:${port}`,
    token: 'bench-token-0123456789',
    batches: () => batches,
    close: () => new Promise((res) => server.close(res)),
  }
}

/** The node flags of package.json's "ops" script (V8 caps, type stripping), to run the CLI as `npm run ops` does. */
export const OPS = (() => {
  const words = JSON.parse(readFileSync('package.json', 'utf8')).scripts.ops.split(/\s+/)
  const at = words.findIndex((w) => /\.(ts|mjs|js)$/.test(w))
  if (words[0] !== 'node' || at < 0) throw new Error(`npm run ops: ${words.join(' ')}`)
  return { flags: words.slice(1, at), script: words[at], text: words.slice(0, at + 1).join(' ') }
})()
