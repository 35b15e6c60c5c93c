/**
 * Allow-list requests (docs/security.md, anti-automation): an insurer's staff ask for ranges, a platform
 * admin approves or refuses with a reason. The decision is made by the UPDATE … WHERE status = 'pending'
 * that records it; an approval sets the insurer's ranges to the union of its current and the requested
 * ones, with the insurer's allow-list audit row, in the same batch.
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import type * as v from 'valibot'
import { MAX_ALLOWED_CIDRS } from '../../core/insurer'
import { t, type Lang } from '../../core/i18n'
import type { AllowlistDecisionBody, AllowlistRequestBody } from '../../core/staff-admin'
import { namedRows } from '../../db/open'
import { allowlistRequests, insurers, staff } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { auditStaff, staffAuditWhere } from './audit'
import type { StaffMember } from './staff'
import { newId } from './tokens'

type Deps3 = Pick<Deps, 'db' | 'now' | 'randomBytes'>

/** Pending requests an insurer may have at once: enough for honest use, no flood for the queue. */
export const MAX_PENDING = 5

/** A new pending request for the staff member's own insurer. */
export async function requestAllowlist(
  deps: Deps3,
  actor: StaffMember,
  ip: string,
  lang: Lang,
  body: v.InferOutput<typeof AllowlistRequestBody>,
) {
  if (!actor.insurerId)
    throw new AppError('forbidden', {
      detail: { message: t(lang, 'staff.admin.allowlist.no_insurer') },
    })
  const cidrs = [...new Set(body.cidrs)]
  const id = newId(deps.randomBytes)
  // At most MAX_PENDING per insurer, decided by the INSERT … SELECT that records the request.
  const rows = await deps.db.all(sql`insert into ${allowlistRequests}
      (id, insurer_id, cidrs, note, requested_by, requested_at, status)
    select ${id}, ${actor.insurerId}, ${JSON.stringify(cidrs)}, ${body.note}, ${actor.id}, ${deps.now()}, 'pending'
    where (select count(*) from ${allowlistRequests}
           where ${allowlistRequests.insurerId} = ${actor.insurerId} and ${allowlistRequests.status} = 'pending') < ${MAX_PENDING}
    returning id, status`)
  const [row] = namedRows(rows, ['id', 'status'] as const) as { id: string; status: 'pending' }[]
  if (!row)
    throw new AppError('wrong_state', {
      fields: { cidrs: t(lang, 'staff.admin.allowlist.pending_limit', { max: MAX_PENDING }) },
    })
  await auditStaff(deps, actor, ip, 'allowlist.requested', {
    request: row.id,
    insurer: actor.insurerNumber ?? '',
    cidrs: cidrs.join(','),
  })
  return row
}

const decider = sql<
  string | null
>`(select name from ${staff} d where d.id = ${allowlistRequests.decidedBy})`

/** A platform admin's queue (pending first, then the newest), or an insurer's own requests. */
export async function listAllowlistRequests(deps: Pick<Deps, 'db'>, actor: StaffMember) {
  const everyone = actor.role === 'platform_admin'
  const rows = await deps.db
    .select({
      id: allowlistRequests.id,
      insurerNumber: insurers.number,
      insurerName: insurers.name,
      currentCidrs: insurers.allowedCidrs,
      cidrs: allowlistRequests.cidrs,
      note: allowlistRequests.note,
      requestedBy: staff.name,
      requestedAt: allowlistRequests.requestedAt,
      status: allowlistRequests.status,
      decidedBy: decider,
      decidedAt: allowlistRequests.decidedAt,
      reason: allowlistRequests.reason,
    })
    .from(allowlistRequests)
    .innerJoin(insurers, eq(insurers.id, allowlistRequests.insurerId))
    .leftJoin(staff, eq(staff.id, allowlistRequests.requestedBy))
    .where(everyone ? undefined : eq(allowlistRequests.insurerId, actor.insurerId ?? '\u0000none'))
    .orderBy(
      sql`case when ${allowlistRequests.status} = 'pending' then 0 else 1 end`,
      desc(allowlistRequests.requestedAt),
    )
    .limit(500)
  return rows.map((r) => ({
    ...r,
    requestedBy: r.requestedBy ?? '',
    cidrs: JSON.parse(r.cidrs) as string[],
    currentCidrs: everyone ? (JSON.parse(r.currentCidrs) as string[]) : undefined,
  }))
}

type Batch = (q: PromiseLike<unknown>[]) => Promise<unknown[]>

/**
 * Approves or refuses a pending request. An approval is one batch: the request's UPDATE (only while it
 * is pending and the insurer's ranges are still those read), the allow-list audit row and the insurer's
 * new ranges, both only where the request was just approved by this admin and the ranges still stood.
 * A change of the insurer's ranges meanwhile is retried with the new ones.
 */
export async function decideAllowlist(
  deps: Deps3,
  actor: StaffMember,
  ip: string,
  lang: Lang,
  id: string,
  body: v.InferOutput<typeof AllowlistDecisionBody>,
) {
  const batch = (deps.db as unknown as { batch: Batch }).batch.bind(deps.db)
  for (let attempt = 0; attempt < 5; attempt++) {
    const [request] = await deps.db
      .select({ request: allowlistRequests, insurer: insurers })
      .from(allowlistRequests)
      .innerJoin(insurers, eq(insurers.id, allowlistRequests.insurerId))
      .where(eq(allowlistRequests.id, id))
    if (!request) throw new AppError('not_found')
    if (request.request.status !== 'pending') throw new AppError('wrong_state')
    const { insurer } = request
    const now = deps.now()
    const pending = and(eq(allowlistRequests.id, id), eq(allowlistRequests.status, 'pending'))
    if (body.decision === 'refuse') {
      const [done] = await deps.db
        .update(allowlistRequests)
        .set({ status: 'refused', decidedBy: actor.id, decidedAt: now, reason: body.reason })
        .where(pending)
        .returning()
      if (!done) throw new AppError('wrong_state')
      await auditStaff(deps, actor, ip, 'allowlist.refused', {
        request: id,
        insurer: insurer.number,
        reason: body.reason,
      })
      return done
    }
    const current = JSON.parse(insurer.allowedCidrs) as string[]
    const union = [...new Set([...current, ...(JSON.parse(request.request.cidrs) as string[])])]
    if (union.length > MAX_ALLOWED_CIDRS)
      throw new AppError('wrong_state', {
        fields: { cidrs: t(lang, 'staff.admin.allowlist.too_many') },
      })
    const to = JSON.stringify(union)
    const stillStands = and(
      eq(insurers.id, insurer.id),
      eq(insurers.allowedCidrs, insurer.allowedCidrs),
    )
    const justApproved = sql`exists (select 1 from ${allowlistRequests} where ${allowlistRequests.id} = ${id} and ${allowlistRequests.status} = 'approved' and ${allowlistRequests.decidedBy} = ${actor.id} and ${allowlistRequests.decidedAt} = ${now})`
    const statements: PromiseLike<unknown>[] = [
      deps.db
        .update(allowlistRequests)
        .set({ status: 'approved', decidedBy: actor.id, decidedAt: now, reason: body.reason })
        .where(and(pending, sql`exists (select 1 from ${insurers} where ${stillStands})`))
        .returning(),
    ]
    if (to !== insurer.allowedCidrs)
      statements.push(
        staffAuditWhere(
          deps,
          actor,
          ip,
          'insurer.allowlist_changed',
          {
            insurer: insurer.number,
            allowedCidrsFrom: insurer.allowedCidrs,
            allowedCidrsTo: to,
            request: id,
          },
          insurers,
          and(stillStands, justApproved),
        ),
        deps.db
          .update(insurers)
          .set({ allowedCidrs: to, updatedAt: now })
          .where(and(stillStands, justApproved)),
      )
    const [approved] = (await batch(statements))[0] as (typeof allowlistRequests.$inferSelect)[]
    if (!approved) continue
    await auditStaff(deps, actor, ip, 'allowlist.approved', {
      request: id,
      insurer: insurer.number,
      reason: body.reason,
    })
    return approved
  }
  throw new AppError('conflict')
}
