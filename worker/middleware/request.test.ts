import { describe, expect, it } from 'vitest'
import { accounts } from '../../db/schema'
import { hashPassword } from '../services/passwords'
import { newId } from '../services/tokens'
import {
  captcha,
  harness,
  json,
  sessionCookie,
  signupBody,
  uniqueEmail,
  type Harness,
} from '../test/harness'
import { clientMode } from './request'

const PASSWORD = 'mugi-cha-natsu-88'
const APP_HEADER = { 'X-Client-Mode': 'standalone' }
const APP_COOKIE = '__Host-app=1'

/** A verified account, written directly: sign-up has suites of its own. */
async function account(h: Harness): Promise<string> {
  const email = uniqueEmail('mode')
  const now = h.deps.now()
  const passwordHash = await hashPassword(PASSWORD, h.deps.randomBytes)
  await h.deps.db.insert(accounts).values({
    id: newId(h.deps.randomBytes),
    email,
    emailKey: email,
    passwordHash,
    createdAt: now,
    updatedAt: now,
    passwordChangedAt: now,
  })
  return email
}

/** Logs in with the given headers and cookie; what the session became, as the server and the cookie say. */
async function logInWith(h: Harness, init: { headers?: Record<string, string>; cookie?: string }) {
  const email = await account(h)
  const res = await h.post(
    '/api/login',
    { email, password: PASSWORD, captchaToken: captcha('login') },
    init,
  )
  expect(res.status).toBe(200)
  const maxAge = Number(
    /__Host-session=[^;]*;[^]*?Max-Age=(\d+)/i.exec(res.headers.get('Set-Cookie') ?? '')?.[1],
  )
  const me = (await (await h.get('/api/me', { cookie: sessionCookie(res) })).json()) as {
    session: { mode: string; idleSeconds: number }
  }
  return { mode: me.session.mode, idleSeconds: me.session.idleSeconds, maxAge }
}

const BROWSER = { mode: 'browser', idleSeconds: 30 * 60, maxAge: 12 * 3600 }
const APP = { mode: 'app', idleSeconds: 30 * 86_400, maxAge: 90 * 86_400 }

describe('session lengths by client', () => {
  it('gives a browser tab that only says X-Client-Mode: standalone browser lengths', async () => {
    expect(await logInWith(await harness(), { headers: APP_HEADER })).toEqual(BROWSER)
  })

  it('gives browser lengths to the start URL cookie without the header (the app opened in a tab)', async () => {
    expect(await logInWith(await harness(), { cookie: APP_COOKIE })).toEqual(BROWSER)
  })

  it('gives app lengths to the installed app: the start URL cookie and the header', async () => {
    expect(await logInWith(await harness(), { headers: APP_HEADER, cookie: APP_COOKIE })).toEqual(
      APP,
    )
  })

  it('takes only the exact header and cookie values', () => {
    expect(clientMode('standalone', '1')).toBe('app')
    for (const [header, cookie] of [
      ['standalone', undefined],
      [undefined, '1'],
      ['standalone', ''],
      ['standalone', '0'],
      ['Standalone', '1'],
      ['browser', '1'],
    ] as const)
      expect(clientMode(header, cookie), `${header} ${cookie}`).toBe('browser')
  })
})

describe('API rules', () => {
  it('refuses a cross-site or origin-less POST', async () => {
    const h = await harness()
    const body = JSON.stringify(signupBody(uniqueEmail()))
    const foreign = await h.app.request('http://localhost:8787/api/signup', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body,
    })
    expect(foreign.status).toBe(403)
    expect((await json(foreign)).error.code).toBe('csrf')
    const none = await h.app.request('http://localhost:8787/api/signup', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    })
    expect(none.status).toBe(403)
    const fetchMeta = await h.app.request('http://localhost:8787/api/password/check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' },
      body: '{"token":"x"}',
    })
    expect(fetchMeta.status).toBe(410)
  })

  it('answers 415 to a body that is not JSON, 413 to one over 16 KiB, 400 to malformed JSON', async () => {
    const h = await harness()
    const form = await h.app.request('http://localhost:8787/api/login', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'http://localhost:8787',
      },
      body: 'email=a',
    })
    expect(form.status).toBe(415)
    expect((await json(form)).error.code).toBe('unsupported_media_type')
    const big = await h.post('/api/login', {
      email: 'a@example.jp',
      password: 'x'.repeat(20_000),
      captchaToken: captcha('login'),
    })
    expect(big.status).toBe(413)
    const malformed = await h.app.request('http://localhost:8787/api/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8787' },
      body: '{"email":',
    })
    expect(malformed.status).toBe(400)
    expect((await json(malformed)).error).toMatchObject({ code: 'validation' })
    // An array is no object, though valibot's object schemas would take `[]` for `{}`.
    for (const body of ['[]', '[{"email":"a@example.jp"}]', '"text"', '42', 'null']) {
      const odd = await h.app.request('http://localhost:8787/api/logout', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8787' },
        body,
      })
      expect(odd.status, body).toBe(400)
      expect((await json(odd)).error.code).toBe('validation')
    }
  })
})
