/**
 * A fuzz test of every member and operator endpoint (issue 9), on D1 in workerd and on libSQL in Node.
 *
 * Each endpoint is listed below with the valibot schema it validates with and a valid body; the
 * generators (worker/test/fuzz.ts) derive from them bodies with each field missing, null, of the
 * wrong type, too long, of odd Unicode and prototype keys, then malformed JSON, wrong content
 * types, oversized bodies, odd methods, headers, queries and path parameters. Every answer must be
 * below 500, a 4xx must be `{ error: { code, message } }`, no body may hold a stack trace or a
 * driver's error text, and a refused request (4xx) must not change the row count of any domain
 * table. Counts are taken after every request that ran a write statement (the test database counts
 * them: worker/test/database.ts), so a write is pinned to the request that made it.
 *
 * The database also holds production D1's limits (2 MB per bound value, 100 parameters, 100 KB
 * statements), which local D1 and libSQL do not: a body a client may send that production would answer
 * with a 500 fails here too (the `largest` bodies are such clients' biggest batches).
 *
 * Requests go out one at a time: the clock and the per-request row counts need it, and the
 * machine is shared. Each comes from its own client IP, so the per-IP captcha levels and the
 * 100-attempt throttle never stop the probes at the door, and each valid body uses a fresh
 * address, so no address reaches its lock.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { answerProblems } from './test/fuzz'
import { testDbKind } from './test/harness'
import type { Endpoint } from './test/fuzz-endpoint'
import { LOG_OUT, MEMBER_ENDPOINTS } from './test/fuzz-member-endpoints'
import { OPERATOR_ENDPOINTS } from './test/fuzz-operator-endpoints'
import { ADMIN_ENDPOINTS } from './test/fuzz-staff/admin'
import { AUDIT_ENDPOINTS } from './test/fuzz-staff/audit'
import { ENROL_ENDPOINTS } from './test/fuzz-staff/enrol'
import { INQUIRIES_ENDPOINTS } from './test/fuzz-staff/inquiries'
import { MEMBERS_ENDPOINTS } from './test/fuzz-staff/members'
import { SESSION_END, SESSION_ENDPOINTS } from './test/fuzz-staff/session'
import { STAFF_ENDPOINTS } from './test/fuzz-staff/staff'
import { beginFuzz, ctx, fuzz, rowChanges } from './test/fuzz-runner'
import { ACCOUNT_ENDPOINTS } from './test/fuzz-member/account'
import { CHECKUPS_ENDPOINTS } from './test/fuzz-member/checkups'
import { PASSKEY_ENDPOINTS } from './test/fuzz-member/passkeys'
import { NOTICES_ENDPOINTS, NOTICES_NOT_FUZZED } from './test/fuzz-member/notices'
import { STAFF_REMOVE_ENDPOINTS } from './test/fuzz-staff/staff-remove'
import { OPS_IMPORTS_ENDPOINTS } from './test/fuzz-ops-imports'
// issue 14, compact
import { OPS_COMPACT_ENDPOINTS } from './test/fuzz-ops-compact'
// issue 14, F
import { SHARDS_ENDPOINTS } from './test/fuzz-staff/shards'

/**
 * Every member and operator endpoint. The order is the order they run in: the reads of health data
 * before the clock moves a day (for the answer step), and log-out last (it ends a session).
 */
const ENDPOINTS: Endpoint[] = [
  ...MEMBER_ENDPOINTS,
  ...OPERATOR_ENDPOINTS,
  // The staff console's areas (one file each, beside the route's own tests' fixtures).
  ...SESSION_ENDPOINTS,
  ...ENROL_ENDPOINTS,
  ...INQUIRIES_ENDPOINTS,
  ...MEMBERS_ENDPOINTS,
  ...AUDIT_ENDPOINTS,
  ...STAFF_ENDPOINTS,
  ...ADMIN_ENDPOINTS,
  // The member's account (issue 12): one file each.
  ...CHECKUPS_ENDPOINTS,
  ...PASSKEY_ENDPOINTS,
  ...NOTICES_ENDPOINTS,
  ...SESSION_END,
  // After the sessions end: these change passwords and addresses, and withdraw.
  ...ACCOUNT_ENDPOINTS,
  ...OPS_IMPORTS_ENDPOINTS,
  ...LOG_OUT,
  ...STAFF_REMOVE_ENDPOINTS,
  // issue 14, compact
  ...OPS_COMPACT_ENDPOINTS,
  // issue 14, F
  ...SHARDS_ENDPOINTS,
]

/** Routes of the app that are not member or operator endpoints, and why they are not fuzzed here. */
const NOT_FUZZED: Record<string, string> = {
  'GET /*': 'the PWA shell and static files (no API)',
  'GET /dev/bench/bare': "development only: the benchmark's bare route",
  'GET /dev/mail.json': 'development only: the outbox',
  'GET /dev/mail': 'development only: the outbox',
  'DELETE /dev/mail': 'development only: the outbox',
  'GET /dev/turnstile/api.js': 'development only: the Turnstile stand-in',
  'POST /dev/turnstile/siteverify': 'development only: the Turnstile stand-in',
  'POST /dev/clock': 'development only: moves the clock',
  'POST /dev/seed': 'development only: the demo data',
  'POST /dev/risk/reset': 'development only: resets the counters',
  'GET /dev/staff/totp': "development only: a development staff member's current code",
  ...NOTICES_NOT_FUZZED,
}

/**
 * Skipped on libSQL in Node: one of its probes makes the native libSQL driver of the tests panic
 * (`Result::unwrap()` on a `Utf8Error`), which kills the test process and every test after it. The
 * app on libSQL in production talks to sqld over HTTP, not this driver; D1 runs the endpoint's probes.
 */
const CRASHES_LIBSQL_IN_NODE = 'POST /api/ops/insurers/:number/checkups'

describe('fuzz: every member and operator endpoint', () => {
  beforeAll(async () => {
    await beginFuzz()
  }, 60_000)

  it('lists every route of the app: each is fuzzed or named as not an API endpoint, and each listed one exists', () => {
    const routes = new Set(
      ctx.h.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`),
    )
    const listed = new Set([
      ...ENDPOINTS.map((e) => `${e.method} ${e.route}`),
      ...Object.keys(NOT_FUZZED),
    ])
    expect(
      [...routes].filter((r) => !listed.has(r)),
      'routes the fuzz test does not cover',
    ).toEqual([])
    expect(
      [...listed].filter((r) => !routes.has(r)),
      'listed routes the app does not have',
    ).toEqual([])
  })

  for (const ep of ENDPOINTS)
    it.skipIf(testDbKind() !== 'd1' && `${ep.method} ${ep.route}` === CRASHES_LIBSQL_IN_NODE)(
      `${ep.method} ${ep.route}: no 5xx, no stack trace, errors in shape, no write when refused`,
      async () => {
        expect(await fuzz(ep)).toEqual([])
      },
      120_000,
    )

  it('the checks find what they look for', async () => {
    // Answers: a 5xx, a 4xx out of shape or not JSON, a stack trace, a driver's text.
    expect(
      answerProblems(
        'POST',
        500,
        'application/json',
        '{"error":{"code":"internal","message":"x"}}',
      ),
    ).toEqual(['status 500'])
    expect(answerProblems('POST', 400, 'application/json', '{"error":"validation"}')).toHaveLength(
      1,
    )
    expect(answerProblems('POST', 404, 'text/plain', 'Not Found')).toHaveLength(1)
    expect(
      answerProblems(
        'GET',
        200,
        'application/json',
        '{"x":"TypeError: y\\n    at f (worker/app.ts:1:2)"}',
      ),
    ).not.toEqual([])
    expect(
      answerProblems('GET', 200, 'application/json', '{"x":"D1_ERROR: no such table: accounts"}'),
    ).not.toEqual([])
    expect(answerProblems('HEAD', 405, '', '')).toEqual([])
    // A write through the app's database is seen, and a refused request that wrote one is reported.
    const writes = ctx.db.writes
    await ctx.h.deps.db.run(
      sql`insert into insurers (id, number, name, created_at) values (${'fuzz-self-check'}, ${'00000000'}, ${'x'}, 0)`,
    )
    expect(ctx.db.writes).toBe(writes + 1)
    expect(
      await rowChanges(
        { label: 'self-check', method: 'POST', path: '/api/x', mustRefuse: true },
        400,
      ),
    ).toEqual([expect.stringContaining('insurers')])
    // Production D1's limit on a bound value (drizzle wraps the driver's error as its cause).
    const tooBig: unknown = await ctx.h.deps.db
      .run(sql`select ${'x'.repeat(2_000_001)}`)
      .catch((e) => e)
    expect(String((tooBig as Error).cause ?? tooBig)).toMatch(/SQLITE_TOOBIG/)
  })

  it('sent several thousand requests', () => {
    console.log(
      `fuzz: ${ctx.sent} requests (${ctx.unsendable} refused by the Fetch API itself); statuses ${JSON.stringify(Object.fromEntries([...ctx.statuses].sort((a, b) => a[0] - b[0])))}\n` +
        `accepted requests that added or removed rows: ${JSON.stringify(Object.fromEntries(ctx.accepted), null, 1)}\n` +
        `slowest: ${ctx.slowest.map((s) => `${s.ms} ms ${s.what}`).join('\n  ')}\n` +
        `per endpoint: ${[...ctx.perEndpoint].map(([ep, { requests, ms }]) => `${ep}: ${requests} requests, ${ms} ms`).join('\n  ')}`,
    )
    expect(ctx.sent).toBeGreaterThan(3000)
  })
})
