/**
 * The audit log as staff search it (routes/ops.audit.ts): by member, by staff member, by action and
 * days, newest first in pages of 100 (keyset on time and id), and as a CSV file for Excel.
 *
 * Two logs since issue 14: the directory's (logins, staff and admin actions, support's actions on a
 * member, carrying the member's insurer) and each insurer database's (health reads, codes proven,
 * imports, code runs). A search reads at most two, in parallel, and merges them by time:
 * - a scoped insurer admin or support agent: the directory's rows about their insurer's members
 *   (`audit_log.insurer_id`, written from the member's pointer) or done by their insurer's staff, and
 *   their insurer database's rows of their insurer;
 * - a platform admin or portal-wide support: every directory row, and with a member filter that
 *   member's insurer database (the directory's pointer names it). A search of every insurer's
 *   health reads is not offered: it would be one query per insurer database (about 1,380 at national
 *   size), over the 1,000 queries D1 allows one invocation; it is always one member, or one insurer.
 *
 * Keyset across the two: rows are ordered by time, then by a key that keeps them apart (a directory
 * row's is id × 2 + 1, an insurer row's id × 2), and the cursor is `at.key` of the page's last row.
 */
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm'
import { jstDayEnd, jstDayStart, type AuditFilters } from '../../core/audit-query'
import { inScope } from '../../core/staff'
import type { Database } from '../../db/open'
import { accounts, auditLog, insurerAuditLog, staff as staffTable } from '../../db/schema'
import type { Deps } from '../deps'
import { insurerDbFor } from './shards'
import type { StaffMember } from './staff'

type SearchDeps = Pick<Deps, 'db' | 'dbFor'>

export interface AuditRow {
  id: number
  at: string
  actorType: string
  actorId: string | null
  actorName: string | null
  action: string
  accountId: string | null
  ip: string | null
  detail: Record<string, unknown>
}

type Log = typeof auditLog | typeof insurerAuditLog
type Stored = typeof auditLog.$inferSelect

/** The directory rows a scoped staff member may see, as a condition; undefined for those who see every row. */
async function scopeCondition(deps: SearchDeps, viewer: StaffMember): Promise<SQL | undefined> {
  if (inScope(viewer, null)) return undefined
  const insurerId = viewer.insurerId ?? ''
  const staffIds = await deps.db
    .select({ id: staffTable.id })
    .from(staffTable)
    .where(eq(staffTable.insurerId, insurerId))
  return or(
    eq(auditLog.insurerId, insurerId),
    and(
      eq(auditLog.actorType, 'staff'),
      sql`${auditLog.actorId} in (select value from json_each(${JSON.stringify(staffIds.map((r) => r.id))}))`,
    ),
  )
}

/** The filters on one log; `odd` 1 for the directory's keys, 0 for an insurer's (the cursor's key). */
function filterCondition(log: Log, f: AuditFilters, odd: 0 | 1): SQL | undefined {
  const [cursorAt, cursorKey] = f.cursor ? f.cursor.split('.').map(Number) : []
  return and(
    f.member ? eq(log.accountId, f.member) : undefined,
    f.staff ? and(eq(log.actorType, 'staff'), eq(log.actorId, f.staff)) : undefined,
    f.action ? eq(log.action, f.action) : undefined,
    f.from ? sql`${log.at} >= ${jstDayStart(f.from)}` : undefined,
    f.to ? lt(log.at, jstDayEnd(f.to)) : undefined,
    f.cursor
      ? or(
          lt(log.at, cursorAt),
          and(eq(log.at, cursorAt), sql`${log.id} * 2 + ${odd} < ${cursorKey}`),
        )
      : undefined,
  )
}

/**
 * The insurer database this search also reads, with the insurer whose rows it may show: the scoped
 * viewer's own; for a portal-wide viewer, the filtered member's insurer (the directory's pointer);
 * else none. The scope is checked (insurerDbFor) before the database is opened.
 */
async function insurerLogOf(
  deps: SearchDeps,
  viewer: StaffMember,
  filters: AuditFilters,
): Promise<{ db: Database; insurerId: string } | null> {
  let insurerId: string | null = null
  if (!inScope(viewer, null)) insurerId = viewer.insurerId
  else if (filters.member) {
    const [row] = await deps.db
      .select({ insurerId: accounts.insurerId })
      .from(accounts)
      .where(eq(accounts.id, filters.member))
    insurerId = row?.insurerId ?? null
  }
  if (!insurerId) return null
  try {
    return { db: await insurerDbFor(deps, viewer, insurerId), insurerId }
  } catch {
    // An insurer without a database (not placed yet) has no rows there.
    return null
  }
}

/** Audit rows matching the filters in the viewer's scope, newest first, at most `limit`. */
export async function searchAudit(
  deps: SearchDeps,
  viewer: StaffMember,
  filters: AuditFilters,
  limit: number,
): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const [scope, insurer] = await Promise.all([
    scopeCondition(deps, viewer),
    insurerLogOf(deps, viewer, filters),
  ])
  const [direct, theirs] = await Promise.all([
    deps.db
      .select()
      .from(auditLog)
      .where(and(scope, filterCondition(auditLog, filters, 1)))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit + 1),
    insurer
      ? insurer.db
          .select()
          .from(insurerAuditLog)
          .where(
            and(
              eq(insurerAuditLog.insurerId, insurer.insurerId),
              filterCondition(insurerAuditLog, filters, 0),
            ),
          )
          .orderBy(desc(insurerAuditLog.at), desc(insurerAuditLog.id))
          .limit(limit + 1)
      : Promise.resolve([] as Stored[]),
  ])
  const found = [
    ...direct.map((r) => ({ ...r, key: r.id * 2 + 1 })),
    ...theirs.map((r) => ({ ...r, key: r.id * 2 })),
  ].sort((a, b) => b.at - a.at || b.key - a.key)
  const page = found.slice(0, limit)
  const actorIds = [
    ...new Set(page.filter((r) => r.actorType === 'staff' && r.actorId).map((r) => r.actorId!)),
  ]
  const names = new Map<string, string>()
  for (let i = 0; i < actorIds.length; i += 90) {
    const part = await deps.db
      .select({ id: staffTable.id, name: staffTable.name })
      .from(staffTable)
      .where(inArray(staffTable.id, actorIds.slice(i, i + 90)))
    for (const r of part) names.set(r.id, r.name)
  }
  const last = page.at(-1)
  return {
    rows: page.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actorType: r.actorType,
      actorId: r.actorId,
      actorName: r.actorType === 'staff' && r.actorId ? (names.get(r.actorId) ?? null) : null,
      action: r.action,
      accountId: r.accountId,
      ip: r.ip,
      detail: parseDetail(r.detail),
    })),
    nextCursor: found.length > limit && last ? `${last.at}.${last.key}` : null,
  }
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/**
 * One CSV cell for Excel: always quoted, quotes doubled, and a value that a spreadsheet would take for
 * a formula (starting with = + - @, a tab or a carriage return) prefixed with ' (CSV injection).
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value)
  // Spreadsheets also read the full-width forms as formulas (docs/security.md, CSV for people).
  if (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text)) text = `'${text}`
  return `"${text.replace(/"/g, '""')}"`
}

export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'actor_type',
  'actor_id',
  'actor_name',
  'action',
  'account_id',
  'ip',
  'detail',
] as const

/** The rows as a CSV file: UTF-8 with a BOM (Excel reads it as UTF-8), CRLF line ends. */
export function auditCsv(rows: AuditRow[]): string {
  const lines = [AUDIT_CSV_COLUMNS.map(csvCell).join(',')]
  for (const r of rows)
    lines.push(
      [
        r.id,
        r.at,
        r.actorType,
        r.actorId,
        r.actorName,
        r.action,
        r.accountId,
        r.ip,
        JSON.stringify(r.detail),
      ]
        .map(csvCell)
        .join(','),
    )
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
