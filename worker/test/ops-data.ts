/**
 * The insurer-data routes in worker tests (issue 13): the demo data seeded, tokens of the platform admin,
 * the demo insurer's operator and the other insurer's operator, and calls to /api/ops/insurers/:number….
 */
import { issueStaffToken } from '../services/staff'
import type { Database } from '../../db/open'
import {
  DEMO_INSURER,
  insurerDb,
  makeHarness,
  MAINTENANCE_INSURER,
  openTestDb,
  placeTestInsurer,
  rosterRow,
  seedDemo,
  testDb,
  type TestDbOptions,
} from './harness'

export const D = DEMO_INSURER.number
export const M = MAINTENANCE_INSURER.number

export async function opsData(options?: TestDbOptions) {
  const h = makeHarness(options ? (await openTestDb(options)).db : await testDb())
  const seeded = await seedDemo(h.deps)
  const tokens = {
    admin: seeded.admin,
    operator: seeded.operator,
    operator2: (await issueStaffToken(h.deps, 'dev-operator-2', { label: 'test', days: 1 })).token,
  }
  /** A call as `who` (default the demo operator) to /api/ops/insurers/<number><path>. */
  const call = (
    method: string,
    path: string,
    body?: unknown,
    who: keyof typeof tokens = 'operator',
    number = D,
  ) => h.ops(method, `/insurers/${number}${path}`, tokens[who], body)
  /** The demo insurer's own database (roster, codes, imports, its audit rows), for a test's reads. */
  const demo = await insurerDb(h.deps.db, DEMO_INSURER.id)
  return { h, tokens, call, demo }
}

/**
 * The demo insurer's database before seedDemo has placed it (a test clearing its links first): placed
 * here as seedDemo places it (idempotent).
 */
export async function demoDb(db: Database): Promise<Database> {
  await placeTestInsurer(db, DEMO_INSURER.id, 'demo')
  return insurerDb(db, DEMO_INSURER.id)
}

/** `n` roster rows of fresh persons (keys from `prefix`, unique to the test) from line `from`. */
export function freshRows(prefix: string, n: number, from = 2) {
  return Array.from({ length: n }, (_, i) =>
    rosterRow(from + i, {
      key: `${prefix}${String(i).padStart(5, '0')}`,
      symbol: '77',
      number: `${prefix.slice(-6)}${i}`,
      kana: 'テスト　タロウ',
      birth: '1980-01-01',
    }),
  )
}

/** A test-unique prefix for person keys (tests in workerd share one database). */
export const uniquePrefix = () => `T${Math.random().toString(36).slice(2, 10).toUpperCase()}`

/**
 * Viewing codes issued as the console and the CLI do (issue 13): a run started, the codes issued into it,
 * the run confirmed (its print file saved), so they are usable. `post` calls a path under the insurer
 * (`/codes/…`). The issue request's answer.
 */
export async function issueConfirmed(
  post: (path: string, body: unknown) => Promise<Response>,
  body: { limit?: number; personKeys?: string[]; reissue?: boolean } = {},
): Promise<{ issued: { personKey: string; code: string }[] }> {
  const started = await post('/codes/runs', { kind: body.reissue ? 'reissue' : 'issue' })
  if (started.status !== 201) throw new Error(`run not started: ${started.status}`)
  const { run } = (await started.json()) as { run: { id: string } }
  const res = await post('/codes/issue', { ...body, runId: run.id })
  if (res.status !== 200) throw new Error(`codes not issued: ${res.status}`)
  const answer = (await res.json()) as { issued: { personKey: string; code: string }[] }
  const confirmed = await post(`/codes/runs/${run.id}/confirm`, { codes: answer.issued.length })
  if (confirmed.status !== 200) throw new Error(`run not confirmed: ${confirmed.status}`)
  return answer
}
