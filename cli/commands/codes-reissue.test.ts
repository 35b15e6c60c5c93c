import { describe, expect, it } from 'vitest'
import { CODE, ops, path, printFile, realServer } from '../testing/codes-app.ts'
import { INSURER } from '../testing/demo-app.ts'

/** `codes reissue` against the real app on in-memory libSQL (../testing/codes-app.ts). */
describe('npm run ops -- codes reissue (CLI → operator API → libSQL)', () => {
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
      confirmed: true,
      revoked: null,
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
      notPrinted: 0,
      reissueQueue: 0,
      neverIssued: 0,
    })
  })
})
