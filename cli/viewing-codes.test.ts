import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { IssuedCode } from './client.ts'
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
