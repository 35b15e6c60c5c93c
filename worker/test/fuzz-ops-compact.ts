/**
 * Issue 14's `ops checkups compact` endpoint for the fuzz test (worker/fuzz.test.ts): a platform admin's;
 * every other role is refused at the door.
 */
import { CheckupCompactBody } from '../../core/checkup-compact'
import { DEMO_INSURER } from './harness'
import { staffDoor, type Endpoint } from './fuzz-endpoint'

export const OPS_COMPACT_ENDPOINTS: Endpoint[] = [
  {
    method: 'POST',
    route: '/api/ops/platform/checkups/compact',
    schema: CheckupCompactBody,
    as: ['admin'],
    doorAs: ['operator', 'insurerAdmin', 'support', ...staffDoor],
    bodies: [
      () => ({}),
      () => ({ insurer: DEMO_INSURER.number }),
      () => ({ database: 'demo', after: 0 }),
    ],
  },
]
