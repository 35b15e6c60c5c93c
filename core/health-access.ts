import * as v from 'valibot'

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

/** Viewing codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const VIEWING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** A code as typed (hyphens, spaces, full width, lower case) in its stored form, or null. */
export function normalizeViewingCode(raw: string): string | null {
  const code = raw
    .normalize('NFKC')
    .replace(/[\s\-‐−ー]/g, '')
    .toUpperCase()
  if (code.length !== 12) return null
  for (const ch of code) if (!VIEWING_CODE_ALPHABET.includes(ch)) return null
  return code
}

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
    v.maxLength(50, 'field.answer.too_long'),
  ),
})

export const SecretAnswerBody = v.strictObject({
  answer: v.pipe(
    v.string('field.answer.required'),
    v.minLength(1, 'field.answer.required'),
    v.maxLength(50, 'field.answer.too_long'),
  ),
})
