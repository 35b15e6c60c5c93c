/**
 * Test helpers for the command line against the real app (createApp on in-memory libSQL), its HTTP calls
 * answered in-process: the demo data seeded and the demo roster imported, the way `npm start` does; a
 * folder of files for one test file; and `npm run ops` run in-process against that app.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { seedDemo } from '../../worker/dev/seed'
import { DEMO_INSURER, insurerDb, makeHarness, testDb } from '../../worker/test/harness'
import { ApiClient } from '../client.ts'
import { main, type Io } from '../main.ts'
import { importRoster } from '../roster-import.ts'

/** The repository's root (for db/seed/…). */
export const root = new URL('../..', import.meta.url).pathname
export const INSURER = '06139992'

/** A temporary folder, removed after the test file, and a fresh path in it per call. */
export function tempFiles(prefix: string): { dir: string; path: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  let n = 0
  return { dir, path: (name: string) => join(dir, `${++n}-${name}`) }
}

/** The app with the demo data, an admin client of its operator API, and the demo roster imported. */
export async function demoApp() {
  const h = makeHarness(await testDb())
  const tokens = await seedDemo(h.deps)
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    h.app.request(
      input instanceof Request ? input : String(input),
      init,
    )) as typeof globalThis.fetch
  const api = new ApiClient(
    { url: 'http://localhost:8787', token: tokens.admin, tokenSource: 'flag' },
    { fetch },
  )
  const roster = await importRoster({
    file: join(root, 'db/seed/demo-roster.csv'),
    insurer: INSURER,
    post: api.postRosterBatch.bind(api),
  })
  /** The demo insurer's own database (issue 14): its roster, codes and checkups, for a test's reads. */
  const demo = await insurerDb(h.deps.db, DEMO_INSURER.id)
  return { h, api, fetch, tokens, roster, demo }
}

/** `npm run ops -- …` in-process, against `fetch`, with this token; what it printed and its exit code. */
export async function runOps(
  args: string[],
  options: { fetch: typeof globalThis.fetch; token: string; cwd: string; lang?: string },
) {
  let stdout = ''
  let stderr = ''
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { LANG: options.lang ?? 'ja_JP.UTF-8' },
    cwd: options.cwd,
    fetch: options.fetch,
  }
  const code = await main([...args, '--url', 'http://localhost:8787', '--token', options.token], io)
  return { code, stdout, stderr }
}
