/**
 * The form's checks: core's own rules (inquiryProblems, which InquiryBody's answers are held to),
 * so the page refuses what the worker would, with the same words, without valibot in its chunk.
 */
import { INQUIRY_FIELDS, inquiryProblems, type InquiryField } from '../../../core/inquiry'
import { coreMsg, type Msg } from '../../lib/messages'
import { convertedName } from '../card/rules'

export { INQUIRY_FIELDS, type InquiryField }

/** What the form keeps (strings only: the consent is 'yes' or ''). */
export type InquiryForm = Record<InquiryField, string>

export const EMPTY_FORM: InquiryForm = {
  nameKana: '',
  email: '',
  emailConfirm: '',
  insurerName: '',
  birthDate: '',
  type: '',
  message: '',
  appVersion: '',
  device: '',
  osVersion: '',
  browser: '',
  agreePrivacy: '',
}

/** The body as the API takes it, from the form's values. */
export function bodyOf(form: InquiryForm) {
  return { ...form, agreePrivacy: form.agreePrivacy === 'yes' }
}

/** The first message per field (empty when the form may go to its confirmation). */
export function inquiryErrors(form: InquiryForm): Partial<Record<InquiryField, Msg>> {
  const found: Partial<Record<InquiryField, Msg>> = {}
  for (const [field, key] of Object.entries(inquiryProblems(bodyOf(form))))
    found[field as InquiryField] = coreMsg(key)
  return found
}

/**
 * The name as it will be stored (hiragana and half-width kana made katakana), as the card wizard
 * converts it: the same function, so the two forms agree.
 */
export function normalizedName(raw: string): string {
  return convertedName(raw) ?? raw
}
