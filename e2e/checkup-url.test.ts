import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { opsImport } from '../scripts/ops-cli.mjs'
import {
  BASE,
  expectNoAxeViolations,
  linkDemoCard,
  logInAs,
  newAccount,
  newContext,
  openControlled,
  useBrowser,
} from './support'

const browser = useBrowser()

/**
 * issue 12: each checkup date has its own URL. The demo data's persons with checkups are all taken
 * by other journeys (a person links once), so this one (コバヤシ　サクラ, D0091) gets three years
 * from its own fixture, through the CLI as the operator would.
 */
const CARD = {
  name: 'コバヤシ　サクラ',
  birth: '1991-10-02',
  symbol: '1209',
  number: '109',
  branch: '',
  code: '4XPA-BBMT-F2YP',
}
const DATES = ['2025-09-20', '2024-09-20', '2023-09-20']

beforeAll(() => {
  const { admin } = JSON.parse(readFileSync(join('.e2e-state', 'dev-ops-tokens.json'), 'utf8'))
  const run = opsImport('checkups', {
    file: 'e2e/fixtures/checkups-url.csv',
    url: BASE,
    token: admin,
  })
  if (run.status !== 0) throw new Error(`import failed:\n${run.stdout}${run.stderr}`)
})

const panelHeading = (page: Page) => page.getByRole('tabpanel').getByRole('heading', { level: 2 })
const path = (page: Page) => new URL(page.url()).pathname
const selectedTab = (page: Page) =>
  page.locator('[role="tab"][aria-selected="true"] time').getAttribute('datetime')

describe('a URL per checkup date (issue 12) in Chromium', () => {
  it('tabs change the URL, Back and Forward move between dates, a deep link opens its date after the step-up, an unknown one the newest with a note, and an opened date reloads offline', async () => {
    const account = await newAccount()
    const context = await newContext(browser(), 'app')
    const page = await context.newPage()
    await logInAs(page, account.email, account.password)
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    await linkDemoCard(page, CARD)

    // A deep link to an earlier date, before the identity check: the steps first, then that date.
    await openControlled(page, `/checkups/${DATES[1]}`)
    await page.getByLabel('健診閲覧コード', { exact: true }).fill(CARD.code)
    await page.getByRole('button', { name: '送信する' }).click()
    await page.getByLabel('秘密の質問', { exact: true }).selectOption({ label: '出身地は?' })
    await page.getByLabel('秘密の質問の回答', { exact: true }).fill('Nagano')
    await page.getByRole('button', { name: '確認', exact: true }).click()
    await page.getByRole('button', { name: '設定完了' }).click()
    await page.getByRole('button', { name: '健診結果を見る' }).click()
    await expect.poll(() => panelHeading(page).textContent()).toContain('2024年9月20日')
    expect(path(page)).toBe(`/checkups/${DATES[1]}`)
    expect(await selectedTab(page)).toBe(DATES[1])
    await expectNoAxeViolations(page, 'deep link')

    // The tabs: each a history entry.
    await page.getByRole('tab').nth(2).click()
    await expect.poll(() => path(page)).toBe(`/checkups/${DATES[2]}`)
    await expect.poll(() => panelHeading(page).textContent()).toContain('2023年9月20日')
    await page.getByRole('tab').first().click()
    await expect.poll(() => path(page)).toBe(`/checkups/${DATES[0]}`)
    await expect.poll(() => panelHeading(page).textContent()).toContain('2025年9月20日')
    // The screen stays (no new identity check or list) while the date changes.
    const asked: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.pathname.startsWith('/api/')) asked.push(url.pathname)
    })
    await page.goBack()
    await expect.poll(() => path(page)).toBe(`/checkups/${DATES[2]}`)
    await expect.poll(() => selectedTab(page)).toBe(DATES[2])
    await expect.poll(() => panelHeading(page).textContent()).toContain('2023年9月20日')
    await page.goBack()
    await expect.poll(() => path(page)).toBe(`/checkups/${DATES[1]}`)
    await expect.poll(() => panelHeading(page).textContent()).toContain('2024年9月20日')
    await page.goForward()
    await expect.poll(() => path(page)).toBe(`/checkups/${DATES[2]}`)
    await expect.poll(() => panelHeading(page).textContent()).toContain('2023年9月20日')
    expect(asked).toEqual([])

    // An unknown date: the newest, and a note that says so.
    await page.goto('/checkups/2020-01-01')
    await expect.poll(() => panelHeading(page).textContent()).toContain('2025年9月20日')
    await page.getByText('2020年1月1日の健診結果は見つかりませんでした', { exact: false }).waitFor()
    await expectNoAxeViolations(page, 'unknown date')

    // Offline: an opened date's URL reloads from the copy on the device.
    await context.setOffline(true)
    await page.goto(`/checkups/${DATES[2]}`)
    await page.getByRole('heading', { level: 1, name: '特定健診結果' }).waitFor()
    await expect.poll(() => panelHeading(page).textContent()).toContain('2023年9月20日')
    expect(await selectedTab(page)).toBe(DATES[2])
    await page
      .locator('main')
      .getByText(/この端末に保存したコピー/)
      .first()
      .waitFor()
    await expectNoAxeViolations(page, 'offline dated URL')
    await context.setOffline(false)
    await context.close()
  })
})
