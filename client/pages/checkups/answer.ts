import { createFormState } from '../../lib/form'
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

/** The longest answer the worker takes (core/health-access.ts: 1–50 characters, as typed). */
export const ANSWER_MAX = 50

/** An answer as typed: required and at most 50 characters; never trimmed (it is case-sensitive). */
export function answerError(answer: string): Msg | undefined {
  if (answer === '') return coreMsg('field.answer.required')
  return answer.length > ANSWER_MAX ? coreMsg('field.answer.too_long') : undefined
}
