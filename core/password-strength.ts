/**
 * The strength meter beside the password field (docs/security.md: guidance, not policy). zxcvbn-ts and
 * its dictionaries weigh hundreds of kilobytes, so they are imported on first use only: a page (or
 * the worker) that never shows the meter never downloads them. Keep this apart from password.ts.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { emailLocalPart } from './email.ts'
import { isMessageKey, type MessageKey } from './i18n.ts'

export type PasswordStrength = { score: 0 | 1 | 2 | 3 | 4; feedbackKey?: MessageKey }

/** Words zxcvbn should treat as guessable on this site whatever the member types. */
const SITE_WORDS = ['kenshin', 'portal', 'kenshinportal', 'ケンシン', '健診', 'ポータル']

let estimator: Promise<ZxcvbnFactory> | undefined

/** Loads zxcvbn once and configures it once; a failed load (e.g. offline) is retried next time. */
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')])
    .then(
      ([core, common]) =>
        new core.ZxcvbnFactory({
          dictionary: { ...common.dictionary },
          graphs: common.adjacencyGraphs,
          useLevenshteinDistance: true,
        }),
    )
    .catch((error: unknown) => {
      estimator = undefined
      throw error
    })
  return estimator
}

/**
 * zxcvbn's score (0 very weak … 4 very strong) and one message key saying what would help most:
 * its warning if it has one, else its first suggestion. `userInputs` are words about the member
 * (e.g. the e-mail address); an address also contributes its local part on its own.
 */
export async function passwordStrength(
  password: string,
  userInputs: string[],
): Promise<PasswordStrength> {
  if (password === '') return { score: 0 }
  const zxcvbn = await loadEstimator()
  const inputs = [
    ...userInputs,
    ...userInputs.filter((input) => input.includes('@')).map(emailLocalPart),
    ...SITE_WORDS,
  ]
  const result = zxcvbn.check(password, inputs)
  const { warning, suggestions } = result.feedback
  const feedbackKey =
    feedbackMessageKey('warning', warning) ?? feedbackMessageKey('suggestion', suggestions[0])
  return feedbackKey ? { score: result.score, feedbackKey } : { score: result.score }
}

/** zxcvbn's untranslated feedback is its key (e.g. `topTen`); ours: `strength.warning.topTen`. */
function feedbackMessageKey(
  kind: 'warning' | 'suggestion',
  zxcvbnKey: string | null | undefined,
): MessageKey | undefined {
  if (!zxcvbnKey) return undefined
  const key = `strength.${kind}.${zxcvbnKey}`
  return isMessageKey(key) ? key : undefined
}
