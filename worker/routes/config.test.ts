import { describe, expect, it } from 'vitest'
import { TURNSTILE_TEST_KEYS } from '../config'
import { harness, json } from '../test/harness'

describe('the client’s configuration (/api/config)', () => {
  it('gives the Turnstile script and site keys, and the environment', async () => {
    const h = await harness()
    const res = await h.get('/api/config')
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual({
      turnstile: {
        scriptUrl: expect.any(String),
        siteKey: TURNSTILE_TEST_KEYS.siteKeyInvisiblePass,
        siteKeyInteractive: TURNSTILE_TEST_KEYS.siteKeyInteractive,
      },
      environment: 'development',
    })
  })

  it('answers a POST with a JSON 404', async () => {
    const h = await harness()
    const res = await h.post('/api/config', {})
    expect(res.status).toBe(404)
    expect((await json(res)).error.code).toBe('not_found')
  })

  it('hands out no secret, and may not be stored', async () => {
    const h = await harness({ TURNSTILE_SECRET: 'a-secret-the-client-never-sees' })
    const res = await h.get('/api/config')
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(await res.text()).not.toMatch(/a-secret-the-client-never-sees|secret/i)
  })
})
