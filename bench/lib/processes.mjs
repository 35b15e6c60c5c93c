// The server-side benches' processes: each server in a process group of its own (stopped, the whole group,
// when the bench exits), the CPU seconds of a group's processes from /proc, the portal of `npm start`
// (scripts/start.mjs) with its development tokens, and which other benches run beside this one.
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'

export const NODE = process.execPath
/** Node's flags to run a TypeScript file (bench/gen-*.ts). */
export const TS = ['--experimental-strip-types', '--no-warnings']

const groups = new Set()
export function stopGroup(pid) {
  if (!groups.delete(pid)) return
  try {
    process.kill(-pid, 'SIGTERM')
  } catch {}
}
process.on('exit', () => [...groups].forEach(stopGroup))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130))

/** CPU seconds (user + system) of every process in a process group, by pid, with its command name. */
export function groupCpu(pgid) {
  const by = new Map()
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(f[2]) !== pgid) continue
      by.set(pid, { comm, s: (Number(f[11]) + Number(f[12])) / 100 })
    } catch {}
  }
  return by
}

/** CPU seconds by command name between two readings of groupCpu. */
export function cpuDelta(before, after) {
  const sum = {}
  for (const [pid, { comm, s }] of after)
    sum[comm] = (sum[comm] ?? 0) + s - (before.get(pid)?.s ?? 0)
  return sum
}

/** A cpuDelta as text: `workerd 12.3 s, node 0.4 s` (below 0.05 s left out). */
export const cpuText = (by) =>
  Object.entries(by)
    .filter(([, s]) => s >= 0.05)
    .map(([k, s]) => `${k} ${s.toFixed(1)} s`)
    .join(', ')

/** CPU seconds of our own children that have been waited for (the CLI runs, once they exit). */
export function childrenCpu() {
  const stat = readFileSync('/proc/self/stat', 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[13]) + Number(f[14])) / 100
}

/** Waits until no process of the group is left (workerd holds the port until it is gone). */
async function waitForGroup(pgid, ms = 15_000) {
  for (let t = 0; t < ms && groupCpu(pgid).size > 0; t += 100) await delay(100)
  try {
    process.kill(-pgid, 'SIGKILL')
  } catch {}
}

/**
 * `cmd args` in a process group of its own, its output kept; `stop()` ends the group and waits for it,
 * `remove()` then also removes the server's `state` folder.
 */
export function spawnGroup(cmd, args, { env = {}, cwd, state } = {}) {
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  groups.add(child.pid)
  let out = ''
  child.stdout.on('data', (c) => (out += c))
  child.stderr.on('data', (c) => (out += c))
  return {
    child,
    pgid: child.pid,
    output: () => out,
    stop: async () => {
      stopGroup(child.pid)
      await waitForGroup(child.pid)
    },
    remove: async () => {
      stopGroup(child.pid)
      await waitForGroup(child.pid)
      if (state) rmSync(state, { recursive: true, force: true })
    },
  }
}

/**
 * The portal as `npm start` runs it (scripts/start.mjs: `wrangler dev`, local D1, demo data) on `port`,
 * in the fresh state folder `state`, the dist already built: once the demo data is in, with the
 * development staff tokens it wrote ({url, admin, …}).
 */
export async function startDevPortal({ port, state }) {
  rmSync(state, { recursive: true, force: true })
  const s = spawnGroup(NODE, ['scripts/start.mjs'], {
    env: { PORT: String(port), STATE_DIR: state, SKIP_BUILD: '1', QUIET: '1' },
    state,
  })
  for (let i = 0; !s.output().includes('Kenshin Portal:'); i++) {
    if (s.child.exitCode !== null || i > 1200)
      throw new Error(`the server did not start\n${s.output()}`)
    await delay(100)
  }
  const tokens = JSON.parse(readFileSync(join(state, 'dev-ops-tokens.json'), 'utf8'))
  return { ...s, tokens }
}

/** The other benches running now, one `node bench/….mjs` a line (script names only: their arguments hold tokens). */
export function otherBenches(self) {
  const running =
    spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout.match(/bench\/[\w-]+\.mjs/g) ?? []
  return [...new Set(running)]
    .filter((x) => !x.includes(self))
    .map((x) => `node ${x}`)
    .join('\n')
}

/**
 * A bench's own Worker in `wrangler dev` on 127.0.0.1:`port` (no metrics, warnings only), its D1 state in
 * `persistTo`: once `probe` is answered and `ready(response)` says so.
 */
export async function startWorker({ port, persistTo, config, cwd, probe = '/', ready, what }) {
  const s = spawnGroup(
    resolve('node_modules/.bin/wrangler'),
    [
      'dev',
      ...(config ? ['--config', config] : []),
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      persistTo,
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
    ],
    { cwd, env: { WRANGLER_SEND_METRICS: 'false', CI: 'true' }, state: persistTo },
  )
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    if (s.child.exitCode !== null || i > 600)
      throw new Error(`the ${what} did not start\n${s.output()}`)
    const up = await fetch(base + probe).then(
      (res) => !ready || ready(res),
      () => false,
    )
    if (up) return { ...s, base }
    await delay(100)
  }
}
