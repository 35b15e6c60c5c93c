import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { t } from './i18n.ts'
import { InquiryBody } from './inquiry-body.ts'
import { inquiryProblems, inquiryTypeOf, type InquiryFormValues } from './inquiry.ts'
import { fieldErrors } from './schemas.ts'

const valid: InquiryFormValues = {
  nameKana: 'ケンシン タロウ',
  email: 'taro@example.jp',
  emailConfirm: 'taro@example.jp',
  insurerName: 'デモ健康保険組合',
  birthDate: '1980-04-01',
  type: 'login',
  message: 'ログインIDを忘れました。',
  appVersion: '',
  device: '',
  osVersion: '',
  browser: '',
  agreePrivacy: true,
}

/** Forms that go wrong in one or more fields, each way the manual's fields can. */
const CASES: Partial<InquiryFormValues>[] = [
  {},
  { nameKana: '' },
  { nameKana: '　' },
  { nameKana: 'けんしん たろう' },
  { nameKana: 'ｹﾝｼﾝ ﾀﾛｳ' },
  { nameKana: 'Kenshin Taro' },
  { nameKana: 'ア'.repeat(65) },
  { email: '' },
  { email: 'taro＠example.jp', emailConfirm: 'taro＠example.jp' },
  { email: 'taro example.jp' },
  { emailConfirm: '' },
  { emailConfirm: 'jiro@example.jp' },
  { email: '', emailConfirm: 'jiro@example.jp' },
  { insurerName: '' },
  { insurerName: 'あ'.repeat(101) },
  { birthDate: '' },
  { birthDate: '1899-12-31' },
  { birthDate: '2999-01-01' },
  { birthDate: '1980-02-30' },
  { type: '' },
  { type: 'constructor' },
  { message: '' },
  { message: ' \n ' },
  { message: 'あ'.repeat(1001) },
  { message: '😀'.repeat(1000) },
  { appVersion: 'x'.repeat(51), device: 'x'.repeat(51), osVersion: 'x'.repeat(50) },
  { browser: 'x'.repeat(51) },
  { agreePrivacy: false },
  {
    nameKana: '',
    email: '',
    emailConfirm: '',
    insurerName: '',
    birthDate: '',
    type: '',
    message: '',
    agreePrivacy: false,
  },
]

describe('inquiryProblems (the page’s checks)', () => {
  it('finds nothing in a complete form', () => {
    expect(inquiryProblems(valid)).toEqual({})
  })

  it('answers as the worker’s schema does, field by field, with the same words', () => {
    for (const change of CASES) {
      const form = { ...valid, ...change }
      const result = v.safeParse(InquiryBody, form)
      const worker = result.success ? {} : fieldErrors(result.issues, 'ja')
      const page = Object.fromEntries(
        Object.entries(inquiryProblems(form)).map(([field, key]) => [field, t('ja', key)]),
      )
      expect(page, JSON.stringify(change)).toEqual(worker)
    }
  })
})

describe('inquiryTypeOf (the type a link carries)', () => {
  it('keeps a known type and drops anything else', () => {
    expect(inquiryTypeOf('viewing_code')).toBe('viewing_code')
    expect(inquiryTypeOf('constructor')).toBe('')
    expect(inquiryTypeOf(null)).toBe('')
  })
})
