/** The staff API's staff endpoints (routes/ops.staff.ts) for the fuzz test. */
import { StaffInviteBody, StaffResetBody, StaffUpdateBody } from '../../../core/staff-admin'
import { freshEmail, staffDoor, type Endpoint } from '../fuzz-endpoint'
import { DEMO_INSURER, MAINTENANCE_INSURER } from '../harness'

/** The development staff member the probes change and reset: no identity of the run uses it. */
const TARGET = 'dev-operator-2'

export const STAFF_ENDPOINTS: Endpoint[] = [
  {
    method: 'GET',
    route: '/api/ops/staff',
    as: ['admin', 'insurerAdmin'],
    doorAs: ['operator', 'support', ...staffDoor],
  },
  {
    method: 'POST',
    route: '/api/ops/staff',
    schema: StaffInviteBody,
    as: ['admin', 'insurerAdmin'],
    doorAs: ['operator', 'support', ...staffDoor],
    bodies: [
      () => ({
        name: 'フズ 太郎',
        email: freshEmail(),
        role: 'operator',
        insurerNumber: DEMO_INSURER.number,
      }),
    ],
  },
  {
    // The insurer admin's probes are refused (another insurer's operator) before anything changes.
    method: 'PATCH',
    route: '/api/ops/staff/:id',
    param: TARGET,
    schema: StaffUpdateBody,
    as: ['admin'],
    doorAs: ['insurerAdmin', 'operator', 'support', ...staffDoor],
    bodies: [
      () => ({
        role: 'operator',
        insurerNumber: MAINTENANCE_INSURER.number,
        disabled: false,
        reason: 'フズ',
      }),
    ],
  },
  {
    method: 'POST',
    route: '/api/ops/staff/:id/reset',
    param: TARGET,
    schema: StaffResetBody,
    as: ['admin'],
    doorAs: ['insurerAdmin', 'operator', 'support', ...staffDoor],
    bodies: [() => ({ what: 'second_factor', reason: 'フズ' })],
  },
]
