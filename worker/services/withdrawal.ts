/**
 * 退会 (issue 12, journey 10): the account and everything of it end in one batch; the insurer's roster and
 * results stay, and audit rows stay without the address.
 */
import { and, eq, or, sql } from 'drizzle-orm'
import { runBatch } from '../../db/open'
import {
  accounts,
  auditLog,
  emailChanges,
  emailTokens,
  healthAccess,
  inquiries,
  knownDevices,
  memberLinks,
  memberPasskeys,
  notices,
  pushSubscriptions,
  sessions,
  webauthnChallenges,
} from '../../db/schema'
import type { Lang } from '../../core/i18n'
import { audit } from './audit'
import { checkCurrentPassword, type SettingsDeps } from './account-settings'
import type { Mail } from './mail'
import { mailTemplates } from './mail-templates'

/**
 * 退会. The password first; then one batch deletes the account's rows in every portal table explicitly
 * (libSQL in tests enforces no foreign keys, and a later issue splits the databases), the card link
 * (the insurer's table, its own statement), sets the account's inquiries' account to NULL, and scrubs
 * every address the account had out of its audit rows, which stay. The roster, checkups and the viewing
 * code stay with the insurer, so the person can sign up and link again.
 */
export async function withdraw(
  deps: SettingsDeps,
  accountId: string,
  currentPassword: string,
  lang: Lang,
  ip: string,
): Promise<Mail> {
  const current = await checkCurrentPassword(deps, accountId, currentPassword, lang, ip)
  const now = deps.now()
  const changes = await deps.db
    .select({ oldEmail: emailChanges.oldEmail, newEmail: emailChanges.newEmail })
    .from(emailChanges)
    .where(eq(emailChanges.accountId, accountId))
  const addresses = [
    ...new Set(
      [current.email, ...changes.flatMap((c) => [c.oldEmail, c.newEmail])].map((a) =>
        a.toLowerCase(),
      ),
    ),
  ]
  // Audit rows stay, without the address, in whatever case it was written (a reason typed by staff).
  const mentioning = await deps.db
    .select({ id: auditLog.id, detail: auditLog.detail })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.accountId, accountId),
        or(...addresses.map((a) => sql`instr(lower(${auditLog.detail}), ${a}) > 0`)),
      ),
    )
  const pattern = new RegExp(
    addresses.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
    'gi',
  )
  const scrubs = mentioning.map((row) =>
    deps.db
      .update(auditLog)
      .set({ detail: row.detail.replace(pattern, '[withdrawn]') })
      .where(eq(auditLog.id, row.id)),
  )
  await runBatch(deps.db, [
    deps.db.delete(sessions).where(eq(sessions.accountId, accountId)),
    deps.db.delete(memberPasskeys).where(eq(memberPasskeys.accountId, accountId)),
    deps.db.delete(pushSubscriptions).where(eq(pushSubscriptions.accountId, accountId)),
    deps.db.delete(notices).where(eq(notices.accountId, accountId)),
    deps.db.delete(knownDevices).where(eq(knownDevices.accountId, accountId)),
    deps.db.delete(emailChanges).where(eq(emailChanges.accountId, accountId)),
    deps.db.delete(emailTokens).where(eq(emailTokens.accountId, accountId)),
    deps.db.delete(healthAccess).where(eq(healthAccess.accountId, accountId)),
    deps.db.delete(webauthnChallenges).where(eq(webauthnChallenges.accountId, accountId)),
    // The insurer's data (member_links): its own statement, ready for the later split.
    deps.db.delete(memberLinks).where(eq(memberLinks.accountId, accountId)),
    deps.db.update(inquiries).set({ accountId: null }).where(eq(inquiries.accountId, accountId)),
    ...scrubs,
    deps.db.delete(accounts).where(eq(accounts.id, accountId)),
  ])
  await audit(deps, {
    action: 'account.withdrawn',
    actorType: 'member',
    actorId: accountId,
    accountId,
    ip,
  })
  return mailTemplates.withdrawn(lang, current.email, deps.config.appOrigin, new Date(now))
}
