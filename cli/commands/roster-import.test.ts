/**
 * `roster import`: the command line in a child process against the fake operator API
 * (../testing/ops-child.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rosterChunks } from '../../bench/gen-roster.ts'
import { encodeShiftJis } from '../sjis.ts'
import { ADMIN, dir, fake, noStack, noToken, rosterImport } from '../testing/ops-child.ts'

describe('ops: roster import', () => {
  it('imports a Shift_JIS file, reports rejections and writes them beside it', async () => {
    const text = [...rosterChunks({ rows: 2500, crlf: true })].join('')
    const lines = text.split('\r\n')
    lines[10] = lines[10].replace(/,[12],([12]),/, ',3,$1,') // line 11: sex 3
    lines[20] = lines[20].split(',').slice(0, 5).join(',') // line 21: 5 columns
    const file = join(dir, '名簿.csv')
    writeFileSync(file, encodeShiftJis(lines.join('\r\n')))

    const run = await rosterImport(file, '--batch', '1000')
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
    const again = await rosterImport(file, '--json')
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
    const run = await rosterImport(file, '--token', ADMIN, '--quiet')
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' })
    const failed = await rosterImport(join(dir, 'nope.csv'), '-q')
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('nope.csv')
  })

  it('retries a batch the server could not take for the moment', async () => {
    const file = join(dir, 'retry.csv')
    writeFileSync(file, [...rosterChunks({ rows: 20, seed: 7 })].join(''))
    const before = fake.requests.length
    fake.failNext = { status: 503, count: 1 }
    const run = await rosterImport(file)
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

    const a = await rosterImport(noHeader)
    expect(a.code).toBe(1)
    expect(a.stderr).toContain('見出し行')
    expect(a.stdout).toBe('')
    const b = await rosterImport(empty, '--lang', 'en')
    expect(b.code).toBe(1)
    expect(b.stderr).toContain('The file is empty')
    const c = await rosterImport(join(dir, 'nope.csv'))
    expect(c.code).toBe(1)
    expect(c.stderr).toContain('ファイルを読めません')
    const d = await rosterImport(unclosed)
    expect(d.code).toBe(1)
    expect(d.stdout).toMatch(/読み込んだ行\s+5/)
    expect(d.stderr).toContain('行 7 で始まる項目の引用符')
    // a header the server refuses: its message with the columns it names
    const header = join(dir, 'header.csv')
    writeFileSync(header, 'person_key,name_kana\nA1,ケンコウ　タロウ\n')
    const e = await rosterImport(header)
    expect(e.code).toBe(1)
    expect(e.stderr).toContain('HTTP 400 roster_header')
    expect(e.stderr).toContain('missing: insurer_number, number, birth_date, sex, relationship')
    expect(e.stdout).toBe('')
    for (const run of [a, b, c, d, e]) noStack(run)
    expect(existsSync(join(dir, 'noheader.rejected.csv'))).toBe(false)
  })
})
