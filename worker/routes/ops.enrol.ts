import { Hono } from 'hono'
import type { Deps } from '../deps'
import type { StaffEnv } from '../middleware/staff'

/** Open without a session: accepting an invitation (password and TOTP enrolment) and the first platform admin's bootstrap. */
export function staffEnrolRoutes(_deps: Deps) {
  return new Hono<StaffEnv>()
}
