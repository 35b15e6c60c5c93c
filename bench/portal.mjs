// The portal for a benchmark: scripts/start.mjs (`wrangler dev`, local D1, the demo data) on its own port
// and state folder, stopped (its whole process group) when the benchmark exits; and the demo member's
// session after the step-up (code, secret question, notice), for the results API and screens.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { postJson } from '../e2e/browser.ts'

/**
 * Starts the portal and waits for its "Kenshin Portal:" line (the seed done); `cwd` names another
 * checkout (a before-and-after bench runs one of each), `stateDir` then best absolute.
 */
export async function startPortal({ port, stateDir, cwd = process.cwd() }) {
  const skipBuild =
    existsSync(join(cwd, 'dist/client/index.html')) && existsSync(join(cwd, 'dist/client/sw.js'))
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd,
    env: {
      ...process.env,
      PORT: String(port),
      STATE_DIR: stateDir,
      SKIP_BUILD: skipBuild ? '1' : '0',
      QUIET: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout.on('data', (c) => (output += c))
  child.stderr.on('data', (c) => (output += c))
  const stop = () => {
    if (child.exitCode !== null) return
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {}
  }
  process.on('exit', stop)
  for (let i = 0; !output.includes('Kenshin Portal:'); i++) {
    if (child.exitCode !== null || i > 3000) throw new Error(`the portal did not start\n${output}`)
    await delay(100)
  }
  return { base: `http://localhost:${port}`, child, stop, output: () => output }
}

/** The demo member (linked to D0000, 4 checkups) logged in and past the step-up: their cookie. */
export async function demoMemberCookie(base) {
  let cookie = ''
  const post = async (path, body) => {
    const res = await postJson(base, path, body, cookie)
    const text = await res.text()
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`)
    for (const c of res.headers.getSetCookie())
      if (c.startsWith('__Host-session=')) cookie = c.split(';')[0]
    return JSON.parse(text)
  }
  await post('/api/login', {
    email: 'demo@kenshin.example',
    password: 'Kenko-Demo-2026',
    captchaToken: 'XXXX.DUMMY.TOKEN.login',
  })
  if (!cookie) throw new Error('no session cookie')
  await post('/api/checkups/code', { code: 'VT7Y-2YTE-BHJ9' })
  await post('/api/checkups/question', { questionId: 'birthplace', answer: 'x' })
  const state = await post('/api/checkups/notice', {})
  if (state.state !== 'ready') throw new Error(`step-up: ${JSON.stringify(state)}`)
  return cookie
}
