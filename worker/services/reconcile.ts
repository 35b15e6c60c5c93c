/**
 * The reconcile job (issue 14): finishes what a card link, an unlink or a withdrawal left half-way
 * across the directory and an insurer's database (a Worker stopped between two steps). Each of those
 * operations is a sequence of idempotent steps whose state is on the account row (docs/scale.md,
 * "stops half-way"); this settles the rows left in a state for longer than `olderThanMs`:
 * - `link_state = 'pending'`: the link in the insurer's database decides: there → 'linked'; absent →
 *   the pointer is freed.
 * - `link_state = 'unlinking'`: the unlink's steps 2–3 (finishUnlink).
 * - `withdrawing_at` set: the withdrawal's steps 2–3 (finishWithdrawal).
 * Paged: at most `limit` accounts per call (`more` says a full page was seen). The cron runs it.
 */
import { and, eq, isNotNull, lt, or } from 'drizzle-orm'
import { accounts, memberLinks } from '../../db/schema'
import type { Deps } from '../deps'
import { finishUnlink } from './unlink'
import { finishWithdrawal } from './withdrawal'

/** How long a state may stand before the job takes it over from the request that set it. */
export const RECONCILE_AFTER_MS = 10 * 60_000
export const RECONCILE_PAGE = 100

export interface ReconcileResult {
  linked: number
  cleared: number
  unlinked: number
  withdrawn: number
  /** A full page was seen: call again for the rest. */
  more: boolean
}

export async function reconcileLinks(
  deps: Pick<Deps, 'db' | 'dbFor' | 'now' | 'log'>,
  options: { olderThanMs?: number; limit?: number } = {},
): Promise<ReconcileResult> {
  const before = deps.now() - (options.olderThanMs ?? RECONCILE_AFTER_MS)
  const limit = Math.min(options.limit ?? RECONCILE_PAGE, RECONCILE_PAGE)
  const rows = await deps.db
    .select({
      id: accounts.id,
      insurerId: accounts.insurerId,
      linkState: accounts.linkState,
      linkChangedAt: accounts.linkChangedAt,
      withdrawingAt: accounts.withdrawingAt,
    })
    .from(accounts)
    .where(
      or(
        and(isNotNull(accounts.withdrawingAt), lt(accounts.withdrawingAt, before)),
        and(eq(accounts.linkState, 'pending'), lt(accounts.linkChangedAt, before)),
        and(eq(accounts.linkState, 'unlinking'), lt(accounts.linkChangedAt, before)),
      ),
    )
    .limit(limit)
  const result: ReconcileResult = {
    linked: 0,
    cleared: 0,
    unlinked: 0,
    withdrawn: 0,
    more: rows.length === limit,
  }
  for (const row of rows) {
    try {
      if (row.withdrawingAt !== null) {
        if (await finishWithdrawal(deps, row.id)) result.withdrawn++
      } else if (row.linkState === 'unlinking') {
        if (await finishUnlink(deps, row.id)) result.unlinked++
      } else if (row.linkState === 'pending' && row.insurerId) {
        const outcome = await settlePending(deps, row.id, row.insurerId, row.linkChangedAt)
        if (outcome) result[outcome]++
      }
    } catch (error) {
      // One account's trouble (an insurer database down) does not stop the others; by name only.
      deps.log('error', 'reconcile failed', { error: (error as Error).name })
    }
  }
  return result
}

/**
 * A pending pointer: the insurer's database says whether the link was written. The directory's
 * UPDATE holds only while the pointer is still the same claim (`link_changed_at` unchanged): a
 * retry of the member's that claimed it again meanwhile is left to finish itself.
 */
async function settlePending(
  deps: Pick<Deps, 'db' | 'dbFor'>,
  accountId: string,
  insurerId: string,
  claimedAt: number | null,
): Promise<'linked' | 'cleared' | null> {
  const insurerDb = await deps.dbFor(insurerId)
  const [link] = await insurerDb
    .select({ accountId: memberLinks.accountId })
    .from(memberLinks)
    .where(and(eq(memberLinks.accountId, accountId), eq(memberLinks.insurerId, insurerId)))
  const same = and(
    eq(accounts.id, accountId),
    eq(accounts.insurerId, insurerId),
    eq(accounts.linkState, 'pending'),
    claimedAt === null ? undefined : eq(accounts.linkChangedAt, claimedAt),
  )
  const done = await deps.db
    .update(accounts)
    .set(link ? { linkState: 'linked' } : { insurerId: null, linkState: null })
    .where(same)
    .returning({ id: accounts.id })
  return done.length ? (link ? 'linked' : 'cleared') : null
}
