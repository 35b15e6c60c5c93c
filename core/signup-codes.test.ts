import { describe, expect, it } from 'vitest'
import {
  checkOneTimeCode,
  displayInviteCode,
  isInviteCodeShaped,
  isOptionalCode,
  newInviteCode,
  normalizeInviteCode,
} from './signup-codes.ts'

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

describe('招待コード', () => {
  it('makes 8 symbols of the unambiguous alphabet, evenly from each byte', () => {
    const bytes = Uint8Array.from([0, 31, 32, 63, 255, 7, 8, 100])
    const code = newInviteCode(() => bytes)
    expect(code).toBe('A9A99HJE')
    expect(isInviteCodeShaped(code)).toBe(true)
    expect(code).not.toMatch(/[01IO]/)
  })

  it('reads a code as typed: lower case, hyphen, spaces, full width', () => {
    for (const typed of ['abcd-efgh', ' ABCD EFGH ', 'ＡＢＣＤ－ＥＦＧＨ', 'ABCDEFGH'])
      expect(normalizeInviteCode(typed), typed).toBe('ABCDEFGH')
  })

  it('refuses the wrong length and the look-alikes', () => {
    for (const code of ['ABCDEFG', 'ABCDEFGHJ', 'ABCDEFG0', 'ABCDEFGI', 'ABCDEFGO', ''])
      expect(isInviteCodeShaped(code), code).toBe(false)
  })

  it('shows a code in two groups of four', () => {
    expect(displayInviteCode('ABCDEFGH')).toBe('ABCD-EFGH')
  })
})
