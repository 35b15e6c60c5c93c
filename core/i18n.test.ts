import { describe, expect, it } from 'vitest'
import { addCliMessages } from './cli-catalogues.ts'
import { isMessageKey, messages, pickLang, t, type Lang, type MessageKey } from './i18n.ts'
import { cliJa } from './messages/cli.ja.ts'

// The worker's catalogues hold no command-line text; the checks below cover every audience's.
const workerKeys = Object.keys(messages.ja)
addCliMessages()
const keys = Object.keys(messages.ja) as MessageKey[]

it('keeps the command line’s messages out of the catalogues the worker bundles', () => {
  expect(Object.keys(cliJa).filter((key) => workerKeys.includes(key))).toEqual([])
  expect(keys.length).toBeGreaterThan(workerKeys.length)
})
const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()

describe('messages', () => {
  it('has the same keys in Japanese and English', () => {
    expect(Object.keys(messages.en).sort()).toEqual([...keys].sort())
  })

  it.each(['ja', 'en'] as Lang[])('has a non-empty %s text for every key', (lang) => {
    for (const key of keys) expect(messages[lang][key].trim(), key).not.toBe('')
  })

  it('uses the same placeholders in both languages', () => {
    for (const key of keys) {
      expect(placeholders(messages.en[key]), key).toEqual(placeholders(messages.ja[key]))
    }
  })

  it('writes Japanese messages politely (です・ます) when they are sentences', () => {
    const sentences = keys.filter((key) => key.startsWith('field.') || key.startsWith('error.'))
    for (const key of sentences) {
      expect(messages.ja[key], key).toMatch(/(です|ます|ません|でした|さい)。$/)
    }
  })

  const apiErrorCodes = [
    'validation',
    'captcha_required',
    'too_many_attempts',
    'invalid_credentials',
    'link_expired',
    'invalid_code',
    'code_expired',
    'unauthenticated',
    'csrf',
    'payload_too_large',
    'unsupported_media_type',
    'not_found',
    'internal',
    'method_not_allowed',
  ]

  it.each(apiErrorCodes)('has a message for the API error code %s', (code) => {
    expect(isMessageKey(`error.${code}`)).toBe(true)
  })

  const fieldKeys = [
    'field.email.required',
    'field.email.fullwidth',
    'field.email.fullwidth_at',
    'field.email.space',
    'field.email.format',
    'field.email.too_long',
    'field.emailConfirm.required',
    'field.emailConfirm.mismatch',
    'field.password.required',
    'field.password.too_short',
    'field.password.too_long',
    'field.password.common',
    'field.password.contains_email',
    'field.password.contains_service',
    'field.password.sequence',
    'field.agreeTerms.required',
    'field.code.required',
    'field.code.format',
    'field.token.required',
  ]

  it.each(fieldKeys)('has a message for the field error %s', (key) => {
    expect(isMessageKey(key)).toBe(true)
  })
})

describe('t', () => {
  const examples: [MessageKey, string, string][] = [
    [
      'field.email.fullwidth',
      'メールアドレスに全角文字が含まれています。半角で入力してください。',
      'Your e-mail address contains full-width characters. Please type it in half-width characters.',
    ],
    [
      'field.email.fullwidth_at',
      '＠が全角です。半角の@で入力してください。',
      'The ＠ is full-width. Please type a half-width @.',
    ],
    [
      'field.email.space',
      'メールアドレスに空白が含まれています。空白を除いて入力してください。',
      'Your e-mail address contains a space. Please remove it.',
    ],
    [
      'field.emailConfirm.mismatch',
      'メールアドレス(確認用)がメールアドレスと一致しません。',
      'The confirmation does not match the e-mail address.',
    ],
    [
      'field.password.common',
      'よく使われているパスワードのため使用できません。',
      'This password is too commonly used. Please choose another one.',
    ],
    [
      'field.password.contains_email',
      'メールアドレスの一部を含むパスワードは使用できません。',
      'Your password must not contain part of your e-mail address.',
    ],
    [
      'field.password.contains_service',
      'サービス名(Kenshin Portal)を含むパスワードは使用できません。',
      'Your password must not contain the service name (Kenshin Portal).',
    ],
    [
      'field.password.sequence',
      '123、abc、qwertyなどの簡単な並びを含むパスワードは使用できません。',
      'Your password must not contain easy sequences such as 123, abc or qwerty.',
    ],
    [
      'field.password.too_short',
      'パスワードは8文字以上で入力してください。',
      'Your password must be at least 8 characters long.',
    ],
    [
      'error.invalid_credentials',
      'メールアドレスまたはパスワードが正しくありません。',
      'The e-mail address or password is incorrect.',
    ],
    [
      'error.too_many_attempts',
      '試行回数が上限に達したため、しばらくの間ご利用いただけません。時間をおいてお試しください。',
      'Too many attempts. This is unavailable for a while; please try again later.',
    ],
    [
      'error.link_expired',
      'このURLは有効期限が切れているか、すでに使用されています。',
      'This URL has expired or has already been used.',
    ],
    ['error.captcha_required', '画像認証を完了してください。', 'Please complete the verification.'],
  ]

  it.each(examples)('translates %s into Japanese and English', (key, japanese, english) => {
    expect(t('ja', key)).toBe(japanese)
    expect(t('en', key)).toBe(english)
  })

  it('fills {name} placeholders from params', () => {
    expect(t('ja', 'strength.meter', { level: '強い' })).toBe('パスワードの強度: 強い')
    expect(t('en', 'strength.meter', { level: 'Strong' })).toBe('Password strength: Strong')
  })

  it('accepts numbers as params', () => {
    expect(t('en', 'strength.meter', { level: 3 })).toBe('Password strength: 3')
  })

  it('leaves a placeholder without a param as it is', () => {
    expect(t('en', 'strength.meter')).toBe('Password strength: {level}')
    expect(t('en', 'strength.meter', { other: 'x' })).toBe('Password strength: {level}')
  })
})

describe('isMessageKey', () => {
  it.each([
    ['field.email.format', true],
    ['error.internal', true],
    ['field.email.nonsense', false],
    ['', false],
    ['toString', false],
    ['__proto__', false],
    [42, false],
    [undefined, false],
  ])('tells whether %s is a message key (%s)', (value, expected) => {
    expect(isMessageKey(value)).toBe(expected)
  })
})

describe('pickLang', () => {
  const cases: [string | null | undefined, Lang][] = [
    [undefined, 'ja'],
    [null, 'ja'],
    ['', 'ja'],
    ['ja', 'ja'],
    ['ja-JP', 'ja'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['en-US,en;q=0.9,ja;q=0.8', 'en'],
    ['ja,en-US;q=0.9,en;q=0.8', 'ja'],
    ['ja;q=0.5,en;q=0.8', 'en'],
    ['en;q=0.5,ja;q=0.8', 'ja'],
    ['en,ja', 'en'],
    ['ja,en', 'ja'],
    ['fr-FR,fr;q=0.9', 'ja'],
    ['fr-FR,en;q=0.5', 'en'],
    ['fr,ja;q=0.2,en;q=0.1', 'ja'],
    ['en;q=0', 'ja'],
    ['en;q=0,ja;q=0', 'ja'],
    ['*', 'ja'],
    ['en,*;q=0.5', 'en'],
    ['*,en;q=0.5', 'ja'],
    ['ja;q=0,*', 'en'],
    ['en;q=banana', 'ja'],
    ['en;q=1.5', 'ja'],
    [' en-US ; q=0.9 , ja ; q=0.8 ', 'en'],
    ['english', 'ja'],
  ]

  it.each(cases)('picks for Accept-Language %j: %s', (header, lang) => {
    expect(pickLang(header)).toBe(lang)
  })
})
