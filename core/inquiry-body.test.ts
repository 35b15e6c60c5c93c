import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { fieldErrors } from './schemas.ts'
import { InquiryBody } from './inquiry-body.ts'
import { characterCount, INQUIRY_MESSAGE_MAX } from './inquiry.ts'

const valid = {
  nameKana: 'ケンシン タロウ',
  email: 'taro@example.jp',
  emailConfirm: 'taro@example.jp',
  insurerName: 'デモ健康保険組合',
  birthDate: '1980-04-01',
  type: 'login',
  message: 'ログインIDを忘れました。',
  agreePrivacy: true,
}

const errorsOf = (input: unknown) => {
  const result = v.safeParse(InquiryBody, input)
  return result.success ? {} : fieldErrors(result.issues, 'ja')
}

describe('InquiryBody (POST /api/inquiries, お問い合わせ)', () => {
  it('takes the manual form, the optional fields empty or absent', () => {
    const result = v.safeParse(InquiryBody, valid)
    expect(result.success).toBe(true)
    expect(result.output).toMatchObject({ appVersion: '', device: '', osVersion: '', browser: '' })
  })

  it('converts hiragana in the name to katakana, as the card check does', () => {
    const result = v.parse(InquiryBody, { ...valid, nameKana: 'けんしん たろう' })
    expect(result.nameKana).toBe('ケンシン\u3000タロウ')
  })

  it('names every missing field at once', () => {
    const errors = errorsOf({})
    expect(Object.keys(errors).sort()).toEqual(
      [
        'agreePrivacy',
        'birthDate',
        'email',
        'emailConfirm',
        'insurerName',
        'message',
        'nameKana',
        'type',
      ].sort(),
    )
    expect(errors.type).toBe('お問い合わせの種類を選択してください。')
    expect(errors.agreePrivacy).toBe('個人情報の取り扱いについてに同意してください。')
  })

  it('wants the confirmation equal to the address', () => {
    expect(errorsOf({ ...valid, emailConfirm: 'jiro@example.jp' }).emailConfirm).toBe(
      'メールアドレス(確認用)がメールアドレスと一致しません。',
    )
  })

  it('takes 1,000 characters of text, not 1,001 (an emoji is one)', () => {
    const full = '😀'.repeat(INQUIRY_MESSAGE_MAX)
    expect(characterCount(full)).toBe(1000)
    expect(errorsOf({ ...valid, message: full })).toEqual({})
    expect(errorsOf({ ...valid, message: `${full}a` }).message).toBe(
      'お問い合わせ内容は1,000文字以内で入力してください。',
    )
    expect(errorsOf({ ...valid, message: ' \n ' }).message).toBe(
      'お問い合わせ内容を入力してください。',
    )
  })

  it('bounds the four optional fields at 50 characters', () => {
    const long = 'x'.repeat(51)
    const errors = errorsOf({
      ...valid,
      appVersion: long,
      device: long,
      osVersion: long,
      browser: long,
    })
    expect(Object.keys(errors).sort()).toEqual(['appVersion', 'browser', 'device', 'osVersion'])
    expect(errorsOf({ ...valid, appVersion: 'x'.repeat(50) })).toEqual({})
  })

  it('refuses an unknown type and an unchecked consent', () => {
    expect(errorsOf({ ...valid, type: 'billing' }).type).toBeTruthy()
    expect(errorsOf({ ...valid, agreePrivacy: false }).agreePrivacy).toBeTruthy()
  })
})
