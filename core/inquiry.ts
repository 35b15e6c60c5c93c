/**
 * お問い合わせ (journey 8): the manual's form, field by field. The rules here are plain functions,
 * called by the worker's schema (core/inquiry-body.ts, valibot) and by the page's own checks, so a
 * message reads the same in both places; the page's chunk carries no valibot.
 */
import { BIRTH_YEAR_MIN, isoDate, NAME_KANA_MAX, todayInJapan } from './card.ts'
import { checkEmailConfirm, emailMessage } from './email.ts'
import type { MessageKey } from './i18n.ts'
import { formatKanaName, isKatakanaName } from './kana.ts'

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

/** The fields of the form, in the manual's order. */
export const INQUIRY_FIELDS = [
  'nameKana',
  'email',
  'emailConfirm',
  'insurerName',
  'birthDate',
  'type',
  'message',
  'appVersion',
  'device',
  'osVersion',
  'browser',
  'agreePrivacy',
] as const
export type InquiryField = (typeof INQUIRY_FIELDS)[number]
export type OptionalInquiryField = 'appVersion' | 'device' | 'osVersion' | 'browser'

/** 健康保険組合名: required, at most INSURER_NAME_MAX characters. */
export function insurerNameProblem(raw: string): MessageKey | undefined {
  if (raw === '') return 'field.insurerName.required'
  return characterCount(raw) > INSURER_NAME_MAX ? 'field.insurerName.too_long' : undefined
}

/** お問い合わせ内容: not blank, at most 1,000 characters (line breaks count, as the counter shows). */
export function messageProblem(raw: string): MessageKey | undefined {
  if (raw.trim() === '') return 'field.message.required'
  return characterCount(raw) > INQUIRY_MESSAGE_MAX ? 'field.message.too_long' : undefined
}

/** One of the four optional fields: at most 50 characters. */
export function optionalProblem(key: OptionalInquiryField, raw: string): MessageKey | undefined {
  return characterCount(raw) > INQUIRY_OPTIONAL_MAX ? `field.${key}.too_long` : undefined
}

/** The form as the page holds it: what was typed, and the consent. */
export type InquiryFormValues = Record<Exclude<InquiryField, 'agreePrivacy'>, string> & {
  agreePrivacy: boolean
}

/**
 * Every field's first problem, as InquiryBody (core/inquiry-body.ts) finds it, without valibot: the page's own
 * checks before the confirmation step (so the form's chunk carries only these rules). The name and
 * the birth date follow the card wizard's rules (core/card.ts: formatKanaName, isoDate), with the
 * same messages; a test holds the two to the same answers.
 */
export function inquiryProblems(
  form: InquiryFormValues,
  today: string = todayInJapan(),
): Partial<Record<InquiryField, MessageKey>> {
  const found: Partial<Record<InquiryField, MessageKey | undefined>> = {}
  const name = formatKanaName(form.nameKana)
  found.nameKana =
    name === ''
      ? 'field.nameKana.required'
      : form.nameKana.length > 200 || characterCount(name) > NAME_KANA_MAX
        ? 'field.nameKana.too_long'
        : isKatakanaName(name)
          ? undefined
          : 'field.nameKana.katakana'
  found.email = emailMessage(form.email)
  found.emailConfirm =
    form.emailConfirm === ''
      ? 'field.emailConfirm.required'
      : form.email !== '' && checkEmailConfirm(form.email, form.emailConfirm) === 'mismatch'
        ? 'field.emailConfirm.mismatch'
        : undefined
  found.insurerName = insurerNameProblem(form.insurerName)
  const date = isoDate(form.birthDate)
  found.birthDate =
    form.birthDate === ''
      ? 'field.birthDate.required'
      : date === null || date < `${BIRTH_YEAR_MIN}-01-01` || date > today
        ? 'field.birthDate.invalid'
        : undefined
  found.type = inquiryTypeOf(form.type) ? undefined : 'field.type.required'
  found.message = messageProblem(form.message)
  for (const key of ['appVersion', 'device', 'osVersion', 'browser'] as const)
    found[key] = optionalProblem(key, form[key])
  found.agreePrivacy = form.agreePrivacy === true ? undefined : 'field.agreePrivacy.required'
  return Object.fromEntries(Object.entries(found).filter(([, m]) => m)) as Partial<
    Record<InquiryField, MessageKey>
  >
}
