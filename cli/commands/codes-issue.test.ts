import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { and, eq, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { normalizeViewingCode } from '../../core/health-access'
import { viewingCodes } from '../../db/schema'
import { DEMO_INSURER } from '../../worker/dev/seed'
import { verifyPassword } from '../../worker/services/passwords'
import { demoApp, INSURER, root, runOps, tempFiles } from '../testing/demo-app.ts'
import { japanDate, POSTCARD_HEADER } from '../viewing-codes.ts'

/**
 * Viewing codes from the command line against the real app (createApp on in-memory libSQL), its HTTP calls
 * answered in-process: the demo roster (20 persons) imported, then codes issued, re-issued and counted.
 */
const CODE = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/

const { dir, path } = tempFiles('kenshin-codes-cli-')

async function realServer() {
  const { h, api, fetch, tokens, roster } = await demoApp()
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
  /** `codes <sub> --insurer 06139992 …` as the admin. */
  const codes = (sub: 'status' | 'issue' | 'reissue', ...args: string[]) =>
    ops(['codes', sub, '--insurer', INSURER, ...args], fetch, tokens.admin)
  return { h, api, fetch, tokens, live, valid, codes }
}

function ops(args: string[], fetch: typeof globalThis.fetch, token: string, lang = 'ja_JP.UTF-8') {
  return runOps(args, { fetch, token, cwd: dir, lang })
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
    const { h, valid, codes } = await realServer()
    const before = await codes('status', '--json')
    expect(before.code).toBe(0)
    expect(JSON.parse(before.stdout)).toEqual({
      insurer: INSURER,
      issued: 0,
      used: 0,
      locked: 0,
      withoutCode: 20,
    })

    const out = path('postcards.csv')
    const run = await codes('issue', '--out', out)
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

    const statusAfter = await codes('status')
    expect(statusAfter.code).toBe(0)
    expect(statusAfter.stdout).toContain(`保険者 ${INSURER} の閲覧コード`)
    expect(statusAfter.stdout).toMatch(/発行済み.有効なコード.\s+20/)
    expect(statusAfter.stdout).toMatch(/うち利用済み\s+0/)
    expect(statusAfter.stdout).toMatch(/うちロック中\s+0/)
    expect(statusAfter.stdout).toMatch(/閲覧コードのない方\s+0/)

    const second = path('postcards-2.csv')
    const again = await codes('issue', '--out', second, '--lang', 'en')
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/Codes issued\s+0/)
    expect(again.stdout).toContain(
      'Everyone already has a viewing code; no file was created or changed',
    )
    expect(existsSync(second)).toBe(false)
    expect(printFile(out).rows).toHaveLength(20)
  })

  it('re-issues D0000 a new code: the old one dies, one live code per person remains', async () => {
    const { fetch, tokens, valid, live, codes } = await realServer()
    const out = path('all.csv')
    expect(await codes('issue', '--out', out, '-q')).toEqual({ code: 0, stdout: '', stderr: '' })
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
    const { codes } = await realServer()
    const out = path('kept.csv')
    writeFileSync(out, 'earlier postcards\r\n')
    const refused = await codes('issue', '--out', out)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`エラー: ${out} は既にあります`)
    expect(refused.stderr).toContain('--force')
    expect(refused.stdout).toBe('')
    expect(readFileSync(out, 'utf8')).toBe('earlier postcards\r\n')
    const reissue = await codes('reissue', '--person', 'D0001', '--out', out, '--lang', 'en')
    expect(reissue.code).toBe(1)
    expect(reissue.stderr).toContain(`Error: ${out} already exists`)

    const unwritable = await codes('issue', '--out', join(dir, 'no-such-folder', 'p.csv'))
    expect(unwritable.code).toBe(1)
    expect(unwritable.stderr).toContain('ファイルに書き込めません')
    expect(unwritable.stderr).toContain('ENOENT')
    const folder = path('folder')
    mkdirSync(folder)
    const directory = await codes('issue', '--out', folder, '--force')
    expect(directory.code).toBe(1)
    expect(directory.stderr).toContain('ファイルではなくフォルダです')
    const none = await codes('status', '--json')
    expect(JSON.parse(none.stdout)).toMatchObject({ issued: 0, withoutCode: 20 })

    const forced = await codes('issue', '--out', out, '--force', '--json')
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
    const nothing = await codes('issue', '--out', out, '--force', '--json')
    expect(JSON.parse(nothing.stdout)).toMatchObject({ issued: 0, file: null, complete: true })
    expect(printFile(out).rows).toHaveLength(20)
  })

  it('answers 401, 403, 404 and usage errors with the exit codes of the other commands', async () => {
    const { fetch, tokens, codes } = await realServer()
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

    const noOut = await codes('issue')
    expect(noOut.code).toBe(2)
    expect(noOut.stderr).toContain('オプション --out を指定してください')
    const noPerson = await codes('reissue', '--out', out)
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
