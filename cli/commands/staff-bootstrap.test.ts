/**
 * `staff bootstrap`: the command in-process against the real app (createApp on libSQL), its HTTP call
 * answered in-process, so the whole path from the environment's secret to the admin row is run.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { staff } from '../../db/schema'
import { makeHarness, testDb } from '../../worker/test/harness'
import { main, type Io } from '../main.ts'

const SECRET = 'bootstrap-secret-for-the-cli-0123456789abcdef'

async function server(env: Record<string, string> = { STAFF_BOOTSTRAP_SECRET: SECRET }) {
  const h = makeHarness(await testDb(), {}, env)
  const sent: { url: string; headers: Headers }[] = []
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input)
    sent.push({ url, headers: new Headers(init?.headers) })
    return h.app.request(url, init)
  }) as typeof globalThis.fetch
  return { h, sent, fetch }
}

async function run(argv: string[], env: Record<string, string>, fetch: typeof globalThis.fetch) {
  let stdout = ''
  let stderr = ''
  const io: Io = {
    stdout: { write: (s: string) => void (stdout += s) },
    stderr: { write: (s: string) => void (stderr += s) },
    env,
    cwd: process.cwd(),
    fetch,
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

const ARGS = [
  'staff',
  'bootstrap',
  '--email',
  'first@staff.kenshin.example',
  '--name',
  '最初 管理者',
]

describe('ops: staff bootstrap', () => {
  it('creates the first platform admin with the secret from the environment, once', async () => {
    const { h, sent, fetch } = await server()
    const env = { KENSHIN_BOOTSTRAP_SECRET: SECRET, LANG: 'ja_JP.UTF-8' }
    const done = await run(ARGS, env, fetch)
    expect(done.stderr).toBe('')
    expect(done.code).toBe(0)
    expect(done.stdout).toContain('first@staff.kenshin.example')
    const [row] = await h.deps.db.select().from(staff).where(eq(staff.role, 'platform_admin'))
    expect(row).toMatchObject({ name: '最初 管理者', email: 'first@staff.kenshin.example' })
    expect(h.lastMailTo('first@staff.kenshin.example')?.text).toMatch(/\/staff\/enrol\?token=/)
    // The request: JSON, the URL's own Origin, the secret in the body only.
    expect(sent[0].url).toBe('http://localhost:8787/api/ops/enrol/bootstrap')
    expect(sent[0].headers.get('Origin')).toBe('http://localhost:8787')
    expect(sent[0].headers.get('Content-Type')).toBe('application/json')
    const again = await run(
      ['staff', 'bootstrap', '--email', 'second@staff.kenshin.example', '--name', 'x'],
      env,
      fetch,
    )
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('すでにいます')
  })

  it('takes the secret from the environment only, and says what is missing', async () => {
    const { h, fetch } = await server()
    const noSecret = await run(ARGS, { LANG: 'en_GB.UTF-8' }, fetch)
    expect(noSecret.code).toBe(2)
    expect(noSecret.stderr).toContain('KENSHIN_BOOTSTRAP_SECRET')
    const asFlag = await run([...ARGS, '--secret', SECRET], { LANG: 'en_GB.UTF-8' }, fetch)
    expect(asFlag.code).toBe(2)
    const noEmail = await run(
      ['staff', 'bootstrap', '--name', 'x'],
      { KENSHIN_BOOTSTRAP_SECRET: SECRET },
      fetch,
    )
    expect(noEmail.code).toBe(2)
    expect(noEmail.stderr).toContain('--email')
    const wrong = await run(
      ARGS,
      { KENSHIN_BOOTSTRAP_SECRET: `${SECRET}x`, LANG: 'en_GB.UTF-8' },
      fetch,
    )
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('does not match')
    expect(await h.deps.db.select().from(staff)).toHaveLength(0)
  })

  it('says so when the server has no bootstrap secret', async () => {
    const { fetch } = await server({})
    const off = await run(ARGS, { KENSHIN_BOOTSTRAP_SECRET: SECRET, LANG: 'en_GB.UTF-8' }, fetch)
    expect(off.code).toBe(1)
    expect(off.stderr).toContain('STAFF_BOOTSTRAP_SECRET')
  })

  it('prints its help', async () => {
    const { fetch } = await server()
    const help = await run(['staff', 'bootstrap', '--help'], { LANG: 'ja_JP.UTF-8' }, fetch)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('KENSHIN_BOOTSTRAP_SECRET')
    const group = await run(['staff', '--help'], { LANG: 'ja_JP.UTF-8' }, fetch)
    expect(group.stdout).toContain('staff bootstrap')
  })
})
