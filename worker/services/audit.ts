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
