import { vValidator } from '@hono/valibot-validator'
import { Hono, type Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { STAFF_SESSION, StaffLoginBody } from '../../core/staff'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { apiGuards } from '../middleware/request'
import { isTokenShaped } from '../middleware/session'
import {
  clearStaffCookie,
  requireConsoleSession,
  setStaffCookie,
  STAFF_COOKIE,
  staffGuards,
  type StaffEnv,
} from '../middleware/staff'
import type { AuthenticationResponseJSON } from '@simplewebauthn/server'
import { audit } from '../services/audit'
import { passkeyLoginOptions } from '../services/passkeys'
import { nextCaptcha, passGate } from '../services/gate'
import {
  endStaffSession,
  staffIdByEmail,
  startStaffSession,
  verifyStaffLogin,
} from '../services/staff'
import { staffProfile } from '../services/staff-directory'
import { hashToken } from '../services/tokens'
import { afterResponse } from './respond'
import { validationHook } from './validation'
import type { AppEnv } from '../types'

/**
 * The console's session (docs/security.md#staff): POST signs in with e-mail, password and a second
 * factor (the TOTP code, or a passkey answering /passkey-options) behind the members' captcha levels and
 * address lock (staff counters of their own); GET says who is signed in and until when; DELETE signs
 * out. The cookie is `__Host-staff` (middleware/staff.ts).
 */
export function staffSessionRoutes(deps: Deps) {
  return (
    new Hono<StaffEnv>()
      .post(
        '/',
        ...apiGuards(deps.config),
        vValidator('json', StaffLoginBody, validationHook),
        async (c) => {
          const { email, password, code, passkey, captchaToken } = c.req.valid('json')
          const ip = c.get('ip')
          const gate = await passGate(deps, {
            action: 'staff_login',
            ip,
            email,
            captchaToken,
            needsCaptcha: true,
          })
          const signedIn = await verifyStaffLogin(deps, {
            email,
            password,
            code,
            passkey: passkey as AuthenticationResponseJSON | undefined,
          })
          if (!signedIn) {
            const { lockedNow } = await gate.settle('wrong')
            // A staff address's failure is audited (a wrong code after a right password is the sign of
            // a leaked password), after the answer, so its time does not tell the address is on staff.
            await afterResponse(c as unknown as Context<AppEnv>, deps, async () => {
              const staffId = await staffIdByEmail(deps, email)
              if (!staffId) return null
              await audit(deps, {
                action: 'staff.login_failed',
                actorType: 'anonymous',
                actorId: staffId,
                ip,
                detail: { method: passkey ? 'passkey' : 'totp', locked: lockedNow },
              })
              return null
            })
            if (gate.level >= 2) await deps.sleep(deps.config.risk.failureDelayMs)
            throw new AppError('invalid_staff_credentials', {
              captcha: await nextCaptcha(deps, gate.subjects),
            })
          }
          await gate.settle('right')
          // A new token at every sign-in: the browser's previous console session ends.
          const previous = getCookie(c as never, STAFF_COOKIE.name, STAFF_COOKIE.prefix)
          if (isTokenShaped(previous)) await endStaffSession(deps, await hashToken(previous))
          const { token, maxAgeSeconds } = await startStaffSession(deps, {
            staffId: signedIn.id,
            ip,
            userAgent: c.req.header('User-Agent') ?? null,
          })
          setStaffCookie(c, token, maxAgeSeconds)
          await audit(deps, {
            action: 'staff.login',
            actorType: 'staff',
            actorId: signedIn.id,
            ip,
            detail: { method: passkey ? 'passkey' : 'totp' },
          })
          const now = deps.now()
          return c.json({
            staff: await staffProfile(deps, signedIn.id),
            ...deadlines(deps, {
              idleExpiresAt: now + STAFF_SESSION.idleMs,
              absoluteExpiresAt: now + STAFF_SESSION.absoluteMs,
            }),
          })
        },
      )
      // A passkey log-in's options: a signed challenge, no credentials listed (nothing about the address).
      .post('/passkey-options', ...apiGuards(deps.config), async (c) =>
        c.json({ options: await passkeyLoginOptions(deps) }),
      )
      .use(...staffGuards(deps))
      .get('/', async (c) => {
        const s = c.get('staff')
        return c.json({
          staff: await staffProfile(deps, s.id),
          ...(s.session
            ? deadlines(deps, s.session)
            : { idleSeconds: null, absoluteSeconds: null }),
        })
      })
      .delete('/', requireConsoleSession, async (c) => {
        const s = c.get('staff')
        if (s.sessionId) await endStaffSession(deps, s.sessionId)
        clearStaffCookie(c)
        await audit(deps, {
          action: 'staff.logout',
          actorType: 'staff',
          actorId: s.id,
          ip: c.get('ip'),
        })
        return c.json({ ok: true })
      })
  )
}

/** Seconds left before the idle and the absolute deadline, by the app's clock. */
function deadlines(deps: Deps, s: { idleExpiresAt: number; absoluteExpiresAt: number }) {
  const now = deps.now()
  return {
    idleSeconds: Math.max(0, Math.floor((s.idleExpiresAt - now) / 1000)),
    absoluteSeconds: Math.max(0, Math.floor((s.absoluteExpiresAt - now) / 1000)),
  }
}
