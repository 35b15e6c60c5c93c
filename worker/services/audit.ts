import { auditLog } from '../../db/schema'
import type { Deps } from '../deps'

export type AuditAction =
  | 'account.created'
  | 'login.succeeded'
  | 'login.failed'
  | 'logout'
  | 'password.reset_requested'
  | 'password.reset'
  | 'address.locked'
  | 'address.unlocked'
  | 'card.linked'
  | 'insurer.created'
  | 'insurer.updated'
  | 'roster.batch_imported'
  | 'checkups.imported'
  | 'health.code_verified'
  | 'health.read'
  | 'codes.issued'
  | 'codes.reissued'

/** Writes an audit row. Detail holds ids and reasons, never passwords, tokens, codes or health data. */
export async function audit(
  deps: Pick<Deps, 'db' | 'now'>,
  entry: {
    action: AuditAction
    actorType: 'member' | 'staff' | 'system' | 'anonymous'
    actorId?: string | null
    accountId?: string | null
    ip?: string | null
    detail?: Record<string, string | number | boolean>
  },
): Promise<void> {
  await deps.db.insert(auditLog).values({
    at: deps.now(),
    action: entry.action,
    actorType: entry.actorType,
    actorId: entry.actorId ?? null,
    accountId: entry.accountId ?? null,
    ip: entry.ip ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  })
}

/** A staff action: every one writes a row (security.md, audit). */
export function auditStaff(
  deps: Pick<Deps, 'db' | 'now'>,
  staff: { id: string },
  ip: string,
  action: AuditAction,
  detail: Record<string, string | number | boolean>,
): Promise<void> {
  return audit(deps, { action, actorType: 'staff', actorId: staff.id, ip, detail })
}
