/**
 * 招待コード (product.md, journey 1): every account's own code to share, and who joined with it. It
 * records who invited whom and has no other effect. A code is set when the account is created, and
 * for an account made before codes existed on its first read: one `UPDATE OR IGNORE … WHERE
 * invite_code IS NULL RETURNING` decides it, so two first reads at once agree on one code, and a
 * clash with another account's code (the unique index) leaves the row as it was and takes another.
 */
import { and, count, eq, isNotNull } from 'drizzle-orm'
import { sql } from 'drizzle-orm'
import { isInviteCodeShaped, newInviteCode, normalizeInviteCode } from '../../core/signup-codes'
import { accounts } from '../../db/schema'
import { namedRows } from '../../db/open'
import type { Deps } from '../deps'
import { AppError } from '../errors'

/** Tries of a fresh code before giving up: a clash among 32⁸ codes is already rare once. */
const TRIES = 8

/** The account's own code (normalised, as stored), set now if it has none. */
export async function ensureInviteCode(
  deps: Pick<Deps, 'db' | 'randomBytes'>,
  accountId: string,
): Promise<string> {
  for (let attempt = 0; attempt < TRIES; attempt++) {
    const code = newInviteCode(deps.randomBytes)
    const [set] = namedRows(
      await deps.db.all(sql`update or ignore ${accounts} set invite_code = ${code}
        where id = ${accountId} and invite_code is null
        returning invite_code`),
      ['invite_code'] as const,
    )
    if (set) return String(set.invite_code)
    // Nothing changed: the account has a code already (set before, or by a read at the same
    // time), or this code is another account's (the unique index ignored the update): try again.
    const [row] = await deps.db
      .select({ inviteCode: accounts.inviteCode })
      .from(accounts)
      .where(eq(accounts.id, accountId))
    if (!row) throw new AppError('not_found')
    if (row.inviteCode) return row.inviteCode
  }
  throw new AppError('conflict')
}

/**
 * The account whose code this is, for a sign-up: the id, or null when no account has it (an
 * unknown code is refused at once, like a 団体連携コード). `raw` is the code as typed.
 */
export async function inviterOf(deps: Pick<Deps, 'db'>, raw: string): Promise<string | null> {
  const code = normalizeInviteCode(raw)
  if (!isInviteCodeShaped(code)) return null
  const [row] = await deps.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.inviteCode, code))
  return row?.id ?? null
}

/** GET /api/invite: the member's code and how many accounts were created with it. */
export async function inviteSummary(
  deps: Pick<Deps, 'db' | 'randomBytes'>,
  accountId: string,
): Promise<{ code: string; joined: number }> {
  const code = await ensureInviteCode(deps, accountId)
  const [row] = await deps.db
    .select({ joined: count() })
    .from(accounts)
    .where(and(isNotNull(accounts.invitedBy), eq(accounts.invitedBy, accountId)))
  return { code, joined: Number(row?.joined ?? 0) }
}
