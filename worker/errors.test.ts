import { describe, expect, it } from 'vitest'
import { isMessageKey, t } from '../core/i18n'
import { ERROR_STATUS, errorName } from './errors'

describe('ERROR_STATUS', () => {
  it.each(Object.keys(ERROR_STATUS))('has a Japanese and an English message for %s', (code) => {
    const key = `error.${code}`
    expect(isMessageKey(key)).toBe(true)
    if (!isMessageKey(key)) return
    expect(t('ja', key)).toMatch(/[ぁ-んァ-ン一-龯]/)
    expect(t('en', key)).toMatch(/^[\x20-\x7e’]+$/)
  })

  it('answers 4xx for every code but the server’s own: internal, service_unavailable, insurer_busy', () => {
    const serverSide = ['internal', 'service_unavailable', 'insurer_busy']
    for (const [code, status] of Object.entries(ERROR_STATUS))
      if (!serverSide.includes(code)) expect(status).toBeLessThan(500)
    // A write held by a move (docs/scale.md) is a 503 the client retries after Retry-After.
    expect(ERROR_STATUS.insurer_busy).toBe(503)
  })
})

describe('errorName', () => {
  it('gives the class, never the message', () => {
    class DrizzleQueryError extends Error {}
    expect(errorName(new DrizzleQueryError('Failed query: … params: hanako@example.jp'))).toBe(
      'DrizzleQueryError',
    )
    expect(errorName(new TypeError('x is hanako@example.jp'))).toBe('TypeError')
    expect(errorName('a thrown string')).toBe('NonError')
  })

  it('does not log a name that was set to data', () => {
    const err = new Error('boom')
    err.name = 'hanako@example.jp'
    expect(errorName(err)).toBe('Error')
  })
})
