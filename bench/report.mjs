// Writes one benchmark's section of bench/README.md (between its markers), keeping the others.
import { readFileSync, writeFileSync, existsSync } from 'node:fs'

const FILE = new URL('./README.md', import.meta.url)

export function writeSection(name, markdown) {
  let text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '# Benchmarks\n'
  const start = `<!-- bench:${name} -->`
  const end = `<!-- /bench:${name} -->`
  const block = `${start}\n${markdown.trim()}\n${end}`
  const re = new RegExp(`${start}[\\s\\S]*?${end}`)
  text = re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`
  writeFileSync(FILE, text)
}

/**
 * The commit measured: its short hash, with "+ changes" when the work tree has uncommitted ones.
 * `cwd` names another checkout (a before-and-after bench measures two).
 */
export async function commit(cwd = process.cwd()) {
  const { execFileSync } = await import('node:child_process')
  const git = (...args) => execFileSync('git', args, { encoding: 'utf8', cwd }).trim()
  try {
    // The figures' own file does not count as a change.
    const changed = git('status', '--porcelain', '--untracked-files=no')
      .split('\n')
      .filter((line) => line && !line.endsWith('bench/README.md'))
    return `${git('rev-parse', '--short', 'HEAD')}${changed.length ? ' + changes' : ''}`
  } catch {
    return 'an unknown commit'
  }
}

export const today = () => new Date().toISOString().slice(0, 10)

export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))]
  return { n: s.length, median: q(0.5), p95: q(0.95), min: s[0], max: s[s.length - 1] }
}

export const machine = async () => {
  const os = await import('node:os')
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`
}

/** The 1-minute load average: this 2-CPU machine is shared, so every figure says how busy it was. */
export const load = async () => (await import('node:os')).loadavg()[0]

/**
 * Starts the portal as `npm start` does (scripts/start.mjs: `wrangler dev`, local D1, demo data
 * seeded) from a checkout whose dist is built, on its own port and in a fresh state folder, so that
 * a bench runs beside other servers. Resolves once the demo data is in; `stop()` ends the server's
 * process group, waits for it and removes the state unless `keep` (to read its D1 file first).
 */
export async function startPortal({ port, state, cwd = process.cwd() }) {
  const { spawn } = await import('node:child_process')
  const { rmSync } = await import('node:fs')
  const { join } = await import('node:path')
  if (await listening(port))
    throw new Error(`port ${port} is taken: another server would answer (and be seeded) instead`)
  const stateDir = join(cwd, state)
  rmSync(stateDir, { recursive: true, force: true })
  const server = spawn('node', ['scripts/start.mjs'], {
    cwd,
    env: { ...process.env, PORT: String(port), STATE_DIR: state, SKIP_BUILD: '1', QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  })
  const exited = new Promise((resolve) => server.on('exit', resolve))
  await new Promise((resolve, reject) => {
    let out = ''
    server.stdout.on('data', (c) => {
      out += c
      if (out.includes('Kenshin Portal:')) resolve()
    })
    exited.then(() =>
      reject(new Error(`the portal in ${cwd} stopped before it was ready:\n${out}`)),
    )
  })
  return {
    origin: `http://localhost:${port}`,
    stateDir,
    async stop({ keep = false } = {}) {
      try {
        process.kill(-server.pid, 'SIGTERM')
      } catch {}
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))])
      if (!keep) rmSync(stateDir, { recursive: true, force: true })
    },
  }
}

/** Whether something already listens on the port (wrangler would fail, and start.mjs would talk to it). */
async function listening(port) {
  const net = await import('node:net')
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
