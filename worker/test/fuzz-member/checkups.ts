/**
 * issue 12, checkups: the member endpoints of this area for the fuzz test (worker/fuzz.test.ts).
 * GET /api/invite sets an older account's code on its first read (an UPDATE: no row is added).
 */
import { member, type Endpoint } from '../fuzz-endpoint'

export const CHECKUPS_ENDPOINTS: Endpoint[] = [
  { method: 'GET', route: '/api/invite', as: member, doorAs: ['anon'] },
]
