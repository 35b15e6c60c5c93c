import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  advanceClock,
  expectNoAxeViolations,
  logInAs,
  newAccount,
  newContext,
  linkDemoCard,
  type DemoCard,
  useBrowser,
} from './support'

const browser = useBrowser()

/** A new member who links a demo card (the card wizard has its own tests) and opens 特定健診結果. */
async function memberWithCard(card: DemoCard) {
  const account = await newAccount()
  const context = await newContext(browser(), 'pc')
  const page = await context.newPage()
  await logInAs(page, account.email, account.password)
  await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
  await linkDemoCard(page, card)
  return { page, account }
}

async function openResults(page: Page) {
  await page.goto('/home')
  await page.getByRole('link', { name: '健診結果を見る' }).click()
}

describe('特定健診結果 in Chromium', () => {
  it('unlocks with the viewing code and a secret question, reads every year graded, a trend, print and FHIR', async () => {
    const { page, account } = await memberWithCard({
      name: 'ヤマダ　イチロウ',
      birth: '1965-02-11',
      symbol: '1201',
      number: '101',
      branch: '00',
    })
    await openResults(page)
    await page.getByRole('heading', { level: 1, name: '本人確認の情報送信' }).waitFor()
    await expectNoAxeViolations(page, 'STEP1')
    await page.getByLabel('健診閲覧コード', { exact: true }).fill('283d-mxbj-s2jt')
    await page.getByRole('button', { name: '送信する' }).click()
    await page.getByRole('heading', { level: 1, name: '秘密の質問設定' }).waitFor()
    await expectNoAxeViolations(page, 'STEP2')
    await page.getByLabel('秘密の質問', { exact: true }).selectOption({ label: '出身地は?' })
    await page.getByLabel('秘密の質問の回答', { exact: true }).fill('Sapporo')
    await page.getByRole('button', { name: '確認', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: '秘密の質問設定確認' }).waitFor()
    expect(await page.locator('main').textContent()).not.toContain('Sapporo')
    await expectNoAxeViolations(page, 'STEP3')
    await page.getByRole('button', { name: '設定完了' }).click()
    await page.getByRole('heading', { level: 1, name: '健診結果に関する注意事項' }).waitFor()
    await expectNoAxeViolations(page, 'STEP4')
    await page.getByRole('button', { name: '健診結果を見る' }).click()
    await page.getByRole('heading', { level: 1, name: '特定健診結果' }).waitFor()
    // The newest checkup opens first; every year is a tab, and an earlier one opens by its tab.
    await page.getByRole('heading', { level: 2, name: /受診の健診結果$/ }).waitFor()
    await expectNoAxeViolations(page, 'results')
    const tabs = page.getByRole('tab')
    expect(await tabs.count()).toBeGreaterThanOrEqual(2)
    expect(await tabs.first().getAttribute('aria-selected')).toBe('true')
    const earlier = (await tabs.nth(1).locator('time').getAttribute('datetime'))!
    await tabs.nth(1).click()
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/checkups/${earlier}`)
    await page
      .getByRole('tabpanel')
      .getByText(earlier.slice(0, 4) + '年')
      .first()
      .waitFor()
    await page.getByRole('heading', { level: 2, name: /受診の健診結果$/ }).waitFor()
    await tabs.first().click()
    await page.getByRole('heading', { level: 2, name: /受診の健診結果$/ }).waitFor()
    for (const group of ['身体計測', '血圧', '脂質', '肝機能', '血糖'])
      await page.getByRole('heading', { level: 3, name: group, exact: true }).waitFor()
    const main = (await page.locator('main').textContent()) ?? ''
    expect(main).toMatch(/[ABCD] ?(異常なし|軽度異常|要経過観察・生活改善|要医療)/)
    expect(main).toContain('2025')
    await page.getByRole('button', { name: '推移を見る' }).first().click()
    await expect.poll(() => page.locator('svg[role="img"]').count()).toBeGreaterThan(0)
    await expectNoAxeViolations(page, 'trend chart')
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('footer').first().isVisible()).toBe(false)
    await page.emulateMedia({ media: 'screen' })
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'FHIR形式でダウンロード' }).click()
    const file = await (await download).path()
    const bundle = JSON.parse(readFileSync(file, 'utf8'))
    expect(bundle.resourceType).toBe('Bundle')
    expect(bundle.entry.length).toBeGreaterThan(50)
    await page.getByRole('link', { name: '判定基準の一覧' }).first().click()
    await page.getByRole('heading', { level: 1, name: '判定基準の一覧' }).waitFor()
    await expectNoAxeViolations(page, 'criteria')

    // A fresh load of the results asks for the step, the list and the newest checkup once each
    // (the newest is not read a second time by its date: one audit row per read).
    const asked: string[] = []
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname
      if (path.startsWith('/api/checkups')) asked.push(path)
    })
    await page.goto('/checkups')
    await page
      .getByRole('tabpanel')
      .getByRole('heading', { level: 2, name: /受診の健診結果$/ })
      .waitFor()
    await page.waitForLoadState('networkidle')
    expect(asked.sort()).toEqual(['/api/checkups', '/api/checkups/access', '/api/checkups/latest'])

    // A day later, in a new session: the secret question again, case-sensitive.
    await page.context().close()
    await advanceClock(25 * 3_600_000)
    const context = await newContext(browser(), 'pc')
    const later = await context.newPage()
    await logInAs(later, account.email, account.password)
    await later.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    await openResults(later)
    await later.getByRole('heading', { level: 1, name: '秘密の質問' }).waitFor()
    await later.getByLabel('秘密の質問の回答', { exact: true }).fill('sapporo')
    await later.getByRole('button', { name: '確認', exact: true }).click()
    await expect
      .poll(() => later.getByText('秘密の質問の回答が正しくありません').count())
      .toBeGreaterThan(0)
    await later.getByLabel('秘密の質問の回答', { exact: true }).fill('Sapporo')
    await later.getByRole('button', { name: '確認', exact: true }).click()
    await later.getByRole('heading', { level: 1, name: '特定健診結果' }).waitFor()
    await context.close()
  })

  it('locks the viewing code after five wrong tries and sends the member to support', async () => {
    const { page } = await memberWithCard({
      name: 'ヤマダ　ユミ',
      birth: '1967-11-02',
      symbol: '1201',
      number: '101',
      branch: '01',
    })
    await openResults(page)
    await page.getByRole('heading', { level: 1, name: '本人確認の情報送信' }).waitFor()
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('健診閲覧コード', { exact: true }).fill('AAAA-BBBB-CCCC')
      await page.getByRole('button', { name: '送信する' }).click()
      if (i < 4)
        await expect
          .poll(() => page.getByText('健診閲覧コードが正しくありません').count())
          .toBeGreaterThan(0)
    }
    await expect.poll(() => page.getByText('ロックしました').count()).toBeGreaterThan(0)
    await expectNoAxeViolations(page, 'code locked')
    await page.reload()
    await expect.poll(() => page.getByText('ロックしました').count()).toBeGreaterThan(0)
    await page.context().close()
  })
})
