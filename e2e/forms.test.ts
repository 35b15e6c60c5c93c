import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { logInAs, newAccount, newContext, useBrowser } from './support'

const browser = useBrowser()

/**
 * What a browser's autofill or a fast typist does: fills the field the instant it is attached, with
 * no wait for the network or the screen's other parts (captcha, lazy chunks, the session check).
 */
async function fillAtOnce(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true })
  await field.waitFor({ state: 'attached' })
  await field.fill(value)
}

/** The screen has drawn everything it was going to: no request in flight, and a moment more. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(300)
}

/** Opens `path` without waiting for anything but the first bytes (the screen draws after). */
const open = (page: Page, path: string) => page.goto(path, { waitUntil: 'commit' })

describe('forms keep what was typed while the screen draws (issue 9, finding 8)', () => {
  it('sign-up: the address filled at once is still there once the form settles', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await open(page, '/signup')
    await fillAtOnce(page, 'メールアドレス', 'fast@example.jp')
    await fillAtOnce(page, 'メールアドレス(確認用)', 'fast@example.jp')
    await settle(page)
    expect(await page.getByLabel('メールアドレス', { exact: true }).inputValue()).toBe(
      'fast@example.jp',
    )
    expect(await page.getByLabel('メールアドレス(確認用)', { exact: true }).inputValue()).toBe(
      'fast@example.jp',
    )
    await context.close()
  })

  it('log-in and the reset mail: the address (and password) filled at once survive the captcha and the session check', async () => {
    const context = await newContext(browser(), 'app')
    const page = await context.newPage()
    await open(page, '/login')
    await fillAtOnce(page, 'メールアドレス', 'fast@example.jp')
    await fillAtOnce(page, 'パスワード', 'mugi-cha-natsu-88')
    await settle(page)
    expect(await page.getByLabel('メールアドレス', { exact: true }).inputValue()).toBe(
      'fast@example.jp',
    )
    expect(await page.getByLabel('パスワード', { exact: true }).inputValue()).toBe(
      'mugi-cha-natsu-88',
    )

    // Leaving the screen is not a redraw: what was typed there goes (the password above all).
    await page.getByRole('link', { name: '新規登録' }).first().click()
    await page.getByRole('heading', { level: 1, name: 'メールアドレス登録' }).waitFor()
    await page.goBack()
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
    expect(await page.getByLabel('メールアドレス', { exact: true }).inputValue()).toBe('')
    expect(await page.getByLabel('パスワード', { exact: true }).inputValue()).toBe('')

    await open(page, '/password/forgot')
    await fillAtOnce(page, 'メールアドレス', 'fast@example.jp')
    await settle(page)
    expect(await page.getByLabel('メールアドレス', { exact: true }).inputValue()).toBe(
      'fast@example.jp',
    )
    await context.close()
  })

  it('the card forms and the viewing code: filled the moment each appears, right after log-in (the session is asked for again then)', async () => {
    const account = await newAccount()
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await logInAs(page, account.email, account.password)
    // In-app, at once: the session check that follows a log-in is still on its way.
    await page.getByRole('link', { name: '保険証情報を登録する' }).first().click()
    await fillAtOnce(page, '氏名(フルネーム・全角カナ)', 'イトウ　ユミ')
    await fillAtOnce(page, '保険者番号', '06139992')
    await settle(page)
    expect(await page.getByLabel('氏名(フルネーム・全角カナ)', { exact: true }).inputValue()).toBe(
      'イトウ　ユミ',
    )
    expect(await page.getByLabel('保険者番号', { exact: true }).inputValue()).toBe('06139992')
    await page.getByLabel('生年月日', { exact: true }).fill('1982-10-07')
    await page.getByRole('button', { name: '記号・番号入力に進む' }).click()
    await fillAtOnce(page, '記号', '1206')
    await fillAtOnce(page, '番号', '106')
    await settle(page)
    expect(await page.getByLabel('記号', { exact: true }).inputValue()).toBe('1206')
    expect(await page.getByLabel('番号', { exact: true }).inputValue()).toBe('106')
    await page.getByRole('button', { name: '入力内容の確認へ' }).click()
    await page.getByRole('button', { name: '利用資格を照会する' }).click()
    await page.getByRole('heading', { level: 1, name: '登録完了' }).waitFor()

    // The results' first step, opened cold: the member, the step and the early reads all arrive after it shows.
    await open(page, '/checkups')
    await fillAtOnce(page, '健診閲覧コード', 'HFQH-2JBG-MB4A')
    await settle(page)
    expect(await page.getByLabel('健診閲覧コード', { exact: true }).inputValue()).toBe(
      'HFQH-2JBG-MB4A',
    )
    await context.close()
  })
})
