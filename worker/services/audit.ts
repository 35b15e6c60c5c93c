import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { MEMBER_VISIBLE_ACTIONS } from '../../core/member-actions'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Database } from '../../db/open'
import { auditLog, insurerAuditLog } from '../../db/schema'
import type { Deps } from '../deps'
import { memberDb } from './shards'

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
  | 'insurer.allowlist_changed'
  | 'roster.batch_imported'
  | 'checkups.imported'
  | 'health.code_verified'
  | 'health.read'
  | 'codes.issued'
  | 'codes.reissued'
  // Staff themselves (routes/ops.session.ts, ops.tokens.ts, ops.staff.ts).
  | 'staff.login'
  | 'staff.login_failed'
  | 'staff.logout'
  | 'staff.token_issued'
  | 'staff.token_revoked'
  | 'staff.passkey_added'
  | 'staff.passkey_removed'
  | 'staff.bootstrapped'
  | 'staff.invited'
  | 'staff.enrolled'
  | 'staff.updated'
  | 'staff.second_factor_reset'
  | 'staff.disabled'
  // Inquiries (routes/ops.inquiries.ts).
  | 'inquiry.viewed'
  | 'inquiry.status_changed'
  | 'inquiry.note_added'
  | 'inquiry.replied'
  | 'inquiry.assigned'
  // Support's actions on a member (routes/ops.members.ts): each shown to the member.
  | 'member.looked_up'
  | 'member.viewed'
  | 'member.code_reissued'
  | 'member.address_unlocked'
  | 'member.health_unlocked'
  | 'member.reset_mail_sent'
  | 'member.sessions_ended'
  | 'member.login_id_notice_sent'
  // Platform administration (routes/ops.admin.ts) and the audit log itself (routes/ops.audit.ts).
  | 'allowlist.requested'
  | 'allowlist.approved'
  | 'allowlist.refused'
  | 'orgcode.issued'
  | 'orgcode.retired'
  | 'audit.searched'
  | 'audit.exported'
  // アカウント設定 (issue 12)
  | 'account.email_change_requested'
  | 'account.email_changed'
  | 'account.email_change_reverted'
  | 'account.password_changed'
  | 'account.current_password_wrong'
  | 'account.session_ended'
  | 'account.other_sessions_ended'
  | 'account.new_device'
  | 'account.withdrawn'
  // パスキー (issue 12)
  | 'passkey.added'
  | 'passkey.renamed'
  | 'passkey.removed'
  | 'health.passkey_step_up'
  // お知らせ and Web Push (issue 12)
  | 'notices.mail_setting_changed'
  | 'imports.started'
  | 'imports.finished'
  | 'imports.interrupted'
  | 'codes.run_started'
  | 'codes.run_confirmed'
  | 'codes.run_revoked'
  | 'staff.removed'
  // issue 14, F
  | 'shards.move_started'
  | 'shards.move_switched'
  | 'shards.move_confirmed'
  | 'shards.move_aborted'
  // issue 14, member
  | 'member.unlinked'
  // issue 14, I
  | 'shards.database_added'

export interface AuditEntry {
  action: AuditAction
  actorType: 'member' | 'staff' | 'system' | 'anonymous'
  actorId?: string | null
  accountId?: string | null
  /** The member's insurer, on a row about a member (its staff's audit search finds it by this). */
  insurerId?: string | null
  ip?: string | null
  detail?: Record<string, string | number | boolean>
}

const auditValues = (at: number, entry: AuditEntry) => ({
  at,
  action: entry.action,
  actorType: entry.actorType,
  actorId: entry.actorId ?? null,
  accountId: entry.accountId ?? null,
  insurerId: entry.insurerId ?? null,
  ip: entry.ip ?? null,
  detail: JSON.stringify(entry.detail ?? {}),
})

/**
 * Writes an audit row in the directory. Detail holds ids and reasons, never passwords, tokens,
 * codes or health data.
 */
export async function audit(deps: Pick<Deps, 'db' | 'now'>, entry: AuditEntry): Promise<void> {
  await deps.db.insert(auditLog).values(auditValues(deps.now(), entry))
}

/**
 * An audit row in an insurer's database, about its data (health reads, codes proven, imports, code
 * runs): not run here but returned, to go into one batch of that database beside what it records.
 */
export function insurerAudit(insurerDb: Database, at: number, entry: AuditEntry) {
  return insurerDb.insert(insurerAuditLog).values(auditValues(at, entry))
}

/** A staff action: every one writes a row (docs/security.md, audit). */
export function auditStaff(
  deps: Pick<Deps, 'db' | 'now'>,
  staff: { id: string },
  ip: string,
  action: AuditAction,
  detail: Record<string, string | number | boolean>,
): Promise<void> {
  return audit(deps, { action, actorType: 'staff', actorId: staff.id, ip, detail })
}

/**
 * A staff action's audit row, written only where `where` holds on `table` (INSERT … SELECT): it is
 * not run here but returned, to go into one `db.batch` beside the change it records, under the same
 * condition. The row and the change then happen together or not at all, and "from" values read
 * before the batch are the ones the change replaced (the condition says they still stood).
 */
export function staffAuditWhere(
  deps: Pick<Deps, 'db' | 'now'>,
  staff: { id: string },
  ip: string,
  action: AuditAction,
  detail: Record<string, string | number | boolean>,
  table: SQLiteTable,
  where: SQL | undefined,
) {
  return staffAuditOnWhere(deps, staff, ip, action, null, detail, table, where)
}

/**
 * staffAuditWhere for a staff action on a member: the row carries the member's account id, so the
 * member sees it in their access log (GET /api/account/access-log). With `into`, the row goes to
 * that insurer database's audit_log (when `table` is one of its tables: one batch, one database);
 * with `into` and no `db`, to the directory's, carrying the member's insurer (from the pointer) so
 * that insurer's staff find it in their audit search.
 */
export function staffAuditOnWhere(
  deps: Pick<Deps, 'db' | 'now'>,
  staff: { id: string },
  ip: string,
  action: AuditAction,
  accountId: string | null,
  detail: Record<string, string | number | boolean>,
  table: SQLiteTable,
  where: SQL | undefined,
  into?: { db?: Database; insurerId: string | null },
) {
  const value = <T>(v: T | null, name: string) => sql<T>`${v}`.as(name)
  const db = into?.db ?? deps.db
  const fields = {
    id: value<number>(null, 'id'),
    at: value(deps.now(), 'at'),
    actorType: value('staff', 'actor_type'),
    actorId: value(staff.id, 'actor_id'),
    action: value(action, 'action'),
    accountId: value<string>(accountId, 'account_id'),
    insurerId: value<string>(into?.insurerId ?? null, 'insurer_id'),
    ip: value(ip, 'ip'),
    detail: value(JSON.stringify(detail), 'detail'),
  }
  // Every column in table order: the insurer's audit_log ends with `moved_key` (null here).
  if (into?.db)
    return into.db.insert(insurerAuditLog).select(
      into.db
        .select({ ...fields, movedKey: value<string>(null, 'moved_key') })
        .from(table)
        .where(where),
    )
  return deps.db.insert(auditLog).select(deps.db.select(fields).from(table).where(where))
}

/**
 * Who read this member's health data, and when (docs/security.md, audit): the newest 100 reads. They
 * are in the insurer's database (each written in its read's batch): `insurerDb` is the member's.
 */
export async function healthReadLog(insurerDb: Database | null, accountId: string) {
  if (!insurerDb) return []
  return insurerDb
    .select({
      at: insurerAuditLog.at,
      actorType: insurerAuditLog.actorType,
      action: insurerAuditLog.action,
    })
    .from(insurerAuditLog)
    .where(and(eq(insurerAuditLog.accountId, accountId), eq(insurerAuditLog.action, 'health.read')))
    .orderBy(desc(insurerAuditLog.at), desc(insurerAuditLog.id))
    .limit(100)
}

/**
 * A member's access log (docs/security.md, audit): reads of their health data and what staff did on
 * their account (the member.* rows), newest first, 100 at most. Only when and what: never who among
 * staff, never the reason.
 */
export async function memberAccessLog(deps: Pick<Deps, 'db' | 'dbFor'>, accountId: string) {
  // Two databases, read at once: the staff's actions (directory) and the reads (the member's
  // insurer's, when linked), merged newest first.
  const insurer = await memberDb(deps, accountId)
  const [staffRows, reads] = await Promise.all([
    deps.db
      .select({ at: auditLog.at, actorType: auditLog.actorType, action: auditLog.action })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.accountId, accountId),
          eq(auditLog.actorType, 'staff'),
          inArray(auditLog.action, [...MEMBER_VISIBLE_ACTIONS]),
        ),
      )
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(100),
    healthReadLog(insurer?.db ?? null, accountId),
  ])
  return [...staffRows, ...reads].sort((a, b) => b.at - a.at).slice(0, 100)
}

// issue 14, operator
/**
 * A staff action on an insurer's data (imports, code runs, roster batches), as a row of that insurer
 * database's audit_log: returned, to be awaited alone or put into that database's batch. The insurer's
 * own staff find it in their audit search (audit-search.ts reads both logs).
 */
export function insurerStaffAudit(
  insurerDb: Database,
  at: number,
  staff: { id: string },
  ip: string,
  action: AuditAction,
  insurerId: string,
  detail: Record<string, string | number | boolean>,
) {
  return insurerAudit(insurerDb, at, {
    action,
    actorType: 'staff',
    actorId: staff.id,
    insurerId,
    ip,
    detail,
  })
}
