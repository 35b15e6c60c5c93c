/** issue 13, codes (D): the staff API's removal of a member of staff (routes/ops.staff.ts) for the fuzz test. */
import { StaffRemoveBody } from '../../../core/staff-admin'
import { staffDoor, type Endpoint } from '../fuzz-endpoint'

export const STAFF_REMOVE_ENDPOINTS: Endpoint[] = [
  {
    // No one of the run is removed: the valid probes name nobody (404) after the door and the body.
    method: 'POST',
    route: '/api/ops/staff/:id/remove',
    param: 'nobody',
    schema: StaffRemoveBody,
    as: ['admin', 'insurerAdmin'],
    doorAs: ['operator', 'support', ...staffDoor],
    bodies: [() => ({ reason: 'フズ' })],
  },
]
