/**
 * The audit log as staff search it (routes/ops.audit.ts): by member, by staff member, by action and
 * days, newest first in pages of 100 (keyset on time and id), and as a CSV file for Excel.
 *
 * Scope: a platform admin and portal-wide support see every row. A scoped insurer admin or support
 * agent sees the rows whose member is linked to their insurer and the rows whose actor is staff of
 * their insurer. The links are an insurer's data: they are read by their own query, and the audit
 * query (portal-wide) is given the account ids.
 */
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm'
import { jstDayEnd, jstDayStart, type AuditFilters } from '../../core/audit-query'
import { inScope } from '../../core/staff'
import { auditLog, memberLinks, staff as staffTable } from '../../db/schema'
import type { Deps } from '../deps'
import type { StaffMember } from './staff'

type SearchDeps = Pick<Deps, 'db'>

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

/** The rows a scoped staff member may see, as a condition; undefined for those who see every row. */
async function scopeCondition(deps: SearchDeps, viewer: StaffMember): Promise<SQL | undefined> {
  if (inScope(viewer, null)) return undefined
  const insurerId = viewer.insurerId ?? ''
  const members = await deps.db
    .select({ id: memberLinks.accountId })
    .from(memberLinks)
    .where(eq(memberLinks.insurerId, insurerId))
  const staffIds = await deps.db
    .select({ id: staffTable.id })
    .from(staffTable)
    .where(eq(staffTable.insurerId, insurerId))
  const json = (ids: { id: string }[]) => JSON.stringify(ids.map((r) => r.id))
  return or(
    sql`${auditLog.accountId} in (select value from json_each(${json(members)}))`,
    and(
      eq(auditLog.actorType, 'staff'),
      sql`${auditLog.actorId} in (select value from json_each(${json(staffIds)}))`,
    ),
  )
}

function filterCondition(f: AuditFilters): SQL | undefined {
  const [cursorAt, cursorId] = f.cursor ? f.cursor.split('.').map(Number) : []
  return and(
    f.member ? eq(auditLog.accountId, f.member) : undefined,
    f.staff ? and(eq(auditLog.actorType, 'staff'), eq(auditLog.actorId, f.staff)) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.from ? sql`${auditLog.at} >= ${jstDayStart(f.from)}` : undefined,
    f.to ? lt(auditLog.at, jstDayEnd(f.to)) : undefined,
    f.cursor
      ? or(lt(auditLog.at, cursorAt), and(eq(auditLog.at, cursorAt), lt(auditLog.id, cursorId)))
      : undefined,
  )
}

/** Audit rows matching the filters in the viewer's scope, newest first, at most `limit`. */
export async function searchAudit(
  deps: SearchDeps,
  viewer: StaffMember,
  filters: AuditFilters,
  limit: number,
): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const found = await deps.db
    .select()
    .from(auditLog)
    .where(and(await scopeCondition(deps, viewer), filterCondition(filters)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1)
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
    nextCursor: found.length > limit && last ? `${last.at}.${last.id}` : null,
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
