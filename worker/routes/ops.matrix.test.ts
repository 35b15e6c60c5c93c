/**
 * The staff API's role × route matrix (issue 11, docs/security.md#staff): every route under /api/ops, as
 * every kind of caller — nobody, a member's session, and each role with an API token (insurer staff of the
 * demo insurer and of another). A route missing from the table fails the test, so a new route cannot ship
 * without saying who may call it. Each caller must get 401 (no staff credential), 403 (the role may not, or
 * another insurer's), 404 where a route hides another insurer's thing, or pass the door (any other answer
 * below 500). Valid bodies are sent where the scope is checked after validation.
 */
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { accounts } from '../../db/schema'
import {
  DEMO_INSURER,
  harness,
  MAINTENANCE_INSURER,
  ROSTER_HEADER,
  rosterRow,
  signUpAndVerify,
  type Harness,
} from '../test/harness'
import { seedDevStaff, type DevStaffId } from '../test/staff'
import { issueStaffToken } from '../services/staff'

type Caller = 'anon' | 'member' | DevStaffId
/** Ids made by the set-up: the matrix's member (signed up, linked to no insurer). */
type Ids = { memberId: string }
const STAFF_CALLERS: DevStaffId[] = [
  'dev-admin',
  'dev-insurer-admin',
  'dev-operator',
  'dev-operator-2',
  'dev-support',
  'dev-support-demo',
]

/** Who passes the door of a route, and for a route naming an insurer, the demo one (D) or another (M). */
type Rule = {
  /** Callers that pass (in scope); every other staff caller gets 403, or 404 where listed. */
  pass: DevStaffId[]
  /** Staff callers answered 404 (out of scope) rather than 403. */
  notFound?: DevStaffId[]
  /** The path to call (parameters filled), default the route itself; or made from the callers' ids. */
  path?: string | ((ids: Ids) => string)
  /** A body that passes validation, so scope is checked too (default `{}`). */
  body?: () => unknown
  /** Console session only: token callers of a passing role get 403. */
  consoleOnly?: boolean
}

const ALL_STAFF = STAFF_CALLERS
const D = DEMO_INSURER.number
const M = MAINTENANCE_INSURER.number
/** A seeded inquiry of the maintenance insurer (worker/dev/seed-inquiries.ts). */
const OTHER_INQUIRY = '20261201-SEED-PRG3'

/** The table: one row per route of the staff API. */
const MATRIX: Record<string, Rule> = {
  'GET /api/ops/session': { pass: ALL_STAFF },
  'DELETE /api/ops/session': { pass: [], consoleOnly: true },
  'GET /api/ops/tokens': { pass: ALL_STAFF },
  'POST /api/ops/tokens': {
    pass: [],
    consoleOnly: true,
    body: () => ({ code: '123456', label: 'x', days: 1 }),
  },
  'DELETE /api/ops/tokens/:id': { pass: ALL_STAFF, path: '/api/ops/tokens/none' },
  'GET /api/ops/whoami': { pass: ALL_STAFF },
  'GET /api/ops/insurers': { pass: ALL_STAFF },
  'POST /api/ops/insurers': { pass: ['dev-admin'] },
  'PATCH /api/ops/insurers/:number': {
    path: `/api/ops/insurers/${M}`,
    body: () => ({ maintenance: true }),
    pass: ['dev-admin'],
    notFound: [],
  },
  'POST /api/ops/insurers/:number/roster/batches': {
    path: `/api/ops/insurers/${M}/roster/batches`,
    body: () => ({
      header: ROSTER_HEADER,
      rows: [
        rosterRow(2, {
          key: 'X0001',
          insurer: M,
          symbol: '9',
          number: '9',
          kana: 'マトリクス　タロウ',
          birth: '1980-01-01',
        }),
      ],
    }),
    pass: ['dev-admin', 'dev-operator-2'],
  },
  'POST /api/ops/insurers/:number/checkups': {
    path: `/api/ops/insurers/${M}/checkups`,
    body: () => ({
      checkups: [
        {
          ref: 'line 2',
          personKey: 'X0001',
          examDate: '2025-06-01',
          source: 'csv',
          results: [
            { code: '9N001000000000001', type: 'raw', value: '160.1', unit: 'cm', line: 2 },
          ],
        },
      ],
    }),
    pass: ['dev-admin', 'dev-operator-2'],
  },
  'POST /api/ops/insurers/:number/codes/issue': {
    path: `/api/ops/insurers/${M}/codes/issue`,
    body: () => ({ limit: 1, runId: 'none' }),
    pass: ['dev-admin', 'dev-operator-2'],
  },
  'GET /api/ops/insurers/:number/codes/status': {
    path: `/api/ops/insurers/${D}/codes/status`,
    pass: ['dev-admin', 'dev-insurer-admin', 'dev-operator'],
  },
  // Passkeys: every staff member's own, added and removed in a console session only.
  'GET /api/ops/passkeys': { pass: ALL_STAFF },
  'POST /api/ops/passkeys/options': { pass: [], consoleOnly: true },
  'POST /api/ops/passkeys': { pass: [], consoleOnly: true },
  'DELETE /api/ops/passkeys/:id': { pass: [], consoleOnly: true, path: '/api/ops/passkeys/none' },
  // Members and their actions (routes/ops.members.ts): support only. The matrix's member is linked to no
  // insurer: portal-wide support's, not the demo insurer's support (404, its id not confirmed).
  'POST /api/ops/members/lookup': {
    body: () => ({ email: 'nobody@example.jp' }),
    pass: ['dev-support', 'dev-support-demo'],
  },
  'GET /api/ops/members/:id': {
    path: ({ memberId }) => `/api/ops/members/${memberId}`,
    pass: ['dev-support'],
    notFound: ['dev-support-demo'],
  },
  ...Object.fromEntries(
    [
      'reissue-code',
      'unlock-address',
      'unlock-health',
      'reset-mail',
      'end-sessions',
      'login-id-notice',
    ].map((action) => [
      `POST /api/ops/members/:id/actions/${action}`,
      {
        path: ({ memberId }) => `/api/ops/members/${memberId}/actions/${action}`,
        body: () => ({ reason: 'matrix' }),
        pass: ['dev-support'],
        notFound: ['dev-support-demo'],
      } satisfies Rule,
    ]),
  ),
  // The audit log (routes/ops.audit.ts): platform admin, insurer admin, support.
  'GET /api/ops/audit': {
    pass: ['dev-admin', 'dev-insurer-admin', 'dev-support', 'dev-support-demo'],
  },
  'GET /api/ops/audit/export.csv': {
    pass: ['dev-admin', 'dev-insurer-admin', 'dev-support', 'dev-support-demo'],
  },
  // Inquiries (routes/ops.inquiries.ts): support agents; a scoped one gets 404 on another insurer's
  // inquiry (the seeded 20261201-SEED-PRG3 is the maintenance insurer's).
  'GET /api/ops/inquiries': { pass: ['dev-support', 'dev-support-demo'] },
  'GET /api/ops/inquiries/templates': { pass: ['dev-support', 'dev-support-demo'] },
  'GET /api/ops/inquiries/:id': {
    path: `/api/ops/inquiries/${OTHER_INQUIRY}`,
    pass: ['dev-support'],
    notFound: ['dev-support-demo'],
  },
  'POST /api/ops/inquiries/:id/notes': {
    path: `/api/ops/inquiries/${OTHER_INQUIRY}/notes`,
    body: () => ({ checks: ['name'], note: 'matrix' }),
    pass: ['dev-support'],
    notFound: ['dev-support-demo'],
  },
  'POST /api/ops/inquiries/:id/replies': {
    path: `/api/ops/inquiries/${OTHER_INQUIRY}/replies`,
    body: () => ({
      idempotencyKey: crypto.randomUUID(),
      template: 'signup.ja',
      body: 'matrix',
      lang: 'ja',
    }),
    pass: ['dev-support'],
    notFound: ['dev-support-demo'],
  },
  'POST /api/ops/inquiries/:id/status': {
    path: `/api/ops/inquiries/${OTHER_INQUIRY}/status`,
    body: () => ({ status: 'closed' }),
    pass: ['dev-support'],
    notFound: ['dev-support-demo'],
  },
  'POST /api/ops/inquiries/:id/assignee': {
    path: `/api/ops/inquiries/${OTHER_INQUIRY}/assignee`,
    body: () => ({ staffId: null }),
    pass: ['dev-support'],
    notFound: ['dev-support-demo'],
  },
  // Staff management (routes/ops.staff.ts): platform admin, and an insurer admin for their insurer's staff.
  'GET /api/ops/staff': { pass: ['dev-admin', 'dev-insurer-admin'] },
  'POST /api/ops/staff': {
    // An operator of the maintenance insurer: not the demo insurer admin's to invite.
    body: () => ({
      name: 'マトリクス',
      email: `matrix.${crypto.randomUUID()}@staff.example.jp`,
      role: 'operator',
      insurerNumber: M,
    }),
    pass: ['dev-admin'],
  },
  'PATCH /api/ops/staff/:id': {
    path: '/api/ops/staff/dev-operator-2',
    body: () => ({ role: 'operator', reason: 'matrix' }),
    pass: ['dev-admin'],
  },
  'POST /api/ops/staff/:id/reset': {
    path: '/api/ops/staff/nobody/reset',
    body: () => ({ reason: 'matrix', what: 'second_factor' }),
    pass: ['dev-admin'],
  },
  // Platform administration (routes/ops.admin.ts).
  'GET /api/ops/platform/allowlist-requests': {
    pass: ['dev-admin', 'dev-insurer-admin', 'dev-operator', 'dev-operator-2'],
  },
  'POST /api/ops/platform/allowlist-requests': {
    body: () => ({ cidrs: ['203.0.113.0/24'], note: 'matrix' }),
    pass: ['dev-insurer-admin', 'dev-operator', 'dev-operator-2'],
  },
  'POST /api/ops/platform/allowlist-requests/:id/decision': {
    path: '/api/ops/platform/allowlist-requests/nobody/decision',
    body: () => ({ decision: 'refuse', reason: 'matrix' }),
    pass: ['dev-admin'],
  },
  'GET /api/ops/platform/org-codes': { pass: ['dev-admin'] },
  'POST /api/ops/platform/org-codes': {
    body: () => ({ insurerNumber: D, organisation: 'マトリクス健診センター' }),
    pass: ['dev-admin'],
  },
  'POST /api/ops/platform/org-codes/:code/retire': {
    path: '/api/ops/platform/org-codes/NPQRSTUV/retire',
    pass: ['dev-admin'],
  },
  // Import records and code runs, on the maintenance insurer's URLs: its operator and a
  // platform admin pass; the demo insurer's staff get 403. Unknown ids answer 404 to those who pass.
  'POST /api/ops/insurers/:number/imports': {
    path: `/api/ops/insurers/${M}/imports`,
    body: () => ({
      id: crypto.randomUUID(),
      kind: 'roster',
      source: 'console',
      fileName: 'matrix.csv',
      fileSize: 1,
      fingerprint: '',
    }),
    pass: ['dev-admin', 'dev-operator-2'],
  },
  'GET /api/ops/insurers/:number/imports': {
    path: `/api/ops/insurers/${M}/imports`,
    pass: ['dev-admin', 'dev-operator-2'],
  },
  'GET /api/ops/insurers/:number/imports/:id': {
    path: `/api/ops/insurers/${M}/imports/${matrixId()}`,
    pass: ['dev-admin', 'dev-operator-2'],
  },
  'POST /api/ops/insurers/:number/imports/:id/finish': {
    path: `/api/ops/insurers/${M}/imports/${matrixId()}/finish`,
    body: () => ({ outcome: 'interrupted', rowsRead: 0, blank: 0 }),
    pass: ['dev-admin', 'dev-operator-2'],
  },
  'GET /api/ops/insurers/:number/imports/:id/rejected.csv': {
    path: `/api/ops/insurers/${M}/imports/${matrixId()}/rejected.csv`,
    pass: ['dev-admin', 'dev-operator-2'],
  },
  'POST /api/ops/insurers/:number/codes/runs': {
    path: `/api/ops/insurers/${M}/codes/runs`,
    body: () => ({ kind: 'issue' }),
    pass: ['dev-admin', 'dev-operator-2'],
  },
  'GET /api/ops/insurers/:number/codes/runs': {
    path: `/api/ops/insurers/${M}/codes/runs`,
    pass: ['dev-admin', 'dev-operator-2'],
  },
  'POST /api/ops/insurers/:number/codes/runs/:id/confirm': {
    path: `/api/ops/insurers/${M}/codes/runs/${matrixId()}/confirm`,
    body: () => ({ codes: 0 }),
    pass: ['dev-admin', 'dev-operator-2'],
  },
  'POST /api/ops/insurers/:number/codes/runs/:id/revoke': {
    path: `/api/ops/insurers/${M}/codes/runs/${matrixId()}/revoke`,
    pass: ['dev-admin', 'dev-operator-2'],
  },
  'GET /api/ops/insurers/:number/codes/queue': {
    path: `/api/ops/insurers/${M}/codes/queue`,
    pass: ['dev-admin', 'dev-operator-2'],
  },
  // Removing a member of staff (nobody, so the run keeps its callers).
  'POST /api/ops/staff/:id/remove': {
    path: '/api/ops/staff/nobody/remove',
    body: () => ({ reason: 'matrix' }),
    pass: ['dev-admin', 'dev-insurer-admin'],
  },
  // issue 14, compact: a platform admin's (one page of one insurer database).
  'POST /api/ops/platform/checkups/compact': { pass: ['dev-admin'] },
  // issue 14, F: insurer databases and moves, a platform admin's (an unknown database: 400).
  'GET /api/ops/shards': { pass: ['dev-admin'] },
  'POST /api/ops/shards/moves': {
    body: () => ({ insurer: D, to: 'nowhere' }),
    pass: ['dev-admin'],
  },
  'GET /api/ops/shards/moves/latest/:insurer': {
    path: `/api/ops/shards/moves/latest/${D}`,
    pass: ['dev-admin'],
  },
  'GET /api/ops/shards/moves/:id': { path: '/api/ops/shards/moves/nobody', pass: ['dev-admin'] },
  'POST /api/ops/shards/moves/:id/step': {
    path: '/api/ops/shards/moves/nobody/step',
    pass: ['dev-admin'],
  },
  'POST /api/ops/shards/moves/:id/confirm': {
    path: '/api/ops/shards/moves/nobody/confirm',
    pass: ['dev-admin'],
  },
  'POST /api/ops/shards/moves/:id/abort': {
    path: '/api/ops/shards/moves/nobody/abort',
    pass: ['dev-admin'],
  },
  // issue 14, unlink: support's 紐付け解除, as the other member actions (the matrix's member is
  // linked to nothing: portal-wide support passes the door to a 409, the demo insurer's gets 404).
  'POST /api/ops/members/:id/actions/unlink': {
    path: ({ memberId }) => `/api/ops/members/${memberId}/actions/unlink`,
    body: () => ({ reason: 'matrix' }),
    pass: ['dev-support'],
    notFound: ['dev-support-demo'],
  },
  // issue 14, I: registering an insurer database (one no test opener knows: 422, nothing recorded).
  'POST /api/ops/shards/databases': {
    body: () => ({ name: 'matrix_nowhere', kind: 'd1' }),
    pass: ['dev-admin'],
  },
}

/** issue 13, server: an id no import or run has (the routes answer 404 to those who pass the door). */
function matrixId() {
  return '00000000-0000-4000-8000-000000000000'
}

/** Routes that answer without staff credentials on purpose (log-in, invitations, bootstrap). */
const OPEN: Record<string, string> = {
  'POST /api/ops/session': 'the staff log-in itself (ops.session.test.ts)',
  'POST /api/ops/session/passkey-options': "a passkey log-in's options (ops.passkeys.test.ts)",
  'POST /api/ops/enrol/check': 'an invitation link, its token the credential (ops.enrol.test.ts)',
  'POST /api/ops/enrol/complete':
    'an invitation link, its token the credential (ops.enrol.test.ts)',
  'POST /api/ops/enrol/bootstrap':
    'the first platform admin, by the bootstrap secret (ops.enrol.test.ts)',
}

async function callers(h: Harness) {
  await seedDevStaff(h)
  const { cookie, email } = await signUpAndVerify(h)
  const [member] = await h.deps.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.emailKey, email))
  const headers: Record<Caller, Record<string, string>> = {
    anon: {},
    member: { Cookie: cookie, Origin: 'http://localhost:8787' },
  } as Record<Caller, Record<string, string>>
  for (const id of STAFF_CALLERS)
    headers[id] = {
      Authorization: `Bearer ${(await issueStaffToken(h.deps, id, { label: 'matrix', days: 1 })).token}`,
    }
  return { headers, ids: { memberId: member.id } }
}

function send(
  h: Harness,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: unknown,
) {
  const hasBody = method !== 'GET' && method !== 'DELETE'
  return h.app.request(`http://localhost:8787${path}`, {
    method,
    headers: {
      'CF-Connecting-IP': h.ip,
      ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: hasBody ? JSON.stringify(body) : undefined,
  })
}

describe('the staff API: every route × every caller', () => {
  // One app and one set of callers for the file: seeding the staff costs a password hash each.
  let h: Harness
  let headers: Record<Caller, Record<string, string>>
  let ids: Ids
  beforeAll(async () => {
    h = await harness()
    ;({ headers, ids } = await callers(h))
  }, 60_000)

  it('lists every route of /api/ops in the table (or as open on purpose)', async () => {
    const routes = [
      ...new Set(
        h.app.routes
          .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/ops'))
          .map((r) => `${r.method} ${r.path}`),
      ),
    ]
    const known = new Set([...Object.keys(MATRIX), ...Object.keys(OPEN)])
    expect(
      routes.filter((r) => !known.has(r)),
      'routes with no row',
    ).toEqual([])
    expect(
      [...known].filter((r) => !routes.includes(r)),
      'rows with no route',
    ).toEqual([])
  })

  it.each(Object.entries(MATRIX))('%s', async (route, rule) => {
    const [method, pattern] = route.split(' ')
    const path = typeof rule.path === 'function' ? rule.path(ids) : (rule.path ?? pattern)
    const body = rule.body?.() ?? {}
    const answers: Record<string, number> = {}
    const expected: Record<string, number | 'pass'> = {}
    for (const caller of ['anon', 'member', ...STAFF_CALLERS] as Caller[]) {
      const res = await send(h, method, path, headers[caller], body)
      answers[caller] = res.status
      if (caller === 'anon' || caller === 'member') expected[caller] = 401
      else if (rule.consoleOnly) expected[caller] = 403
      else if (rule.pass.includes(caller as DevStaffId)) expected[caller] = 'pass'
      else if (rule.notFound?.includes(caller as DevStaffId)) expected[caller] = 404
      else expected[caller] = 403
    }
    const seen = Object.fromEntries(
      Object.entries(answers).map(([k, status]) => [
        k,
        expected[k] === 'pass' && status !== 401 && status !== 403 && status < 500
          ? 'pass'
          : status,
      ]),
    )
    expect(seen).toEqual(expected)
  })
})
