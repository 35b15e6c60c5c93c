import { createApp } from '../app'
import { loadConfig } from '../config'
import type { Deps } from '../deps'
import type { Database } from '../../db/open'
import type { Mail } from '../services/mail'
import { STANDIN_TOKEN_PREFIX } from '../dev/turnstile'

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
}

/** The installed app's two marks: the header every request sends, and the cookie its start URL set. */
export const APP = { 'X-Client-Mode': 'standalone', Cookie: '__Host-app=1' }

/** A token of the captcha stand-in for a form's action (siteverify echoes the action; the app wants it exact). */
export const captcha = (action: 'login' | 'signup' | 'resend' | 'reset') =>
  `${STANDIN_TOKEN_PREFIX}${action}`

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
  const deps: Deps = {
    db,
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
