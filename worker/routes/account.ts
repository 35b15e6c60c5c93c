import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import {
  EmailChangeBody,
  LinkTokenBody,
  PasswordChangeBody,
  SessionEndBody,
  WithdrawBody,
} from '../../core/account-settings'
import { deviceLabel } from '../../core/user-agent'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { requireMember, sessionTokenOf } from '../middleware/session'
import { changePassword } from '../services/account-settings'
import {
  changeRequestMail,
  confirmEmailChange,
  peekEmailChange,
  requestEmailChange,
  revertEmailChange,
} from '../services/email-change'
import { withdraw } from '../services/withdrawal'
import { audit, memberAccessLog } from '../services/audit'
import {
  endOtherSessions,
  endSessionByDisplayId,
  listLiveSessions,
  readSession,
} from '../services/sessions'
import type { AppEnv } from '../types'
import { afterResponse, clearSessionCookie, sendInBackground } from './respond'
import { validationHook } from './validation'

/** The logged-in member's own account: the access log and アカウント設定 (issue 12, journey 10). */
export function accountRoutes(deps: Deps) {
  const member = requireMember(deps)
  return (
    new Hono<AppEnv>()
      .get('/access-log', member, async (c) => {
        // Who read this member's health data, and what support did on their account, and when
        // (docs/security.md, audit): never which staff member, never the reason.
        const rows = await memberAccessLog(deps, c.get('member')!.accountId)
        return c.json({
          reads: rows.map((r) => ({
            at: new Date(r.at).toISOString(),
            actor: r.actorType,
            action: r.action,
          })),
        })
      })
      // メールアドレスの変更: the same answer for a free address and a taken one; the mail differs,
      // and is built and sent after the answer.
      .post('/email', member, vValidator('json', EmailChangeBody, validationHook), async (c) => {
        const { email, currentPassword } = c.req.valid('json')
        const lang = c.get('lang')
        const { token } = await requestEmailChange(
          deps,
          c.get('member')!.accountId,
          { email, currentPassword },
          lang,
          c.get('ip'),
        )
        await afterResponse(c, deps, () => changeRequestMail(deps, { email, token }, lang))
        return c.json({ sent: true as const }, 202)
      })
      // The confirm link's screen shows the new address before the member confirms it. No session
      // needed: the link proves the new address, and the change was asked with the password.
      .post('/email/check', vValidator('json', LinkTokenBody, validationHook), async (c) => {
        const change = await peekEmailChange(deps, c.req.valid('json').token)
        if (!change) throw new AppError('link_expired')
        return c.json({ valid: true as const, email: change.newEmail })
      })
      .post('/email/confirm', vValidator('json', LinkTokenBody, validationHook), async (c) => {
        const token = sessionTokenOf(c)
        const session = token ? await readSession(deps, token) : null
        const { mail } = await confirmEmailChange(
          deps,
          c.req.valid('json').token,
          session && { id: session.sessionId, accountId: session.accountId },
          c.get('lang'),
          c.get('ip'),
        )
        await sendInBackground(c, deps, mail)
        return c.json({ ok: true as const, loggedIn: session !== null })
      })
      // 「心当たりがない」 from the old address: no session (its owner may be locked out).
      .post('/email/revert', vValidator('json', LinkTokenBody, validationHook), async (c) => {
        const mail = await revertEmailChange(
          deps,
          c.req.valid('json').token,
          c.get('lang'),
          c.get('ip'),
        )
        clearSessionCookie(c)
        await sendInBackground(c, deps, mail)
        return c.json({ ok: true as const })
      })
      .post(
        '/password',
        member,
        vValidator('json', PasswordChangeBody, validationHook),
        async (c) => {
          const session = c.get('member')!
          const mail = await changePassword(
            deps,
            { id: session.sessionId, accountId: session.accountId },
            c.req.valid('json'),
            c.get('lang'),
            c.get('ip'),
          )
          await sendInBackground(c, deps, mail)
          return c.json({ ok: true as const })
        },
      )
      // ログイン中の端末: each live session in words; its id on the wire is a keyed hash, never the
      // session's id (the SHA-256 of its cookie token).
      .get('/sessions', member, async (c) => {
        const session = c.get('member')!
        const list = await listLiveSessions(deps, session.accountId, session.sessionId)
        return c.json({
          sessions: list.map((s) => ({
            id: s.displayId,
            device: deviceLabel(s.userAgent),
            app: s.mode === 'app',
            place: s.place,
            method: s.method ?? 'password',
            createdAt: new Date(s.createdAt).toISOString(),
            lastSeenAt: new Date(s.lastSeenAt).toISOString(),
            current: s.current,
          })),
        })
      })
      .post(
        '/sessions/end',
        member,
        vValidator('json', SessionEndBody, validationHook),
        async (c) => {
          const session = c.get('member')!
          const ended = await endSessionByDisplayId(deps, session.accountId, c.req.valid('json').id)
          if (!ended) throw new AppError('not_found')
          await audit(deps, {
            action: 'account.session_ended',
            actorType: 'member',
            actorId: session.accountId,
            accountId: session.accountId,
            ip: c.get('ip'),
          })
          return c.json({ ok: true as const })
        },
      )
      .post('/sessions/end-others', member, async (c) => {
        const session = c.get('member')!
        const ended = await endOtherSessions(deps, session.accountId, session.sessionId)
        await audit(deps, {
          action: 'account.other_sessions_ended',
          actorType: 'member',
          actorId: session.accountId,
          accountId: session.accountId,
          ip: c.get('ip'),
          detail: { ended },
        })
        return c.json({ ended })
      })
      // 退会: the password, then every row of the account goes; the cookie is cleared.
      .post('/withdraw', member, vValidator('json', WithdrawBody, validationHook), async (c) => {
        const mail = await withdraw(
          deps,
          c.get('member')!.accountId,
          c.req.valid('json').currentPassword,
          c.get('lang'),
          c.get('ip'),
        )
        clearSessionCookie(c)
        await sendInBackground(c, deps, mail)
        return c.json({ ok: true as const })
      })
  )
}
