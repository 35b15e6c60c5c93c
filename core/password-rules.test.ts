import { describe, expect, it } from 'vitest'
import { isMessageKey } from './i18n.ts'
import { checkPassword } from './password.ts'
import {
  PASSWORD_MAX,
  PASSWORD_MESSAGES,
  PASSWORD_MIN,
  passwordLengthProblems,
} from './password-rules.ts'

describe('passwordLengthProblems', () => {
  it('asks for a password, then counts code points against 8 and 128', () => {
    expect(passwordLengthProblems('')).toEqual(['required'])
    expect(passwordLengthProblems('x'.repeat(PASSWORD_MIN - 1))).toEqual(['too_short'])
    expect(passwordLengthProblems('😀'.repeat(PASSWORD_MIN))).toEqual([])
    expect(passwordLengthProblems('😀'.repeat(PASSWORD_MAX))).toEqual([])
    expect(passwordLengthProblems('x'.repeat(PASSWORD_MAX + 1))).toEqual(['too_long'])
  })

  it('is where the whole policy starts: its length refusals come first', () => {
    for (const password of ['', 'vR8!', 'vR8!mQ2z', 'vR8!mQ2z'.repeat(17)])
      expect(checkPassword(password, {}).slice(0, 1)).toEqual(
        passwordLengthProblems(password).slice(0, 1),
      )
  })
})

describe('PASSWORD_MESSAGES', () => {
  it('names a message of the catalogue for every refusal', () => {
    for (const key of Object.values(PASSWORD_MESSAGES)) expect(isMessageKey(key), key).toBe(true)
  })
})
