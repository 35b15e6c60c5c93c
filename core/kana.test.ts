import { describe, expect, it } from 'vitest'
import { formatKanaName, isKatakanaName, normalizeKanaName, toFullWidthKatakana } from './kana.ts'

describe('toFullWidthKatakana', () => {
  it.each([
    ['ｹﾝｺｳ ﾀﾛｳ', 'ケンコウ タロウ'],
    ['ｶﾞｷﾞｸﾞｹﾞｺﾞ', 'ガギグゲゴ'],
    ['ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ', 'パピプペポ'],
    ['ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ', 'バビブベボ'],
    ['ｳﾞｨｸﾄﾘｱ', 'ヴィクトリア'],
    ['ﾜﾞ', 'ヷ'],
    ['ｧｨｩｪｫｬｭｮｯ', 'ァィゥェォャュョッ'],
    ['ｦﾝｰ', 'ヲンー'],
    ['｡｢｣､･', '。「」、・'],
    ['やまだ たろう', 'ヤマダ タロウ'],
    ['ぁゖゔゝゞ', 'ァヶヴヽヾ'],
    // Spacing and combining marks join the kana before them, hiragana or katakana.
    ['カ゛ハ゜か゛', 'ガパガ'],
    ['カ\u3099ハ\u309a', 'ガパ'],
    // A mark that has nothing to join stays, full-width.
    ['ｱﾞ', 'ア゛'],
    ['ﾟ', '゜'],
    ['ガ゛', 'ガ゛'],
    // Everything else is left alone.
    ['山田 Taro 123 ー－', '山田 Taro 123 ー－'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(toFullWidthKatakana(input)).toBe(expected)
  })

  it('leaves full-width katakana unchanged', () => {
    const all = Array.from({ length: 0x30fa - 0x30a1 + 1 }, (_, i) =>
      String.fromCodePoint(0x30a1 + i),
    )
    expect(toFullWidthKatakana(all.join(''))).toBe(all.join(''))
  })
})

describe('formatKanaName', () => {
  it.each([
    ['ケンコウ　タロウ', 'ケンコウ　タロウ'],
    ['ケンコウ タロウ', 'ケンコウ　タロウ'],
    ['  ケンコウ \u3000 タロウ\t', 'ケンコウ　タロウ'],
    ['ｹﾝｺｳ ﾀﾛｳ', 'ケンコウ　タロウ'],
    ['けんこう　たろう', 'ケンコウ　タロウ'],
    // Long vowel variants after a kana become ー.
    ['ｼﾞｮｰｼﾞ', 'ジョージ'],
    ['ジョ-ジ', 'ジョージ'],
    ['ジョ－ジ', 'ジョージ'],
    ['ジョ‐ジ', 'ジョージ'],
    ['ジョ−ジ', 'ジョージ'],
    ['ジョ–ジ', 'ジョージ'],
    ['ハリ-', 'ハリー'],
    ['コ--ヒ-', 'コーーヒー'],
    // A dash not after a kana is not a long vowel.
    ['-タロウ', '-タロウ'],
    ['A-B', 'A-B'],
    // Zero-width characters disappear instead of splitting a word.
    ['ケン\u200bコウ', 'ケンコウ'],
    ['', ''],
    ['\u3000 ', ''],
  ])('%j → %j', (input, expected) => {
    expect(formatKanaName(input)).toBe(expected)
  })
})

describe('normalizeKanaName', () => {
  const same: [string, string][] = [
    ['ケンコウ　タロウ', 'ケンコウタロウ'],
    ['ケンコウ タロウ', 'ケンコウタロウ'],
    ['ケンコウ　　タロウ', 'ケンコウタロウ'],
    [' ケンコウ\u3000 タロウ ', 'ケンコウタロウ'],
    ['ｹﾝｺｳ ﾀﾛｳ', 'ケンコウ　タロウ'],
    ['けんこう たろう', 'ケンコウタロウ'],
    ['ﾀﾞｲｽｹ', 'ダイスケ'],
    ['ｼﾞｮｰｼﾞ', 'ジョ-ジ'],
    ['ジョージ', 'ジョ－ジ'],
    ['ジョージ', 'ジョ‐ジ'],
  ]
  it.each(same)('%j matches %j', (a, b) => {
    expect(normalizeKanaName(a)).toBe(normalizeKanaName(b))
  })

  const different: [string, string][] = [
    ['ヤマダ', 'ャマダ'],
    ['キヨウコ', 'キョウコ'],
    ['サツキ', 'サッキ'],
    ['ガ', 'カ'],
    ['ハナコ', 'ハナゴ'],
    ['ジョージ', 'ジョジ'],
  ]
  it.each(different)('%j does not match %j (small kana and marks are significant)', (a, b) => {
    expect(normalizeKanaName(a)).not.toBe(normalizeKanaName(b))
  })

  it('removes every space', () => {
    expect(normalizeKanaName('\u3000ケンコウ \t\u00a0タロウ\u3000')).toBe('ケンコウタロウ')
  })

  it('is idempotent', () => {
    for (const [a] of [...same, ...different]) {
      expect(normalizeKanaName(normalizeKanaName(a))).toBe(normalizeKanaName(a))
    }
  })
})

describe('isKatakanaName', () => {
  it.each([
    'ケンコウ　タロウ',
    'ケンコウタロウ',
    'ケンコウ タロウ',
    'ｹﾝｺｳ ﾀﾛｳ',
    'けんこう たろう',
    'ジョージ',
    'ジョ-ジ',
    'ヴィクトリア',
    'ァ',
    'ヶ',
    'ヺ',
    'ア　イ　ウ',
  ])('accepts %j', (name) => {
    expect(isKatakanaName(name)).toBe(true)
  })

  it.each([
    '',
    '　',
    '山田　太郎',
    'ヤマダ　太郎',
    'Yamada Taro',
    'ヤマダ1',
    'ヤマダ・タロウ',
    'ーヤマダ',
    'ヤマダ　ータロウ',
    'ヤマダ、タロウ',
    'ア゛',
    'ヽ',
  ])('refuses %j', (name) => {
    expect(isKatakanaName(name)).toBe(false)
  })
})
