/**
 * 紐付け解除 (issue 14, re-link): an account's card link undone across the directory and the insurer's
 * database, so the member may link a new card (another insurer, or the same one). Three steps, each
 * idempotent (docs/scale.md, "stops half-way"): (1) the directory's pointer says `unlinking` and every
 * session's step-up ends; (2) the insurer's database loses the account's link and step-up row; (3) the
 * pointer is free. A stop after (1) or (2) is finished by the next card link or by reconcileLinks.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { runBatch } from '../../db/open'
import { accounts, healthAccess, memberLinks, sessions } from '../../db/schema'
import type { Deps } from '../deps'
import { audit } from './audit'

type UnlinkDeps = Pick<Deps, 'db' | 'dbFor' | 'now'>

/**
 * Support's 紐付け解除 (B's route calls it after checking the staff's scope on the account's insurer)
 * or the member's own: the audit row `member.unlinked` is written here (directory, with the insurer).
 * `unlinked: false` when the account had no link to undo, or another call is undoing it (this one
 * helps it finish, and writes no second audit row).
 */
export async function unlinkMember(
  deps: UnlinkDeps,
  input: {
    accountId: string
    /** The insurer whose link this is (support's scope was checked on it): another's is left alone. */
    insurerId?: string
    staff?: { id: string }
    reason?: string
    ip?: string | null
  },
): Promise<{ unlinked: boolean; insurerId: string | null }> {
  const now = deps.now()
  const { accountId } = input
  const [marked] = (await runBatch(deps.db, [
    deps.db
      .update(accounts)
      .set({ linkState: 'unlinking', linkChangedAt: now })
      // Decided here: of two unlinks at once, one moves the pointer and writes the audit row.
      .where(
        and(
          eq(accounts.id, accountId),
          input.insurerId ? eq(accounts.insurerId, input.insurerId) : isNotNull(accounts.insurerId),
          inArray(accounts.linkState, ['linked', 'pending']),
        ),
      )
      .returning({ insurerId: accounts.insurerId }),
    // Every step-up ends, only when the account is being unlinked (by this call or another).
    deps.db
      .update(sessions)
      .set({ stepUpAt: null })
      .where(
        and(
          eq(sessions.accountId, accountId),
          sql`exists (select 1 from ${accounts} where ${accounts.id} = ${accountId} and ${accounts.linkState} = 'unlinking')`,
        ),
      ),
  ])) as [{ insurerId: string | null }[], unknown]
  const insurerId = marked[0]?.insurerId ?? null
  if (!insurerId) {
    // Already being unlinked (another call, or one that stopped half-way): finish it, no second row.
    await finishUnlink(deps, accountId)
    return { unlinked: false, insurerId: null }
  }
  await finishUnlink(deps, accountId)
  await audit(deps, {
    action: 'member.unlinked',
    actorType: input.staff ? 'staff' : 'member',
    actorId: input.staff?.id ?? accountId,
    accountId,
    insurerId,
    ip: input.ip ?? null,
    detail: input.reason ? { reason: input.reason } : {},
  })
  return { unlinked: true, insurerId }
}

/**
 * Steps 2 and 3 of an unlink whose step 1 is recorded (`link_state = 'unlinking'`); nothing when it
 * is not. Re-runnable: the deletes find nothing the second time, the last UPDATE holds its condition.
 */
export async function finishUnlink(
  deps: Pick<Deps, 'db' | 'dbFor'>,
  accountId: string,
): Promise<boolean> {
  const [row] = await deps.db
    .select({ insurerId: accounts.insurerId })
    .from(accounts)
    .where(and(eq(accounts.id, accountId), eq(accounts.linkState, 'unlinking')))
  if (!row?.insurerId) return false
  await unlinkInInsurer(deps, accountId, row.insurerId)
  const done = await deps.db
    .update(accounts)
    .set({ insurerId: null, linkState: null })
    .where(
      and(
        eq(accounts.id, accountId),
        eq(accounts.insurerId, row.insurerId),
        eq(accounts.linkState, 'unlinking'),
      ),
    )
    .returning({ id: accounts.id })
  return done.length > 0
}

/** The account's link and step-up row deleted in the insurer's database (one batch; idempotent). */
export async function unlinkInInsurer(
  deps: Pick<Deps, 'dbFor'>,
  accountId: string,
  insurerId: string,
): Promise<void> {
  const insurerDb = await deps.dbFor(insurerId)
  await runBatch(insurerDb, [
    insurerDb
      .delete(memberLinks)
      .where(and(eq(memberLinks.accountId, accountId), eq(memberLinks.insurerId, insurerId))),
    insurerDb.delete(healthAccess).where(eq(healthAccess.accountId, accountId)),
  ])
}
