import { describe, expect, it } from 'vitest'
import { ApiFailure, importPaths, requestJson, SignedOut, type Fetch } from './post-batch'

/** A fetch that answers from a script, recording each request. */
function scripted(answers: Array<Response | Error>) {
  const calls: { url: string; init?: RequestInit }[] = []
  const fetch: Fetch = async (url, init) => {
    calls.push({ url, init })
    const next = answers.shift()
    if (!next) throw new Error('no more answers')
    if (next instanceof Error) throw next
    return next
  }
  return { fetch, calls }
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

const base = { lang: 'ja', networkMessage: 'サーバーに接続できません', retryDelaysMs: [1, 2, 3] }

describe('the worker’s requests', () => {
  it('posts JSON with the language and the cookie, and returns the answer', async () => {
    const { fetch, calls } = scripted([json(200, { inserted: 1 })])
    const body = { header: ['個人識別番号'], rows: [], importId: 'x', seq: 1 }
    const answer = await requestJson('POST', '/api/ops/x', body, { ...base, fetch })
    expect(answer).toEqual({ inserted: 1 })
    expect(calls).toHaveLength(1)
    expect(calls[0].init?.method).toBe('POST')
    expect(calls[0].init?.credentials).toBe('same-origin')
    expect(JSON.parse(String(calls[0].init?.body))).toEqual(body)
    expect((calls[0].init?.headers as Record<string, string>)['Accept-Language']).toBe('ja')
  })

  it('sends a request again after a failure on the way, the same body each time, then answers', async () => {
    const waits: number[] = []
    const { fetch, calls } = scripted([
      new TypeError('Failed to fetch'),
      json(503, { error: { code: 'unavailable', message: 'busy' } }),
      json(429, { error: { code: 'rate_limited', message: 'slow down' } }),
      json(200, { inserted: 2 }),
    ])
    const answer = await requestJson(
      'POST',
      '/u',
      { seq: 4 },
      {
        ...base,
        fetch,
        sleep: async (ms) => void waits.push(ms),
      },
    )
    expect(answer).toEqual({ inserted: 2 })
    expect(waits).toEqual([1, 2, 3])
    expect(new Set(calls.map((c) => c.init?.body))).toEqual(new Set([JSON.stringify({ seq: 4 })]))
  })

  it('gives up after 3 retries with the words for an unreachable server', async () => {
    const { fetch, calls } = scripted([1, 2, 3, 4].map(() => new TypeError('Failed to fetch')))
    const err = await requestJson(
      'POST',
      '/u',
      {},
      { ...base, fetch, sleep: async () => {} },
    ).catch((e) => e)
    expect(calls).toHaveLength(4)
    expect(err).toBeInstanceOf(ApiFailure)
    expect(err).toMatchObject({ status: 0, code: 'network', message: 'サーバーに接続できません' })
  })

  it('does not repeat a refusal, and keeps the server’s code and words', async () => {
    const { fetch, calls } = scripted([
      json(409, { error: { code: 'wrong_state', message: 'この取り込みは終了しています。' } }),
    ])
    const err = await requestJson('POST', '/u', {}, { ...base, fetch }).catch((e) => e)
    expect(calls).toHaveLength(1)
    expect(err).toMatchObject({
      status: 409,
      code: 'wrong_state',
      message: 'この取り込みは終了しています。',
    })
  })

  it('says signed out on a 401, without retrying', async () => {
    const { fetch, calls } = scripted([
      json(401, { error: { code: 'unauthenticated', message: '' } }),
    ])
    await expect(requestJson('GET', '/u', undefined, { ...base, fetch })).rejects.toBeInstanceOf(
      SignedOut,
    )
    expect(calls).toHaveLength(1)
  })

  it('builds the import paths of an insurer', () => {
    const p = importPaths('06139992')
    expect(p.rosterBatch).toBe('/api/ops/insurers/06139992/roster/batches')
    expect(p.checkupBatch).toBe('/api/ops/insurers/06139992/checkups')
    expect(p.finish('a/b')).toBe('/api/ops/insurers/06139992/imports/a%2Fb/finish')
    expect(p.rejected('id')).toBe('/api/ops/insurers/06139992/imports/id/rejected.csv')
  })
})
