import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { AUDIT_EXPORT_MAX, AUDIT_PAGE, AuditQuery, type AuditFilters } from '../../core/audit-query'
import type { Deps } from '../deps'
import { requireCapability, type StaffEnv } from '../middleware/staff'
import { auditStaff } from '../services/audit'
import { auditCsv, searchAudit } from '../services/audit-search'
import { validationHook } from './validation'

/** The filters as the search's own audit row records them (what was asked, not what was found). */
const asked = (f: AuditFilters) => {
  const { cursor: _, ...rest } = f
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >
}

/**
 * The audit log, searched by member and by staff member, and its CSV export ('audit': platform admin,
 * insurer admin, support; a scoped one sees their insurer's members and staff only). Each search and
 * each export is itself audited.
 */
export function staffAuditRoutes(deps: Deps) {
  const query = vValidator('query', AuditQuery, validationHook)
  return new Hono<StaffEnv>()
    .get('/', requireCapability('audit'), query, async (c) => {
      const filters = c.req.valid('query')
      const found = await searchAudit(deps, c.get('staff'), filters, AUDIT_PAGE)
      await auditStaff(deps, c.get('staff'), c.get('ip'), 'audit.searched', {
        ...asked(filters),
        page: filters.cursor ? 'next' : 'first',
        rows: found.rows.length,
      })
      return c.json(found)
    })
    .get('/export.csv', requireCapability('audit'), query, async (c) => {
      const { cursor: _, ...filters } = c.req.valid('query')
      const { rows } = await searchAudit(deps, c.get('staff'), filters, AUDIT_EXPORT_MAX)
      await auditStaff(deps, c.get('staff'), c.get('ip'), 'audit.exported', {
        ...asked(filters),
        rows: rows.length,
      })
      const day = new Date(deps.now()).toISOString().slice(0, 10)
      return c.body(auditCsv(rows), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="audit-${day}.csv"`,
        'Cache-Control': 'no-store',
      })
    })
}
