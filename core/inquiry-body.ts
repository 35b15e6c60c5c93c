/**
 * POST /api/inquiries's body (お問い合わせ): the manual's form as one valibot schema, its checks the
 * rule functions of core/inquiry.ts (and, for the name and the birth date, the card wizard's). Only the
 * worker imports it; the page checks with inquiryProblems, which its test holds to the same answers.
 */
import * as v from 'valibot'
import { birthDate, nameKana } from './card.ts'
import { checkEmailConfirm } from './email.ts'
import {
  INQUIRY_TYPES,
  insurerNameProblem,
  messageProblem,
  optionalProblem,
  type OptionalInquiryField,
} from './inquiry.ts'
import { body, captchaToken, email } from './schemas.ts'

const insurerName = v.pipe(
  v.string('field.insurerName.required'),
  v.rawCheck<string>(({ dataset, addIssue }) => {
    const message = dataset.typed ? insurerNameProblem(dataset.value) : undefined
    if (message) addIssue({ message })
  }),
)

const message = v.pipe(
  v.string('field.message.required'),
  v.rawCheck<string>(({ dataset, addIssue }) => {
    const problem = dataset.typed ? messageProblem(dataset.value) : undefined
    if (problem) addIssue({ message: problem })
  }),
)

function optionalText(key: OptionalInquiryField) {
  return v.optional(
    v.pipe(
      v.string(`field.${key}.too_long`),
      v.rawCheck<string>(({ dataset, addIssue }) => {
        const problem = dataset.typed ? optionalProblem(key, dataset.value) : undefined
        if (problem) addIssue({ message: problem })
      }),
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
