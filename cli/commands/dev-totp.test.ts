/**
 * `dev totp`: the command line in a child process against the real app (libSQL) served on a local port,
 * where it prints the code the app's own clock makes of the README's listed secret.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEV_STAFF } from '../../worker/dev/staff'
import { totpCode } from '../../worker/services/totp'
import { harness, type Harness } from '../../worker/test/harness'
import { ops } from '../testing/ops-child.ts'

let h: Harness
let server: Server
let url: string

beforeAll(async () => {
  h = await harness()
  server = createServer(async (req, res) => {
    const answer = await h.app.request(`http://localhost${req.url}`)
    res.writeHead(answer.status, { 'Content-Type': answer.headers.get('Content-Type') ?? '' })
    res.end(await answer.text())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('ops: dev totp', () => {
  it("prints a development staff member's current code, by the server's clock", async () => {
    const support = DEV_STAFF.find((s) => s.id === 'dev-support')!
    const run = await ops(['dev', 'totp', support.email, '--url', url])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toBe(totpCode(support.totpSecret, h.deps.now()))
  })

  it('says so for an address that is not a development staff member', async () => {
    const run = await ops(['dev', 'totp', 'nobody@example.jp', '--url', url, '--lang', 'en'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('nobody@example.jp is not a development staff member')
  })

  it('refuses a server that is not local, and asks for the address', async () => {
    const remote = await ops(['dev', 'totp', 'a@example.jp', '--url', 'https://kenshin.example.jp'])
    expect(remote.code).toBe(2)
    const missing = await ops(['dev', 'totp', '--url', url, '--lang', 'en'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('the e-mail address')
  })
})
