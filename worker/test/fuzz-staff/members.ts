/** The staff API's members endpoints (routes/ops.members.ts) for the fuzz test. */
import type { Endpoint } from '../fuzz-endpoint'

export const MEMBERS_ENDPOINTS: Endpoint[] = []
