import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { normalizeViewingCode } from '../../core/health-access'
import {
  accounts,
  checkups,
  healthAccess,
  insurerAuditLog,
  memberLinks,
  viewingCodes,
} from '../../db/schema'
import type { Deps } from '../deps'
import { importRosterBatch } from '../services/roster'
import { storeViewingCode } from '../services/viewing-codes'
import {
  APP,
  captcha,
  DEMO_ACCOUNT,
  DEMO_INSURER,
  DEMO_ROSTER_ROWS,
  insurerDb,
  json,
  makeHarness,
  ROSTER_HEADER,
  seedDemo,
  sessionCookie,
  testDb,
} from './harness'
import { demoCheckups, TG_FASTING_182 } from './checkup-rows'

/** The demo person D0000's postcard code. */
export const DEMO_CODE = 'VT7Y-2YTE-BHJ9'

/** The demo account (linked to D0000, whose postcard code is CODE), logged in as the installed app. */
export async function setupDemoMember() {
  const h = makeHarness(await testDb())
  // The demo insurer's own database (issue 14): its step-up rows, codes, links and checkups.
  const demoDb = await insurerDb(h.deps.db, DEMO_INSURER.id).catch(() => null)
  if (demoDb)
    for (const table of [healthAccess, viewingCodes, memberLinks, checkups, insurerAuditLog])
      await demoDb.delete(table)
  // Tests in workerd share one D1 database, and one of them changes the demo password: start anew.
  await h.deps.db.delete(accounts).where(eq(accounts.emailKey, DEMO_ACCOUNT.email))
  const tokens = await seedDemo(h.deps)
  const insurer = await insurerDb(h.deps.db, DEMO_INSURER.id)
  await storeViewingCode(
    { ...h.deps, db: insurer },
    DEMO_INSURER.id,
    'D0000',
    normalizeViewingCode(DEMO_CODE)!,
  )
  await importDemoRoster(h.deps)
  await insurer
    .insert(checkups)
    .values(
      demoCheckups(
        'c',
        [{ ...TG_FASTING_182, item: 'tg_fasting', grade: 'B' }],
        '{"A":0,"B":2,"C":0,"D":0}',
      ),
    )
  const res = await h.post(
    '/api/login',
    { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, captchaToken: captcha('login') },
    { headers: APP },
  )
  const cookie = sessionCookie(res)
  const step = (path: string, body: unknown = {}) =>
    h.post(`/api/checkups${path}`, body, { cookie })
  const state = async () => (await json(await h.get('/api/checkups/access', { cookie }))).state
  const ops = (path: string, body?: unknown) =>
    h.ops(
      body === undefined ? 'GET' : 'POST',
      `/insurers/${DEMO_INSURER.number}${path}`,
      tokens.operator,
      body,
    )
  return { h, cookie, step, state, ops }
}

export type DemoMember = Awaited<ReturnType<typeof setupDemoMember>>

/** STEP1–3 of the step-up: the viewing code, a secret question, the notice. */
export async function passStepUp(s: DemoMember) {
  expect((await s.step('/code', { code: DEMO_CODE.toLowerCase() })).status).toBe(200)
  expect((await s.step('/question', { questionId: 'birthplace', answer: 'Sapporo' })).status).toBe(
    200,
  )
  expect((await s.step('/notice')).status).toBe(200)
}

/**
 * The demo roster (or `rows`) imported into the demo insurer's database, as the roster import writes
 * it: the import given that database (it touches only the insurer's tables).
 */
export async function importDemoRoster(
  deps: Pick<Deps, 'db' | 'dbFor' | 'now'>,
  rows = DEMO_ROSTER_ROWS,
) {
  const db = await insurerDb(deps.db, DEMO_INSURER.id)
  return importRosterBatch({ ...deps, db }, DEMO_INSURER, ROSTER_HEADER, rows, 'ja')
}
