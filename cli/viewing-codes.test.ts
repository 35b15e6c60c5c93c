import { createClient } from '@libsql/client'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq, isNull } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { normalizeViewingCode } from '../core/health-access'
import { migrateLibsql } from '../db/migrate'
import { openLibsql } from '../db/open'
import { viewingCodes } from '../db/schema'
import { DEMO_INSURER, seedDemo } from '../worker/dev/seed'
import { verifyPassword } from '../worker/services/passwords'
import { makeHarness } from '../worker/test/harness'
import { ApiClient, type IssuedCode } from './client.ts'
import { main, type Io } from './ops.ts'
import { importRoster } from './roster-import.ts'
import { issueCodes, japanDate, POSTCARD_HEADER, postcardCells } from './viewing-codes.ts'

/**
 * Viewing codes from the command line against the real app (createApp on in-memory libSQL), its HTTP calls
 * answered in-process: the demo roster (20 persons) imported, then codes issued, re-issued and counted.
 */
const root = new URL('..', import.meta.url).pathname
const INSURER = '06139992'
const CODE = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/

const dir = mkdtempSync(join(tmpdir(), 'kenshin-codes-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
const path = (name: string) => join(dir, `${++n}-${name}`)

async function realServer() {
  const client = createClient({ url: ':memory:' })
  await migrateLibsql(client)
  const h = makeHarness(openLibsql(client))
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
  expect(roster).toMatchObject({ complete: true, rejected: 0, inserted: 20 })
  /** The live code rows of a person. */
  const live = (personKey: string) =>
    h.deps.db
      .select()
      .from(viewingCodes)
      .where(
        and(
          eq(viewingCodes.insurerId, DEMO_INSURER.id),
          eq(viewingCodes.personKey, personKey),
          isNull(viewingCodes.revokedAt),
        ),
      )
  /** The code matches the person's one live code hash. */
  const valid = async (personKey: string, code: string) => {
    const rows = await live(personKey)
    return (
      rows.length === 1 &&
      (await verifyPassword(rows[0].codeHash, normalizeViewingCode(code) as string)).ok
    )
  }
  return { h, api, fetch, tokens, live, valid }
}

async function ops(
  args: string[],
  fetch: typeof globalThis.fetch,
  token: string,
  lang = 'ja_JP.UTF-8',
) {
  let stdout = ''
  let stderr = ''
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { LANG: lang },
    cwd: dir,
    fetch,
  }
  const code = await main([...args, '--url', 'http://localhost:8787', '--token', token], io)
  return { code, stdout, stderr }
}

/** The print file: its raw text, and its rows as cells (no field of the demo roster needs quoting). */
function printFile(file: string) {
  const text = readFileSync(file, 'utf8')
  const lines = text.replace(/^\uFEFF/, '').split('\r\n')
  expect(lines.pop()).toBe('')
  const [header, ...rows] = lines.map((l) => l.split(','))
  return { text, header, rows }
}

describe('npm run ops -- codes (CLI → operator API → libSQL)', () => {
  it('issues a code to each of the 20 demo persons, writes the print file, and a second run issues none', async () => {
    const { h, fetch, tokens, valid } = await realServer()
    const before = await ops(
      ['codes', 'status', '--insurer', INSURER, '--json'],
      fetch,
      tokens.admin,
    )
    expect(before.code).toBe(0)
    expect(JSON.parse(before.stdout)).toEqual({
      insurer: INSURER,
      issued: 0,
      used: 0,
      locked: 0,
      withoutCode: 20,
    })

    const out = path('postcards.csv')
    const run = await ops(
      ['codes', 'issue', '--insurer', INSURER, '--out', out],
      fetch,
      tokens.admin,
    )
    expect(run.stderr).toContain('閲覧コードのない方 20 人')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`閲覧コードの発行結果: 保険者 ${INSURER}`)
    expect(run.stdout).toMatch(/発行した閲覧コード\s+20/)
    expect(run.stdout).toContain('件/秒')
    expect(run.stdout).toContain(`印刷用ファイル: ${out}`)
    expect(run.stdout).toContain('閲覧コードはこのファイルにしかありません')

    const { text, header, rows } = printFile(out)
    expect(
      text.startsWith(
        '\uFEFF個人識別番号,保険者番号,記号,番号,枝番,氏名カナ,郵便番号,住所,健診閲覧コード,発行日\r\n',
      ),
    ).toBe(true)
    expect(header).toEqual(POSTCARD_HEADER)
    expect(rows).toHaveLength(20)
    const demoKeys = readFileSync(join(root, 'db/seed/demo-roster.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0])
    expect(rows.map((r) => r[0]).sort()).toEqual(demoKeys.sort())
    expect(rows[0]).toEqual([
      'D0000',
      INSURER,
      '1200',
      '100',
      '',
      'ケンコウ　タロウ',
      '100-0000',
      '東京都千代田区デモ町1-1',
      rows[0][8],
      japanDate(new Date(h.deps.now()).toISOString()),
    ])
    for (const r of rows) {
      expect(r[8]).toMatch(CODE)
      expect(await valid(r[0], r[8])).toBe(true)
    }
    expect(new Set(rows.map((r) => r[8])).size).toBe(20)

    const statusAfter = await ops(['codes', 'status', '--insurer', INSURER], fetch, tokens.admin)
    expect(statusAfter.code).toBe(0)
    expect(statusAfter.stdout).toContain(`保険者 ${INSURER} の閲覧コード`)
    expect(statusAfter.stdout).toMatch(/発行済み.有効なコード.\s+20/)
    expect(statusAfter.stdout).toMatch(/うち利用済み\s+0/)
    expect(statusAfter.stdout).toMatch(/うちロック中\s+0/)
    expect(statusAfter.stdout).toMatch(/閲覧コードのない方\s+0/)

    const second = path('postcards-2.csv')
    const again = await ops(
      ['codes', 'issue', '--insurer', INSURER, '--out', second, '--lang', 'en'],
      fetch,
      tokens.admin,
    )
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/Codes issued\s+0/)
    expect(again.stdout).toContain(
      'Everyone already has a viewing code; no file was created or changed',
    )
    expect(existsSync(second)).toBe(false)
    expect(printFile(out).rows).toHaveLength(20)
  })

  it('re-issues D0000 a new code: the old one dies, one live code per person remains', async () => {
    const { fetch, tokens, valid, live } = await realServer()
    const out = path('all.csv')
    expect(
      await ops(['codes', 'issue', '--insurer', INSURER, '--out', out, '-q'], fetch, tokens.admin),
    ).toEqual({ code: 0, stdout: '', stderr: '' })
    const old = printFile(out).rows.find((r) => r[0] === 'D0000')?.[8] as string

    const re = path('reissue.csv')
    const run = await ops(
      [
        'codes',
        'reissue',
        '--insurer',
        INSURER,
        '--person',
        'D0000',
        '--person',
        'D0000,D9999',
        '--out',
        re,
        '--json',
      ],
      fetch,
      tokens.operator,
    )
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      insurer: INSURER,
      reissued: 1,
      file: re,
      complete: true,
      notFound: ['D9999'],
      error: null,
    })
    expect(run.stderr).toContain('名簿にない個人識別番号です(再発行していません): D9999')
    const { rows } = printFile(re)
    expect(rows).toHaveLength(1)
    expect(rows[0][0]).toBe('D0000')
    expect(rows[0][8]).toMatch(CODE)
    expect(rows[0][8]).not.toBe(old)
    expect(await valid('D0000', rows[0][8])).toBe(true)
    expect(await valid('D0000', old)).toBe(false)
    expect(await live('D0000')).toHaveLength(1)

    const status = await ops(
      ['codes', 'status', '--insurer', INSURER, '--json'],
      fetch,
      tokens.operator,
    )
    expect(JSON.parse(status.stdout)).toEqual({
      insurer: INSURER,
      issued: 20,
      used: 0,
      locked: 0,
      withoutCode: 0,
    })
  })

  it('refuses an existing --out without --force, overwrites it with --force, and fails before issuing on an unwritable --out', async () => {
    const { fetch, tokens } = await realServer()
    const out = path('kept.csv')
    writeFileSync(out, 'earlier postcards\r\n')
    const refused = await ops(
      ['codes', 'issue', '--insurer', INSURER, '--out', out],
      fetch,
      tokens.admin,
    )
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`エラー: ${out} は既にあります`)
    expect(refused.stderr).toContain('--force')
    expect(refused.stdout).toBe('')
    expect(readFileSync(out, 'utf8')).toBe('earlier postcards\r\n')
    const reissue = await ops(
      ['codes', 'reissue', '--insurer', INSURER, '--person', 'D0001', '--out', out, '--lang', 'en'],
      fetch,
      tokens.admin,
    )
    expect(reissue.code).toBe(1)
    expect(reissue.stderr).toContain(`Error: ${out} already exists`)

    const unwritable = await ops(
      ['codes', 'issue', '--insurer', INSURER, '--out', join(dir, 'no-such-folder', 'p.csv')],
      fetch,
      tokens.admin,
    )
    expect(unwritable.code).toBe(1)
    expect(unwritable.stderr).toContain('ファイルに書き込めません')
    expect(unwritable.stderr).toContain('ENOENT')
    const folder = path('folder')
    mkdirSync(folder)
    const directory = await ops(
      ['codes', 'issue', '--insurer', INSURER, '--out', folder, '--force'],
      fetch,
      tokens.admin,
    )
    expect(directory.code).toBe(1)
    expect(directory.stderr).toContain('ファイルではなくフォルダです')
    const none = await ops(['codes', 'status', '--insurer', INSURER, '--json'], fetch, tokens.admin)
    expect(JSON.parse(none.stdout)).toMatchObject({ issued: 0, withoutCode: 20 })

    const forced = await ops(
      ['codes', 'issue', '--insurer', INSURER, '--out', out, '--force', '--json'],
      fetch,
      tokens.admin,
    )
    expect(forced.code).toBe(0)
    expect(JSON.parse(forced.stdout)).toMatchObject({
      issued: 20,
      file: out,
      complete: true,
      lost: 0,
      error: null,
    })
    expect(printFile(out).rows).toHaveLength(20)
    // nothing left to issue: --force leaves the file as it is
    const nothing = await ops(
      ['codes', 'issue', '--insurer', INSURER, '--out', out, '--force', '--json'],
      fetch,
      tokens.admin,
    )
    expect(JSON.parse(nothing.stdout)).toMatchObject({ issued: 0, file: null, complete: true })
    expect(printFile(out).rows).toHaveLength(20)
  })

  it('answers 401, 403, 404 and usage errors with the exit codes of the other commands', async () => {
    const { fetch, tokens } = await realServer()
    const out = path('x.csv')
    const bad = await ops(['codes', 'status', '--insurer', INSURER], fetch, 'not-a-token')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('HTTP 401')
    const other = await ops(
      ['codes', 'issue', '--insurer', '06139463', '--out', out],
      fetch,
      tokens.operator,
    )
    expect(other.code).toBe(1)
    expect(other.stderr).toContain('HTTP 403')
    expect(existsSync(out)).toBe(false)
    const unknown = await ops(
      [
        'codes',
        'reissue',
        '--insurer',
        '12345678',
        '--person',
        'D0000',
        '--out',
        out,
        '--lang',
        'en',
      ],
      fetch,
      tokens.admin,
    )
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('Not found (HTTP 404)')
    expect(existsSync(out)).toBe(false)

    const noOut = await ops(['codes', 'issue', '--insurer', INSURER], fetch, tokens.admin)
    expect(noOut.code).toBe(2)
    expect(noOut.stderr).toContain('オプション --out を指定してください')
    const noPerson = await ops(
      ['codes', 'reissue', '--insurer', INSURER, '--out', out],
      fetch,
      tokens.admin,
    )
    expect(noPerson.code).toBe(2)
    expect(noPerson.stderr).toContain('--person')
    const badInsurer = await ops(['codes', 'status', '--insurer', '123'], fetch, tokens.admin)
    expect(badInsurer.code).toBe(2)
    const help = await ops(['codes', 'issue', '--help', '--lang', 'en'], fetch, tokens.admin)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Keep the file until the postcards are printed')
    const group = await ops(['codes', '--help'], fetch, tokens.admin)
    expect(group.stdout).toContain('codes reissue --person')
    const main = await ops(['--help'], fetch, tokens.admin)
    expect(main.stdout).toContain('codes issue')
  })
})

describe('viewing codes: print file and failures', () => {
  const code = (personKey: string, extra: Partial<IssuedCode> = {}): IssuedCode => ({
    personKey,
    symbol: '1200',
    number: '100',
    branch: null,
    nameKana: 'ケンコウ　タロウ',
    postalCode: '100-0000',
    address: '東京都',
    code: 'ABCD-EFGH-JKMN',
    issuedAt: '2026-03-31T15:30:00.000Z',
    ...extra,
  })

  it('dates in Japan time and makes formula-like text safe', () => {
    expect(japanDate('2026-03-31T14:59:59.999Z')).toBe('2026-03-31')
    expect(japanDate('2026-03-31T15:00:00.000Z')).toBe('2026-04-01')
    expect(
      postcardCells(
        INSURER,
        code('D1', { address: '=HYPERLINK("x")', nameKana: '+1', symbol: null }),
      ),
    ).toEqual([
      'D1',
      INSURER,
      '',
      '100',
      '',
      '+1',
      '100-0000',
      '=HYPERLINK("x")',
      'ABCD-EFGH-JKMN',
      '2026-04-01',
    ])
  })

  it('writes each answer before the next request, so a failure keeps every code received', async () => {
    const out = path('partial.csv')
    const answers = [[code('P1'), code('P2', { address: '=cmd|calc', nameKana: '@SUM(1)' })]]
    const seen: unknown[] = []
    const result = await issueCodes({
      out,
      shown: out,
      force: false,
      insurer: INSURER,
      total: 10,
      issue: async (request) => {
        seen.push(request)
        // the first answer is on disk before the second request is made
        if (seen.length === 2) expect(readFileSync(out, 'utf8').split('\r\n')).toHaveLength(4)
        const next = answers.shift()
        if (next) return next
        throw Object.assign(new Error('fetch failed'), { name: 'TypeError' })
      },
      recount: async () => 6,
    })
    expect(seen).toEqual([{ limit: 50 }, { limit: 50 }])
    expect(result).toMatchObject({
      issued: 2,
      written: true,
      complete: false,
      answerLost: true,
      lost: 2,
    })
    const text = readFileSync(out, 'utf8')
    expect(text).toContain(
      `\r\nP2,${INSURER},1200,100,,'@SUM(1),100-0000,'=cmd|calc,ABCD-EFGH-JKMN,2026-04-01\r\n`,
    )
  })

  it('stops on Ctrl-C after the answer in flight is written (exit 130)', async () => {
    const out = path('stopped.csv')
    const controller = new AbortController()
    let requests = 0
    const result = await issueCodes({
      out,
      shown: out,
      force: false,
      insurer: INSURER,
      total: 100,
      signal: controller.signal,
      issue: async () => {
        requests++
        controller.abort() // while the request is out
        return Array.from({ length: 50 }, (_, i) => code(`S${requests}-${i}`))
      },
    })
    expect(requests).toBe(1)
    expect(result).toMatchObject({ issued: 50, written: true, complete: false })
    expect(result.fatal?.exitCode).toBe(130)
    expect(readFileSync(out, 'utf8').trimEnd().split('\r\n')).toHaveLength(51)
  })

  it('re-issues 50 persons a request', async () => {
    const out = path('many.csv')
    const keys = Array.from({ length: 120 }, (_, i) => `K${i}`)
    const sizes: number[] = []
    const result = await issueCodes({
      out,
      shown: out,
      force: false,
      insurer: INSURER,
      total: keys.length,
      personKeys: keys,
      issue: async (request) => {
        expect(request.reissue).toBe(true)
        sizes.push(request.personKeys?.length ?? 0)
        return (request.personKeys ?? []).filter((k) => k !== 'K7').map((k) => code(k))
      },
    })
    expect(sizes).toEqual([50, 50, 20])
    expect(result).toMatchObject({ issued: 119, complete: true, notFound: ['K7'] })
    expect(readFileSync(out, 'utf8').trimEnd().split('\r\n')).toHaveLength(120)
  })
})
