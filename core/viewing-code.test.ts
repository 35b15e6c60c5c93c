import { describe, expect, it } from 'vitest'
import { compactViewingCode, normalizeViewingCode, VIEWING_CODE_ALPHABET } from './viewing-code.ts'

describe('compactViewingCode', () => {
  it('drops hyphens, dashes, long vowel marks and spaces, folds width and case', () => {
    expect(compactViewingCode('abcd-efgh ｊｋｍｎ')).toBe('ABCDEFGHJKMN')
    expect(compactViewingCode('ABCD‐EFGH−JKMNー　2')).toBe('ABCDEFGHJKMN2')
  })
})

describe('normalizeViewingCode', () => {
  it('reads a code typed in groups, in either width and case', () => {
    expect(normalizeViewingCode('abcd-efgh-jkmn')).toBe('ABCDEFGHJKMN')
    expect(normalizeViewingCode('ＡＢＣＤ ＥＦＧＨ ＪＫＭＮ')).toBe('ABCDEFGHJKMN')
  })

  it('refuses a code of another length or with a look-alike (0, 1, O, I, L)', () => {
    expect(normalizeViewingCode('ABCD-EFGH-JKM')).toBeNull()
    expect(normalizeViewingCode('ABCD-EFGH-JKMN2')).toBeNull()
    for (const look of ['0', '1', 'O', 'I', 'L']) {
      expect(VIEWING_CODE_ALPHABET).not.toContain(look)
      expect(normalizeViewingCode(`ABCD-EFGH-JKM${look}`), look).toBeNull()
    }
  })
})
