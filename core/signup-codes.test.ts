import { describe, expect, it } from 'vitest'
import { checkOneTimeCode, isOptionalCode } from './signup-codes.ts'

describe('isOptionalCode', () => {
  it('takes an empty field and up to 32 letters, digits and hyphens', () => {
    for (const code of ['', 'A', 'abc-123', 'X'.repeat(32)])
      expect(isOptionalCode(code), code).toBe(true)
  })

  it('refuses 33 characters, spaces, other symbols and full-width letters', () => {
    for (const code of ['X'.repeat(33), 'ab c', 'ab_c', 'ＡＢＣ', 'コード'])
      expect(isOptionalCode(code), code).toBe(false)
  })
})

describe('checkOneTimeCode', () => {
  it('asks for the code when the field is empty', () => {
    expect(checkOneTimeCode('')).toBe('required')
  })

  it('takes six ASCII digits and nothing else', () => {
    expect(checkOneTimeCode('012345')).toBeUndefined()
    for (const code of ['12345', '1234567', '１２３４５６', '12 345', 'abcdef'])
      expect(checkOneTimeCode(code), code).toBe('format')
  })
})
