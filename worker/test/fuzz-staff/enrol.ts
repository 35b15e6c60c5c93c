/** The staff API's enrol endpoints (routes/ops.enrol.ts) for the fuzz test. */
import { BootstrapBody, EnrolCheckBody, EnrolCompleteBody } from '../../../core/staff-admin'
import { freshEmail, type Endpoint } from '../fuzz-endpoint'

/** A link token of the right shape that no link has (the run's configuration has no bootstrap secret). */
const UNKNOWN_TOKEN = 'fuzz-no-such-link-0000000000000000000000000'

export const ENROL_ENDPOINTS: Endpoint[] = [
  {
    method: 'POST',
    route: '/api/ops/enrol/check',
    schema: EnrolCheckBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [() => ({ token: UNKNOWN_TOKEN })],
  },
  {
    method: 'POST',
    route: '/api/ops/enrol/complete',
    schema: EnrolCompleteBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [() => ({ token: UNKNOWN_TOKEN, password: 'hoshizora-kaigi-42', code: '123456' })],
  },
  {
    method: 'POST',
    route: '/api/ops/enrol/bootstrap',
    schema: BootstrapBody,
    as: ['anon'],
    doorAs: ['member'],
    bodies: [() => ({ secret: 'x'.repeat(40), name: 'フズ 管理者', email: freshEmail() })],
  },
]
