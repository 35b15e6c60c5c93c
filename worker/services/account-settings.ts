/**
 * アカウント設定 (issue 12, journey 10): what every change there shares (the current password, asked
 * first, its tries decided by the statement that records them; the mailed links a change kills) and the
 * password change. The e-mail change is in email-change.ts, 退会 in withdrawal.ts.
 */
import { and, eq, isNull, or, sql } from 'drizzle-orm'
import { namedRows } from '../../db/open'
import { accounts, emailTokens, riskEvents } from '../../db/schema'
import type { Lang } from '../../core/i18n'
import { t } from '../../core/i18n'
import { checkPassword } from '../../core/password'
import { PASSWORD_MESSAGES } from '../../core/password-rules'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { setPassword } from './accounts'
import { audit } from './audit'
import type { Mail } from './mail'
import { mailTemplates } from './mail-templates'
import { verifyPassword } from './passwords'
import { endOtherSessions } from './sessions'
import { hmac } from './tokens'

/** Wrong current passwords an account may send in an hour (settings screens), then refused. */
export const CURRENT_PASSWORD_TRIES = 5
export const CURRENT_PASSWORD_WINDOW_MS = 60 * 60_000

export type SettingsDeps = Pick<Deps, 'db' | 'now' | 'randomBytes' | 'config'>

/**
 * The current password, asked before a change. Each try is first recorded as a failure by the INSERT …
 * SELECT … WHERE count < 5 that admits it, so of 50 guesses at once no more than 5 are looked at (the
 * settings screens are no password oracle for a stolen session); a right password takes its row back.
 * The counter's subject is a keyed hash of the account id, never the address.
 */
export async function checkCurrentPassword(
  deps: SettingsDeps,
  accountId: string,
  password: string,
  lang: Lang,
  ip: string,
): Promise<{ email: string; emailKey: string }> {
  const subject = `current-password:${await hmac(deps.config.subjectKey, accountId)}`
  const now = deps.now()
  const admitted = namedRows(
    await deps.db.all(sql`insert into ${riskEvents} (subject, kind, at)
      select ${subject}, 'failure', ${now}
      where (select count(*) from ${riskEvents} where ${riskEvents.subject} = ${subject}
        and ${riskEvents.kind} = 'failure' and ${riskEvents.at} > ${now - CURRENT_PASSWORD_WINDOW_MS}) < ${CURRENT_PASSWORD_TRIES}
      returning id`),
    ['id'] as const,
  )
  if (!admitted.length) throw new AppError('password_tries_exceeded')
  const [account] = await deps.db
    .select({ email: accounts.email, emailKey: accounts.emailKey, hash: accounts.passwordHash })
    .from(accounts)
    .where(eq(accounts.id, accountId))
  if (!account) throw new AppError('unauthenticated')
  const { ok } = await verifyPassword(account.hash, password)
  if (!ok) {
    await audit(deps, {
      action: 'account.current_password_wrong',
      actorType: 'member',
      actorId: accountId,
      accountId,
      ip,
    })
    throw new AppError('wrong_password', {
      fields: { currentPassword: t(lang, 'field.currentPassword.wrong') },
    })
  }
  await deps.db.delete(riskEvents).where(eq(riskEvents.id, Number(admitted[0].id)))
  return { email: account.email, emailKey: account.emailKey }
}

/**
 * Links mailed before a change of address or password (a reset, an unlock) die with it: a reset link
 * sent to the old address must not set the password of the account at its new one.
 */
export function revokeMailedLinks(deps: SettingsDeps, accountId: string, now: number) {
  return deps.db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.accountId, accountId), isNull(emailTokens.usedAt)))
}

/** パスワードの変更: the current one first, the policy of sign-up, every other session ends. */
export async function changePassword(
  deps: SettingsDeps,
  session: { id: string; accountId: string },
  input: { currentPassword: string; password: string },
  lang: Lang,
  ip: string,
): Promise<Mail> {
  const { accountId } = session
  const current = await checkCurrentPassword(deps, accountId, input.currentPassword, lang, ip)
  const [problem] = checkPassword(input.password, { email: current.email })
  if (problem)
    throw new AppError('validation', {
      fields: { password: t(lang, PASSWORD_MESSAGES[problem]) },
    })
  await setPassword(deps, accountId, input.password)
  await endOtherSessions(deps, accountId, session.id)
  await revokeMailedLinks(deps, accountId, deps.now())
  await audit(deps, {
    action: 'account.password_changed',
    actorType: 'member',
    actorId: accountId,
    accountId,
    ip,
  })
  return mailTemplates.passwordChangedInSettings(
    lang,
    current.email,
    deps.config.appOrigin,
    new Date(deps.now()),
  )
}
