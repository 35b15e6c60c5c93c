/**
 * The command line end to end: `node --experimental-strip-types cli/ops.ts …` in a child process against an
 * in-process fake of the operator API (async spawn: the fake answers from this process's event loop).
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rosterChunks } from './gen-roster.ts'
import { encodeShiftJis } from './sjis.ts'
import { startFakeServer, type FakeServer } from './testing/fake-ops.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dir = mkdtempSync(join(tmpdir(), 'kenshin-ops-'))
const ADMIN = 'adm-7f3c9e1b5d'
const OPERATOR = 'op-2a8d4c6e0f'
let fake: FakeServer
let tokensFile: string

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

type Run = { code: number; stdout: string; stderr: string }

function ops(args: string[], env: Record<string, string> = {}): Promise<Run> {
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

/** A port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  await new Promise((r) => server.close(r))
  return port
}

function noStack(run: Run) {
  expect(run.stderr).not.toMatch(/\n\s+at /)
  expect(run.stdout).not.toMatch(/\n\s+at /)
}

function noToken(run: Run) {
  for (const token of [ADMIN, OPERATOR]) {
    expect(run.stdout).not.toContain(token)
    expect(run.stderr).not.toContain(token)
  }
}

describe('ops: usage', () => {
  it('prints help with examples for every command', async () => {
    const main = await ops(['--help'])
    expect(main.code).toBe(0)
    expect(main.stdout).toContain('roster import')
    expect(main.stdout).toContain('例:')
    for (const command of [
      ['whoami'],
      ['insurer'],
      ['insurer', 'list'],
      ['insurer', 'create'],
      ['insurer', 'set'],
      ['roster', 'import'],
    ]) {
      const run = await ops([...command, '--help'])
      expect(run.code, command.join(' ')).toBe(0)
      expect(run.stdout, command.join(' ')).toContain('npm run ops --')
    }
    const create = await ops(['insurer', 'create', '-h', '--lang', 'en'])
    expect(create.stdout).toContain('Examples:')
    expect(create.stdout).toContain("--number 06139992 --name 'デモ健康保険組合'")
    const en = await ops(['help', 'roster', 'import'], { LANG: 'en_US.UTF-8' })
    expect(en.stdout).toContain('Exit codes')
  })

  it('exits 2 with a clear message on an unknown command, flag or bad value', async () => {
    const command = await ops(['insurers'])
    expect(command.code).toBe(2)
    expect(command.stderr).toContain('不明なコマンドです: insurers')

    const sub = await ops(['insurer', 'delete', '06139992'], { LANG: 'en_US.UTF-8' })
    expect(sub.code).toBe(2)
    expect(sub.stderr).toContain('Unknown command: insurer delete')

    const flag = await ops(['insurer', 'list', '--colour'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain('不明なオプションです: --colour')
    expect(flag.stderr).toContain('npm run ops -- insurer list --help')

    const value = await ops(['insurer', 'set', '06139992', '--maintenance', 'maybe'])
    expect(value.code).toBe(2)
    expect(value.stderr).toContain('--maintenance')

    const nothing = await ops(['insurer', 'set', '06139992'])
    expect(nothing.code).toBe(2)

    const batch = await ops([
      'roster',
      'import',
      '--insurer',
      '06139992',
      '--batch',
      '5000',
      'x.csv',
    ])
    expect(batch.code).toBe(2)
    expect(batch.stderr).toContain('1〜2000')

    const missing = await ops(['roster', 'import', 'x.csv'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('--insurer')
    for (const run of [command, sub, flag, value, nothing, batch, missing]) noStack(run)
  })
})

describe('ops: connection', () => {
  it('fails with exit 1 and a clear message when the server is unreachable', async () => {
    const port = await closedPort()
    const file = join(dir, 'unreachable.csv')
    writeFileSync(file, [...rosterChunks({ rows: 3 })].join(''))
    const run = await ops([
      'roster',
      'import',
      '--insurer',
      '06139992',
      file,
      '--url',
      `http://127.0.0.1:${port}`,
      '--token',
      'x',
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`サーバーに接続できません: http://127.0.0.1:${port}`)
    expect(run.stdout).toBe('')
    noStack(run)
  })

  it('uses the development admin token by default and the operator one with --as operator, never printing them', async () => {
    const admin = await ops(['whoami', '--url', fake.url])
    expect(admin.code).toBe(0)
    expect(admin.stdout).toContain('管理 太郎')
    expect(admin.stdout).toContain('admin')
    expect(fake.requests.at(-1)?.authorization).toBe(`Bearer ${ADMIN}`)

    const operator = await ops(['whoami', '--as', 'operator', '--json'], { KENSHIN_URL: fake.url })
    expect(JSON.parse(operator.stdout).staff).toEqual({
      id: 's2',
      name: '担当 花子',
      role: 'operator',
      insurer: '06139992',
    })
    expect(fake.requests.at(-1)?.authorization).toBe(`Bearer ${OPERATOR}`)
    expect(fake.requests.at(-1)?.language).toBe('ja')
    await ops(['whoami', '--lang', 'en'], { KENSHIN_URL: fake.url })
    expect(fake.requests.at(-1)?.language).toBe('en')
    noToken(admin)
    noToken(operator)
  })

  it('says so when the token is refused or missing', async () => {
    const bad = await ops(['whoami', '--url', fake.url, '--token', 'wrong-token'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('HTTP 401')
    expect(bad.stderr).not.toContain('wrong-token')

    const none = await ops(['whoami', '--url', fake.url], {
      KENSHIN_DEV_TOKENS: join(dir, 'none.json'),
    })
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('none.json')

    const remote = await ops(['whoami', '--url', 'https://kenshin.example'])
    expect(remote.code).toBe(1)
    expect(remote.stderr).toContain('KENSHIN_TOKEN')
    for (const run of [bad, none, remote]) noStack(run)
  })
})

describe('ops: insurers', () => {
  it('creates, changes and lists insurers', async () => {
    const created = await ops([
      'insurer',
      'create',
      '--url',
      fake.url,
      '--number',
      '06132013',
      '--name',
      'テスト健康保険組合',
      '--dependent-max-age',
      '18',
      '--cidr',
      '203.0.113.0/24,2001:db8::/32',
      '--cidr',
      '198.51.100.0/24',
      '--failure-limit',
      '10',
      '--maintenance',
    ])
    expect(created.code).toBe(0)
    expect(created.stdout).toContain('保険者 06132013 を作成しました')
    expect(fake.requests.at(-1)?.body).toEqual({
      number: '06132013',
      name: 'テスト健康保険組合',
      dependentMaxAge: 18,
      maintenance: true,
      allowedCidrs: ['203.0.113.0/24', '2001:db8::/32', '198.51.100.0/24'],
      allowlistFailureLimit: 10,
    })

    const conflict = await ops([
      'insurer',
      'create',
      '--url',
      fake.url,
      '--number',
      '06132013',
      '--name',
      'x',
    ])
    expect(conflict.code).toBe(1)
    expect(conflict.stderr).toContain('HTTP 409 conflict')

    const changed = await ops([
      'insurer',
      'set',
      '06132013',
      '--url',
      fake.url,
      '--insured-only',
      'on',
      '--maintenance',
      'off',
      '--dependent-max-age',
      'none',
      '--cidr',
      'none',
    ])
    expect(changed.code).toBe(0)
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: '/api/ops/insurers/06132013',
      body: { insuredOnly: true, maintenance: false, dependentMaxAge: null, allowedCidrs: [] },
    })
    expect(changed.stdout).toContain('本人のみ')

    const list = await ops(['insurer', 'list', '--url', fake.url])
    expect(list.code).toBe(0)
    const lines = list.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^保険者番号\s+名称\s+利用できる人/)
    expect(lines[1]).toMatch(/^-{10}  -{18}  /) // 保険者番号 and テスト健康保険組合 are 10 and 18 columns wide
    expect(lines.some((l) => /^06139992 {4}デモ健康保険組合 {4}本人と家族/.test(l))).toBe(true)
    expect(lines.some((l) => /^06132013 {4}テスト健康保険組合 {2}本人のみ/.test(l))).toBe(true)

    const json = await ops(['insurer', 'list', '--url', fake.url, '--json'])
    expect(JSON.parse(json.stdout).insurers.map((i: { number: string }) => i.number)).toContain(
      '06132013',
    )

    const forbidden = await ops([
      'insurer',
      'set',
      '06132013',
      '--url',
      fake.url,
      '--as',
      'operator',
      '--name',
      'x',
    ])
    expect(forbidden.code).toBe(1)
    expect(forbidden.stderr).toContain('HTTP 403')
  })
})

describe('ops: roster import', () => {
  it('imports a Shift_JIS file, reports rejections and writes them beside it', async () => {
    const text = [...rosterChunks({ rows: 2500, crlf: true })].join('')
    const lines = text.split('\r\n')
    lines[10] = lines[10].replace(/,[12],([12]),/, ',3,$1,') // line 11: sex 3
    lines[20] = lines[20].split(',').slice(0, 5).join(',') // line 21: 5 columns
    const file = join(dir, '名簿.csv')
    writeFileSync(file, encodeShiftJis(lines.join('\r\n')))

    const run = await ops([
      'roster',
      'import',
      '--insurer',
      '06139992',
      file,
      '--url',
      fake.url,
      '--batch',
      '1000',
    ])
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('Shift_JIS(CP932)')
    expect(run.stdout).toMatch(/読み込んだ行\s+2,500/)
    expect(run.stdout).toMatch(/追加\s+2,498/)
    expect(run.stdout).toMatch(/エラー\s+2/)
    expect(run.stdout).toContain('行 11  列 性別  must be 1 or 2')
    expect(run.stdout).toContain('行 21  列 -  列の数が 5 です(見出しは 13 列)')
    const rejected = join(dir, '名簿.rejected.csv')
    expect(run.stdout).toContain(rejected)
    expect(readFileSync(rejected, 'utf8')).toBe(
      '\uFEFF行番号,列,理由,コード\r\n11,性別,must be 1 or 2,invalid_code\r\n21,-,列の数が 5 です(見出しは 13 列),column_count\r\n',
    )
    const batches = fake.requests.filter((r) => r.path.endsWith('/roster/batches'))
    // batches travel in parallel, so they may arrive in any order
    expect(
      batches.map((r) => (r.body as { rows: unknown[] }).rows.length).sort((a, b) => b - a),
    ).toEqual([1000, 1000, 499])
    noToken(run)

    // again: nothing changes
    const again = await ops([
      'roster',
      'import',
      '--insurer',
      '06139992',
      file,
      '--url',
      fake.url,
      '--json',
    ])
    expect(again.code).toBe(0)
    const result = JSON.parse(again.stdout)
    expect(result).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 2498,
      rejected: 2,
      complete: true,
      error: null,
    })
    expect(result.encoding).toBe('Shift_JIS (CP932)')
  })

  it('prints nothing but errors with --quiet (as npm start runs it)', async () => {
    const file = join(dir, 'quiet.csv')
    writeFileSync(file, [...rosterChunks({ rows: 30, seed: 5 })].join(''))
    const run = await ops([
      'roster',
      'import',
      '--insurer',
      '06139992',
      file,
      '--url',
      fake.url,
      '--token',
      ADMIN,
      '--quiet',
    ])
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' })
    const failed = await ops([
      'roster',
      'import',
      '--insurer',
      '06139992',
      join(dir, 'nope.csv'),
      '--url',
      fake.url,
      '-q',
    ])
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('nope.csv')
  })

  it('retries a batch the server could not take for the moment', async () => {
    const file = join(dir, 'retry.csv')
    writeFileSync(file, [...rosterChunks({ rows: 20, seed: 7 })].join(''))
    const before = fake.requests.length
    fake.failNext = { status: 503, count: 1 }
    const run = await ops(['roster', 'import', '--insurer', '06139992', file, '--url', fake.url])
    expect(run.code).toBe(0)
    expect(fake.failNext.count).toBe(0)
    const posts = fake.requests.slice(before).filter((r) => r.path.endsWith('/roster/batches'))
    expect(posts).toHaveLength(2) // the refused one, then the same batch again
    expect(posts[1].body).toEqual(posts[0].body)
    expect(run.stdout).toMatch(/読み込んだ行\s+20/)
    expect(run.stdout).toMatch(/エラー\s+0/)
  })

  it('fails with exit 1 on a file without a header, an empty file, a missing file, or an unclosed quote', async () => {
    const noHeader = join(dir, 'noheader.csv')
    writeFileSync(noHeader, [...rosterChunks({ rows: 3 })].join('').split('\n').slice(1).join('\n'))
    const empty = join(dir, 'empty.csv')
    writeFileSync(empty, '')
    const unclosed = join(dir, 'unclosed.csv')
    writeFileSync(unclosed, [...rosterChunks({ rows: 5, seed: 3 })].join('') + 'G9,06139992,"1,2\n')

    const a = await ops(['roster', 'import', '--insurer', '06139992', noHeader, '--url', fake.url])
    expect(a.code).toBe(1)
    expect(a.stderr).toContain('見出し行')
    expect(a.stdout).toBe('')
    const b = await ops([
      'roster',
      'import',
      '--insurer',
      '06139992',
      empty,
      '--url',
      fake.url,
      '--lang',
      'en',
    ])
    expect(b.code).toBe(1)
    expect(b.stderr).toContain('The file is empty')
    const c = await ops([
      'roster',
      'import',
      '--insurer',
      '06139992',
      join(dir, 'nope.csv'),
      '--url',
      fake.url,
    ])
    expect(c.code).toBe(1)
    expect(c.stderr).toContain('ファイルを読めません')
    const d = await ops(['roster', 'import', '--insurer', '06139992', unclosed, '--url', fake.url])
    expect(d.code).toBe(1)
    expect(d.stdout).toMatch(/読み込んだ行\s+5/)
    expect(d.stderr).toContain('行 7 で始まる項目の引用符')
    // a header the server refuses: its message with the columns it names
    const header = join(dir, 'header.csv')
    writeFileSync(header, 'person_key,name_kana\nA1,ケンコウ　タロウ\n')
    const e = await ops(['roster', 'import', '--insurer', '06139992', header, '--url', fake.url])
    expect(e.code).toBe(1)
    expect(e.stderr).toContain('HTTP 400 roster_header')
    expect(e.stderr).toContain('missing: insurer_number, number, birth_date, sex, relationship')
    expect(e.stdout).toBe('')
    for (const run of [a, b, c, d, e]) noStack(run)
    expect(existsSync(join(dir, 'noheader.rejected.csv'))).toBe(false)
  })
})
