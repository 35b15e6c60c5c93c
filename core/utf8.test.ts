import { describe, expect, it } from 'vitest'
import { utf8Length } from './utf8.ts'

const encoded = (text: string) => new TextEncoder().encode(text).length

describe('utf8Length', () => {
  it('counts 1, 2, 3 and 4 bytes a character as UTF-8 does', () => {
    expect(utf8Length('')).toBe(0)
    expect(utf8Length('a')).toBe(1)
    expect(utf8Length('é')).toBe(2)
    expect(utf8Length('ア')).toBe(3)
    expect(utf8Length('𠮷')).toBe(4)
    expect(utf8Length('東京都 𠮷野家 ﷽ é\u0000')).toBe(encoded('東京都 𠮷野家 ﷽ é\u0000'))
  })

  it('counts a lone surrogate as TextEncoder writes it (U+FFFD, 3 bytes), at the end too', () => {
    for (const text of ['\ud842', '\udfb7', 'a\ud842b', '\udfb7\ud842', 'x\ud842'])
      expect(utf8Length(text)).toBe(encoded(text))
  })

  it('agrees with TextEncoder on random strings of every range', () => {
    const pick = [
      0x41, 0x7f, 0x80, 0x7ff, 0x800, 0x3042, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000,
      0xffff,
    ]
    for (let round = 0; round < 200; round++) {
      const units = Array.from({ length: 40 }, () => pick[Math.floor(Math.random() * pick.length)])
      const text = String.fromCharCode(...units)
      expect(utf8Length(text)).toBe(encoded(text))
    }
  })
})
