/** The staff API's admin endpoints (routes/ops.admin.ts) for the fuzz test. */
import { sql } from 'drizzle-orm'
import {
  AllowlistDecisionBody,
  AllowlistRequestBody,
  OrgCodeIssueBody,
} from '../../../core/staff-admin'
import { allowlistRequests, orgCodes } from '../../../db/schema'
import { staffDoor, type Ctx, type Endpoint } from '../fuzz-endpoint'
import { DEMO_INSURER } from '../harness'

let run: Ctx | undefined
const keep = (c: Ctx) => void (run = c)

/** A pending request of the maintenance insurer, pending again before each probe. */
const REQUEST_ID = 'fuzz-allowlist-request'
const pendingRequest = () =>
  run!.h.deps.db
    .insert(allowlistRequests)
    .values({
      id: REQUEST_ID,
      insurerId: 'demo-maintenance',
      cidrs: '["192.0.2.0/24"]',
      note: 'fuzz',
      requestedBy: 'dev-operator-2',
      requestedAt: 0,
    })
    .onConflictDoUpdate({
      target: allowlistRequests.id,
      set: { status: 'pending', decidedAt: null, decidedBy: null, reason: sql`null` },
    })

/** A live 団体連携コード, live again before each probe. */
const ORG_CODE = 'FUZZCDE2'
const liveCode = () =>
  run!.h.deps.db
    .insert(orgCodes)
    .values({
      code: ORG_CODE,
      insurerId: 'demo-insurer',
      organisation: 'フズ団体',
      createdBy: 'dev-admin',
      createdAt: 0,
    })
    .onConflictDoUpdate({ target: orgCodes.code, set: { retiredAt: null } })

export const ADMIN_ENDPOINTS: Endpoint[] = [
  {
    method: 'GET',
    route: '/api/ops/platform/allowlist-requests',
    as: ['admin', 'operator', 'insurerAdmin'],
    doorAs: ['support', ...staffDoor],
  },
  {
    method: 'POST',
    route: '/api/ops/platform/allowlist-requests',
    schema: AllowlistRequestBody,
    as: ['operator'],
    doorAs: ['admin', 'support', ...staffDoor],
    bodies: [() => ({ cidrs: ['192.0.2.0/24', '2001:db8::/48'], note: 'フズ' })],
  },
  {
    method: 'POST',
    route: '/api/ops/platform/allowlist-requests/:id/decision',
    param: REQUEST_ID,
    schema: AllowlistDecisionBody,
    as: ['admin'],
    doorAs: ['operator', 'insurerAdmin', 'support', ...staffDoor],
    bodies: [
      () => ({ decision: 'approve', reason: 'フズ' }),
      () => ({ decision: 'refuse', reason: 'フズ' }),
    ],
    prepare: keep,
    beforeEach: pendingRequest,
  },
  {
    method: 'GET',
    route: '/api/ops/platform/org-codes',
    as: ['admin'],
    doorAs: ['operator', 'insurerAdmin', 'support', ...staffDoor],
  },
  {
    method: 'POST',
    route: '/api/ops/platform/org-codes',
    schema: OrgCodeIssueBody,
    as: ['admin'],
    doorAs: ['operator', 'insurerAdmin', 'support', ...staffDoor],
    bodies: [() => ({ insurerNumber: DEMO_INSURER.number, organisation: 'フズ団体' })],
  },
  {
    method: 'POST',
    route: '/api/ops/platform/org-codes/:code/retire',
    param: ORG_CODE,
    as: ['admin'],
    doorAs: ['operator', 'insurerAdmin', 'support', ...staffDoor],
    prepare: keep,
    beforeEach: liveCode,
  },
]
