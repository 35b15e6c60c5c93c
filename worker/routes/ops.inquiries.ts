import { Hono } from 'hono'
import type { Deps } from '../deps'
import type { StaffEnv } from '../middleware/staff'

/** お問い合わせ (inquiries: list, detail, candidates, notes, replies, status, assignee). */
export function staffInquiryRoutes(_deps: Deps) {
  return new Hono<StaffEnv>()
}
