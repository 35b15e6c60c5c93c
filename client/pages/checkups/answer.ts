import { checkSecretAnswer, SECRET_ANSWER_MAX } from '../../../core/secret-answer'
import type { SecretQuestion } from '../../lib/api'
import { createFormState } from '../../lib/form'
import { lang } from '../../lib/i18n'
import { coreMsg, type Msg } from '../../lib/messages'

/**
 * The secret answer's form values and rule, shared by STEP2 (first-visit/SetupStep.tsx), the steps'
 * screen that keeps STEP2's values while the member goes to STEP3 and back, and each session's
 * question (QuestionStep.tsx), which must not download the first-visit steps to use them.
 */
export type SetupForm = { questionId: string; answer: string }

/**
 * STEP2's values, kept while the member goes to STEP3 and back, and while the screen is drawn again.
 * Called by the steps' screen and by STEP2 itself: both get the same values.
 */
export const createSetupForm = () =>
  createFormState<SetupForm>('checkup-setup', { questionId: '', answer: '' })

/** The longest answer the worker takes (core/secret-answer.ts), for the field's maxlength. */
export const ANSWER_MAX = SECRET_ANSWER_MAX

/** An answer as typed: core's rule (required, at most 50 characters; never trimmed). */
export function answerError(answer: string): Msg | undefined {
  const problem = checkSecretAnswer(answer)
  return problem && coreMsg(`field.answer.${problem}`)
}

/** A secret question in the UI language ('' before the questions are here). */
export const questionText = (question: SecretQuestion | undefined) =>
  question ? (lang() === 'en' ? question.en : question.ja) : ''
