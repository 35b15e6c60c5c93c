/**
 * The command line end to end: `node --experimental-strip-types cli/ops.ts …` in a child process against an
 * in-process fake of the operator API (./testing/ops-child.ts): the dispatcher's help and usage errors, and
 * the connection (server, tokens) every command shares. Each command's own tests are beside it in commands/.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rosterChunks } from '../bench/gen-roster.ts'
import {
  ADMIN,
  closedPort,
  dir,
  fake,
  noStack,
  noToken,
  OPERATOR,
  ops,
} from './testing/ops-child.ts'

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
