/**
 * What the journeys (e2e/support.ts) and the browser benchmarks (bench/*.mjs) share, without vitest:
 * Debian's Chromium and its flags, the installed app's phone, and a JSON POST as the PWA sends it.
 */
import type { BrowserContextOptions, LaunchOptions } from 'playwright-core'

/** Debian's Chromium (never a downloaded browser), headless, with nothing of its own on the network. */
export const CHROMIUM: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-quic',
    '--no-first-run',
    '--disable-sync',
  ],
}

/** A phone with the installed app: its size, touch, Japanese, and X-Client-Mode as the PWA says it. */
export const APP_PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  locale: 'ja-JP',
  extraHTTPHeaders: { 'X-Client-Mode': 'standalone' },
}

/** POST `body` as JSON to `base + path` from the portal's own origin, with the session `cookie` if any. */
export function postJson(
  base: string,
  path: string,
  body: unknown,
  cookie = '',
): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: base,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: JSON.stringify(body),
  })
}
