import type { Deps } from '../deps'
import { AppError } from '../errors'
import { verifyCaptcha } from './captcha'
import {
  assessRisk,
  recordAttempt,
  siteKeyFor,
  subjectsFor,
  type CaptchaLevel,
  type Subjects,
} from './risk'

export type GatedAction = 'login' | 'signup' | 'resend' | 'reset' | 'verify_code'

/**
 * The door every anonymous form goes through (log-in, sign-up, resend, reset, code): counts the
 * attempt, refuses locked addresses and throttled networks, and checks the captcha the level asks for.
 */
export async function passGate(
  deps: Deps,
  input: { action: GatedAction; ip: string; email?: string; captchaToken?: string; needsCaptcha: boolean },
): Promise<{ subjects: Subjects; level: CaptchaLevel }> {
  const subjects = await subjectsFor(deps, input.ip, input.email)
  const risk = await assessRisk(deps, subjects)
  await recordAttempt(deps, subjects)
  if (risk.locked || risk.throttled) throw new AppError('too_many_attempts')
  if (input.needsCaptcha) {
    const outcome = await verifyCaptcha(deps.fetch, deps.config.turnstile, {
      token: input.captchaToken,
      level: risk.level,
      action: input.action,
      ip: input.ip,
    })
    if (!outcome.ok) {
      if (outcome.reason === 'unavailable') {
        deps.log('error', 'captcha verifier unreachable', { action: input.action })
        throw new AppError('service_unavailable')
      }
      deps.log('warn', 'captcha refused', { action: input.action, level: risk.level, reason: outcome.reason })
      throw new AppError('captcha_required', { captcha: { level: risk.level, siteKey: siteKeyFor(deps.config, risk.level) } })
    }
  }
  return { subjects, level: risk.level }
}

/** The captcha the next submit needs, for answers that invite another try. */
export async function nextCaptcha(deps: Deps, subjects: Subjects) {
  const { level } = await assessRisk(deps, subjects)
  return { level, siteKey: siteKeyFor(deps.config, level) }
}
