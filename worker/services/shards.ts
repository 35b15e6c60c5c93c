import { eq } from 'drizzle-orm'
import { inScope, type StaffRole } from '../../core/staff'
import type { Database } from '../../db/open'
import { accounts } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'

/**
 * The only ways from a request to an insurer's database (docs/scale.md, "who reaches which
 * database"). Routes and services never call `deps.dbFor` with a value from a request: a staff
 * member's insurer passes `inScope` first, a member's insurer is the account's own pointer.
 */

/**
 * The insurer's database for a staff member who may act on it; `not_found` otherwise, exactly as for
 * an insurer that does not exist (another insurer's staff learn nothing).
 */
export async function insurerDbFor(
  deps: Pick<Deps, 'dbFor'>,
  staff: { role: StaffRole; insurerId: string | null },
  insurerId: string,
): Promise<Database> {
  if (!inScope(staff, insurerId)) throw new AppError('not_found')
  return deps.dbFor(insurerId)
}

/** A member's insurer (the directory's pointer) when the link is complete; null otherwise. */
export async function linkedInsurerOf(
  deps: Pick<Deps, 'db'>,
  accountId: string,
): Promise<string | null> {
  const [row] = await deps.db
    .select({ insurerId: accounts.insurerId, linkState: accounts.linkState })
    .from(accounts)
    .where(eq(accounts.id, accountId))
  return row?.linkState === 'linked' ? row.insurerId : null
}

/** The member's insurer and its database, when linked; null otherwise. */
export async function memberDb(
  deps: Pick<Deps, 'db' | 'dbFor'>,
  accountId: string,
): Promise<{ insurerId: string; db: Database } | null> {
  const insurerId = await linkedInsurerOf(deps, accountId)
  return insurerId ? { insurerId, db: await deps.dbFor(insurerId) } : null
}
