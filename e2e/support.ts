import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { expect } from 'vitest'

export const BASE = 'http://localhost:8788'
const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** Debian's Chromium, driven by playwright-core (never a downloaded browser). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  })
}

/** A PC browser, or a phone with the installed app (which says so in X-Client-Mode, as the PWA does). */
export function newContext(browser: Browser, kind: 'pc' | 'app' = 'pc'): Promise<BrowserContext> {
  if (kind === 'app')
    return browser.newContext({
      baseURL: BASE,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'ja-JP',
      extraHTTPHeaders: { 'X-Client-Mode': 'standalone' },
    })
  return browser.newContext({ baseURL: BASE, viewport: { width: 1280, height: 900 }, locale: 'ja-JP' })
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
  await fetch(`${BASE}/dev/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) })
}

export async function resetClock(): Promise<void> {
  await fetch(`${BASE}/dev/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reset: true }) })
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
    return result.violations.map((v: { id: string; help: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.help} (${v.nodes.map((x) => x.target.join(' ')).join(', ')})`)
  })
  expect(violations, `axe on ${context || page.url()}`).toEqual([])
}
