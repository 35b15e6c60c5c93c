/** The staff API's audit endpoints (routes/ops.audit.ts) for the fuzz test. */
import type { Endpoint } from '../fuzz-endpoint'

export const AUDIT_ENDPOINTS: Endpoint[] = []
