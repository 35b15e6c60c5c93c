import { Hono } from 'hono'
import type { Deps } from '../deps'
import type { StaffEnv } from '../middleware/staff'

/** The audit log, searched by member and by staff member, and its CSV export. */
export function staffAuditRoutes(_deps: Deps) {
  return new Hono<StaffEnv>()
}
