/**
 * 退会 (issue 12, journey 10; issue 14: across the directory and the insurer's database): the account
 * and everything of it end; the insurer's roster and results stay, and audit rows stay without the address.
 */
import { and, eq, isNotNull, isNull, or, sql } from 'drizzle-orm'
import { runBatch } from '../../db/open'
import {
  accounts,
  auditLog,
  emailChanges,
  emailTokens,
  inquiries,
  knownDevices,
  memberPasskeys,
  notices,
  pushSubscriptions,
  sessions,
  webauthnChallenges,
} from '../../db/schema'
import type { Lang } from '../../core/i18n'
import type { Deps } from '../deps'
import { checkCurrentPassword, type SettingsDeps } from './account-settings'
import type { Mail } from './mail'
import { mailTemplates } from './mail-templates'
import { unlinkInInsurer } from './unlink'

/**
 * 退会. The password first; then three steps, each idempotent (docs/scale.md, "stops half-way"):
 * (1) the directory: the account marked `withdrawing_at`, its sessions, passkeys, push subscriptions,
 * tokens, known devices and challenges deleted, every address it had scrubbed from its audit rows
 * (which stay), the audit row `account.withdrawn`: from here no log-in is possible (findAccount skips
 * it); (2) the insurer's database: the card link and the step-up row (withdrawInInsurer); (3) the
 * directory: notices, address changes, the inquiries' account set to NULL, the account row.
 * A stop after (1) or (2) is finished by reconcileLinks. The roster, checkups and viewing code stay
 * with the insurer, so the person can sign up and link again; the insurer's audit rows hold no address.
 */
export async function withdraw(
  deps: SettingsDeps & Pick<Deps, 'dbFor'>,
  accountId: string,
  currentPassword: string,
  lang: Lang,
  ip: string,
): Promise<Mail> {
  const current = await checkCurrentPassword(deps, accountId, currentPassword, lang, ip)
  const now = deps.now()
  await beginWithdrawal(deps, accountId, current.email, ip, now)
  await finishWithdrawal(deps, accountId)
  return mailTemplates.withdrawn(lang, current.email, deps.config.appOrigin, new Date(now))
}

/** Step 1: one directory batch. */
export async function beginWithdrawal(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  email: string,
  ip: string,
  now: number,
): Promise<void> {
  const [changes, [account]] = await Promise.all([
    deps.db
      .select({ oldEmail: emailChanges.oldEmail, newEmail: emailChanges.newEmail })
      .from(emailChanges)
      .where(eq(emailChanges.accountId, accountId)),
    // The insurer, on the audit row: its staff find the withdrawal in their audit search.
    deps.db
      .select({ insurerId: accounts.insurerId, linkState: accounts.linkState })
      .from(accounts)
      .where(eq(accounts.id, accountId)),
  ])
  const addresses = [
    ...new Set(
      [email, ...changes.flatMap((c) => [c.oldEmail, c.newEmail])].map((a) => a.toLowerCase()),
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
    deps.db
      .update(accounts)
      .set({ withdrawingAt: now })
      .where(and(eq(accounts.id, accountId), isNull(accounts.withdrawingAt))),
    deps.db.delete(sessions).where(eq(sessions.accountId, accountId)),
    deps.db.delete(memberPasskeys).where(eq(memberPasskeys.accountId, accountId)),
    deps.db.delete(pushSubscriptions).where(eq(pushSubscriptions.accountId, accountId)),
    deps.db.delete(knownDevices).where(eq(knownDevices.accountId, accountId)),
    deps.db.delete(emailTokens).where(eq(emailTokens.accountId, accountId)),
    deps.db.delete(webauthnChallenges).where(eq(webauthnChallenges.accountId, accountId)),
    ...scrubs,
    deps.db.insert(auditLog).values({
      at: now,
      action: 'account.withdrawn',
      actorType: 'member',
      actorId: accountId,
      accountId,
      insurerId: account?.linkState === 'linked' ? account.insurerId : null,
      ip,
      detail: '{}',
    }),
  ])
}

/**
 * Steps 2 and 3 of a withdrawal whose step 1 is recorded; false when there is none (already
 * finished, or never begun). Re-runnable from any point.
 */
export async function finishWithdrawal(
  deps: Pick<Deps, 'db' | 'dbFor'>,
  accountId: string,
): Promise<boolean> {
  const [row] = await deps.db
    .select({ insurerId: accounts.insurerId })
    .from(accounts)
    .where(and(eq(accounts.id, accountId), isNotNull(accounts.withdrawingAt)))
  if (!row) return false
  // Step 2: whatever the link's state (pending, linked, unlinking), the insurer's rows of the account.
  if (row.insurerId) await unlinkInInsurer(deps, accountId, row.insurerId)
  // Step 3.
  await runBatch(deps.db, [
    deps.db.delete(notices).where(eq(notices.accountId, accountId)),
    deps.db.delete(emailChanges).where(eq(emailChanges.accountId, accountId)),
    deps.db.update(inquiries).set({ accountId: null }).where(eq(inquiries.accountId, accountId)),
    deps.db
      .delete(accounts)
      .where(and(eq(accounts.id, accountId), isNotNull(accounts.withdrawingAt))),
  ])
  return true
}
