import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { t, type Lang, type MessageKey } from './i18n.ts'
import {
  CaptchaBody,
  fieldErrors,
  ForgotBody,
  LoginBody,
  ResendBody,
  ResetBody,
  SignupBody,
  TokenBody,
  VerifyBody,
  VerifyCodeBody,
} from './schemas.ts'

type Schema = v.GenericSchema

/** The translated `fields` a body would get in a 400 answer; {} when the body is valid. */
function errorsOf(schema: Schema, input: unknown, lang: Lang = 'ja'): Record<string, string> {
  const result = v.safeParse(schema, input)
  return result.success ? {} : fieldErrors(result.issues, lang)
}

/** The message keys per field, first per field, for readable expectations. */
function keysOf(schema: Schema, input: unknown): Record<string, MessageKey> {
  const result = v.safeParse(schema, input)
  if (result.success) return {}
  const keys: Record<string, MessageKey> = {}
  for (const issue of result.issues) {
    const field = issue.path?.[0]?.key
    if (typeof field === 'string' && !(field in keys)) keys[field] = issue.message as MessageKey
  }
  return keys
}

const CLEAN_PASSWORD = 'vR8!mQ2z'
const signup = {
  email: 'taro@example.com',
  emailConfirm: 'taro@example.com',
  password: CLEAN_PASSWORD,
  agreeTerms: true,
  captchaToken: 'turnstile-token',
}
const without = <T extends object>(body: T, key: keyof T) => {
  const copy: Partial<T> = { ...body }
  delete copy[key]
  return copy
}
/** A valid address of `length` (197 to 260) characters. */
const longAddress = (length: number) =>
  `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(length - 197)}.com`

describe('SignupBody', () => {
  it('accepts a complete body and returns it unchanged', () => {
    const result = v.safeParse(SignupBody, signup)
    expect(result.success).toBe(true)
    expect(result.output).toEqual(signup)
  })

  it('accepts optional codes and drops unknown fields', () => {
    const body = { ...signup, inviteCode: 'ABC-123', orgCode: 'org-2024', admin: true }
    expect(v.parse(SignupBody, body)).toEqual({
      ...signup,
      inviteCode: 'ABC-123',
      orgCode: 'org-2024',
    })
  })

  it('treats empty optional codes as not given', () => {
    const output = v.parse(SignupBody, { ...signup, inviteCode: '', orgCode: '' })
    expect(output.inviteCode).toBeUndefined()
    expect(output.orgCode).toBeUndefined()
  })

  it('accepts a body without a captcha token (captcha level 0)', () => {
    expect(errorsOf(SignupBody, without(signup, 'captchaToken'))).toEqual({})
  })

  const emailCases: [string, unknown, MessageKey][] = [
    ['missing', undefined, 'field.email.required'],
    ['empty', '', 'field.email.required'],
    ['not a string', 42, 'field.email.required'],
    ['with a full-width ＠', 'taro＠example.com', 'field.email.fullwidth_at'],
    ['with full-width letters', 'ｔａｒｏ@example.com', 'field.email.fullwidth'],
    ['with a trailing space', 'taro@example.com ', 'field.email.space'],
    ['with a full-width space', 'taro@example.com　', 'field.email.space'],
    ['without a domain', 'taro@', 'field.email.format'],
    ['of 255 characters', longAddress(255), 'field.email.too_long'],
  ]
  it.each(emailCases)('refuses an email %s with its message', (_, email, key) => {
    const emailConfirm = typeof email === 'string' && email !== '' ? email : signup.emailConfirm
    const body = email === undefined ? without(signup, 'email') : { ...signup, email, emailConfirm }
    expect(keysOf(SignupBody, body)).toEqual({ email: key })
  })

  it('accepts an email of 254 characters', () => {
    const email = longAddress(254)
    expect(email).toHaveLength(254)
    expect(errorsOf(SignupBody, { ...signup, email, emailConfirm: email })).toEqual({})
  })

  const confirmCases: [string, unknown, MessageKey][] = [
    ['missing', undefined, 'field.emailConfirm.required'],
    ['empty', '', 'field.emailConfirm.required'],
    ['different', 'jiro@example.com', 'field.emailConfirm.mismatch'],
    ['different only in case', 'Taro@example.com', 'field.emailConfirm.mismatch'],
    ['with a trailing space', 'taro@example.com ', 'field.emailConfirm.mismatch'],
  ]
  it.each(confirmCases)('refuses an emailConfirm %s', (_, emailConfirm, key) => {
    const body =
      emailConfirm === undefined ? without(signup, 'emailConfirm') : { ...signup, emailConfirm }
    expect(keysOf(SignupBody, body)).toEqual({ emailConfirm: key })
  })

  it('reports a mismatch even when the email itself has a problem', () => {
    const body = { ...signup, email: 'taro＠example.com', emailConfirm: 'taro@example.com' }
    expect(keysOf(SignupBody, body)).toEqual({
      email: 'field.email.fullwidth_at',
      emailConfirm: 'field.emailConfirm.mismatch',
    })
  })

  const passwordCases: [string, unknown, MessageKey][] = [
    ['missing', undefined, 'field.password.required'],
    ['empty', '', 'field.password.required'],
    ['not a string', 12345678, 'field.password.required'],
    ['of 7 characters', 'vR8!mQ2', 'field.password.too_short'],
    ['of 129 characters', CLEAN_PASSWORD.repeat(17).slice(0, 129), 'field.password.too_long'],
    ['that is common', 'baseball', 'field.password.common'],
    ["holding the address's local part", 'Taro#vR8!mQ2z', 'field.password.contains_email'],
    ['holding the service name', 'Kenshin#vR8!', 'field.password.contains_service'],
    ['holding an easy sequence', 'vR8!123z', 'field.password.sequence'],
    ['with several problems (first wins)', 'kenshin', 'field.password.too_short'],
  ]
  it.each(passwordCases)('refuses a password %s', (_, password, key) => {
    const body = password === undefined ? without(signup, 'password') : { ...signup, password }
    expect(keysOf(SignupBody, body)).toEqual({ password: key })
  })

  it('accepts a password of 8 and of 128 characters', () => {
    expect(errorsOf(SignupBody, { ...signup, password: CLEAN_PASSWORD })).toEqual({})
    const longest = CLEAN_PASSWORD.repeat(16)
    expect(longest).toHaveLength(128)
    expect(errorsOf(SignupBody, { ...signup, password: longest })).toEqual({})
  })

  it('checks the password against the address even when the address is invalid', () => {
    const body = { ...signup, email: 'taro＠example.com', emailConfirm: 'taro＠example.com' }
    expect(keysOf(SignupBody, { ...body, password: 'taro-vR8!mQ2z' })).toEqual({
      email: 'field.email.fullwidth_at',
      password: 'field.password.contains_email',
    })
  })

  const codeCases: [string, unknown, boolean][] = [
    ['letters, digits and hyphens', 'Ab-09', true],
    ['32 characters', 'a'.repeat(32), true],
    ['33 characters', 'a'.repeat(33), false],
    ['full-width letters', 'ＡＢＣ', false],
    ['an underscore', 'ab_c', false],
    ['a space', 'ab c', false],
    ['a number', 42, false],
  ]
  it.each(codeCases)('for inviteCode and orgCode, takes %s: %s', (_, code, ok) => {
    expect(keysOf(SignupBody, { ...signup, inviteCode: code })).toEqual(
      ok ? {} : { inviteCode: 'field.inviteCode.format' },
    )
    expect(keysOf(SignupBody, { ...signup, orgCode: code })).toEqual(
      ok ? {} : { orgCode: 'field.orgCode.format' },
    )
  })

  it.each([
    ['missing', undefined],
    ['false', false],
    ['the string "true"', 'true'],
    ['1', 1],
  ])('requires agreeTerms to be true, not %s', (_, agreeTerms) => {
    const body =
      agreeTerms === undefined ? without(signup, 'agreeTerms') : { ...signup, agreeTerms }
    expect(keysOf(SignupBody, body)).toEqual({ agreeTerms: 'field.agreeTerms.required' })
  })

  it.each([
    ['4096 characters', 'x'.repeat(4096), {}],
    ['4097 characters', 'x'.repeat(4097), { captchaToken: 'field.captchaToken.invalid' }],
    ['a number', 42, { captchaToken: 'field.captchaToken.invalid' }],
  ])('takes a captchaToken of %s', (_, captchaToken, keys) => {
    expect(keysOf(SignupBody, { ...signup, captchaToken })).toEqual(keys)
  })

  it('reports every field with a problem at once', () => {
    const body = { email: 'ｔａｒｏ@example.com', emailConfirm: '', password: 'abc' }
    expect(keysOf(SignupBody, body)).toEqual({
      email: 'field.email.fullwidth',
      emailConfirm: 'field.emailConfirm.required',
      password: 'field.password.too_short',
      agreeTerms: 'field.agreeTerms.required',
    })
  })

  it.each([null, 'taro@example.com', 42, undefined])(
    'refuses a body that is not an object (%j) with error.validation and no fields',
    (input) => {
      const result = v.safeParse(SignupBody, input)
      expect(result.success).toBe(false)
      expect(result.issues?.[0].message).toBe('error.validation')
      expect(errorsOf(SignupBody, input)).toEqual({})
    },
  )

  it('gives every field its message in both languages', () => {
    const body = { ...signup, email: 'taro＠example.com', emailConfirm: 'x', agreeTerms: false }
    expect(errorsOf(SignupBody, body, 'ja')).toEqual({
      email: '＠が全角です。半角の@で入力してください。',
      emailConfirm: 'メールアドレス(確認用)がメールアドレスと一致しません。',
      agreeTerms: '会員規約とプライバシーポリシーに同意してください。',
    })
    expect(errorsOf(SignupBody, body, 'en')).toEqual({
      email: 'The ＠ is full-width. Please type a half-width @.',
      emailConfirm: 'The confirmation does not match the e-mail address.',
      agreeTerms: 'Please agree to the Terms of Membership and the Privacy Policy.',
    })
  })
})

describe.each([
  ['ResendBody', ResendBody],
  ['ForgotBody', ForgotBody],
])('%s', (_, schema) => {
  it('accepts an address with or without a captcha token', () => {
    expect(errorsOf(schema, { email: 'taro@example.com', captchaToken: 'x' })).toEqual({})
    expect(errorsOf(schema, { email: 'taro@example.com' })).toEqual({})
  })

  it.each([
    [{}, 'field.email.required'],
    [{ email: '' }, 'field.email.required'],
    [{ email: 'taro＠example.com' }, 'field.email.fullwidth_at'],
    [{ email: 'taro@example' }, 'field.email.format'],
  ])('refuses %j with %s', (body, key) => {
    expect(keysOf(schema, body)).toEqual({ email: key })
  })

  it('refuses an oversized captcha token', () => {
    const body = { email: 'taro@example.com', captchaToken: 'x'.repeat(4097) }
    expect(keysOf(schema, body)).toEqual({ captchaToken: 'field.captchaToken.invalid' })
  })
})

describe('VerifyCodeBody', () => {
  const email = 'taro@example.com'

  it('accepts an address and 6 digits', () => {
    expect(v.parse(VerifyCodeBody, { email, code: '012345' })).toEqual({ email, code: '012345' })
  })

  it.each([
    ['missing', undefined, 'field.code.required'],
    ['empty', '', 'field.code.required'],
    ['a number', 123456, 'field.code.required'],
    ['5 digits', '12345', 'field.code.format'],
    ['7 digits', '1234567', 'field.code.format'],
    ['full-width digits', '１２３４５６', 'field.code.format'],
    ['a letter', '12345a', 'field.code.format'],
    ['a leading space', ' 123456', 'field.code.format'],
    ['a trailing line break', '123456\n', 'field.code.format'],
  ])('refuses a code %s', (_, code, key) => {
    const body = code === undefined ? { email } : { email, code }
    expect(keysOf(VerifyCodeBody, body)).toEqual({ code: key })
  })

  it('checks the address like sign-up does', () => {
    expect(keysOf(VerifyCodeBody, { email: 'taro @example.com', code: '123456' })).toEqual({
      email: 'field.email.space',
    })
  })
})

describe('LoginBody', () => {
  const login = { email: 'taro@example.com', password: 'whatever', captchaToken: 'x' }

  it.each([
    ['a malformed address', 'taro＠example', true],
    ['any non-empty text', 'x', true],
    ['254 characters', 'a'.repeat(254), true],
  ])('accepts as email %s, leaving the answer to the credential check', (_, email) => {
    expect(errorsOf(LoginBody, { ...login, email })).toEqual({})
  })

  it.each([
    ['missing', undefined, 'field.email.required'],
    ['empty', '', 'field.email.required'],
    ['not a string', ['taro@example.com'], 'field.email.required'],
    ['255 characters', 'a'.repeat(255), 'field.email.too_long'],
  ])('refuses an email %s', (_, email, key) => {
    const body = email === undefined ? without(login, 'email') : { ...login, email }
    expect(keysOf(LoginBody, body)).toEqual({ email: key })
  })

  it.each([
    ['short', 'abc'],
    ['common', 'password'],
    ['128 characters', 'x'.repeat(128)],
    ['128 emoji', '😀'.repeat(128)],
  ])('accepts a %s password: the policy is for new passwords only', (_, password) => {
    expect(errorsOf(LoginBody, { ...login, password })).toEqual({})
  })

  it.each([
    ['missing', undefined, 'field.password.required'],
    ['empty', '', 'field.password.required'],
    ['of 129 characters', 'x'.repeat(129), 'field.password.too_long'],
    ['of 129 emoji', '😀'.repeat(129), 'field.password.too_long'],
  ])('refuses a password %s', (_, password, key) => {
    const body = password === undefined ? without(login, 'password') : { ...login, password }
    expect(keysOf(LoginBody, body)).toEqual({ password: key })
  })
})

describe.each([
  ['TokenBody', TokenBody],
  ['VerifyBody', VerifyBody],
])('%s', (_, schema) => {
  it.each([
    ['a token', 'AbC_-123', {}],
    ['a token of 128', 'x'.repeat(128), {}],
    ['a token of 129', 'x'.repeat(129), { token: 'field.token.invalid' }],
    ['an empty token', '', { token: 'field.token.required' }],
    ['a number', 42, { token: 'field.token.required' }],
  ])('given %s answers %j', (_, token, keys) => {
    expect(keysOf(schema, { token })).toEqual(keys)
  })

  it('requires the token', () => {
    expect(keysOf(schema, {})).toEqual({ token: 'field.token.required' })
  })
})

describe('ResetBody', () => {
  it('accepts a token and a password that follows the policy', () => {
    expect(errorsOf(ResetBody, { token: 't', password: CLEAN_PASSWORD })).toEqual({})
  })

  it.each([
    ['', 'field.password.required'],
    ['vR8!mQ2', 'field.password.too_short'],
    ['x'.repeat(129), 'field.password.too_long'],
    ['iloveyou', 'field.password.common'],
    ['KenshinPortal!', 'field.password.contains_service'],
    ['vR8!qwer', 'field.password.sequence'],
  ])('refuses the password %s with %s', (password, key) => {
    expect(keysOf(ResetBody, { token: 't', password })).toEqual({ password: key })
  })

  it('requires both fields', () => {
    expect(keysOf(ResetBody, {})).toEqual({
      token: 'field.token.required',
      password: 'field.password.required',
    })
  })
})

describe('CaptchaBody', () => {
  it.each(['login', 'signup', 'reset', 'resend', 'inquiry'])('accepts the action %s', (action) => {
    expect(errorsOf(CaptchaBody, { action })).toEqual({})
    expect(errorsOf(CaptchaBody, { action, email: 'taro＠example' })).toEqual({})
  })

  it.each([
    [{}, { action: 'field.action.invalid' }],
    [{ action: 'verify_code' }, { action: 'field.action.invalid' }],
    [{ action: 'login', email: '' }, { email: 'field.email.required' }],
    [{ action: 'login', email: 'a'.repeat(255) }, { email: 'field.email.too_long' }],
  ])('refuses %j', (body, keys) => {
    expect(keysOf(CaptchaBody, body)).toEqual(keys)
  })
})

describe('fieldErrors', () => {
  const issue = (key: string | undefined, message: string): v.BaseIssue<unknown> => ({
    kind: 'validation',
    type: 'check',
    input: '',
    expected: null,
    received: '""',
    message,
    path:
      key === undefined
        ? undefined
        : [{ type: 'object', origin: 'value', input: {}, key, value: '' }],
  })

  it('keeps the first message per field', () => {
    const issues = [
      issue('password', 'field.password.too_short'),
      issue('password', 'field.password.sequence'),
      issue('email', 'field.email.format'),
    ]
    expect(fieldErrors(issues, 'ja')).toEqual({
      password: t('ja', 'field.password.too_short'),
      email: t('ja', 'field.email.format'),
    })
  })

  it('translates into English', () => {
    expect(fieldErrors([issue('code', 'field.code.format')], 'en')).toEqual({
      code: 'The confirmation code is 6 digits (0–9).',
    })
  })

  it('leaves out issues that belong to no field', () => {
    expect(fieldErrors([issue(undefined, 'error.validation')], 'ja')).toEqual({})
  })

  it('falls back to a generic message for a message that is not a key', () => {
    expect(fieldErrors([issue('email', 'Invalid type: Expected string')], 'en')).toEqual({
      email: 'Please check this field.',
    })
  })

  it('keys nested issues by their top-level field', () => {
    const nested: v.BaseIssue<unknown> = {
      ...issue('profile', 'field.invalid'),
      path: [
        { type: 'object', origin: 'value', input: {}, key: 'profile', value: {} },
        { type: 'object', origin: 'value', input: {}, key: 'name', value: '' },
      ],
    }
    expect(Object.keys(fieldErrors([nested], 'ja'))).toEqual(['profile'])
  })
})
