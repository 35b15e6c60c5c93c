import type { Deps } from '../deps'
import { AppError } from '../errors'
import { verifyCaptcha } from './captcha'
import {
  previewLevel,
  recordGatedAttempt,
  settleGuess,
  siteKeyFor,
  subjectsFor,
  type CaptchaLevel,
  type Subjects,
} from './risk'

export type GatedAction =
  'login' | 'signup' | 'resend' | 'reset' | 'verify_code' | 'inquiry' | 'staff_login'

/** The actions that check a secret of the address (a password, a code): each is a guess, counted before it is checked. */
const GUESSES: ReadonlySet<GatedAction> = new Set(['login', 'verify_code', 'staff_login'])

/** A request let through the gate: its level, and how its guess turned out (see settleGuess). */
export interface Passage {
  subjects: Subjects
  level: CaptchaLevel
  settle(result: 'right' | 'wrong'): Promise<{ lockedNow: boolean }>
}

/**
 * The door every anonymous form goes through (log-in, sign-up, resend, reset, code, inquiry). The statement
 * that records the attempt decides it (recordGatedAttempt): a throttled network or a locked address
 * is refused there, before any costly hash; then the captcha the recorded level asks for is checked.
 */
export async function passGate(
  deps: Deps,
  input: {
    action: GatedAction
    ip: string
    email?: string
    captchaToken?: string
    needsCaptcha: boolean
  },
): Promise<Passage> {
  const subjects = await subjectsFor(
    deps,
    input.ip,
    input.email,
    input.action === 'verify_code'
      ? 'signup-code'
      : input.action === 'staff_login'
        ? 'staff'
        : 'addr',
  )
  const recorded = await recordGatedAttempt(deps, subjects, { guess: GUESSES.has(input.action) })
  if (!recorded.admitted) throw new AppError('too_many_attempts')
  if (input.needsCaptcha) {
    const outcome = await verifyCaptcha(deps.fetch, deps.config.turnstile, {
      token: input.captchaToken,
      level: recorded.level,
      action: input.action,
      ip: input.ip,
    })
    if (!outcome.ok) {
      // No guess was checked: its pending failure is taken back.
      await settleGuess(deps, subjects, recorded, 'unchecked')
      if (outcome.reason === 'unavailable') {
        deps.log('error', 'captcha verifier unreachable', { action: input.action })
        throw new AppError('service_unavailable')
      }
      deps.log('warn', 'captcha refused', {
        action: input.action,
        level: recorded.level,
        reason: outcome.reason,
      })
      throw new AppError('captcha_required', {
        captcha: { level: recorded.level, siteKey: siteKeyFor(deps.config, recorded.level) },
      })
    }
  }
  return {
    subjects,
    level: recorded.level,
    settle: (result) => settleGuess(deps, subjects, recorded, result),
  }
}

/** The captcha the next submit needs, for answers that invite another try (a hint, see previewLevel). */
export async function nextCaptcha(deps: Deps, subjects: Subjects) {
  const level = await previewLevel(deps, subjects)
  return { level, siteKey: siteKeyFor(deps.config, level) }
}
