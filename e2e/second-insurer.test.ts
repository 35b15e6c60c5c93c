import { describe, expect, it } from 'vitest'
import { logInAs, newAccount, newContext, useBrowser } from './support'

const browser = useBrowser()

/**
 * `npm start`'s second insurer database (DB_SECOND): デモ第二健康保険組合 (06139471), its roster and
 * checkups loaded from db/seed/second-*.csv. A member links its card and reads its checkups: the card
 * check, the step-up and the read all reach that database, not the demo insurer's.
 */
describe('the second insurer database of the demo (npm start)', () => {
  it('links a card of デモ第二健康保険組合 and reads its checkups with its postcard code', async () => {
    const account = await newAccount()
    const page = await (await newContext(browser(), 'pc')).newPage()
    await logInAs(page, account.email, account.password)
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    await page.goto('/card')
    await page.getByLabel('氏名(フルネーム・全角カナ)', { exact: true }).fill('ニシダ　ユウコ')
    await page.getByLabel('生年月日', { exact: true }).fill('1970-07-07')
    await page.getByLabel('保険者番号', { exact: true }).fill('06139471')
    await page.getByRole('button', { name: '記号・番号入力に進む' }).click()
    await page.getByLabel('記号', { exact: true }).fill('2100')
    await page.getByLabel('番号', { exact: true }).fill('200')
    await page.getByLabel('枝番', { exact: true }).fill('00')
    await page.getByRole('button', { name: '入力内容の確認へ' }).click()
    await page.getByRole('button', { name: '利用資格を照会する' }).click()
    await page.getByRole('heading', { level: 1, name: '登録完了' }).waitFor()

    await page.goto('/home')
    await page.getByRole('link', { name: '健診結果を見る' }).click()
    await page.getByRole('heading', { level: 1, name: '本人確認の情報送信' }).waitFor()
    await page.getByLabel('健診閲覧コード', { exact: true }).fill('F2DR-MDZH-ADBJ')
    await page.getByRole('button', { name: '送信する' }).click()
    await page.getByRole('heading', { level: 1, name: '秘密の質問設定' }).waitFor()
    await page.getByLabel('秘密の質問', { exact: true }).selectOption({ label: '出身地は?' })
    await page.getByLabel('秘密の質問の回答', { exact: true }).fill('Osaka')
    await page.getByRole('button', { name: '確認', exact: true }).click()
    await page.getByRole('button', { name: '設定完了' }).click()
    await page.getByRole('button', { name: '健診結果を見る' }).click()
    await page.getByRole('heading', { level: 1, name: '特定健診結果' }).waitFor()
    await page.getByRole('heading', { level: 2, name: /受診の健診結果$/ }).waitFor()
    // Her two checkups (2025-06-11, 2024-06-12) from db/seed/second-checkups.csv, newest first.
    const tabs = page.getByRole('tab')
    await expect.poll(() => tabs.count()).toBe(2)
    expect(await tabs.first().locator('time').getAttribute('datetime')).toBe('2025-06-11')
    expect(await tabs.nth(1).locator('time').getAttribute('datetime')).toBe('2024-06-12')
    expect(await page.locator('main').textContent()).toContain('デモ第二健診センター')
  })
})
