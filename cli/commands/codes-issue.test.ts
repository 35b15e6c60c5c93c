import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CODE, dir, ops, path, printFile, realServer } from '../testing/codes-app.ts'
import { INSURER, root } from '../testing/demo-app.ts'
import { japanDate, POSTCARD_HEADER } from '../viewing-codes.ts'

/**
 * `codes issue` against the real app (createApp on in-memory libSQL), its HTTP calls answered in-process:
 * the demo roster (20 persons) imported, then codes issued and counted (../testing/codes-app.ts).
 */
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
      notPrinted: 0,
      reissueQueue: 0,
      neverIssued: 20,
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
    // The file written and closed, the run is confirmed: its codes are usable.
    expect(run.stdout).toContain('このファイルの閲覧コード 20 件を確定しました')

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
      confirmed: true,
      revoked: null,
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
