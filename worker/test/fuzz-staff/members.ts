/**
 * The staff API's members endpoints (routes/ops.members.ts) for the fuzz test. The actions name an
 * account that does not exist (each valid probe is a 404 that changes nothing): a real one would end
 * the sessions and revoke the viewing code that the member probes after them rely on.
 */
import { MemberActionBody, MemberLookupQuery } from '../../../core/member-actions'
import { MEMBER_ACTIONS } from '../../../core/member-actions'
import { staffDoor, type Endpoint } from '../fuzz-endpoint'

const NO_SUCH_MEMBER = '00000000-0000-4000-8000-000000000000'

export const MEMBERS_ENDPOINTS: Endpoint[] = [
  {
    method: 'POST',
    route: '/api/ops/members/lookup',
    schema: MemberLookupQuery,
    as: ['console', 'support', 'supportDemo'],
    doorAs: ['operator', 'admin', ...staffDoor],
    bodies: [() => ({ email: 'nobody@example.jp' })],
  },
  {
    method: 'GET',
    route: '/api/ops/members/:id',
    param: NO_SUCH_MEMBER,
    as: ['console', 'support', 'supportDemo'],
    doorAs: ['operator', 'insurerAdmin', ...staffDoor],
  },
  ...Object.keys(MEMBER_ACTIONS).map((action): Endpoint => ({
    method: 'POST',
    route: `/api/ops/members/:id/actions/${action}`,
    param: NO_SUCH_MEMBER,
    schema: MemberActionBody,
    bodies: [() => ({ reason: 'fuzz' })],
    as: ['console', 'support'],
    doorAs: ['supportDemo', 'operator', ...staffDoor],
  })),
]
