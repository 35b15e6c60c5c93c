import { eq } from 'drizzle-orm'
import { insurers, staff } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'

/**
 * How the console shows a staff member: never a password hash, a TOTP secret or a token. The staff
 * row (portal-wide) and its insurer (the insurer directory) are read by separate queries.
 */
export async function staffProfile(deps: Pick<Deps, 'db'>, staffId: string) {
  const [row] = await deps.db
    .select({
      id: staff.id,
      name: staff.name,
      email: staff.email,
      role: staff.role,
      insurerId: staff.insurerId,
      enrolled: staff.totpSecret,
    })
    .from(staff)
    .where(eq(staff.id, staffId))
  if (!row) throw new AppError('unauthenticated')
  const [insurer] = row.insurerId
    ? await deps.db
        .select({ id: insurers.id, number: insurers.number, name: insurers.name })
        .from(insurers)
        .where(eq(insurers.id, row.insurerId))
    : []
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    insurer: insurer ?? null,
  }
}
