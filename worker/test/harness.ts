import { expect } from 'vitest'
import { createApp } from '../app'
import { loadConfig } from '../config'
import type { Deps } from '../deps'
import type { Database } from '../../db/open'
import type { Mail } from '../services/mail'
import { STANDIN_TOKEN_PREFIX } from '../dev/turnstile'
import demoRosterCsv from '../../db/seed/demo-roster.csv?raw'

/**
 * What every worker test takes from one place. Test files sit beside the route or service they test
 * and run twice, as two vitest projects: `workerd` (D1 in workerd) and `libsql` (libSQL in Node);
 * `testDb()` gives the running project's database (database.ts). A test that only makes sense in
 * workerd says so with `describe.skipIf(testDbKind() !== 'd1')` and a title ending in "(workerd)".
 */
import { databasesOf, testDb } from './database'
export {
  databasesOf,
  insurerDb,
  placeTestInsurer,
  openTestDb,
  testDb,
  testDbKind,
  type DbKind,
  type TestDb,
  type TestDbOptions,
} from './database'

// What many tests use of the app's own modules: imported here, so a move changes one block.
export { DEMO_ACCOUNT, DEMO_INSURER, MAINTENANCE_INSURER, seedDemo } from '../dev/seed'
export { demoRosterCsv }
export { default as demoCheckupsCsv } from '../../db/seed/demo-checkups.csv?raw'
export { STANDIN_TOKEN_PREFIX } from '../dev/turnstile'
export { importCheckups } from '../services/checkup-import'
export type { StoredResult } from '../checkup-json'
export { newViewingCode, storeViewingCode } from '../services/viewing-codes'
export {
  addRosterPerson,
  DEMO_ROSTER_ROWS,
  longestRosterRows,
  ROSTER_HEADER,
  rosterRow,
  type RosterPerson,
} from './roster'
export { demoCheckups, storedCheckup, storedSbp, TG_FASTING_182 } from './checkup-rows'

let nextIp = 1

export interface Harness {
  app: ReturnType<typeof createApp>
  deps: Deps
  mails: Mail[]
  /** Milliseconds slept by the app (the 2-second delay after failures at level 2), not waited. */
  slept: number[]
  advance(ms: number): void
  /** A distinct client IP per harness, so the per-IP counters of one test do not touch another's. */
  ip: string
  /**
   * Posts as the harness's browser: the sign-up binding cookie (`__Host-signup`) it was given is sent
   * back, as a browser would; `elsewhere: true` posts as another browser, which has none.
   */
  post(
    path: string,
    body: unknown,
    init?: { headers?: Record<string, string>; cookie?: string; elsewhere?: boolean },
  ): Promise<Response>
  get(path: string, init?: { headers?: Record<string, string>; cookie?: string }): Promise<Response>
  lastMailTo(address: string): Mail | undefined
  /** Calls the operator API (`/api/ops…`) with a staff bearer token, from the harness's IP. */
  ops(method: string, path: string, token: string, body?: unknown): Promise<Response>
}

/** The installed app's two marks: the header every request sends, and the cookie its start URL set. */
export const APP = { 'X-Client-Mode': 'standalone', Cookie: '__Host-app=1' }

/** A token of the captcha stand-in for a form's action (siteverify echoes the action; the app wants it exact). */
export const captcha = (
  action: 'login' | 'signup' | 'resend' | 'reset' | 'inquiry' | 'staff_login',
) => `${STANDIN_TOKEN_PREFIX}${action}`

/** The app wired to a real database (D1 in workerd, or libSQL in Node), with a movable clock. */
export function makeHarness(
  db: Database,
  overrides: Partial<Deps> = {},
  env: Record<string, string> = {},
): Harness {
  const n = nextIp++
  // Each harness lives on its own days, so time-windowed counters (captcha levels, card checks) of
  // one test never reach another's, even where tests share one database (D1 in workerd).
  let now = Date.UTC(2026, 10, 25, 3, 0, 0) + n * 2 * 86_400_000
  const mails: Mail[] = []
  const slept: number[] = []
  const ip = `198.51.${(n >> 8) & 255}.${n & 255}`
  const config = loadConfig({
    ENVIRONMENT: 'development',
    APP_ORIGIN: 'http://localhost:8787',
    ...env,
  } as never)
  let app!: ReturnType<typeof createApp>
  const databases = databasesOf(db)
  const deps: Deps = {
    db,
    dbFor: databases.dbFor,
    databases,
    config,
    now: () => now,
    randomBytes: (len) => crypto.getRandomValues(new Uint8Array(len)),
    sleep: async (ms) => void slept.push(ms),
    mail: { send: async (m) => void mails.push(m) },
    fetch: async (req) => app.request(req),
    log: (level, message, fields) => {
      if (level === 'error') console.error(message, JSON.stringify(fields))
    },
    ...overrides,
  }
  app = createApp(deps)
  let binding = ''
  const keepBinding = (res: Response) => {
    const m = /__Host-signup=([^;]*);([^,]*)/i.exec(res.headers.get('Set-Cookie') ?? '')
    if (m) binding = /max-age=0/i.test(m[2]) || !m[1] ? '' : `__Host-signup=${m[1]}`
    return res
  }
  const headers = (
    { Cookie: extraCookie, ...extra }: Record<string, string> = {},
    cookie?: string,
    elsewhere = false,
  ) => {
    const cookies = [cookie, extraCookie, elsewhere ? '' : binding].filter(Boolean).join('; ')
    return {
      Origin: 'http://localhost:8787',
      'CF-Connecting-IP': ip,
      ...(cookies ? { Cookie: cookies } : {}),
      ...extra,
    }
  }
  return {
    app,
    deps,
    mails,
    slept,
    ip,
    advance: (ms) => void (now += ms),
    post: async (path, body, init) =>
      keepBinding(
        await app.request(`http://localhost:8787${path}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            ...headers(init?.headers, init?.cookie, init?.elsewhere),
          },
          body: JSON.stringify(body),
        }),
      ),
    get: async (path, init) =>
      app.request(`http://localhost:8787${path}`, {
        headers: headers(init?.headers, init?.cookie),
      }),
    lastMailTo: (address) => [...mails].reverse().find((m) => m.to === address),
    ops: async (method, path, token, body) =>
      app.request(`http://localhost:8787/api/ops${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'CF-Connecting-IP': ip,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  }
}

/** `__Host-session=…` from a response, ready to send back as a Cookie header. */
export function sessionCookie(res: Response): string {
  const set = res.headers.get('Set-Cookie') ?? ''
  const m = /__Host-session=([^;]*)/.exec(set)
  return m ? `__Host-session=${m[1]}` : ''
}

export function linkFrom(mail: Mail, path: string): string {
  const m = new RegExp(`https?://[^\\s]+${path.replace('/', '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(
    mail.text,
  )
  if (!m) throw new Error(`no ${path} link in mail "${mail.subject}"`)
  return m[1]
}

export function codeFrom(mail: Mail): string {
  const m = /(\d{6})/.exec(
    mail.text.split('\n').find((l) => /確認コード|code instead/.test(l)) ?? '',
  )
  if (!m) throw new Error('no code in mail')
  return m[1]
}

let nextEmail = 1
export const uniqueEmail = (prefix = 'member') =>
  `${prefix}${Date.now().toString(36)}${nextEmail++}@example.jp`

/** A member's password the strength check takes (and the demo data's members use). */
export const PASSWORD = 'mugi-cha-natsu-88'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const json = (res: Response): Promise<any> => res.json()

/** A sign-up form as the browser sends it, for `email`, with `extra` fields changed. */
export const signupBody = (email: string, extra: Record<string, unknown> = {}) => ({
  email,
  emailConfirm: email,
  password: PASSWORD,
  agreeTerms: true,
  captchaToken: captcha('signup'),
  ...extra,
})

/**
 * A member signed up and verified through the API in the harness's browser (as the installed app
 * with `headers: APP`, whose session outlives a day of the clock): their address is registered.
 */
export async function signUpAndVerify(
  h: Harness,
  email = uniqueEmail(),
  headers?: Record<string, string>,
) {
  expect((await h.post('/api/signup', signupBody(email), { headers })).status).toBe(202)
  const res = await h.post(
    '/api/signup/verify',
    { token: linkFrom(h.lastMailTo(email)!, '/verify') },
    { headers },
  )
  expect(res.status).toBe(200)
  const cookie = sessionCookie(res)
  expect(cookie).not.toBe('')
  return { email, cookie }
}

/** A log-in with the captcha stand-in's token. */
export const login = (
  h: Harness,
  email: string,
  password: string,
  headers?: Record<string, string>,
) => h.post('/api/login', { email, password, captchaToken: captcha('login') }, { headers })

/** A harness on the project's database, with `env` over the development configuration. */
export const harness = async (env?: Record<string, string>) => makeHarness(await testDb(), {}, env)

/** A production configuration's variables (real-looking keys), for tests of what production does. */
export const PRODUCTION_ENV = {
  ENVIRONMENT: 'production',
  APP_ORIGIN: 'https://kenshin.example.jp',
  RESEND_API_KEY: 'resend-key-for-tests-only',
  TURNSTILE_SITE_KEY: '0x4BBBBBBBBBBBBBBBBBBBBB',
  TURNSTILE_SITE_KEY_INTERACTIVE: '0x4CCCCCCCCCCCCCCCCCCCCC',
  TURNSTILE_SECRET: 'secret-for-tests-managed',
  TURNSTILE_SECRET_INTERACTIVE: 'secret-for-tests-interactive',
  EMAIL_HMAC_KEY: 'k'.repeat(40),
  STAFF_TOTP_KEY: 't'.repeat(40),
  // お知らせ and Web Push (issue 12): Web Push's key pair (a test pair, not the development one) and contact
  VAPID_PUBLIC_KEY:
    'BGaqbM9XR4cIM8zLYx5otn0MiZTF8FxaEjTwGx5SGqR48Gwjw_xeGB1apDjdVwa3imemdywT7Qdvi8SzbMVXmQU',
  VAPID_PRIVATE_KEY: 'yve5FprpUGZei4lzlxoiUwaGec7ao-Yph41-ERC-NAk',
  VAPID_SUBJECT: 'mailto:ops@kenshin.example.jp',
}
