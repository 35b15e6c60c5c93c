/** The staff API's staff endpoints (routes/ops.staff.ts) for the fuzz test. */
import type { Endpoint } from '../fuzz-endpoint'

export const STAFF_ENDPOINTS: Endpoint[] = []
