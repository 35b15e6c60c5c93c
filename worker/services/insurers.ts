import { inScope } from '../../core/staff'
/**
 * Insurers as the operator API keeps them (docs/operator-api.md): listed, created and changed by
 * staff, each change audited; an allow-list change with its audit row in one batch.
 */
import { and, eq, sql } from 'drizzle-orm'
import type * as v from 'valibot'
import { checkInsurerNumber } from '../../core/card'
import type { InsurerCreateBody, InsurerSettingsBody } from '../../core/insurer'
import { runBatch } from '../../db/open'
import { databases, insurers, shardMap } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { auditStaff, staffAuditWhere } from './audit'
import type { StaffMember } from './staff'
import { newId } from './tokens'

export type Insurer = typeof insurers.$inferSelect
type InsurerDeps = Pick<Deps, 'db' | 'now' | 'randomBytes'>

/** A new insurer's failure limit for its allow-listed ranges (the column's default). */
const DEFAULT_FAILURE_LIMIT = 20

/** Within the staff member's scope (core/staff.ts inScope); what the role may do is the route's check. */
export function mayActOn(staff: StaffMember, insurerId: string): boolean {
  return inScope(staff, insurerId)
}

/** The insurer of a URL's number that this staff member may act on: 404 when none, 403 when not theirs. */
export async function insurerForStaff(
  deps: Pick<Deps, 'db'>,
  staff: StaffMember,
  raw: string,
): Promise<Insurer> {
  const checked = checkInsurerNumber(raw)
  const [insurer] = checked.ok
    ? await deps.db.select().from(insurers).where(eq(insurers.number, checked.number))
    : []
  if (!insurer) throw new AppError('not_found')
  if (!mayActOn(staff, insurer.id)) throw new AppError('forbidden')
  return insurer
}

/** The insurers a staff member sees: every one for a platform admin or portal-wide support, else their own. */
export async function listInsurers(deps: Pick<Deps, 'db'>, staff: StaffMember) {
  if (inScope(staff, null)) return deps.db.select().from(insurers).orderBy(insurers.number)
  if (!staff.insurerId) return []
  return deps.db.select().from(insurers).where(eq(insurers.id, staff.insurerId))
}

/**
 * What an allow-list change changes, from and to, for its audit row; null when nothing does. `before`
 * is null for a new insurer.
 */
function allowListChange(
  before: Pick<Insurer, 'allowedCidrs' | 'allowlistFailureLimit'> | null,
  after: Pick<Insurer, 'allowedCidrs' | 'allowlistFailureLimit'>,
) {
  const change: Record<string, string | number> = {}
  if (after.allowedCidrs !== (before?.allowedCidrs ?? '[]')) {
    change.allowedCidrsFrom = before?.allowedCidrs ?? '[]'
    change.allowedCidrsTo = after.allowedCidrs
  }
  if (after.allowlistFailureLimit !== (before?.allowlistFailureLimit ?? DEFAULT_FAILURE_LIMIT)) {
    change.allowlistFailureLimitFrom = before?.allowlistFailureLimit ?? DEFAULT_FAILURE_LIMIT
    change.allowlistFailureLimitTo = after.allowlistFailureLimit
  }
  return Object.keys(change).length ? change : null
}

/** Statements run as one batch (one transaction on D1 and libSQL alike); the shared type lacks `batch`. */
const batch = <A, B>(deps: Pick<Deps, 'db'>, a: PromiseLike<A>, b: PromiseLike<B>) =>
  (deps.db as unknown as { batch: (q: [PromiseLike<A>, PromiseLike<B>]) => Promise<[A, B]> }).batch(
    [a, b],
  )

/**
 * The database a new insurer goes to: the one named (it must be active), else the active database
 * holding the fewest insurers (their home ranges), by name on a tie. 422 unknown_database otherwise.
 */
export async function databaseForNewInsurer(
  deps: Pick<Deps, 'db'>,
  named?: string,
): Promise<string> {
  const [row] = await deps.db
    .select({ name: databases.name })
    .from(databases)
    .where(and(eq(databases.state, 'active'), named ? eq(databases.name, named) : undefined))
    .orderBy(
      sql`(select count(*) from ${shardMap} where ${shardMap.database} = ${databases.name} and ${shardMap.fromFy} = 0)`,
      databases.name,
    )
    .limit(1)
  if (!row) throw new AppError('unknown_database')
  return row.name
}

/**
 * A new insurer (an admin's act): 409 when its number is taken. It is placed in an insurer database
 * (issue 14) in the same directory batch: the shard map's row is inserted only where the insurer's
 * row went in, so an insurer never exists without its database, nor a map row without its insurer.
 */
export async function createInsurer(
  deps: InsurerDeps & Partial<Pick<Deps, 'databases'>>,
  staff: StaffMember,
  ip: string,
  body: v.InferOutput<typeof InsurerCreateBody>,
): Promise<Insurer & { database: string }> {
  if (staff.role !== 'platform_admin') throw new AppError('forbidden')
  const database = await databaseForNewInsurer(deps, body.database)
  const now = deps.now()
  const id = newId(deps.randomBytes)
  const row = {
    id,
    number: body.number,
    name: body.name,
    insuredOnly: body.insuredOnly ?? false,
    dependentMaxAge: body.dependentMaxAge ?? null,
    maintenance: body.maintenance ?? false,
    maintenanceMessage: body.maintenanceMessage ?? null,
    maintenanceUntil: body.maintenanceUntil ?? null,
    allowedCidrs: JSON.stringify(body.allowedCidrs ?? []),
    allowlistFailureLimit: body.allowlistFailureLimit ?? DEFAULT_FAILURE_LIMIT,
    createdAt: now,
    updatedAt: now,
  }
  const insert = deps.db.insert(insurers).values(row).onConflictDoNothing().returning()
  // The insurer's id is new (random): it exists in this batch only if the insert above went in.
  const place = deps.db
    .insert(shardMap)
    .select(
      sql`select ${id}, 0, null, ${database}, 1, ${now} where exists (select 1 from insurers where id = ${id})`,
    )
  // The allow-list's first value is audited with the insert, in one batch: the row only if it went in.
  const change = allowListChange(null, row)
  const [created] = (await runBatch(deps.db, [
    insert,
    place,
    ...(change
      ? [
          staffAuditWhere(
            deps,
            staff,
            ip,
            'insurer.allowlist_changed',
            { insurer: body.number, ...change },
            insurers,
            eq(insurers.id, id),
          ),
        ]
      : []),
  ])) as [Insurer[]]
  if (!created.length) throw new AppError('conflict')
  deps.databases?.refresh()
  await auditStaff(deps, staff, ip, 'insurer.created', { insurer: body.number, database })
  return { ...created[0], database }
}

/** Changes an insurer's settings: 409 when its allow-list changed meanwhile. */
export async function updateInsurer(
  deps: InsurerDeps,
  staff: StaffMember,
  ip: string,
  insurer: Insurer,
  body: v.InferOutput<typeof InsurerSettingsBody>,
): Promise<Insurer> {
  const changes: Partial<Insurer> = { updatedAt: deps.now() }
  if (body.name !== undefined) changes.name = body.name
  if (body.insuredOnly !== undefined) changes.insuredOnly = body.insuredOnly
  if (body.dependentMaxAge !== undefined) changes.dependentMaxAge = body.dependentMaxAge
  if (body.maintenance !== undefined) changes.maintenance = body.maintenance
  if (body.maintenanceMessage !== undefined) changes.maintenanceMessage = body.maintenanceMessage
  if (body.maintenanceUntil !== undefined) changes.maintenanceUntil = body.maintenanceUntil
  if (body.allowedCidrs !== undefined) changes.allowedCidrs = JSON.stringify(body.allowedCidrs)
  if (body.allowlistFailureLimit !== undefined)
    changes.allowlistFailureLimit = body.allowlistFailureLimit
  const change = allowListChange(insurer, { ...insurer, ...changes })
  let updated: Insurer | undefined
  if (change) {
    // The update and its audit row in one batch, both only if the allow-list is still the one read
    // above: the row's "from" is exactly what was replaced, and a change made meanwhile is a 409.
    const unchanged = and(
      eq(insurers.id, insurer.id),
      eq(insurers.allowedCidrs, insurer.allowedCidrs),
      eq(insurers.allowlistFailureLimit, insurer.allowlistFailureLimit),
    )
    const detail = { insurer: insurer.number, ...change }
    ;[, [updated]] = await batch(
      deps,
      staffAuditWhere(deps, staff, ip, 'insurer.allowlist_changed', detail, insurers, unchanged),
      deps.db.update(insurers).set(changes).where(unchanged).returning(),
    )
    if (!updated) throw new AppError('conflict')
  } else
    [updated] = await deps.db
      .update(insurers)
      .set(changes)
      .where(eq(insurers.id, insurer.id))
      .returning()
  await auditStaff(deps, staff, ip, 'insurer.updated', {
    insurer: insurer.number,
    fields: Object.keys(body).join(','),
  })
  return updated
}
