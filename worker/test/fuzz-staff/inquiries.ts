/** The staff API's inquiries endpoints (routes/ops.inquiries.ts) for the fuzz test. */
import type { Endpoint } from '../fuzz-endpoint'

export const INQUIRIES_ENDPOINTS: Endpoint[] = []
