/**
 * The answer to the member's secret question (STEP2 of the step-up, and each later session's
 * question): 1 to 50 characters as typed, never trimmed (it is case-sensitive). The worker's
 * schemas (health-access.ts) and the client's form check both use these.
 */

/** The longest answer taken, in UTF-16 code units as `String.length` counts them. */
export const SECRET_ANSWER_MAX = 50

/** An answer as typed: `required` when empty, `too_long` over SECRET_ANSWER_MAX. */
export function checkSecretAnswer(answer: string): 'required' | 'too_long' | undefined {
  if (answer === '') return 'required'
  return answer.length > SECRET_ANSWER_MAX ? 'too_long' : undefined
}
