import * as v from 'valibot'
import { SECRET_ANSWER_MAX } from './secret-answer.ts'

/** The secret questions a member chooses from (STEP2 秘密の質問設定). */
export const SECRET_QUESTIONS = [
  { id: 'birthplace', ja: '出身地は?', en: 'Where were you born?' },
  { id: 'mother_maiden', ja: '母親の旧姓は?', en: 'What is your mother’s maiden name?' },
  {
    id: 'first_pet',
    ja: '初めて飼ったペットの名前は?',
    en: 'What was the name of your first pet?',
  },
  {
    id: 'elementary_school',
    ja: '卒業した小学校の名前は?',
    en: 'Which elementary school did you go to?',
  },
  {
    id: 'favourite_food',
    ja: '子どもの頃に好きだった食べ物は?',
    en: 'What food did you like as a child?',
  },
] as const

export { normalizeViewingCode, VIEWING_CODE_ALPHABET } from './viewing-code.ts'

/** The code grouped 4-4-4 for reading on the postcard. */
export const formatViewingCode = (code: string) =>
  `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`

export const ViewingCodeBody = v.strictObject({
  code: v.pipe(
    v.string('field.viewingCode.required'),
    v.maxLength(40, 'field.viewingCode.format'),
    v.minLength(1, 'field.viewingCode.required'),
  ),
})

export const SecretQuestionBody = v.strictObject({
  questionId: v.picklist(
    SECRET_QUESTIONS.map((q) => q.id),
    'field.questionId.required',
  ),
  answer: v.pipe(
    v.string('field.answer.required'),
    v.minLength(1, 'field.answer.required'),
    v.maxLength(SECRET_ANSWER_MAX, 'field.answer.too_long'),
  ),
})

export const SecretAnswerBody = v.strictObject({
  answer: v.pipe(
    v.string('field.answer.required'),
    v.minLength(1, 'field.answer.required'),
    v.maxLength(SECRET_ANSWER_MAX, 'field.answer.too_long'),
  ),
})
