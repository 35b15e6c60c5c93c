/**
 * How the command line words a server's 413: a body over the limit is "too large, use a smaller
 * --batch"; a recorded batch with more rejections than its record holds (batch_too_many_rejections)
 * keeps the server's own words, which name --batch too. Neither is retried.
 */
import { describe, expect, it } from 'vitest'
import { clipParams } from '../core/clip-params.ts'
import { ApiClient } from './client.ts'
import { OpsError } from './errors.ts'
import './i18n.ts'

const answering = (status: number, error: object) => {
  let calls = 0
  const fetch = (async () => {
    calls++
    return new Response(JSON.stringify({ error }), {
      status,
      headers: { 'Content-Type': 'application/json' },
    })
  }) as unknown as typeof globalThis.fetch
  const api = new ApiClient(
    { url: 'http://localhost:8787', token: 't', tokenSource: 'flag' },
    { fetch, retryDelaysMs: [0, 0, 0] },
  )
  return { api, calls: () => calls }
}

const batch = { header: ['個人識別番号'], rows: [{ line: 2, fields: ['A'] }] }

describe('a 413 from the server', () => {
  it('prints the server’s words for a batch with too many rejections', async () => {
    const message =
      'この回のデータは不合格が多すぎて記録できません。…コマンドラインでは --batch で一度に送る件数を減らしてください。'
    const { api, calls } = answering(413, { code: 'batch_too_many_rejections', message })
    const err = await api.postRosterBatch('06139999', batch).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OpsError)
    expect((err as OpsError).key).toBe('api_error')
    expect((err as OpsError).text('ja')).toContain(message)
    expect((err as OpsError).text('ja')).toContain('HTTP 413 batch_too_many_rejections')
    expect(calls()).toBe(1)
  })

  it('says "too large, use a smaller --batch" for a body over the limit', async () => {
    const { api } = answering(413, { code: 'payload_too_large', message: 'x' })
    const err = await api.postRosterBatch('06139999', batch).catch((e: unknown) => e)
    expect((err as OpsError).key).toBe('too_large')
    expect((err as OpsError).text('en')).toContain('--batch')
  })
})

describe('clipParams (the finish of an import with a long failure)', () => {
  it('cuts keys and string values, keeps at most 20 keys, and never splits a surrogate pair', () => {
    const params: Record<string, string | number> = {
      message: 'a'.repeat(299) + '😀',
      status: 413,
      ['k'.repeat(50)]: 'v',
    }
    for (let i = 0; i < 30; i++) params[`p${i}`] = 'x'.repeat(400)
    const clipped = clipParams(params)
    expect(Object.keys(clipped)).toHaveLength(20)
    expect(clipped.message).toBe('a'.repeat(299))
    expect(clipped.status).toBe(413)
    expect(clipped['k'.repeat(40)]).toBe('v')
    expect(clipped.p0).toBe('x'.repeat(300))
    expect(clipParams({ __proto__: 'x' } as never)).toEqual({})
    const odd = JSON.parse('{"__proto__":"x"}') as Record<string, string>
    expect(Object.getPrototypeOf(clipParams(odd))).toBe(Object.prototype)
    expect(Object.keys(clipParams(odd))).toEqual(['__proto__'])
  })
})
