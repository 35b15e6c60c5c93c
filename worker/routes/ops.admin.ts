import { Hono } from 'hono'
import type { Deps } from '../deps'
import type { StaffEnv } from '../middleware/staff'

/** Platform administration (allow-list requests, 団体連携コード). */
export function platformRoutes(_deps: Deps) {
  return new Hono<StaffEnv>()
}
