/** The staff API's enrol endpoints (routes/ops.enrol.ts) for the fuzz test. */
import type { Endpoint } from '../fuzz-endpoint'

export const ENROL_ENDPOINTS: Endpoint[] = []
