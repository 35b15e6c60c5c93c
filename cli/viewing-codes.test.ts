import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { IssuedCode } from './client.ts'
import { OpsError } from './errors.ts'
import { INSURER, tempFiles } from './testing/demo-app.ts'
import { issueCodes, japanDate, postcardCells } from './viewing-codes.ts'

const { path } = tempFiles('kenshin-codes-')

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
        code('D1', { address: '=HYPERLINK("x")', nameKana: '+1', symbol: '' }),
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

  /** The run's calls as a fake server sees them: started, then confirmed or revoked. */
  const fakeRun = (held?: number) => {
    const calls: string[] = []
    return {
      calls,
      run: {
        start: async () => {
          calls.push('start')
          return 'run-1'
        },
        // Confirms with the file's rows; `held`: the server holds that many codes (another count: 409).
        confirm: async (id: string, codes: number) => {
          calls.push(`confirm ${id} ${codes}`)
          if (held !== undefined && held !== codes)
            throw new OpsError('api_error', {
              status: 409,
              code: 'wrong_state',
              message: 'state (state: count_mismatch)',
            })
          return codes
        },
        revoke: async (id: string) => {
          calls.push(`revoke ${id}`)
          return 0
        },
      },
    }
  }

  it('writes each answer before the next request, then confirms the run once the file is closed', async () => {
    const out = path('whole.csv')
    const answers = [[code('P1'), code('P2', { address: '=cmd|calc', nameKana: '@SUM(1)' })], []]
    const seen: unknown[] = []
    const { calls, run } = fakeRun()
    const result = await issueCodes({
      out,
      shown: out,
      force: false,
      insurer: INSURER,
      total: 2,
      run,
      issue: async (request) => {
        seen.push(request)
        // the first answer is on disk before the second request is made, and nothing is confirmed yet
        if (seen.length === 2) {
          expect(readFileSync(out, 'utf8').split('\r\n')).toHaveLength(4)
          expect(calls).toEqual(['start'])
        }
        return answers.shift() ?? []
      },
    })
    expect(seen).toEqual([
      { runId: 'run-1', limit: 50 },
      { runId: 'run-1', limit: 50 },
    ])
    expect(calls).toEqual(['start', 'confirm run-1 2'])
    expect(result).toMatchObject({ issued: 2, written: true, complete: true, confirmed: true })
    const text = readFileSync(out, 'utf8')
    expect(text).toContain(
      `\r\nP2,${INSURER},1200,100,,'@SUM(1),100-0000,'=cmd|calc,ABCD-EFGH-JKMN,2026-04-01\r\n`,
    )
  })

  it('revokes the run and removes the file when an answer is lost: no code outside the file is usable', async () => {
    const out = path('partial.csv')
    const answers = [[code('P1'), code('P2')]]
    const { calls, run } = fakeRun()
    const result = await issueCodes({
      out,
      shown: out,
      force: false,
      insurer: INSURER,
      total: 10,
      run,
      issue: async () => {
        const next = answers.shift()
        if (next) return next
        throw Object.assign(new Error('fetch failed'), { name: 'TypeError' })
      },
    })
    expect(calls).toEqual(['start', 'revoke run-1'])
    expect(result).toMatchObject({
      issued: 0,
      written: false,
      complete: false,
      confirmed: false,
      revoked: 'answer_lost',
    })
    expect(existsSync(out)).toBe(false)
  })

  it.skipIf(!existsSync('/dev/full'))(
    'revokes the run when the file cannot be written',
    async () => {
      // /dev/full refuses every write (ENOSPC): the first answer cannot be written.
      const { calls, run } = fakeRun()
      const result = await issueCodes({
        out: '/dev/full',
        shown: '/dev/full',
        force: true,
        insurer: INSURER,
        total: 10,
        run,
        issue: async () => [code('W1')],
      })
      expect(calls).toEqual(['start', 'revoke run-1'])
      expect(result).toMatchObject({ revoked: 'write_failed', confirmed: false, issued: 0 })
      expect(result.fatal?.key).toBe('file_unwritable')
      expect(existsSync('/dev/full')).toBe(true)
    },
  )

  it('a refused request confirms what the file already holds; nothing issued: the empty run is revoked', async () => {
    const out = path('refused.csv')
    const { calls, run } = fakeRun()
    let n = 0
    const result = await issueCodes({
      out,
      shown: out,
      force: false,
      insurer: INSURER,
      total: 10,
      run,
      issue: async () => {
        if (n++ === 0) return [code('R1')]
        throw new OpsError('forbidden', { message: 'no', code: 'forbidden' })
      },
    })
    expect(calls).toEqual(['start', 'confirm run-1 1'])
    expect(result).toMatchObject({ issued: 1, written: true, confirmed: true, complete: false })
    const none = fakeRun()
    const empty = await issueCodes({
      out: path('empty.csv'),
      shown: 'empty.csv',
      force: false,
      insurer: INSURER,
      total: 0,
      run: none.run,
      issue: async () => [],
    })
    expect(none.calls).toEqual(['start', 'revoke run-1'])
    expect(empty).toMatchObject({ issued: 0, written: false, complete: true })
  })

  it('a confirm refused for its count (the server holds a code not in the file) revokes the run and removes the file', async () => {
    const out = path('mismatch.csv')
    // The server holds 3: a request that failed part-way inserted one the file never saw.
    const { calls, run } = fakeRun(3)
    let n = 0
    const result = await issueCodes({
      out,
      shown: out,
      force: false,
      insurer: INSURER,
      total: 10,
      run,
      issue: async () => (n++ === 0 ? [code('M1'), code('M2')] : []),
    })
    expect(calls).toEqual(['start', 'confirm run-1 2', 'revoke run-1'])
    expect(result).toMatchObject({
      revoked: 'count_mismatch',
      confirmed: false,
      written: false,
      issued: 0,
      complete: false,
      confirmFailed: null,
    })
    expect(existsSync(out)).toBe(false)
  })

  it('stops on Ctrl-C after the answer in flight is written (exit 130), and confirms what it wrote', async () => {
    const out = path('stopped.csv')
    const controller = new AbortController()
    let requests = 0
    const { calls, run } = fakeRun()
    const result = await issueCodes({
      out,
      shown: out,
      force: false,
      insurer: INSURER,
      total: 100,
      run,
      signal: controller.signal,
      issue: async () => {
        requests++
        controller.abort() // while the request is out
        return Array.from({ length: 50 }, (_, i) => code(`S${requests}-${i}`))
      },
    })
    expect(requests).toBe(1)
    expect(result).toMatchObject({ issued: 50, written: true, complete: false, confirmed: true })
    expect(calls).toEqual(['start', 'confirm run-1 50'])
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
      run: fakeRun().run,
      issue: async (request) => {
        expect(request.reissue).toBe(true)
        expect(request.runId).toBe('run-1')
        sizes.push(request.personKeys?.length ?? 0)
        return (request.personKeys ?? []).filter((k) => k !== 'K7').map((k) => code(k))
      },
    })
    expect(sizes).toEqual([50, 50, 20])
    expect(result).toMatchObject({ issued: 119, complete: true, notFound: ['K7'], confirmed: true })
    expect(readFileSync(out, 'utf8').trimEnd().split('\r\n')).toHaveLength(120)
  })
})
