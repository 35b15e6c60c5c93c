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

  it('answers 4xx for every code but internal and service_unavailable', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS))
      if (code !== 'internal' && code !== 'service_unavailable') expect(status).toBeLessThan(500)
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
