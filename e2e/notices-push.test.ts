import { describe, expect, it } from 'vitest'
import { fromBase64url } from '../worker/services/web-push'
import { decryptPush, newSubscriber } from '../worker/test/push'
import {
  BASE,
  expectNoAxeViolations,
  logInAs,
  newAccount,
  newContext,
  openControlled,
  useBrowser,
} from './support'
import { importCheckup, postFromPage, pushesTo, runNoticesJob } from './notices'

const browser = useBrowser()

const DEMO = { email: 'demo@kenshin.example', password: 'Kenko-Demo-2026', personKey: 'D0000' }
/** A date no seed or fixture uses, so the import inserts it (and the job notifies). */
const EXAM_DATE = '2026-11-20'

describe('お知らせ and Web Push in Chromium', () => {
  it('the demo member gets an お知らせ (and a push at the stand-in) after an import, opens it, and the unread mark goes', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await logInAs(page, DEMO.email, DEMO.password)
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()

    // This browser's own subscription, pointed at the stand-in (a real one needs the vendor's service).
    const sub = await newSubscriber()
    const id = `e2e${Date.now().toString(36)}`
    expect(
      await postFromPage(page, '/api/push/subscriptions', {
        endpoint: `${BASE}/dev/push/${id}`,
        keys: sub.keys,
      }),
    ).toBe(201)

    await importCheckup(DEMO.personKey, EXAM_DATE)
    expect((await runNoticesJob()).notices).toBeGreaterThanOrEqual(1)

    // The seed's own imports (npm start) left notices for the demo member too: each one decrypts.
    const mine = await pushesTo(id)
    expect(mine.every((p) => p.headers['content-encoding'] === 'aes128gcm')).toBe(true)
    const opened = await Promise.all(
      mine.map(async (p) => JSON.parse(await decryptPush(fromBase64url(p.body), sub))),
    )
    expect(opened.filter((p) => p.link === `/checkups/${EXAM_DATE}`)).toEqual([
      expect.objectContaining({ title: 'Kenshin Portal', body: '新しい健診結果が届きました' }),
    ])

    // ホーム's tile: the unread count and the notice, said in words.
    await page.reload()
    const tile = page.locator('section', { has: page.getByRole('heading', { name: 'お知らせ' }) })
    await tile.getByText(/未読 \d+件/).waitFor()
    await tile
      .getByRole('link', { name: /新しい健診結果が届きました/ })
      .first()
      .waitFor()

    await page.goto('/notices')
    await page.getByRole('heading', { level: 1, name: 'お知らせ' }).waitFor()
    // The seed's own imports notify the demo member too, possibly in the same run: find this one by its link.
    const ours = () =>
      page.locator('.notice-list__item', {
        has: page.locator(`a[href="/checkups/${EXAM_DATE}"]`),
      })
    const first = ours()
    await expect.poll(() => first.textContent()).toContain('未読')
    await expectNoAxeViolations(page, '/notices')
    // The notice opens its checkup date's URL (the results screen may first ask for the step-up).
    expect(await first.getByRole('link').getAttribute('href')).toBe(`/checkups/${EXAM_DATE}`)
    const [read] = await Promise.all([
      page.waitForResponse((r) => /^\/api\/notices\/[^/]+\/read$/.test(new URL(r.url()).pathname)),
      first.getByRole('link').click(),
    ])
    expect(await read.json()).toEqual({ link: `/checkups/${EXAM_DATE}` })
    await page.waitForURL((url) => url.pathname !== '/notices')

    await page.goto('/notices')
    await page.getByRole('heading', { level: 1, name: 'お知らせ' }).waitFor()
    await expect.poll(() => ours().textContent()).toContain('既読')
    expect(await ours().textContent()).not.toContain('未読')
    await context.close()
  })

  it('the service worker shows a pushed notice (CDP ServiceWorker.deliverPushMessage)', async () => {
    const context = await browser().newContext({ baseURL: BASE, locale: 'ja-JP' })
    await context.grantPermissions(['notifications'], { origin: BASE })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = []
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: r }) =>
      registrations.push(...r),
    )
    await cdp.send('ServiceWorker.enable')
    await openControlled(page, '/login')
    await expect
      .poll(() => registrations.find((r) => r.scopeURL === `${BASE}/` && !r.isDeleted))
      .toBeTruthy()
    const registrationId = registrations.find((r) => r.scopeURL === `${BASE}/`)!.registrationId
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: BASE,
      registrationId,
      data: JSON.stringify({
        title: 'Kenshin Portal',
        body: '新しい健診結果が届きました',
        link: `/checkups/${EXAM_DATE}`,
        id: 'e2e-push',
      }),
    })
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const reg = await navigator.serviceWorker.ready
            return (await reg.getNotifications()).map((n) => ({ title: n.title, body: n.body }))
          }),
        { timeout: 10_000 },
      )
      .toEqual([{ title: 'Kenshin Portal', body: '新しい健診結果が届きました' }])
    await context.close()
  })

  for (const size of [
    { name: 'a phone (390×844)', viewport: { width: 390, height: 844 }, isMobile: true },
    { name: 'a PC (1280×800)', viewport: { width: 1280, height: 800 }, isMobile: false },
  ])
    it(`お知らせの設定 passes axe in Japanese and English on ${size.name}; mail off is kept`, async () => {
      const { email, password } = await newAccount()
      const context = await browser().newContext({
        baseURL: BASE,
        locale: 'ja-JP',
        viewport: size.viewport,
        isMobile: size.isMobile,
        hasTouch: size.isMobile,
      })
      const page = await context.newPage()
      await logInAs(page, email, password)
      await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
      await page.getByRole('link', { name: 'お知らせの設定' }).click()
      await page.getByRole('heading', { level: 1, name: 'お知らせの設定' }).waitFor()
      // Never asked on load: the permission prompt comes only from the button.
      expect(await page.evaluate(() => Notification.permission)).toBe('default')
      await page.getByRole('button', { name: 'この端末で通知を受け取る' }).waitFor()
      await expectNoAxeViolations(page, '/account/notifications (ja)')

      const mail = page.getByRole('checkbox', { name: 'お知らせをメールでも受け取る' })
      expect(await mail.isChecked()).toBe(true)
      await mail.uncheck()
      await page.getByRole('button', { name: '保存する' }).click()
      await page.getByText('メールでのお知らせを止めました。').waitFor()
      await page.reload()
      await page.getByRole('heading', { level: 1, name: 'お知らせの設定' }).waitFor()
      await expect
        .poll(() =>
          page.getByRole('checkbox', { name: 'お知らせをメールでも受け取る' }).isChecked(),
        )
        .toBe(false)

      await page.getByRole('button', { name: 'English' }).click()
      await page.getByRole('heading', { level: 1, name: 'Notification settings' }).waitFor()
      await expectNoAxeViolations(page, '/account/notifications (en)')
      await page.getByRole('button', { name: '日本語' }).click()
      await context.close()
    })
})
