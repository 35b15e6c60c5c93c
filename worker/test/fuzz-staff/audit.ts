/** The staff API's audit endpoints (routes/ops.audit.ts) for the fuzz test. */
import { staffDoor, type Endpoint } from '../fuzz-endpoint'

export const AUDIT_ENDPOINTS: Endpoint[] = [
  {
    method: 'GET',
    route: '/api/ops/audit',
    as: ['console', 'admin', 'insurerAdmin', 'supportDemo'],
    doorAs: ['operator', ...staffDoor],
  },
  {
    method: 'GET',
    route: '/api/ops/audit/export.csv',
    as: ['console', 'insurerAdmin'],
    doorAs: ['operator', ...staffDoor],
  },
]
