import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, expect, onTestFailed } from 'vitest'
import { APP_PHONE, CHROMIUM, postJson } from './browser'

export const BASE = `http://localhost:${process.env.E2E_PORT ?? 8788}`
const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** Debian's Chromium, driven by playwright-core (never a downloaded browser). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(CHROMIUM)
}

/** API answers of 400 and above, kept per context and printed when a test fails. */
const apiRefusals = new WeakMap<BrowserContext, string[]>()

/** The manifest's start_url (vite.config.ts), which the installed app opens when it starts. */
export const APP_START_URL = '/?app=1'

/**
 * The installed app's start, as far as the server sees it: the shell fetched at the manifest's start
 * URL, whose answer leaves the `__Host-app` cookie in the context (docs/security.md: the app's header alone
 * changes nothing). Fetched rather than opened, so no page runs and no service worker is installed
 * before the test's own first visit.
 */
export async function startAsApp(context: BrowserContext): Promise<void> {
  const res = await context.request.get(APP_START_URL)
  expect(res.status(), 'the start URL').toBe(200)
  const cookies = await context.cookies(BASE)
  expect(
    cookies.map((c) => c.name),
    'the start URL leaves the app cookie',
  ).toContain('__Host-app')
}

/**
 * A PC browser, or a phone with the installed app: started from the manifest's start URL, and saying
 * so in X-Client-Mode, as the PWA does.
 */
export async function newContext(
  browser: Browser,
  kind: 'pc' | 'app' = 'pc',
): Promise<BrowserContext> {
  const context = await openContext(browser, kind)
  if (kind === 'app') await startAsApp(context)
  const refusals: string[] = []
  apiRefusals.set(context, refusals)
  context.on('response', async (res) => {
    if (!res.url().includes('/api/') || res.status() < 400) return
    const sent = res.request().postDataJSON() as Record<string, unknown> | null
    const captcha =
      sent && 'captchaToken' in sent
        ? ` captchaToken=${sent.captchaToken ? 'present' : 'empty'}`
        : ''
    refusals.push(
      `${res.request().method()} ${new URL(res.url()).pathname} → ${res.status()} ${await res.text().catch(() => '')}${captcha}`,
    )
  })
  return context
}

function openContext(browser: Browser, kind: 'pc' | 'app'): Promise<BrowserContext> {
  if (kind === 'app') return browser.newContext({ baseURL: BASE, ...APP_PHONE })
  return browser.newContext({
    baseURL: BASE,
    viewport: { width: 1280, height: 900 },
    locale: 'ja-JP',
  })
}

export interface DevMail {
  id: number
  to: string
  subject: string
  text: string
  html: string
  sentAt: string
}

/** Waits for the newest mail to `to` whose subject contains `subject`, newer than `afterId`. */
export async function waitForMail(to: string, subject: string, afterId = 0): Promise<DevMail> {
  for (let i = 0; i < 60; i++) {
    const mails = (await (await fetch(`${BASE}/dev/mail.json`)).json()) as DevMail[]
    const hit = mails.find((m) => m.to === to && m.subject.includes(subject) && m.id > afterId)
    if (hit) return hit
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`no mail "${subject}" to ${to}`)
}

export async function latestMailId(): Promise<number> {
  const mails = (await (await fetch(`${BASE}/dev/mail.json`)).json()) as DevMail[]
  return mails[0]?.id ?? 0
}

export function linkIn(mail: DevMail, path: string): string {
  const m = new RegExp(`(https?://[^\\s]+${path}\\?token=[A-Za-z0-9_-]+)`).exec(mail.text)
  if (!m) throw new Error(`no ${path} link in "${mail.subject}"`)
  return m[1]
}

export function codeIn(mail: DevMail): string {
  const line = mail.text.split('\n').find((l) => l.includes('確認コード')) ?? ''
  const m = /(\d{6})/.exec(line)
  if (!m) throw new Error('no code in mail')
  return m[1]
}

/** Moves the development server's clock (links expire without waiting an hour). */
export async function advanceClock(ms: number): Promise<void> {
  await fetch(`${BASE}/dev/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  })
}

export async function resetClock(): Promise<void> {
  await fetch(`${BASE}/dev/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ reset: true }),
  })
}

/** Forgets the anti-automation counters: every journey here comes from the same 127.0.0.1. */
export async function resetRisk(): Promise<void> {
  await fetch(`${BASE}/dev/risk/reset`, { method: 'POST' })
}

let n = 0
export const newEmail = (prefix = 'e2e') => `${prefix}.${Date.now().toString(36)}${n++}@example.jp`

/** axe-core in the page (evaluated through DevTools, so the page's CSP stays as strict as ever). */
export async function expectNoAxeViolations(page: Page, context = ''): Promise<void> {
  await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map(
      (v: { id: string; help: string; nodes: { target: string[] }[] }) =>
        `${v.id}: ${v.help} (${v.nodes.map((x) => x.target.join(' ')).join(', ')})`,
    )
  })
  expect(violations, `axe on ${context || page.url()}`).toEqual([])
}

const TOKEN = 'XXXX.DUMMY.TOKEN.signup'

/** A fresh verified account made through the API (the sign-up screens have their own tests). */
export async function newAccount(
  password = 'mugi-cha-natsu-88',
  email = newEmail('member'),
): Promise<{ email: string; password: string }> {
  const since = await latestMailId()
  const post = (path: string, body: unknown, cookie = '') => postJson(BASE, path, body, cookie)
  const signup = await post('/api/signup', {
    email,
    emailConfirm: email,
    password,
    agreeTerms: true,
    captchaToken: TOKEN,
  })
  expect(signup.status).toBe(202)
  // The sign-up binding (docs/security.md): the link completes at once only with the cookie of the sign-up.
  const binding = /__Host-signup=[^;]*/.exec(signup.headers.get('Set-Cookie') ?? '')?.[0] ?? ''
  const token = /token=([\w-]+)/.exec((await waitForMail(email, '仮登録', since)).text)![1]
  expect((await post('/api/signup/verify', { token }, binding)).status).toBe(200)
  return { email, password }
}

/** ログイン through the screen, as a member does. */
export async function logInAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('メールアドレス', { exact: true }).fill(email)
  await page.getByLabel('パスワード', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'ログイン', exact: true }).click()
}

/**
 * Call in beforeEach: when the test fails, every open page is saved as a screenshot under
 * test-results/, so a failure in CI can be looked at.
 */
export function screenshotOnFailure(browser: () => Browser | undefined): void {
  onTestFailed(async ({ task }) => {
    const open = browser()
    if (!open) return
    mkdirSync('test-results', { recursive: true })
    const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)
    let i = 0
    for (const context of open.contexts())
      for (const line of apiRefusals.get(context) ?? []) console.error(`[api] ${line}`)
    for (const context of open.contexts())
      for (const page of context.pages())
        await page
          .screenshot({ path: `test-results/${name}-${i++}.png`, fullPage: true })
          .catch(() => {})
  })
}

/**
 * The phone of `newContext(browser, 'app')`, but in a browser profile of its own on disk: Chromium
 * never offers to install an app from an incognito context (Page.getInstallabilityErrors says
 * "in-incognito"), and every context of `browser.newContext()` is one. `close()` ends the browser
 * and removes the profile.
 */
export async function launchAppProfile(): Promise<{
  context: BrowserContext
  close: () => Promise<void>
}> {
  const dir = mkdtempSync(join(tmpdir(), 'kenshin-e2e-profile-'))
  const context = await chromium.launchPersistentContext(dir, {
    ...CHROMIUM,
    baseURL: BASE,
    ...APP_PHONE,
  })
  await startAsApp(context)
  return {
    context,
    close: async () => {
      await context.close().catch(() => {})
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Opens `path` and waits until the service worker controls the page. The worker does not claim the
 * page it was first installed from (client/sw.ts has no clients.claim()), so on a first visit the
 * page is loaded once more after the worker is active, as a member's next visit would be.
 */
export async function openControlled(page: Page, path: string): Promise<void> {
  await page.goto(path)
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
}

/**
 * The test file's Chromium: launched before its first test, closed after its last. Before each test
 * a screenshot on failure is armed and the server's risk counters and clock are reset, so every
 * test starts from the same server. Call at the top of a test file; the getter gives the browser.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await resetClock()
    await browser?.close()
  })
  beforeEach(async () => {
    screenshotOnFailure(() => browser)
    await resetRisk()
    await resetClock()
  })
  return () => {
    if (!browser) throw new Error('useBrowser: the browser is not launched yet')
    return browser
  }
}

/** A demo card of the roster (insurer 06139992); `branch` empty where the card has none. */
export type DemoCard = {
  name: string
  birth: string
  symbol: string
  number: string
  branch: string
}

/** 保険証情報の入力 through the wizard's screens, from ホーム to 登録完了 (the wizard has its own tests). */
export async function linkDemoCard(page: Page, card: DemoCard): Promise<void> {
  await page.goto('/card')
  await page.getByLabel('氏名(フルネーム・全角カナ)', { exact: true }).fill(card.name)
  await page.getByLabel('生年月日', { exact: true }).fill(card.birth)
  await page.getByLabel('保険者番号', { exact: true }).fill('06139992')
  await page.getByRole('button', { name: '記号・番号入力に進む' }).click()
  await page.getByLabel('記号', { exact: true }).fill(card.symbol)
  await page.getByLabel('番号', { exact: true }).fill(card.number)
  if (card.branch) await page.getByLabel('枝番', { exact: true }).fill(card.branch)
  await page.getByRole('button', { name: '入力内容の確認へ' }).click()
  await page.getByRole('button', { name: '利用資格を照会する' }).click()
  await page.getByRole('heading', { level: 1, name: '登録完了' }).waitFor()
}
