import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  advanceClock,
  BASE,
  expectNoAxeViolations,
  logInAs,
  newAccount,
  newContext,
  openControlled,
  linkDemoCard,
  type DemoCard,
  useBrowser,
} from './support'

const browser = useBrowser()

const OFFLINE_DB = 'kenshin-offline'

/** What this origin keeps on the device, read from the page: IndexedDB names and every cached URL. */
async function deviceStorage(page: Page) {
  return page.evaluate(async () => {
    const databases = (await indexedDB.databases()).map((d) => d.name)
    const cached: string[] = []
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys())
        cached.push(`${name} ${new URL(request.url).pathname}`)
    }
    return { databases, cached }
  })
}

/**
 * A member on the phone (installed-app mode) who has linked a demo card with three years of
 * checkups and passed the step-up, on the results screen with a service worker in control.
 */
type Card = DemoCard & { code: string }
/** Demo persons with three years of checkups and a postcard code, one per test (a card links once). */
const CARDS = {
  sakura: {
    name: 'タカハシ　サクラ',
    birth: '1976-11-05',
    symbol: '1204',
    number: '12345682',
    branch: '01',
    code: '4XR3-W5MD-RC7M',
  },
  taro: {
    name: 'タナカ　タロウ',
    birth: '1977-06-15',
    symbol: '1205',
    number: '105',
    branch: '00',
    code: 'YSCC-TQ8A-88VW',
  },
  hanako: {
    name: 'タナカ　ハナコ',
    birth: '1979-12-06',
    symbol: '1205',
    number: '105',
    branch: '01',
    code: 'TRTH-GCM9-WHYJ',
  },
  miho: {
    name: 'スズキ　ミホ',
    birth: '1973-10-04',
    symbol: '71-1203',
    number: '103',
    branch: '',
    code: '2Q4F-YT2W-SPHA',
  },
  // Their checkups come from e2e/fixtures/extra-checkups.csv (see global-setup.ts).
  kenji: {
    name: 'ワタナベ　ケンジ',
    birth: '1983-08-17',
    symbol: '1207',
    number: '107',
    branch: '00',
    code: '6CYG-3KNU-QYZX',
  },
  aya: {
    name: 'ワタナベ　アヤ',
    birth: '1985-11-08',
    symbol: '1207',
    number: '107',
    branch: '01',
    code: 'PKV3-7PBC-6UU6',
  },
} satisfies Record<string, Card>

async function memberOnResults(
  card: Card,
): Promise<{ context: BrowserContext; page: Page; email: string; password: string }> {
  const account = await newAccount()
  const context = await newContext(browser(), 'app')
  const page = await context.newPage()
  await logInAs(page, account.email, account.password)
  await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
  await linkDemoCard(page, card)
  await openControlled(page, '/checkups')
  await page.getByLabel('健診閲覧コード', { exact: true }).fill(card.code)
  await page.getByRole('button', { name: '送信する' }).click()
  await page.getByLabel('秘密の質問', { exact: true }).selectOption({ label: '出身地は?' })
  await page.getByLabel('秘密の質問の回答', { exact: true }).fill('Kushiro')
  await page.getByRole('button', { name: '確認', exact: true }).click()
  await page.getByRole('button', { name: '設定完了' }).click()
  await page.getByRole('button', { name: '健診結果を見る' }).click()
  await page.getByRole('heading', { level: 2, name: /受診の健診結果$/ }).waitFor()
  return { context, page, ...account }
}

/**
 * How many records the offline store holds (0 when there is no store). It must never make the
 * database: an open that finds none (the app's wipe just deleted it) is aborted in its upgrade, and
 * an open that cannot proceed, or fails, counts as none, so a poll never hangs on a wipe in progress.
 */
const offlineRecords = (page: Page) =>
  page.evaluate(
    (name) =>
      new Promise<number>((resolve) => {
        indexedDB.databases().then(
          (list) => {
            if (!list.some((d) => d.name === name)) return resolve(0)
            const open = indexedDB.open(name)
            open.onupgradeneeded = () => open.transaction?.abort()
            open.onerror = () => resolve(0)
            open.onblocked = () => resolve(0)
            open.onsuccess = () => {
              const database = open.result
              if (!database.objectStoreNames.contains('records')) {
                database.close()
                return resolve(0)
              }
              const count = database.transaction('records').objectStore('records').count()
              count.onsuccess = () => {
                database.close()
                resolve(count.result)
              }
              count.onerror = () => {
                database.close()
                resolve(0)
              }
            }
          },
          () => resolve(0),
        )
      }),
    OFFLINE_DB,
  )

const panelHeading = (page: Page) => page.getByRole('tabpanel').getByRole('heading', { level: 2 })

describe('offline (issue 5) in Chromium', () => {
  it('reads the two opened checkups offline after a reload; an unopened one says it needs the network', async () => {
    const { context, page } = await memberOnResults(CARDS.sakura)
    const tabs = page.getByRole('tab')
    expect(await tabs.count()).toBe(3)
    const dates = await Promise.all(
      [0, 1, 2].map(async (i) => (await tabs.nth(i).locator('time').getAttribute('datetime'))!),
    )
    const newest = (await panelHeading(page).textContent())!
    await tabs.nth(1).click()
    await expect.poll(() => panelHeading(page).textContent()).not.toBe(newest)
    const second = (await panelHeading(page).textContent())!
    // The second checkup is in the store once its answer has been shown.
    await expect.poll(async () => (await deviceStorage(page)).databases).toContain(OFFLINE_DB)

    await context.setOffline(true)
    await page.goto(`/checkups?exam=${dates[1]}`)
    await page.getByRole('heading', { level: 1, name: '特定健診結果' }).waitFor()
    await expect.poll(() => panelHeading(page).textContent()).toBe(second)
    const main = page.locator('main')
    await expect
      .poll(() => main.textContent())
      .toMatch(/オフラインのため、この端末に保存したコピー\(.+に読み込み\)を表示しています/)
    await page.getByText(/^⊘ オフラインです。/).waitFor()
    expect(await page.getByRole('link', { name: 'FHIR形式でダウンロード' }).count()).toBe(0)
    expect(await main.textContent()).toContain('(インターネット接続が必要です)')
    await expectNoAxeViolations(page, 'offline results')

    await page.getByRole('tab').first().click()
    await expect.poll(() => panelHeading(page).textContent()).toBe(newest)
    expect(await main.textContent()).toMatch(
      /[ABCD] ?(異常なし|軽度異常|要経過観察・生活改善|要医療)/,
    )
    await page.getByRole('tab').nth(2).click()
    await page
      .getByText('この健診結果は、この端末でまだ開いていないため、オフラインでは表示できません', {
        exact: false,
      })
      .waitFor()
    await expectNoAxeViolations(page, 'offline, unopened checkup')

    // A screen whose code was never fetched on this device says so, rather than a blank page.
    await page.getByRole('link', { name: 'よくある質問' }).click()
    await page.getByRole('alert').getByText('この画面を開けませんでした').waitFor()
    await expectNoAxeViolations(page, 'offline, screen not on the device')
    await page.goBack()
    await page.getByRole('heading', { level: 1, name: '特定健診結果' }).waitFor()

    // Back online, the unopened checkup opens.
    await context.setOffline(false)
    await page.getByRole('button', { name: 'もう一度読み込む' }).click()
    await expect.poll(() => panelHeading(page).textContent()).toContain(dates[2].slice(0, 4))
    await context.close()
  })

  it('log-out wipes the offline copy and leaves no personal data in any cache', async () => {
    const { context, page } = await memberOnResults(CARDS.taro)
    await expect.poll(async () => (await deviceStorage(page)).databases).toContain(OFFLINE_DB)
    const before = await deviceStorage(page)
    expect(before.cached.filter((entry) => entry.includes('/api/'))).toEqual([])
    await page.getByRole('button', { name: 'ログアウト' }).click()
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
    const after = await deviceStorage(page)
    expect(after.databases).not.toContain(OFFLINE_DB)
    expect(after.cached.filter((entry) => entry.includes('/api/'))).toEqual([])
    // Clear-Site-Data: "storage" empties Cache Storage too.
    expect(after.cached).toEqual([])
    await context.close()
  })

  it('a log-out without a network wipes the copy at once and ends the session when back online', async () => {
    const { context, page } = await memberOnResults(CARDS.hanako)
    await expect.poll(async () => (await deviceStorage(page)).databases).toContain(OFFLINE_DB)
    const cookies = await context.cookies(BASE)
    await context.setOffline(true)
    await page.getByRole('button', { name: 'ログアウト' }).click()
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
    expect((await deviceStorage(page)).databases).not.toContain(OFFLINE_DB)
    // Offline, the results screen now has nothing to show and no member: the log-in screen.
    await page.goto('/checkups')
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
    await context.setOffline(false)
    await page.goto('/login')
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
    // The old cookie no longer opens a session on the server.
    const session = cookies.find((c) => c.name === '__Host-session')!
    await expect
      .poll(
        async () =>
          (
            await fetch(`${BASE}/api/me`, {
              headers: { Cookie: `${session.name}=${session.value}` },
            })
          ).status,
      )
      .toBe(401)
    await context.close()
  })

  it('an ended session, and another member logging in on the same device, wipe the copy', async () => {
    const { context, page } = await memberOnResults(CARDS.miho)
    // The member, the list and the newest checkup.
    await expect.poll(() => offlineRecords(page)).toBe(3)
    // This device's cookie becomes another member's session (they log in here while the first one's
    // session lives on): the server names someone else, and only the new member's profile remains.
    const other = await newAccount()
    const status = await page.evaluate(
      (body) =>
        fetch('/api/login', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.status),
      { email: other.email, password: other.password, captchaToken: 'XXXX.DUMMY.TOKEN.login' },
    )
    expect(status).toBe(200)
    await page.goto('/home')
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    await expect.poll(() => offlineRecords(page)).toBe(1)
    // Their session ends (31 idle days in the app): the next answer of the server wipes the store.
    await advanceClock(31 * 86_400_000)
    await page.goto('/home')
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
    await expect.poll(async () => (await deviceStorage(page)).databases).not.toContain(OFFLINE_DB)
    await context.close()
  })

  it('refuses, wipes and says why when the device clock is set earlier than the server time it saw', async () => {
    const { context, page } = await memberOnResults(CARDS.kenji)
    await expect.poll(() => offlineRecords(page)).toBe(3)
    await context.setOffline(true)
    // A clock a few minutes behind (within the 5 allowed): the copy is read as ever.
    await context.clock.setFixedTime(Date.now() - 4 * 60_000)
    await page.goto('/checkups')
    await page
      .getByText(/オフラインのため、この端末に保存したコピー/)
      .first()
      .waitFor()
    await panelHeading(page).waitFor()
    // An hour behind: refused and wiped before anything is shown, and the screen says why.
    await context.clock.setFixedTime(Date.now() - 3_600_000)
    await page.goto('/checkups')
    await page
      .getByRole('heading', { level: 1, name: '保存した健診結果を表示できません' })
      .waitFor()
    await page
      .getByRole('alert')
      .getByText('この端末の時計が、最後にサーバーと通信した時刻より前になっています', {
        exact: false,
      })
      .waitFor()
    expect(await page.getByRole('tabpanel').count()).toBe(0)
    expect((await deviceStorage(page)).databases).not.toContain(OFFLINE_DB)
    await expectNoAxeViolations(page, 'offline copy refused: clock')
    // In English too.
    await page.getByRole('button', { name: 'English' }).click()
    await page
      .getByRole('alert')
      .getByText("This device's clock is set earlier than the last time it reached the server", {
        exact: false,
      })
      .waitFor()
    // Back online with the right time, the copy is made again; offline three days later it is read,
    // and a clock then turned back to the next day (within the 7 days, but behind that read) is
    // refused as well: the copy remembers the device time it was last read at.
    await page.getByRole('button', { name: '日本語' }).click()
    await context.clock.setFixedTime(Date.now())
    await context.setOffline(false)
    await page.goto('/checkups')
    await expect.poll(() => offlineRecords(page)).toBe(3)
    await context.setOffline(true)
    await context.clock.setFixedTime(Date.now() + 3 * 86_400_000)
    await page.goto('/checkups')
    await panelHeading(page).waitFor()
    await context.clock.setFixedTime(Date.now() + 1 * 86_400_000)
    await page.goto('/checkups')
    await page.getByRole('alert').getByText('この端末の時計が', { exact: false }).waitFor()
    expect((await deviceStorage(page)).databases).not.toContain(OFFLINE_DB)
    await context.close()
  })

  it('refuses, wipes and says why 7 days after the last health read online; within them the copy is read', async () => {
    const { context, page } = await memberOnResults(CARDS.aya)
    await expect.poll(() => offlineRecords(page)).toBe(3)
    const newest = (await panelHeading(page).textContent())!
    await context.setOffline(true)
    // Six days later, still offline (the app's session lasts 30 idle days): the copy is shown.
    await context.clock.setFixedTime(Date.now() + 6 * 86_400_000)
    await page.goto('/checkups')
    await expect.poll(() => panelHeading(page).textContent()).toBe(newest)
    await page
      .getByText(/オフラインのため、この端末に保存したコピー/)
      .first()
      .waitFor()
    // Eight days after the last read that proved the step-up: refused and wiped, with the reason,
    // also when the app starts at / (it leads to the screen that says why, not to the log-in).
    await context.clock.setFixedTime(Date.now() + 8 * 86_400_000)
    await page.goto('/')
    await page
      .getByRole('heading', { level: 1, name: '保存した健診結果を表示できません' })
      .waitFor()
    await page
      .getByRole('alert')
      .getByText('本人確認をしてから7日を過ぎたため', { exact: false })
      .waitFor()
    expect(await page.getByRole('tabpanel').count()).toBe(0)
    expect((await deviceStorage(page)).databases).not.toContain(OFFLINE_DB)
    await expectNoAxeViolations(page, 'offline copy refused: 7 days')
    await context.close()
  })
})
