import { Hono } from 'hono'
import type { Deps } from '../deps'
import type { StaffEnv } from '../middleware/staff'

/** Staff management (invite, role, scope, disable, reset a second factor). */
export function staffAdminRoutes(_deps: Deps) {
  return new Hono<StaffEnv>()
}
