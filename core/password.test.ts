import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { COMMON_PASSWORDS } from './common-passwords.ts'
import {
  checkPassword,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordChecklist,
  type PasswordProblem,
} from './password.ts'
import { passwordStrength } from './password-strength.ts'

/** A password that breaks no rule: no run, no repeat, no name, not common. */
const CLEAN = 'vR8!mQ2z'
/** `length` code points cycling through CLEAN, so it stays clean at any length. */
const cleanOfLength = (length: number) => CLEAN.repeat(Math.ceil(length / 8)).slice(0, length)
const EMOJI = ['😀', '🎍', '🌸', '🗻', '🍣', '🍵', '🎌', '🏯']
const emojiOfLength = (length: number) => Array.from({ length }, (_, i) => EMOJI[i % 8]).join('')

describe('checkPassword', () => {
  it('accepts a password that breaks no rule', () => {
    expect(checkPassword(CLEAN, {})).toEqual([])
  })

  it('reports only required for an empty password', () => {
    expect(checkPassword('', { email: 'taro@example.com' })).toEqual(['required'])
  })

  describe('length, counted in code points', () => {
    const cases: [string, string, PasswordProblem[]][] = [
      ['1 character', 'v', ['too_short']],
      ['7 characters', cleanOfLength(PASSWORD_MIN - 1), ['too_short']],
      ['8 characters', cleanOfLength(PASSWORD_MIN), []],
      ['128 characters', cleanOfLength(PASSWORD_MAX), []],
      ['129 characters', cleanOfLength(PASSWORD_MAX + 1), ['too_long']],
      ['7 emoji (14 UTF-16 units)', emojiOfLength(7), ['too_short']],
      ['8 emoji (16 UTF-16 units)', emojiOfLength(8), []],
      ['128 emoji (256 UTF-16 units)', emojiOfLength(128), []],
      ['129 emoji', emojiOfLength(129), ['too_long']],
      ['8 kanji', '健康診断結果確認', []],
      ['7 kanji', '健康診断結果確', ['too_short']],
      ['8 characters with spaces', 'vR8 mQ2z', []],
    ]
    it.each(cases)('with %s gives %j', (_, password, problems) => {
      expect(checkPassword(password, {})).toEqual(problems)
    })
  })

  describe('common passwords', () => {
    const cases: [string, string][] = [
      ['the most common 8+ password', 'password'],
      ['a capitalised one', 'Password'],
      ['an upper-case one', 'BASEBALL'],
      ['one with a digit', 'password1'],
      ['a full-width one', 'ｐａｓｓｗｏｒｄ'],
      ['one from the end of the list', '13101988'],
    ]
    it.each(cases)('refuses %s (%s) as common', (_, password) => {
      expect(checkPassword(password, {})).toContain('common')
    })

    it('does not refuse a password that merely contains a common one', () => {
      expect(checkPassword('password-vR8!mQ2z', {})).not.toContain('common')
    })

    it('reports every problem of a common password, not only the first', () => {
      expect(checkPassword('12345678', {})).toEqual(['common', 'sequence'])
      expect(checkPassword('qwertyuiop', {})).toEqual(['common', 'sequence'])
    })

    it('leaves passwords under 8 to too_short: the list holds none', () => {
      expect(checkPassword('qwerty', {})).toEqual(['too_short', 'sequence'])
      expect(checkPassword('dragon', {})).toEqual(['too_short'])
    })
  })

  describe("the e-mail's local part", () => {
    const cases: [string, string, string, boolean][] = [
      ['as typed', 'taro.yamada@example.com', 'x-taro.yamada-9!', true],
      ['in another case', 'Taro.Yamada@example.com', 'xTARO.YAMADA9!', true],
      ['without its separators', 'taro.yamada@example.com', 'TaroYamada#9!', true],
      ['with other separators', 'taro_yamada+shop@example.com', 'taro-yamadashop!', true],
      ['in full-width', 'tqm@example.com', 'ｔｑｍ-vR8!mQ2z', true],
      ['of exactly 3 characters', 'tqm@example.com', 'vR8!tqm2', true],
      ['of 2 characters (ignored)', 'tq@example.com', 'vR8!tq2z', false],
      ['of 3 characters with a dot (2 without)', 't.q@example.com', 'vR8!tq2z', false],
      ['of a carrier address, dots and all', 'tqm..z.@docomo.ne.jp', 'vR8!tqm..z.', true],
      ['of a carrier address, without its dots', 'tqm..z.@docomo.ne.jp', 'vR8!TQMZ', true],
      ['absent from the password', 'taro@example.com', CLEAN, false],
      ['only the domain in the password', 'tqm@example.com', 'example!vR8', false],
    ]
    it.each(cases)('contained %s: %s in %s refused %s', (_, email, password, refused) => {
      expect(checkPassword(password, { email }).includes('contains_email')).toBe(refused)
    })

    it('is not checked without an e-mail', () => {
      expect(checkPassword('x-taro.yamada-9!', {})).toEqual([])
    })
  })

  describe('the service name', () => {
    const refused = [
      'Kenshin#42!',
      'KENSHIN-vR8!',
      'mykenshinportal',
      'kenshin portal!',
      'わたしのケンシン!',
      'ﾜﾀｼﾉｹﾝｼﾝ!!',
      '健診ポータル大好き',
      'ＫＥＮＳＨＩＮ＃９',
    ]
    it.each(refused)('refuses %s', (password) => {
      expect(checkPassword(password, {})).toContain('contains_service')
    })

    const accepted = ['kensh1n#42!', '健診結果を見たい', 'ポータル#42!xz']
    it.each(accepted)('accepts %s', (password) => {
      expect(checkPassword(password, {})).not.toContain('contains_service')
    })
  })

  describe('easy sequences', () => {
    const refused: [string, string][] = [
      ['ascending digits', 'vR8!123z'],
      ['descending digits', 'vR8!321z'],
      ['the end of the digits', 'vR!789mz'],
      ['the end of the digits backwards', 'vR!987mz'],
      ['4 ascending digits', 'vR!1234m'],
      ['full-width digits', 'vR8!１２３z'],
      ['4 ascending letters', 'vR8!abcd'],
      ['4 descending letters', 'vR8!dcba'],
      ['the end of the alphabet, 4 long', 'vR8!wxyz'],
      ['the end of the alphabet backwards, 4 long', 'vR8!zyxw'],
      ['4 letters from the middle', 'vR8!rstu'],
      ['4 capitals', 'vR8!ABCD'],
      ['4 full-width letters', 'vR8!ａｂｃｄ'],
      ["the manual's abc", 'vR8!abcz'],
      ["the manual's abc, backwards", 'vR8!cbaz'],
      ["the manual's abc in capitals", 'vR8!ABCz'],
      ["the manual's abc in full-width", 'vR8!ａｂｃz'],
      ["the manual's abc inside a word", 'vR8!fabcm'],
      ["the manual's abc at the start", 'abc-tokyo-2026x'],
      ['4 letters inside a word', 'sakura-abcd-xx'],
      ['a keyboard row', 'vR8!qwer'],
      ['a keyboard row in capitals', 'vR8!QWER'],
      ['a keyboard row backwards', 'vR8!rewq'],
      ['the home row', 'vR8!asdf'],
      ['the home row backwards', 'vR8!fdsa'],
      ['the bottom row', 'vR8!zxcv'],
      ['the bottom row backwards', 'vR8!vcxz'],
      ['the end of the number row', 'vR!7890m'],
      ['the home row, further along', 'vR8!hjkl'],
      ['a keyboard row inside a word', 'vR8!liberty'],
      ['a keyboard row inside another word', 'vR8!property'],
      ['a letter 4 times', 'vR8!aaaa'],
      ['a digit 4 times', 'vR8!1111'],
      ['a symbol 4 times', 'vR8m!!!!'],
      ['a kana 4 times', 'vR8!ああああ'],
    ]
    it.each(refused)('refuses %s (%s)', (_, password) => {
      expect(checkPassword(password, {})).toEqual(['sequence'])
    })

    const accepted: [string, string][] = [
      ['2 ascending digits', 'vR8!12mz'],
      ['2 descending digits', 'vR8!21mz'],
      ['a broken run of digits', 'vR8!124m'],
      ['digits that wrap around', 'vR!890mz'],
      ['2 ascending letters', 'vR8!abmz'],
      ['3 ascending letters', 'vR8!rstm'],
      ['3 descending letters', 'vR8!ponz'],
      ['3 letters at the end of the alphabet', 'vR8!xyzm'],
      ['3 letters at the end of the alphabet backwards', 'vR8!zyxm'],
      ['3 letters just past abc', 'vR8!bcdm'],
      ['3 letters just before cba', 'vR8!dcbz'],
      ['3 capitals', 'vR8!RSTz'],
      ['a broken run of letters', 'vR8!abdz'],
      ['letters that wrap around', 'vR8!yzam'],
      ['a run from a symbol into letters', 'vR8!`abm'],
      ['a run into a symbol', 'vR8!yz{m'],
      ['a symbol into digits', 'vR8!/01m'],
      ['a letter run into digits', 'vR8!xyz0'],
      ['3 keys of a row', 'vR8!qwe7'],
      ['3 keys of a row inside a word', 'vR8!answer'],
      ['a row wrapping onto the next row', 'vR8!opas'],
      ['the home row wrapping onto the bottom row', 'vR8!klzx'],
      ['a letter 3 times', 'vR8!aaam'],
      ['alternating characters', 'vR8!abab'],
      ['alternating capitals', 'vR8!ABAB'],
    ]
    it.each(accepted)('accepts %s (%s)', (_, password) => {
      expect(checkPassword(password, {})).toEqual([])
    })

    /** Everyday phrases whose words hold 3-letter runs (rst, pon, fed, stu, def, …). */
    const phrases = [
      'my first garden',
      'i understand now',
      'no response yet',
      'federal holiday',
      'study hard please',
      'definitely maybe',
      'a pony in the snow',
    ]
    it.each(phrases)('accepts the phrase %j', (password) => {
      expect(checkPassword(password, {})).toEqual([])
    })
  })

  it('reports every problem that applies, in a fixed order', () => {
    expect(checkPassword('kenshin', { email: 'kenshin@example.com' })).toEqual([
      'too_short',
      'contains_email',
      'contains_service',
    ])
    expect(checkPassword('abc', { email: 'abc@example.com' })).toEqual([
      'too_short',
      'contains_email',
      'sequence',
    ])
    expect(checkPassword(`kenshin${'a'.repeat(130)}`, {})).toEqual([
      'too_long',
      'contains_service',
      'sequence',
    ])
  })
})

describe('COMMON_PASSWORDS', () => {
  it('holds 3,000 lower-case passwords', () => {
    expect(COMMON_PASSWORDS.size).toBe(3000)
    for (const password of COMMON_PASSWORDS) expect(password).toBe(password.toLowerCase())
  })

  it('holds only passwords of 8 characters or more', () => {
    const lengths = [...COMMON_PASSWORDS].map((password) => [...password].length)
    expect(Math.min(...lengths)).toBe(PASSWORD_MIN)
  })

  it('holds the most common ones of 8 or more', () => {
    for (const password of ['password', '12345678', 'qwertyuiop', 'iloveyou', 'baseball']) {
      expect(COMMON_PASSWORDS.has(password)).toBe(true)
    }
  })

  it('leaves out the common ones under 8, which too_short already refuses', () => {
    for (const password of ['123456', 'qwerty', 'dragon', '1234567']) {
      expect(COMMON_PASSWORDS.has(password)).toBe(false)
    }
  })
})

describe('passwordChecklist', () => {
  const cases: [string, string, { length: boolean; kinds: boolean }][] = [
    ['empty', '', { length: false, kinds: false }],
    ['7 letters', 'vrmqzxk', { length: false, kinds: false }],
    ['8 letters', 'vrmqzxkp', { length: true, kinds: false }],
    ['8 digits', '90817263', { length: true, kinds: false }],
    ['8 symbols', '!#%&!#%&', { length: true, kinds: false }],
    ['letters and digits', 'vrmqzxk8', { length: true, kinds: true }],
    ['letters and a symbol', 'vrmqzxk!', { length: true, kinds: true }],
    ['digits and a symbol', '9081726!', { length: true, kinds: true }],
    ['letters and a space', 'vrmq zxk', { length: true, kinds: true }],
    ['7 characters of 2 kinds', 'vrmqzx8', { length: false, kinds: true }],
    ['kana and digits', 'パスワードです12', { length: true, kinds: true }],
    ['full-width letters only', 'ｖｒｍｑｚｘｋｐ', { length: true, kinds: false }],
    ['8 emoji', emojiOfLength(8), { length: true, kinds: false }],
    ['128 characters', cleanOfLength(128), { length: true, kinds: true }],
    ['129 characters', cleanOfLength(129), { length: false, kinds: true }],
  ]
  it.each(cases)('for %s gives %j', (_, password, checklist) => {
    expect(passwordChecklist(password)).toEqual(checklist)
  })

  it('is guidance only: one kind of character is still accepted by the policy', () => {
    expect(passwordChecklist('vrmqzxkp').kinds).toBe(false)
    expect(checkPassword('vrmqzxkp', {})).toEqual([])
  })
})

describe('passwordStrength', () => {
  it('scores an empty password 0 without feedback', async () => {
    expect(await passwordStrength('', [])).toEqual({ score: 0 })
  })

  it('scores a very common password 0 and says why', async () => {
    expect(await passwordStrength('password', [])).toEqual({
      score: 0,
      feedbackKey: 'strength.warning.topTen',
    })
  })

  it("warns about the member's own words, including the address's local part", async () => {
    const result = await passwordStrength('taroyamada', ['taro.yamada@example.com'])
    expect(result).toEqual({ score: 0, feedbackKey: 'strength.warning.userInputs' })
  })

  it('treats the service name as a guessable word', async () => {
    const result = await passwordStrength('kenshinportal', [])
    expect(result.score).toBeLessThanOrEqual(1)
  })

  it('scores a long passphrase 4 without feedback', async () => {
    expect(await passwordStrength('jumping-OTTER-cactus-71', [])).toEqual({ score: 4 })
  })

  it('falls back to a suggestion when there is no warning', async () => {
    const result = await passwordStrength(CLEAN, [])
    expect(result.feedbackKey).toMatch(/^strength\.suggestion\./)
  })
})

describe('password.ts bundle', () => {
  /** Every module a core file imports, followed transitively through relative imports. */
  function importGraph(entry: string): string[] {
    const seen = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      // Comments are not imports (common-passwords.ts quotes its generator in one).
      const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
      for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier))
        else seen.add(specifier)
      }
    }
    visit(resolve(dirname(fileURLToPath(import.meta.url)), entry))
    return [...seen]
  }

  it.each(['password.ts', 'schemas.ts'])('never pulls zxcvbn in through %s', (entry) => {
    const graph = importGraph(entry)
    expect(graph.some((module) => module.endsWith('common-passwords.ts'))).toBe(true)
    expect(graph.filter((module) => module.includes('zxcvbn'))).toEqual([])
  })

  it('does pull zxcvbn in through password-strength.ts, lazily', () => {
    const source = readFileSync(
      resolve(dirname(fileURLToPath(import.meta.url)), 'password-strength.ts'),
      'utf8',
    )
    expect(source).toMatch(/import\('@zxcvbn-ts\/core'\)/)
    expect(source).not.toMatch(/^import (?!type)[^\n]*zxcvbn/m)
  })
})
