/**
 * お問い合わせ (journey 8): the manual's form, field by field, as one valibot schema shared by the
 * worker (which validates the POST) and the client (whose form checks run the same schema before the
 * confirmation step, so a message reads the same in both places).
 */
import * as v from 'valibot'
import { birthDate, nameKana } from './card.ts'
import { checkEmailConfirm } from './email.ts'
import { body, captchaToken, email } from './schemas.ts'

/** The manual's お問い合わせの種類, in its order; the value is what links carry (`/inquiry?type=login`). */
export const INQUIRY_TYPES = [
  'signup',
  'login',
  'viewing_code',
  'results',
  'withdrawal',
  'other',
] as const
export type InquiryType = (typeof INQUIRY_TYPES)[number]

/** The statuses of an inquiry, as support moves it: 新規 → 対応中 → 回答済 → 完了. */
export const INQUIRY_STATUSES = ['new', 'in_progress', 'answered', 'closed'] as const
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number]

/** お問い合わせ内容: up to 1,000 characters (the manual), counted as the counter shows them. */
export const INQUIRY_MESSAGE_MAX = 1000
/** The four optional fields (アプリのバージョン, 端末名, OSバージョン, ブラウザ): 50 characters each. */
export const INQUIRY_OPTIONAL_MAX = 50
/** 健康保険組合名: free text (the inquirer may not know the exact name); bounded. */
export const INSURER_NAME_MAX = 100
/** At most this many inquiries an hour per address and per IP (issue 11). */
export const INQUIRIES_PER_HOUR = 5

/** The number of characters of a text as a person counts them (code points, so an emoji is one). */
export function characterCount(text: string): number {
  return [...text].length
}

/** A type from a link's `?type=`, or '' when it names none (the select then asks). */
export function inquiryTypeOf(raw: string | null | undefined): InquiryType | '' {
  return (INQUIRY_TYPES as readonly string[]).includes(raw ?? '') ? (raw as InquiryType) : ''
}

const insurerName = v.pipe(
  v.string('field.insurerName.required'),
  v.nonEmpty('field.insurerName.required'),
  v.check((s) => characterCount(s) <= INSURER_NAME_MAX, 'field.insurerName.too_long'),
)

const message = v.pipe(
  v.string('field.message.required'),
  v.check((s) => s.trim() !== '', 'field.message.required'),
  v.check((s) => characterCount(s) <= INQUIRY_MESSAGE_MAX, 'field.message.too_long'),
)

function optionalText(key: 'appVersion' | 'device' | 'osVersion' | 'browser') {
  const tooLong = `field.${key}.too_long` as const
  return v.optional(
    v.pipe(
      v.string(tooLong),
      v.check((s) => characterCount(s) <= INQUIRY_OPTIONAL_MAX, tooLong),
    ),
    '',
  )
}

/** POST /api/inquiries: the manual's form, the consent, and the captcha token. */
export const InquiryBody = v.pipe(
  body({
    nameKana,
    email,
    emailConfirm: v.pipe(
      v.string('field.emailConfirm.required'),
      v.nonEmpty('field.emailConfirm.required'),
    ),
    insurerName,
    birthDate,
    type: v.picklist(INQUIRY_TYPES, 'field.type.required'),
    message,
    appVersion: optionalText('appVersion'),
    device: optionalText('device'),
    osVersion: optionalText('osVersion'),
    browser: optionalText('browser'),
    agreePrivacy: v.literal(true, 'field.agreePrivacy.required'),
    captchaToken,
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    const input = dataset.value as Record<string, unknown>
    if (typeof input !== 'object' || input === null) return
    const { email: address, emailConfirm } = input
    if (typeof address !== 'string' || typeof emailConfirm !== 'string' || address === '') return
    if (emailConfirm !== '' && checkEmailConfirm(address, emailConfirm) === 'mismatch')
      addIssue({
        message: 'field.emailConfirm.mismatch',
        path: [
          { type: 'object', origin: 'value', input, key: 'emailConfirm', value: emailConfirm },
        ],
      })
  }),
)

export type InquiryInput = v.InferOutput<typeof InquiryBody>
