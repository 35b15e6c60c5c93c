import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { opsImport } from '../scripts/ops-cli.mjs'

/** E2E_PORT lets two checkouts run their journeys side by side. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 8788)
const STATE_DIR = '.e2e-state'

let server: ChildProcess | undefined

/**
 * Starts `npm start`'s script on its own port with a fresh local D1, and waits for the seed: the
 * journeys run against the real `wrangler dev` (workerd, D1, the built PWA), as a newcomer's would.
 */
export async function setup() {
  rmSync(STATE_DIR, { recursive: true, force: true })
  const skipBuild = existsSync('dist/client/index.html') ? '1' : '0'
  server = spawn('node', ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(E2E_PORT), STATE_DIR, SKIP_BUILD: skipBuild, QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`wrangler dev did not start:\n${output}`)),
      150_000,
    )
    server!.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      // The server's own warnings (never personal data) help explain a failed journey.
      for (const line of chunk.toString().split('\n'))
        if (/"level":"(warn|error)"/.test(line)) process.stderr.write(`[server] ${line}\n`)
      if (output.includes('Kenshin Portal:')) {
        clearTimeout(timer)
        resolve()
      }
      if (output.includes('seeding the demo data failed')) reject(new Error(output))
    })
    server!.on('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)))
  })
  importExtraData()
}

/**
 * Each roster person can be linked once per database, and the journeys share one: the demo data's
 * persons are all taken by a test, so the tests that need more get them from their own fixtures,
 * through the CLI as an operator would: two roster persons with no checkups (withdrawal and signing up
 * again links a person twice over), and two more persons' checkups (the offline copy's limits).
 */
function importExtraData() {
  const { admin } = JSON.parse(readFileSync(join(STATE_DIR, 'dev-ops-tokens.json'), 'utf8')) as {
    admin: string
  }
  for (const [kind, file] of [
    ['roster', 'e2e/fixtures/extra-roster.csv'],
    ['checkups', 'e2e/fixtures/extra-checkups.csv'],
  ] as const) {
    const run = opsImport(kind, { file, url: `http://localhost:${E2E_PORT}`, token: admin })
    if (run.status !== 0) throw new Error(`importing ${file} failed:\n${run.stdout}${run.stderr}`)
  }
}

export async function teardown() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM')
    } catch {}
  }
  rmSync(STATE_DIR, { recursive: true, force: true })
}
