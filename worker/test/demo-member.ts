import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { accounts, checkups, healthAccess, memberLinks, viewingCodes } from '../../db/schema'
import { importRosterBatch } from '../services/roster'
import {
  APP,
  captcha,
  DEMO_ACCOUNT,
  DEMO_INSURER,
  DEMO_ROSTER_ROWS,
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
  await h.deps.db.delete(healthAccess)
  await h.deps.db.delete(viewingCodes)
  await h.deps.db.delete(memberLinks)
  await h.deps.db.delete(checkups)
  // Tests in workerd share one D1 database, and one of them changes the demo password: start anew.
  await h.deps.db.delete(accounts).where(eq(accounts.emailKey, DEMO_ACCOUNT.email))
  const tokens = await seedDemo(h.deps, [{ personKey: 'D0000', code: DEMO_CODE }])
  await importRosterBatch(h.deps, DEMO_INSURER, ROSTER_HEADER, DEMO_ROSTER_ROWS, 'ja')
  await h.deps.db
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
