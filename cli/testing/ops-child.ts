/**
 * The command line end to end, for test files: `node --experimental-strip-types cli/ops.ts …` in a child
 * process against an in-process fake of the operator API (async spawn: the fake answers from this process's
 * event loop), started before the importing test file's tests and stopped after them.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect } from 'vitest'
import { startFakeServer, type FakeServer } from './fake-ops.ts'

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
export const dir = mkdtempSync(join(tmpdir(), 'kenshin-ops-'))
export const ADMIN = 'adm-7f3c9e1b5d'
export const OPERATOR = 'op-2a8d4c6e0f'
export let fake: FakeServer
export let tokensFile: string

beforeAll(async () => {
  fake = await startFakeServer({
    [ADMIN]: { id: 's1', name: '管理 太郎', role: 'admin', insurer: null },
    [OPERATOR]: { id: 's2', name: '担当 花子', role: 'operator', insurer: '06139992' },
  })
  tokensFile = join(dir, 'dev-ops-tokens.json')
  writeFileSync(tokensFile, JSON.stringify({ url: fake.url, admin: ADMIN, operator: OPERATOR }))
})
afterAll(async () => {
  await fake?.close()
  rmSync(dir, { recursive: true, force: true })
})

export type Run = { code: number; stdout: string; stderr: string }

export function ops(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', 'cli/ops.ts', ...args],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          LANG: 'ja_JP.UTF-8',
          KENSHIN_DEV_TOKENS: tokensFile,
          ...env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr })
      },
    )
  })
}

/** `roster import` of a file for the demo insurer 06139992 against the fake, with more flags after it. */
export function rosterImport(file: string, ...flags: string[]): Promise<Run> {
  return ops(['roster', 'import', '--insurer', '06139992', file, '--url', fake.url, ...flags])
}

/** `insurer create` of the test insurer 06132013 (テスト健康保険組合) against the fake, with more flags. */
export function createTestInsurer(...flags: string[]): Promise<Run> {
  return insurer('create', '--number', '06132013', '--name', 'テスト健康保険組合', ...flags)
}

/** `insurer <sub> …` against the fake. */
export function insurer(sub: 'create' | 'set' | 'list', ...args: string[]): Promise<Run> {
  return ops(['insurer', sub, ...args, '--url', fake.url])
}

/** A port with nothing listening. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  await new Promise((r) => server.close(r))
  return port
}

export function noStack(run: Run) {
  expect(run.stderr).not.toMatch(/\n\s+at /)
  expect(run.stdout).not.toMatch(/\n\s+at /)
}

export function noToken(run: Run) {
  for (const token of [ADMIN, OPERATOR]) {
    expect(run.stdout).not.toContain(token)
    expect(run.stderr).not.toContain(token)
  }
}
