import { Hono } from 'hono'
import type { Deps } from '../deps'
import type { StaffEnv } from '../middleware/staff'

/** Support's view of a member and its actions (re-issue a viewing code, lift a lock, reset mail, end sessions, forgot login ID). */
export function staffMemberRoutes(_deps: Deps) {
  return new Hono<StaffEnv>()
}
