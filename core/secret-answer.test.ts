import { describe, expect, it } from 'vitest'
import { checkSecretAnswer, SECRET_ANSWER_MAX } from './secret-answer.ts'
import { SecretAnswerBody } from './health-access.ts'
import * as v from 'valibot'

describe('checkSecretAnswer', () => {
  it('asks for an answer, takes up to 50 characters as typed, refuses more', () => {
    expect(checkSecretAnswer('')).toBe('required')
    expect(checkSecretAnswer(' ')).toBeUndefined()
    expect(checkSecretAnswer('あ'.repeat(SECRET_ANSWER_MAX))).toBeUndefined()
    expect(checkSecretAnswer('あ'.repeat(SECRET_ANSWER_MAX + 1))).toBe('too_long')
  })

  it('agrees with the worker’s schema of the answer', () => {
    for (const answer of ['', 'x', 'x'.repeat(50), 'x'.repeat(51)]) {
      const result = v.safeParse(SecretAnswerBody, { answer })
      const problem = checkSecretAnswer(answer)
      expect(result.success, answer).toBe(problem === undefined)
      if (!result.success) expect(result.issues[0].message).toBe(`field.answer.${problem}`)
    }
  })
})
