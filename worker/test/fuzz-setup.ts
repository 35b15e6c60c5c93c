/**
 * The fuzz test's start (worker/fuzz.test.ts): the demo data, the roster, two checkups of the demo account,
 * a session for each identity, and the row counts a refused request must not change.
 */
import { expect } from 'vitest'
import { sql } from 'drizzle-orm'
import { checkups } from '../../db/schema'
import { importRosterBatch } from '../services/roster'
import { issueStaffToken } from '../services/staff'
import { staffSignIn, type DevStaffId } from './staff'
import {
  APP,
  captcha,
  DEMO_ACCOUNT,
  DEMO_INSURER,
  DEMO_ROSTER_ROWS,
  demoCheckups,
  type Harness,
  insurerDb,
  linkFrom,
  makeHarness,
  openTestDb,
  ROSTER_HEADER,
  seedDemo,
  sessionCookie,
  type TestDb,
} from './harness'
import { DEMO_CODE, freshEmail, ORIGIN, PASSWORD, type Counts, type Ctx } from './fuzz-endpoint'
import { issueConfirmed } from './ops-data'

/** A fresh API token of a development staff member. */
const staffToken = async (h: Harness, id: DevStaffId) =>
  (await issueStaffToken(h.deps, id, { label: 'fuzz', days: 1 })).token

/** Tables of domain rows: a refused request must not change how many rows they hold. */
export const DOMAIN_TABLES = [
  'accounts',
  'pending_signups',
  'member_links',
  'roster_persons',
  'checkups',
  'viewing_codes',
  'health_access',
  'sessions',
  'email_tokens',
  'insurers',
  'staff_tokens',
  'inquiries',
] as const

/** The domain tables kept in each insurer database (issue 14); the others are the directory's. */
const INSURER_TABLES: readonly string[] = [
  'member_links',
  'roster_persons',
  'checkups',
  'viewing_codes',
  'health_access',
]
const DIRECTORY_TABLES = DOMAIN_TABLES.filter((t) => !INSURER_TABLES.includes(t))

/** The row counts, and the insurers' settings (a refused PATCH must not change them either). */
export const COUNT_SQL = `SELECT ${DIRECTORY_TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')},
  (SELECT group_concat(number || '|' || name || '|' || insured_only || '|' || ifnull(dependent_max_age, '-') || '|' || maintenance || '|' || allowed_cidrs || '|' || allowlist_failure_limit, ';') FROM insurers) AS insurer_settings`

const INSURER_COUNT_SQL = `SELECT ${INSURER_TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`

/** The counts of the directory's tables, and of the insurer tables summed over every insurer database. */
export async function readCounts(db: TestDb): Promise<Counts> {
  const counts = { ...(await db.plain.get<Counts>(sql.raw(COUNT_SQL)))! } as Record<string, unknown>
  for (const t of INSURER_TABLES) counts[t] = 0
  for (const shard of await db.plainDatabases.shards()) {
    const row = (await shard.db.get<Record<string, number>>(sql.raw(INSURER_COUNT_SQL)))!
    for (const t of INSURER_TABLES) counts[t] = Number(counts[t]) + Number(row[t])
  }
  return counts as Counts
}

/** The session cookie of a new member, signed up and verified through the API as the installed app. */
export async function signUp(h: Harness): Promise<string> {
  const email = freshEmail()
  expect(
    (
      await h.post(
        '/api/signup',
        {
          email,
          emailConfirm: email,
          password: PASSWORD,
          agreeTerms: true,
          captchaToken: captcha('signup'),
        },
        { headers: APP },
      )
    ).status,
  ).toBe(202)
  const res = await h.post(
    '/api/signup/verify',
    { token: linkFrom(h.lastMailTo(email)!, '/verify') },
    { headers: APP },
  )
  expect(res.status).toBe(200)
  return sessionCookie(res)
}

/** A new member linked to a roster person, optionally past the viewing code. */
export async function linkedMember(
  h: Harness,
  operator: string,
  card: Record<string, string>,
  personKey: string,
  passCode: boolean,
): Promise<string> {
  const cookie = await signUp(h)
  expect(
    (await h.post('/api/card/link', { ...card, insurerNumber: DEMO_INSURER.number }, { cookie }))
      .status,
  ).toBe(200)
  // Issued as the console and the CLI do (issue 13): a run, its codes, the run confirmed.
  const { issued } = await issueConfirmed(
    async (path, body) =>
      h.app.request(`${ORIGIN}/api/ops/insurers/${DEMO_INSURER.number}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${operator}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    { personKeys: [personKey] },
  )
  const code = issued[0].code
  if (passCode) expect((await h.post('/api/checkups/code', { code }, { cookie })).status).toBe(200)
  return cookie
}

/**
 * The demo data, the roster, two checkups of the demo account, and a session for each identity:
 * the demo account walked through the step-up, and three new members at the earlier steps.
 */
export async function setup(): Promise<Ctx> {
  const logged: string[] = []
  const db = await openTestDb({ d1Limits: true })
  const h = makeHarness(db.db, {
    log: (level, message, fields) =>
      void (level === 'error' && logged.push(`${message} ${JSON.stringify(fields)}`)),
  })
  const tokens = await seedDemo(h.deps, [{ personKey: 'D0000', code: DEMO_CODE }])
  await importRosterBatch(h.deps, DEMO_INSURER, ROSTER_HEADER, DEMO_ROSTER_ROWS, 'ja')
  // The demo insurer's checkups are in its own database (issue 14).
  await (
    await insurerDb(h.deps.db, DEMO_INSURER.id)
  )
    .insert(checkups)
    .values(demoCheckups('fuzz', [], '{"A":0,"B":1,"C":0,"D":0}'))
  const ready = sessionCookie(
    await h.post(
      '/api/login',
      {
        email: DEMO_ACCOUNT.email,
        password: DEMO_ACCOUNT.password,
        captchaToken: captcha('login'),
      },
      { headers: APP },
    ),
  )
  expect((await h.post('/api/checkups/code', { code: DEMO_CODE }, { cookie: ready })).status).toBe(
    200,
  )
  expect(
    (
      await h.post(
        '/api/checkups/question',
        { questionId: 'birthplace', answer: 'Sapporo' },
        { cookie: ready },
      )
    ).status,
  ).toBe(200)
  expect((await h.post('/api/checkups/notice', {}, { cookie: ready })).status).toBe(200)
  const identity: Ctx['identity'] = {
    anon: {},
    member: { Cookie: await signUp(h) },
    linked: {
      Cookie: await linkedMember(
        h,
        tokens.operator,
        {
          nameKana: 'ヤマダ　イチロウ',
          birthDate: '1965-02-11',
          symbol: '1201',
          number: '101',
          branch: '00',
        },
        'D0010',
        false,
      ),
    },
    asked: {
      Cookie: await linkedMember(
        h,
        tokens.operator,
        {
          nameKana: 'ヤマダ　ユミ',
          birthDate: '1967-11-02',
          symbol: '1201',
          number: '101',
          branch: '01',
        },
        'D0011',
        true,
      ),
    },
    ready: { Cookie: ready },
    operator: { Authorization: `Bearer ${tokens.operator}` },
    admin: { Authorization: `Bearer ${tokens.admin}` },
    insurerAdmin: { Authorization: `Bearer ${await staffToken(h, 'dev-insurer-admin')}` },
    support: { Authorization: `Bearer ${await staffToken(h, 'dev-support')}` },
    supportDemo: { Authorization: `Bearer ${await staffToken(h, 'dev-support-demo')}` },
    console: { Cookie: await staffSignIn(h, 'dev-support'), Origin: ORIGIN },
  }
  logged.length = 0
  return {
    h,
    db,
    identity,
    counts: await readCounts(db),
    logged,
    sent: 0,
    unsendable: 0,
    statuses: new Map(),
    accepted: new Map(),
    slowest: [],
    perEndpoint: new Map(),
  }
}
