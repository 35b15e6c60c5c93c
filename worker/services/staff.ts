import { and, eq, isNull } from 'drizzle-orm'
import { insurers, staff, staffTokens } from '../../db/schema'
import type { Deps } from '../deps'
import { hashToken, newId, newToken } from './tokens'

export type StaffRole = 'admin' | 'operator' | 'support'

export interface StaffMember {
  id: string
  name: string
  role: StaffRole
  insurerId: string | null
  insurerNumber: string | null
}

/** The staff member behind an API token (only its SHA-256 is stored), or null. */
export async function authenticateStaffToken(
  deps: Pick<Deps, 'db' | 'now'>,
  token: string,
): Promise<StaffMember | null> {
  const tokenHash = await hashToken(token)
  const [row] = await deps.db
    .select({
      id: staff.id,
      name: staff.name,
      role: staff.role,
      insurerId: staff.insurerId,
      insurerNumber: insurers.number,
      lastUsedAt: staffTokens.lastUsedAt,
    })
    .from(staffTokens)
    .innerJoin(staff, eq(staff.id, staffTokens.staffId))
    .leftJoin(insurers, eq(insurers.id, staff.insurerId))
    .where(and(eq(staffTokens.tokenHash, tokenHash), isNull(staffTokens.revokedAt)))
  if (!row) return null
  const now = deps.now()
  if (!row.lastUsedAt || now - row.lastUsedAt > 60_000)
    await deps.db
      .update(staffTokens)
      .set({ lastUsedAt: now })
      .where(eq(staffTokens.tokenHash, tokenHash))
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    insurerId: row.insurerId,
    insurerNumber: row.insurerNumber ?? null,
  }
}

/** Creates a staff member with one API token; the plain token is returned once and never stored. */
export async function createStaffWithToken(
  deps: Pick<Deps, 'db' | 'now' | 'randomBytes'>,
  input: { name: string; role: StaffRole; insurerId: string | null; label: string; id?: string },
): Promise<{ staffId: string; token: string }> {
  const now = deps.now()
  const staffId = input.id ?? newId(deps.randomBytes)
  await deps.db
    .insert(staff)
    .values({
      id: staffId,
      name: input.name,
      role: input.role,
      insurerId: input.insurerId,
      createdAt: now,
    })
    .onConflictDoNothing()
  const token = `kp_${newToken(deps.randomBytes)}`
  await deps.db
    .insert(staffTokens)
    .values({ tokenHash: await hashToken(token), staffId, label: input.label, createdAt: now })
  return { staffId, token }
}
