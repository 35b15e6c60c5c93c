/** The staff API's admin endpoints (routes/ops.admin.ts) for the fuzz test. */
import type { Endpoint } from '../fuzz-endpoint'

export const ADMIN_ENDPOINTS: Endpoint[] = []
