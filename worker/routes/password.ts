import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { checkPassword } from '../../core/password'
import { t } from '../../core/i18n'
import { ForgotBody, ResetBody, TokenBody } from '../../core/schemas'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import {
  consumeEmailToken,
  getMember,
  peekEmailToken,
  requestPasswordReset,
  setPassword,
} from '../services/accounts'
import { audit } from '../services/audit'
import { passGate } from '../services/gate'
import { mailTemplates } from '../services/mail-templates'
import { endAllSessions } from '../services/sessions'
import { unlockHealthData } from '../services/step-up'
import type { AppEnv } from '../types'
import { afterResponse, sendInBackground } from './respond'
import { validationHook } from './validation'

/** パスワードを忘れた方: the reset link by mail, its check, and the new password. */
export function passwordRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post('/forgot', vValidator('json', ForgotBody, validationHook), async (c) => {
      const { email, captchaToken } = c.req.valid('json')
      const ip = c.get('ip')
      await passGate(deps, { action: 'reset', ip, email, captchaToken, needsCaptcha: true })
      // The link, its row and the audit row exist only for a registered address: made after the answer.
      await afterResponse(c, deps, () => requestPasswordReset(deps, email, c.get('lang'), ip))
      return c.json({ sent: true as const }, 202)
    })
    .post('/check', vValidator('json', TokenBody, validationHook), async (c) => {
      const link = await peekEmailToken(deps, 'reset', c.req.valid('json').token)
      if (!link) throw new AppError('link_expired')
      return c.json({ valid: true as const, email: link.email })
    })
    .post('/reset', vValidator('json', ResetBody, validationHook), async (c) => {
      const { token, password } = c.req.valid('json')
      const lang = c.get('lang')
      const link = await peekEmailToken(deps, 'reset', token)
      if (!link) throw new AppError('link_expired')
      const problems = checkPassword(password, { email: link.email })
      if (problems.length)
        throw new AppError('validation', {
          fields: { password: t(lang, `field.password.${problems[0]}`) },
        })
      const used = await consumeEmailToken(deps, 'reset', token)
      if (!used?.accountId) throw new AppError('link_expired')
      await setPassword(deps, used.accountId, password)
      await endAllSessions(deps, used.accountId)
      // A reset by e-mail is also the way out of the health-data lock (docs/security.md).
      await unlockHealthData(deps, used.accountId)
      const ip = c.get('ip')
      await audit(deps, {
        action: 'password.reset',
        actorType: 'member',
        actorId: used.accountId,
        accountId: used.accountId,
        ip,
      })
      const member = await getMember(deps, used.accountId)
      if (member)
        await sendInBackground(
          c,
          deps,
          mailTemplates.passwordChanged(
            lang,
            member.email,
            deps.config.appOrigin,
            new Date(deps.now()),
          ),
        )
      return c.json({ ok: true as const })
    })
}
