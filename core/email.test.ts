import { describe, expect, it } from 'vitest'
import {
  checkEmail,
  checkEmailConfirm,
  EMAIL_MAX,
  EMAIL_MESSAGES,
  emailLocalPart,
  emailMessage,
  normalizeEmail,
  type EmailProblem,
} from './email.ts'
import { isMessageKey } from './i18n.ts'

/** A valid address of exactly `length` characters (197 to 260): 64 + @ + 63.63.N.com. */
function addressOfLength(length: number): string {
  const last = 'd'.repeat(length - 197)
  return `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${last}.com`
}

describe('checkEmail', () => {
  const accepted = [
    'taro@example.com',
    'Taro.Yamada@Example.CO.JP',
    'taro+kenshin@mail.example.jp',
    "o'reilly@example.com",
    'a_b-c!#$%&*/=?^`{|}~@example.com',
    'taro@sub-domain.example.com',
    'x@xn--eckwd4c7c.xn--zckzah',
    'a'.repeat(64) + '@example.com',
  ]

  it.each(accepted)('accepts %s and returns it exactly as typed', (address) => {
    expect(checkEmail(address)).toEqual({ ok: true, email: address })
  })

  /** Legacy Japanese mobile-carrier addresses that break RFC 5322's dot rules in the local part. */
  const carrier: [string, string][] = [
    ['consecutive dots', 'taro..yamada@docomo.ne.jp'],
    ['three dots in a row', 'taro...yamada@docomo.ne.jp'],
    ['a dot right before the @', 'taro.@ezweb.ne.jp'],
    ['two dots right before the @', 'taro..@ezweb.ne.jp'],
    ['a dot at the start', '.taro@docomo.ne.jp'],
    ['dots at both ends', '.taro.@softbank.ne.jp'],
    ['every dot rule broken at once', '..taro..yamada..@docomo.ne.jp'],
    ['a single character between dots', '.t.@docomo.ne.jp'],
    ['a local part of 64 with dots', `${'a'.repeat(62)}..@docomo.ne.jp`],
    ['one of 64 starting with a dot', `.${'a'.repeat(63)}@docomo.ne.jp`],
  ]

  it.each(carrier)('accepts a carrier address with %s (%s), exactly as typed', (_, address) => {
    expect(checkEmail(address)).toEqual({ ok: true, email: address })
  })

  const carrierRefused: [string, string, EmailProblem][] = [
    ['a local part of dots only', '..@docomo.ne.jp', 'format'],
    ['a local part of one dot', '.@docomo.ne.jp', 'format'],
    ['a local part of 65 with dots', `${'a'.repeat(63)}..@docomo.ne.jp`, 'format'],
    ['one of 65 starting with a dot', `.${'a'.repeat(64)}@docomo.ne.jp`, 'format'],
    ['consecutive dots in the domain as well', 'taro..yamada@docomo..ne.jp', 'format'],
    ['a trailing dot in the domain as well', 'taro.@ezweb.ne.jp.', 'format'],
    ['a leading dot in the domain as well', '.taro@.docomo.ne.jp', 'format'],
    ['a dot right after the @', 'taro.@.ezweb.ne.jp', 'format'],
    ['a comma beside the dots', 'taro.,yamada@docomo.ne.jp', 'format'],
  ]

  it.each(carrierRefused)('refuses a carrier-style address with %s (%s)', (_, address, problem) => {
    expect(checkEmail(address)).toEqual({ ok: false, problem })
  })

  const refused: [string, string, EmailProblem][] = [
    ['empty', '', 'required'],
    ['a full-width ＠', 'taro＠example.com', 'fullwidth_at'],
    ['a full-width ＠ beside other full-width letters', 'ｔａｒｏ＠example.com', 'fullwidth_at'],
    ['full-width letters', 'ｔａｒｏ@example.com', 'fullwidth'],
    ['a full-width digit', 'taro１@example.com', 'fullwidth'],
    ['a full-width dot', 'taro@example．com', 'fullwidth'],
    ['a full-width hyphen-minus', 'taro－y@example.com', 'fullwidth'],
    ['a full-width tilde (U+FF5E)', 'taro～@example.com', 'fullwidth'],
    ['hiragana', 'たろう@example.com', 'fullwidth'],
    ['half-width katakana', 'ﾀﾛｳ@example.com', 'fullwidth'],
    ['kanji', '太郎@example.com', 'fullwidth'],
    ['an accented letter', 'josé@example.com', 'fullwidth'],
    ['an emoji', 'taro😀@example.com', 'fullwidth'],
    ['a full-width space beside full-width letters', 'ｔａｒｏ　@example.com', 'fullwidth'],
    ['a leading space', ' taro@example.com', 'space'],
    ['a trailing space', 'taro@example.com ', 'space'],
    ['an inner space', 'taro @example.com', 'space'],
    ['a tab', 'taro@example.com\t', 'space'],
    ['a line break', 'taro@example.com\n', 'space'],
    ['a full-width (ideographic) space', 'taro@example.com\u3000', 'space'],
    ['a no-break space', 'taro@example.com\u00a0', 'space'],
    ['no @', 'taro.example.com', 'format'],
    ['two @', 'taro@yamada@example.com', 'format'],
    ['an empty local part', '@example.com', 'format'],
    ['a local part of 65', 'a'.repeat(65) + '@example.com', 'format'],
    ['a quoted local part', '"taro yamada"@example.com', 'space'],
    ['a quoted local part without spaces', '"taro"@example.com', 'format'],
    ['a comma', 'taro,yamada@example.com', 'format'],
    ['an empty domain', 'taro@', 'format'],
    ['a domain without a dot', 'taro@localhost', 'format'],
    ['a leading dot in the domain', 'taro@.example.com', 'format'],
    ['a trailing dot in the domain', 'taro@example.com.', 'format'],
    ['consecutive dots in the domain', 'taro@example..com', 'format'],
    ['an underscore in the domain', 'taro@exa_mple.com', 'format'],
    ['a label starting with a hyphen', 'taro@-example.com', 'format'],
    ['a label ending with a hyphen', 'taro@example-.com', 'format'],
    ['a label of 64', `taro@${'a'.repeat(64)}.com`, 'format'],
    ['an IP address', 'taro@192.168.0.1', 'format'],
    ['a domain literal', 'taro@[192.168.0.1]', 'format'],
    ['a control character', 'taro\u0000@example.com', 'format'],
  ]

  it.each(refused)('refuses an address with %s', (_, address, problem) => {
    expect(checkEmail(address)).toEqual({ ok: false, problem })
  })

  it('accepts an address of 254 characters and refuses one of 255 as too_long', () => {
    const longest = addressOfLength(EMAIL_MAX)
    const tooLong = addressOfLength(EMAIL_MAX + 1)
    expect(longest).toHaveLength(254)
    expect(tooLong).toHaveLength(255)
    expect(checkEmail(longest)).toEqual({ ok: true, email: longest })
    expect(checkEmail(tooLong)).toEqual({ ok: false, problem: 'too_long' })
  })

  it('reports too_long before format, and space and fullwidth before too_long', () => {
    const long = 'a'.repeat(300)
    expect(checkEmail(long)).toEqual({ ok: false, problem: 'too_long' })
    expect(checkEmail(`${long} `)).toEqual({ ok: false, problem: 'space' })
    expect(checkEmail(`${long}ａ`)).toEqual({ ok: false, problem: 'fullwidth' })
  })
})

describe('normalizeEmail', () => {
  it.each([
    ['Taro.Yamada@Example.COM', 'taro.yamada@example.com'],
    ['TARO@EXAMPLE.JP', 'taro@example.jp'],
    ['taro@example.jp', 'taro@example.jp'],
  ])('matches %s as %s, whatever the case', (address, key) => {
    expect(normalizeEmail(address)).toBe(key)
  })

  it('gives the same key to addresses that differ only in case', () => {
    expect(normalizeEmail('Taro@Example.com')).toBe(normalizeEmail('tARO@eXAMPLE.COM'))
  })
})

describe('emailLocalPart', () => {
  it.each([
    ['taro.yamada@example.com', 'taro.yamada'],
    ['Taro@Example.com', 'Taro'],
    ['taro..yamada.@docomo.ne.jp', 'taro..yamada.'],
    ['@example.com', ''],
    ['no-at-sign', 'no-at-sign'],
  ])('takes %s to %s', (address, local) => {
    expect(emailLocalPart(address)).toBe(local)
  })
})

describe('emailMessage', () => {
  it('gives checkEmail’s problem as a message of the catalogue', () => {
    expect(emailMessage('taro@example.jp')).toBeUndefined()
    expect(emailMessage('')).toBe('field.email.required')
    expect(emailMessage('taro＠example.jp')).toBe('field.email.fullwidth_at')
    for (const key of Object.values(EMAIL_MESSAGES)) expect(isMessageKey(key), key).toBe(true)
  })
})

describe('checkEmailConfirm', () => {
  it('asks for the confirmation, then wants it to repeat the address exactly', () => {
    expect(checkEmailConfirm('taro@example.jp', '')).toBe('required')
    expect(checkEmailConfirm('taro@example.jp', 'Taro@example.jp')).toBe('mismatch')
    expect(checkEmailConfirm('taro@example.jp', 'taro@example.jp')).toBeUndefined()
  })
})
