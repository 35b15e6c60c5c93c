import { readFileSync, writeFileSync } from 'node:fs'
import type { BrowserContext, CDPSession, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import {
  APP_START_URL,
  BASE,
  expectNoAxeViolations,
  launchAppProfile,
  logInAs,
  newAccount,
  newContext,
  openControlled,
  resetRisk,
  useBrowser,
} from './support'

const browser = useBrowser()
afterAll(async () => {
  await restoreServiceWorker()
})

/** The width and height a PNG declares in its IHDR chunk. */
function pngSize(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG')
  return `${view.getUint32(16)}x${view.getUint32(20)}`
}

// ── A new deployment, as the browser sees it: the built service worker's bytes change. ──────────
// `wrangler dev` watches dist/client: a write there is served at once, with a new ETag, and the
// Worker is restarted (in the same wrangler process) about half a second later. A POST that is in
// flight at that moment gets a 503 "Your worker restarted mid-request", so after each write the
// test waits for the restart to be over before it, or the next test file, sends anything. The
// restart is seen through the development clock's offset, which lives in the Worker's memory:
// marked before the write, back to 0 once a new Worker runs. The original bytes go back in
// `finally` and again in afterAll, unless a build has replaced the file meanwhile.
const SW_FILE = 'dist/client/sw.js'
let swOriginal: Buffer | undefined
let swWritten: Buffer | undefined

const served = async () => Buffer.from(await (await fetch(`${BASE}/sw.js`)).arrayBuffer())

/** The development clock's offset in this Worker's memory, moved by `advanceMs` (undefined on a 503). */
async function clockOffset(advanceMs: number): Promise<number | undefined> {
  const res = await fetch(`${BASE}/dev/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advanceMs }),
  })
  return res.ok ? ((await res.json()) as { offsetMs: number }).offsetMs : undefined
}

async function writeServiceWorker(bytes: Buffer, what: string): Promise<void> {
  expect(await clockOffset(1), 'the Worker is marked').toBeGreaterThan(0)
  writeFileSync(SW_FILE, bytes)
  await expect
    .poll(async () => (await served()).equals(bytes), {
      timeout: 15_000,
      interval: 100,
      message: `wrangler dev serves the ${what} /sw.js`,
    })
    .toBe(true)
  await expect
    .poll(() => clockOffset(0), {
      timeout: 15_000,
      interval: 100,
      message: `wrangler dev restarts the Worker after the ${what} /sw.js`,
    })
    .toBe(0)
}

async function deployNewServiceWorker(): Promise<void> {
  const original = readFileSync(SW_FILE)
  expect((await served()).equals(original), 'the server serves dist/client/sw.js as built').toBe(
    true,
  )
  const changed = Buffer.concat([
    original,
    Buffer.from(`\n// e2e build ${new Date().toISOString()}\n`),
  ])
  swOriginal = original
  swWritten = changed
  await writeServiceWorker(changed, 'changed')
}

async function restoreServiceWorker(): Promise<void> {
  const original = swOriginal
  const written = swWritten
  swOriginal = swWritten = undefined
  // A `vite build` run in the meantime has written a new sw.js: that one stays.
  if (!original || !written || !readFileSync(SW_FILE).equals(written)) return
  await writeServiceWorker(original, 'restored')
}

/** The service worker versions of the page's origin, as DevTools sees them (id → status). */
async function watchWorkerVersions(
  page: Page,
): Promise<{ cdp: CDPSession; versions: Map<string, string> }> {
  const cdp = await page.context().newCDPSession(page)
  const versions = new Map<string, string>()
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
    for (const v of updated)
      if (v.scriptURL === `${BASE}/sw.js`) versions.set(v.versionId, v.status)
  })
  await cdp.send('ServiceWorker.enable')
  return { cdp, versions }
}

describe('the installable app (PWA) on a phone', () => {
  it('meets Chromium’s install criteria: a parsed Japanese manifest, its icons, and a worker controlling the page', async () => {
    const { context, close } = await launchAppProfile()
    try {
      const page = context.pages()[0] ?? (await context.newPage())
      await page.goto('/login')
      // The first install is announced (a status, not a dialog), then the next visit is controlled.
      await page
        .getByRole('status')
        .filter({ hasText: 'この端末でオフラインでも起動できるようになりました。' })
        .waitFor()
      await openControlled(page, '/login')
      await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
        `${BASE}/sw.js`,
      )

      const cdp = await context.newCDPSession(page)
      const { url, errors, data } = await cdp.send('Page.getAppManifest')
      expect(url).toBe(`${BASE}/manifest.webmanifest`)
      expect(errors).toEqual([])
      const manifest = JSON.parse(data ?? '{}') as {
        name: string
        short_name: string
        lang: string
        display: string
        start_url: string
        scope: string
        id: string
        theme_color: string
        background_color: string
        icons: { src: string; sizes: string; type: string; purpose?: string }[]
        screenshots: { src: string; sizes: string; form_factor?: string }[]
      }
      expect(manifest.name).toMatch(/健診ポータル/)
      expect(manifest.short_name).toBe('健診ポータル')
      expect(manifest.lang).toBe('ja')
      expect(manifest.display).toBe('standalone')
      expect(manifest.start_url).toBe(APP_START_URL)
      expect(manifest.scope).toBe('/')
      expect(manifest.id).toBe('/')
      expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i)
      expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i)
      const icons = manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`)
      expect(icons).toEqual(
        expect.arrayContaining([
          '192x192 any',
          '512x512 any',
          '192x192 maskable',
          '512x512 maskable',
        ]),
      )
      expect(manifest.screenshots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide'])
      // Every icon and screenshot is there, a PNG of the size the manifest says.
      for (const image of [...manifest.icons, ...manifest.screenshots]) {
        const res = await fetch(new URL(image.src, BASE))
        expect(res.status, image.src).toBe(200)
        expect(res.headers.get('content-type'), image.src).toBe('image/png')
        expect(pngSize(new Uint8Array(await res.arrayBuffer())), image.src).toBe(image.sizes)
      }
      // The parsed manifest is the one Chromium installs from.
      const parsed = (await cdp.send('Page.getAppManifest')).manifest
      expect(parsed.display).toBe('kStandalone')
      expect(parsed.startUrl).toBe(`${BASE}${APP_START_URL}`)

      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
      expect(installabilityErrors).toEqual([])

      const res = await fetch(`${BASE}/manifest.webmanifest`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json\b/)
      expect(res.headers.get('cache-control')).toBe('no-cache')
    } finally {
      await close()
    }
  })

  it('shows the update prompt for a new build, and 更新する reloads the page under the new worker', async () => {
    const context = await newContext(browser(), 'app')
    try {
      const page = await context.newPage()
      await openControlled(page, '/login')
      const { versions } = await watchWorkerVersions(page)
      await expect.poll(() => [...versions.values()]).toEqual(['activated'])
      const [oldVersion] = versions.keys()

      await deployNewServiceWorker()
      // An update check, as the browser makes after a page load and the app when it comes back on
      // screen (next test); asked directly here, as Chromium's own check after the load above may or
      // may not have run yet.
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()))
      const prompt = page.getByRole('dialog', { name: '新しいバージョンがあります' })
      await prompt.waitFor()
      await expect.poll(() => versions.size).toBe(2)
      const newVersion = [...versions.keys()].find((id) => id !== oldVersion)!
      expect(versions.get(newVersion)).toBe('installed') // waiting for the member's word
      expect(await prompt.textContent()).toContain(
        '「更新する」を押すと最新の画面に切り替わります。',
      )
      expect(await prompt.getAttribute('aria-modal')).toBe('false')
      await expectNoAxeViolations(page, 'the update prompt')

      await Promise.all([
        page.waitForEvent('load'),
        prompt.getByRole('button', { name: '更新する', exact: true }).click(),
      ])
      await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
      await expect
        .poll(() => Object.fromEntries(versions))
        .toEqual({ [oldVersion]: 'redundant', [newVersion]: 'activated' })
      const state = await page.evaluate(async () => {
        const r = await navigator.serviceWorker.getRegistration()
        return {
          controlled: navigator.serviceWorker.controller?.state,
          controlledByActive:
            navigator.serviceWorker.controller !== null &&
            navigator.serviceWorker.controller === r?.active,
          waiting: r?.waiting ?? null,
          installing: r?.installing ?? null,
        }
      })
      expect(state).toEqual({
        controlled: 'activated',
        controlledByActive: true,
        waiting: null,
        installing: null,
      })
      expect(await prompt.count()).toBe(0)
    } finally {
      await context.close()
      await restoreServiceWorker()
    }
  })

  it('asks for a new version when the open app comes back on screen, online, at most once a minute', async () => {
    const context = await newContext(browser(), 'app')
    try {
      // Counts the registration's update checks, and lets the test say whether the page is on screen.
      await context.addInitScript(() => {
        const w = window as unknown as { updateChecks: number; hidden: boolean }
        w.updateChecks = 0
        w.hidden = false
        const update = ServiceWorkerRegistration.prototype.update
        ServiceWorkerRegistration.prototype.update = function (this: ServiceWorkerRegistration) {
          w.updateChecks++
          return update.call(this)
        }
        Object.defineProperty(document, 'visibilityState', {
          get: () => (w.hidden ? 'hidden' : 'visible'),
        })
      })
      const page = await context.newPage()
      await openControlled(page, '/login')
      const checks = () =>
        page.evaluate(() => (window as unknown as { updateChecks: number }).updateChecks)
      const show = (hidden: boolean) =>
        page.evaluate((h) => {
          ;(window as unknown as { hidden: boolean }).hidden = h
          document.dispatchEvent(new Event('visibilitychange'))
        }, hidden)
      const before = await checks()
      await show(true) // the member switches to another app: nothing to ask yet
      expect(await checks()).toBe(before)
      await context.setOffline(true)
      await show(false) // back, but without a connection: nothing to ask
      expect(await checks()).toBe(before)
      await context.setOffline(false)
      await show(true)
      await show(false) // back online: one check
      await expect.poll(checks).toBe(before + 1)
      await show(true)
      await show(false) // back again within the minute: no second one
      expect(await checks()).toBe(before + 1)
    } finally {
      await context.close()
    }
  })

  it('gives app-length sessions to the app started from its start URL, never to a tab that only sends the header', async () => {
    const { email, password } = await newAccount()
    /** The session the server gave this context's log-in, as GET /api/me reports it. */
    const sessionOf = async (context: BrowserContext) => {
      const page = await context.newPage()
      await logInAs(page, email, password)
      await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
      return page.evaluate(
        async () =>
          (
            (await (await fetch('/api/me')).json()) as {
              session: { mode: string; idleSeconds: number }
            }
          ).session,
      )
    }
    const app = await newContext(browser(), 'app')
    // A browser tab on a computer that sends the app's header by hand (an extension, a script).
    const tab = await browser().newContext({
      baseURL: BASE,
      locale: 'ja-JP',
      extraHTTPHeaders: { 'X-Client-Mode': 'standalone' },
    })
    try {
      expect(await sessionOf(app)).toMatchObject({ mode: 'app', idleSeconds: 30 * 86_400 })
      await resetRisk()
      expect(await sessionOf(tab)).toMatchObject({ mode: 'browser', idleSeconds: 30 * 60 })
      expect((await tab.cookies(BASE)).map((c) => c.name)).not.toContain('__Host-app')
      const [cookie] = (await app.cookies(BASE)).filter((c) => c.name === '__Host-app')
      expect(cookie).toMatchObject({
        value: '1',
        path: '/',
        httpOnly: true,
        secure: true,
        sameSite: 'Lax',
      })
    } finally {
      await app.close()
      await tab.close()
    }
  })

  it('marks the app when it starts from its start URL under the service worker, and still starts offline', async () => {
    // Installed from a visit: the service worker controls the scope before the app first starts.
    const context = await browser().newContext({
      baseURL: BASE,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      locale: 'ja-JP',
      extraHTTPHeaders: { 'X-Client-Mode': 'standalone' },
    })
    try {
      const page = await context.newPage()
      await openControlled(page, '/login')
      expect((await context.cookies(BASE)).map((c) => c.name)).not.toContain('__Host-app')
      await page.goto(APP_START_URL)
      await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
      expect((await context.cookies(BASE)).map((c) => c.name)).toContain('__Host-app')
      await context.setOffline(true)
      await page.goto(APP_START_URL)
      await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
    } finally {
      await context.close()
    }
  })

  it('never keeps an API answer in Cache Storage', async () => {
    const { email, password } = await newAccount()
    const context = await newContext(browser(), 'app')
    try {
      const page = await context.newPage()
      const apiAnswers: { url: string; fromServiceWorker: boolean }[] = []
      context.on('response', (res) => {
        if (new URL(res.url()).pathname.startsWith('/api/'))
          apiAnswers.push({ url: res.url(), fromServiceWorker: res.fromServiceWorker() })
      })
      await openControlled(page, '/login')
      await logInAs(page, email, password)
      await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
      // A screen of personal data: who read the member's results (GET /api/account/access-log).
      const [log] = await Promise.all([
        page.waitForResponse((res) => new URL(res.url()).pathname === '/api/account/access-log'),
        page.goto('/account/access-log'),
      ])
      expect(log.status()).toBe(200)
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
      const status = await page.evaluate(async () => {
        const res = await fetch('/api/config')
        await res.text()
        return res.status
      })
      expect(status).toBe(200)
      expect(apiAnswers.length).toBeGreaterThan(2)
      expect(apiAnswers.filter((a) => a.fromServiceWorker)).toEqual([])

      const cached = await page.evaluate(async () => {
        const entries: string[] = []
        for (const name of await caches.keys())
          for (const req of await (await caches.open(name)).keys())
            entries.push(new URL(req.url).pathname)
        return entries
      })
      // The shell is there (so this looks at the worker's caches), and no API answer is.
      expect(cached).toContain('/index.html')
      expect(cached.filter((path) => path.startsWith('/api/') || path.startsWith('/dev/'))).toEqual(
        [],
      )
    } finally {
      await context.close()
    }
  })
})
