/**
 * メールアドレスの変更 (issue 12, journey 10): a link to the new address confirms it, and a link to the old
 * one (「心当たりがない」) takes it back. Each link works once, decided by the statement that uses it.
 */
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm'
import { accounts, emailChanges, memberPasskeys } from '../../db/schema'
import { normalizeEmail } from '../../core/email'
import type { Lang } from '../../core/i18n'
import { t } from '../../core/i18n'
import { maskEmail } from '../../core/member-actions'
import { runBatch } from '../../db/open'
import { AppError } from '../errors'
import { checkCurrentPassword, revokeMailedLinks, type SettingsDeps } from './account-settings'
import { issueResetLink } from './accounts'
import { audit } from './audit'
import type { Mail } from './mail'
import { mailTemplates } from './mail-templates'
import { hashPassword } from './passwords'
import { admitAttempt } from './risk'
import { endAllSessions, endOtherSessions } from './sessions'
import { hashToken, hmac, newId, newToken } from './tokens'

export const EMAIL_CHANGE_LINK_MS = 60 * 60_000
/** E-mail change requests an account may make in an hour (each mails an address). */
export const EMAIL_CHANGES_PER_HOUR = 5
export const EMAIL_REVERT_LINK_MS = 7 * 86_400_000

/**
 * メールアドレスの変更, step 1. The row is written for a free address and a taken one alike (and
 * revokes the account's earlier unconfirmed changes either way), so the answer is the same; what
 * differs is the mail, built by the caller after the answer (`changeRequestMail`). Inserted first, then
 * the account's rows inserted before it revoked: of 50 requests at once, only the last row stays live.
 */
export async function requestEmailChange(
  deps: SettingsDeps,
  accountId: string,
  input: { email: string; currentPassword: string },
  lang: Lang,
  ip: string,
): Promise<{ changeId: string; token: string }> {
  const current = await checkCurrentPassword(deps, accountId, input.currentPassword, lang, ip)
  const newKey = normalizeEmail(input.email)
  if (newKey === current.emailKey)
    throw new AppError('validation', { fields: { email: t(lang, 'field.email.same') } })
  // Each request mails an address the member typed: 5 an hour per account, decided by the INSERT
  // that records the request (a taken address is counted the same as a free one).
  const subject = `email-change:${await hmac(deps.config.subjectKey, accountId)}`
  if (!(await admitAttempt(deps, subject, EMAIL_CHANGES_PER_HOUR, 3_600_000)))
    throw new AppError('too_many_attempts')
  const token = newToken(deps.randomBytes)
  const id = newId(deps.randomBytes)
  const now = deps.now()
  await runBatch(deps.db, [
    deps.db.insert(emailChanges).values({
      id,
      accountId,
      oldEmail: current.email,
      newEmail: input.email,
      newEmailKey: newKey,
      tokenHash: await hashToken(token),
      createdAt: now,
      expiresAt: now + EMAIL_CHANGE_LINK_MS,
    }),
    deps.db
      .update(emailChanges)
      .set({ revokedAt: now })
      .where(
        and(
          eq(emailChanges.accountId, accountId),
          isNull(emailChanges.confirmedAt),
          isNull(emailChanges.revokedAt),
          sql`rowid < (select rowid from ${emailChanges} where ${emailChanges.id} = ${id})`,
        ),
      ),
  ])
  await audit(deps, {
    action: 'account.email_change_requested',
    actorType: 'member',
    actorId: accountId,
    accountId,
    ip,
  })
  return { changeId: id, token }
}

/**
 * The mail of a change request, after the answer: to a free address the confirmation link; to an
 * address that already has an account, a word to its owner that someone tried (no link, nothing changes).
 */
export async function changeRequestMail(
  deps: SettingsDeps,
  input: { email: string; token: string },
  lang: Lang,
): Promise<Mail> {
  const origin = deps.config.appOrigin
  const [owner] = await deps.db
    .select({ email: accounts.email })
    .from(accounts)
    .where(eq(accounts.emailKey, normalizeEmail(input.email)))
  if (owner) return mailTemplates.emailChangeTaken(lang, owner.email, origin)
  return mailTemplates.emailChangeConfirm(
    lang,
    input.email,
    origin,
    `${origin}/account/email/confirm?token=${input.token}`,
  )
}

/** Reads a live confirm link without using it (the confirm screen shows the new address first). */
export async function peekEmailChange(deps: SettingsDeps, token: string) {
  const [row] = await deps.db
    .select({ newEmail: emailChanges.newEmail })
    .from(emailChanges)
    .where(liveChange(await hashToken(token), deps.now()))
  return row ?? null
}

const liveChange = (tokenHash: string, now: number) =>
  and(
    eq(emailChanges.tokenHash, tokenHash),
    isNull(emailChanges.confirmedAt),
    isNull(emailChanges.revokedAt),
    gt(emailChanges.expiresAt, now),
  )

/**
 * メールアドレスの変更, step 2: the link from the new address. One batch, in this order: the account
 * takes the new address only where the change is live and no account has that address (the unique
 * email_key backs it); then the change is marked confirmed — with this request's own revert-link hash —
 * only where the account now has the address. Of 50 uses at once one gets its row back; of two
 * changes of two accounts to one address, the first confirmed wins and the other is told why.
 * Then every session but `keepSessionId` ends.
 */
export async function confirmEmailChange(
  deps: SettingsDeps,
  token: string,
  keepSession: { id: string; accountId: string } | null,
  lang: Lang,
  ip: string,
): Promise<{ accountId: string; mail: Mail }> {
  const tokenHash = await hashToken(token)
  const now = deps.now()
  const revertToken = newToken(deps.randomBytes)
  const revertHash = await hashToken(revertToken)
  const live = liveChange(tokenHash, now)
  const [, confirmed] = (await runBatch(deps.db, [
    deps.db
      .update(accounts)
      .set({
        email: sql`(select ${emailChanges.newEmail} from ${emailChanges} where ${live})`,
        emailKey: sql`(select ${emailChanges.newEmailKey} from ${emailChanges} where ${live})`,
        updatedAt: now,
      })
      .where(
        and(
          sql`${accounts.id} = (select ${emailChanges.accountId} from ${emailChanges} where ${live})`,
          sql`not exists (select 1 from ${accounts} a2 where a2.email_key = (select ${emailChanges.newEmailKey} from ${emailChanges} where ${live}))`,
        ),
      ),
    deps.db
      .update(emailChanges)
      .set({
        confirmedAt: now,
        revertTokenHash: revertHash,
        revertExpiresAt: now + EMAIL_REVERT_LINK_MS,
      })
      .where(
        and(
          live,
          sql`exists (select 1 from ${accounts} where ${accounts.id} = ${emailChanges.accountId} and ${accounts.emailKey} = ${emailChanges.newEmailKey})`,
        ),
      )
      .returning({
        accountId: emailChanges.accountId,
        oldEmail: emailChanges.oldEmail,
        newEmail: emailChanges.newEmail,
      }),
  ])) as [unknown, { accountId: string; oldEmail: string; newEmail: string }[]]
  const [row] = confirmed
  if (!row) {
    // Not this request's: used, expired, revoked — or live, and its address taken by another account.
    if (await peekEmailChange(deps, token)) throw new AppError('email_taken')
    throw new AppError('link_expired')
  }
  const keep = keepSession && keepSession.accountId === row.accountId ? keepSession.id : null
  await endOtherSessions(deps, row.accountId, keep)
  await revokeMailedLinks(deps, row.accountId, now)
  // The account's other unconfirmed changes (none normally: a request revokes the earlier ones).
  await revokePendingChanges(deps, row.accountId, now)
  await audit(deps, {
    action: 'account.email_changed',
    actorType: 'member',
    actorId: row.accountId,
    accountId: row.accountId,
    ip,
  })
  const origin = deps.config.appOrigin
  return {
    accountId: row.accountId,
    mail: mailTemplates.emailChanged(lang, row.oldEmail, origin, {
      maskedNew: maskEmail(row.newEmail),
      at: new Date(now),
      revertLink: `${origin}/account/email/revert?token=${revertToken}`,
    }),
  }
}

/** The account's unconfirmed e-mail changes: their links no longer confirm anything. */
function revokePendingChanges(deps: SettingsDeps, accountId: string, now: number) {
  return deps.db
    .update(emailChanges)
    .set({ revokedAt: now })
    .where(
      and(
        eq(emailChanges.accountId, accountId),
        isNull(emailChanges.confirmedAt),
        isNull(emailChanges.revokedAt),
      ),
    )
}

/**
 * 「心当たりがない」 from the old address (7 days): the old address comes back (where no other account
 * took it meanwhile), every session ends, unconfirmed changes are revoked, and a reset link goes to the
 * old address. The UPDATE … RETURNING that marks the link used decides: it works once.
 */
export async function revertEmailChange(
  deps: SettingsDeps,
  token: string,
  lang: Lang,
  ip: string,
): Promise<Mail> {
  const now = deps.now()
  const hash = await hashToken(token)
  const [row] = await deps.db
    .update(emailChanges)
    .set({ revertedAt: now })
    .where(
      and(
        eq(emailChanges.revertTokenHash, hash),
        isNull(emailChanges.revertedAt),
        gt(emailChanges.revertExpiresAt, now),
        sql`not exists (select 1 from ${accounts} where ${accounts.emailKey} = lower(${emailChanges.oldEmail}) and ${accounts.id} <> ${emailChanges.accountId})`,
      ),
    )
    .returning({ accountId: emailChanges.accountId, oldEmail: emailChanges.oldEmail })
  if (!row) throw new AppError('link_expired')
  // Whoever changed the address knew the password and may have added a way in: pending changes are
  // revoked first (none can be confirmed after this), then the old address comes back with a password
  // no one knows (only the reset link below sets a new one), every session ends, every passkey goes,
  // and earlier mailed links die.
  const unusable = await hashPassword(newToken(deps.randomBytes), deps.randomBytes)
  await revokePendingChanges(deps, row.accountId, now)
  await deps.db
    .update(accounts)
    .set({
      email: row.oldEmail,
      emailKey: normalizeEmail(row.oldEmail),
      passwordHash: unusable,
      passwordChangedAt: now,
      updatedAt: now,
    })
    .where(eq(accounts.id, row.accountId))
  await endAllSessions(deps, row.accountId)
  await deps.db.delete(memberPasskeys).where(eq(memberPasskeys.accountId, row.accountId))
  await revokeMailedLinks(deps, row.accountId, now)
  await audit(deps, {
    action: 'account.email_change_reverted',
    actorType: 'member',
    actorId: row.accountId,
    accountId: row.accountId,
    ip,
  })
  return issueResetLink(deps, { id: row.accountId, email: row.oldEmail }, lang)
}
