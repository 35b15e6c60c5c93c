import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  expectNoAxeViolations,
  latestMailId,
  linkDemoCard,
  linkIn,
  logInAs,
  newAccount,
  newContext,
  newEmail,
  useBrowser,
  waitForMail,
} from './support'

const PASSWORD = 'mugi-cha-natsu-88'
/** Answers that hash a password take a while on a loaded machine: polls wait up to 10 s. */
const SOON = { timeout: 10_000 }
const browser = useBrowser()

const heading = (page: Page, name: string) =>
  page.getByRole('heading', { level: 1, name }).waitFor()

async function loggedIn(kind: 'pc' | 'app' = 'pc') {
  const { email, password } = await newAccount()
  const context = await newContext(browser(), kind)
  const page = await context.newPage()
  await logInAs(page, email, password)
  await heading(page, 'ホーム')
  return { email, password, context, page }
}

/** Is this context still logged in? (GET /api/me from the page, with its cookies.) */
const meStatus = (page: Page) =>
  page.evaluate(
    async () => (await fetch('/api/me', { headers: { 'X-Client-Mode': 'browser' } })).status,
  )

describe('アカウント設定 in Chromium', () => {
  it('changes the e-mail address: a link to the new address, a notice to the old, the old address refused', async () => {
    const { email, context, page } = await loggedIn()
    const other = await newContext(browser(), 'pc')
    const otherPage = await other.newPage()
    await logInAs(otherPage, email, PASSWORD)
    await heading(otherPage, 'ホーム')

    await page.goto('/account')
    await heading(page, 'アカウント設定')
    await expect.poll(() => page.getByText(email).count(), SOON).toBeGreaterThan(0)
    await page.getByRole('link', { name: 'メールアドレスの変更' }).click()
    await heading(page, 'メールアドレスの変更')
    const to = newEmail('moved')
    const since = await latestMailId()
    await page.getByLabel('新しいメールアドレス', { exact: true }).fill(to)
    await page.getByLabel('新しいメールアドレス(確認用)', { exact: true }).fill(to)
    await page.getByLabel('現在のパスワード', { exact: true }).fill('wrong-password-x1')
    await page.getByRole('button', { name: '確認メールを送信する' }).click()
    await expect
      .poll(() => page.getByText('現在のパスワードが正しくありません').count(), SOON)
      .toBeGreaterThan(0)
    await page.getByLabel('現在のパスワード', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: '確認メールを送信する' }).click()
    await expect.poll(() => page.getByText('確認のメールを送信しました').count(), SOON).toBe(1)

    const confirm = await waitForMail(to, 'メールアドレス変更の確認', since)
    await page.goto(linkIn(confirm, '/account/email/confirm'))
    await heading(page, 'メールアドレスの変更の確認')
    await expect.poll(() => page.getByText(to).count(), SOON).toBeGreaterThan(0)
    await page.getByRole('button', { name: '変更を確定する' }).click()
    await expect.poll(() => page.getByText('メールアドレスを変更しました。').count(), SOON).toBe(1)

    const notice = await waitForMail(email, 'メールアドレスが変更されました', since)
    expect(notice.text).toContain('/account/email/revert?token=')
    expect(notice.text).not.toContain(to)
    // The other browser's session ended; this one stays.
    expect(await meStatus(otherPage)).toBe(401)
    expect(await meStatus(page)).toBe(200)
    // The old address no longer logs in; the new one does.
    const fresh = await newContext(browser(), 'pc')
    const freshPage = await fresh.newPage()
    await logInAs(freshPage, email, PASSWORD)
    await expect
      .poll(
        () => freshPage.getByText('メールアドレスまたはパスワードが正しくありません').count(),
        SOON,
      )
      .toBeGreaterThan(0)
    await logInAs(freshPage, to, PASSWORD)
    await heading(freshPage, 'ホーム')
    await Promise.all([context.close(), other.close(), fresh.close()])
  })

  it('changes the password: the meter of sign-up, another context’s session ends, a notice mail', async () => {
    const { email, context, page } = await loggedIn()
    const other = await newContext(browser(), 'pc')
    const otherPage = await other.newPage()
    await logInAs(otherPage, email, PASSWORD)
    await heading(otherPage, 'ホーム')
    const since = await latestMailId()
    await page.goto('/account/password')
    await heading(page, 'パスワードの変更')
    await page.getByLabel('現在のパスワード', { exact: true }).fill(PASSWORD)
    await page.getByLabel('新しいパスワード', { exact: true }).fill('password')
    await page.getByRole('button', { name: 'パスワードを変更する' }).click()
    await expect
      .poll(() => page.getByText('よく使われているパスワード').count(), SOON)
      .toBeGreaterThan(0)
    const next = 'aozora-yuki-tanbo-52'
    await page.getByLabel('新しいパスワード', { exact: true }).fill(next)
    await page.getByLabel('新しいパスワード(確認用)', { exact: true }).fill(next)
    await page.getByRole('button', { name: 'パスワードを変更する' }).click()
    await expect.poll(() => page.getByText('パスワードを変更しました。').count(), SOON).toBe(1)
    await waitForMail(email, 'パスワードが変更されました', since)
    expect(await meStatus(otherPage)).toBe(401)
    await otherPage.goto('/home')
    await heading(otherPage, 'ログイン')
    expect(await meStatus(page)).toBe(200)
    await Promise.all([context.close(), other.close()])
  })

  it('lists the devices logged in, this one marked in words, and ends another', async () => {
    const { email, context, page } = await loggedIn()
    const phone = await newContext(browser(), 'app')
    const phonePage = await phone.newPage()
    const since = await latestMailId()
    await logInAs(phonePage, email, PASSWORD)
    await heading(phonePage, 'ホーム')
    // A device not seen before: a mail with the device in words and the sessions page.
    const newDevice = await waitForMail(email, '新しい端末からのログイン', since)
    expect(newDevice.text).toContain('/account/sessions')
    await page.goto('/account/sessions')
    await heading(page, 'ログイン中の端末')
    // Sign-up's session (made through the API, no user agent), this PC, the phone's app.
    const cards = page.locator('.session-list > li')
    await expect.poll(() => cards.count(), SOON).toBe(3)
    await expect.poll(() => page.getByText('この端末', { exact: true }).count(), SOON).toBe(1)
    await expect
      .poll(() => cards.filter({ hasText: 'この端末' }).textContent(), SOON)
      .toContain('Chrome')
    await expect.poll(() => page.getByText('(アプリ)').count(), SOON).toBe(1)
    await expect.poll(() => page.getByText('不明な端末').count(), SOON).toBe(1)
    // The place: wrangler dev passes Cloudflare's request data; a country, a prefecture, or 不明.
    await expect.poll(() => page.getByText('おおよその場所').count(), SOON).toBe(3)
    await cards
      .filter({ hasText: '(アプリ)' })
      .getByRole('button', { name: 'ログアウトさせる' })
      .click()
    await expect
      .poll(() => page.getByText('選んだ端末をログアウトさせました。').count(), SOON)
      .toBe(1)
    await expect.poll(() => cards.count(), SOON).toBe(2)
    expect(await meStatus(phonePage)).toBe(401)
    expect(await meStatus(page)).toBe(200)
    await Promise.all([context.close(), phone.close()])
  })

  it('withdraws, then a new sign-up with the same address links the same person', async () => {
    const { email, context, page } = await loggedIn()
    // A person of e2e/fixtures/extra-roster.csv: no other journey links them.
    const card = {
      name: 'マツモト　ケイ',
      birth: '1990-05-05',
      symbol: '1210',
      number: '110',
      branch: '',
    }
    await linkDemoCard(page, card)
    const since = await latestMailId()
    await page.goto('/account')
    await page.getByRole('link', { name: '退会' }).click()
    await heading(page, '退会')
    await expect.poll(() => page.getByText('健康保険組合で引き続き保管').count(), SOON).toBe(1)
    await page.getByRole('button', { name: '退会する' }).click()
    await expect
      .poll(() => page.getByText('現在のパスワードを入力してください').count(), SOON)
      .toBeGreaterThan(0)
    await page.getByLabel('現在のパスワード', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: '退会する' }).click()
    await heading(page, '退会完了')
    await waitForMail(email, '退会のお手続きが完了しました', since)
    expect(await meStatus(page)).toBe(401)
    await logInAs(page, email, PASSWORD)
    await expect
      .poll(() => page.getByText('メールアドレスまたはパスワードが正しくありません').count(), SOON)
      .toBeGreaterThan(0)
    await context.close()

    // A new account with the same address links the same person again.
    const context2 = await newContext(browser(), 'pc')
    await signUpWith(context2, email)
    const page2 = await context2.newPage()
    await page2.goto('/home')
    await heading(page2, 'ホーム')
    await linkDemoCard(page2, card)
    await context2.close()
  })

  it('a keyboard-only run: settings → password change, every control reached by Tab and Enter', async () => {
    const { context, page } = await loggedIn()
    await page.goto('/account')
    await heading(page, 'アカウント設定')
    const tabTo = async (label: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab')
        const name = await page.evaluate(() => {
          const el = document.activeElement as HTMLInputElement | null
          return el?.labels?.[0]?.textContent?.trim() ?? el?.textContent?.trim() ?? ''
        })
        if (name.startsWith(label)) return
      }
      throw new Error(`Tab never reached ${label}`)
    }
    await tabTo('パスワードの変更')
    await page.keyboard.press('Enter')
    await heading(page, 'パスワードの変更')
    await tabTo('現在のパスワード')
    await page.keyboard.type(PASSWORD)
    await tabTo('新しいパスワード')
    await page.keyboard.type('aozora-yuki-tanbo-77')
    await tabTo('新しいパスワード(確認用)')
    await page.keyboard.type('aozora-yuki-tanbo-77')
    await tabTo('パスワードを変更する')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByText('パスワードを変更しました。').count(), SOON).toBe(1)
    await tabTo('アカウント設定に戻る')
    await page.keyboard.press('Enter')
    await heading(page, 'アカウント設定')
    await context.close()
  })

  for (const kind of ['pc', 'app'] as const)
    it(`every new screen passes axe-core in Japanese and English on a ${kind === 'pc' ? 'PC' : 'phone'}`, async () => {
      const { context, page } = await loggedIn(kind)
      const screens: [string, string, string][] = [
        ['/account', 'アカウント設定', 'Account settings'],
        ['/account/email', 'メールアドレスの変更', 'Change e-mail address'],
        ['/account/password', 'パスワードの変更', 'Change password'],
        ['/account/sessions', 'ログイン中の端末', 'Devices logged in'],
        ['/account/withdraw', '退会', 'Leave the service'],
        [
          '/account/email/confirm?token=x',
          'メールアドレスの変更の確認',
          'Confirm your new e-mail address',
        ],
        [
          '/account/email/revert?token=x',
          'メールアドレスの変更の取り消し',
          'Undo the e-mail address change',
        ],
        ['/account/withdrawn', '退会完了', 'You have left the service'],
      ]
      for (const [path, ja] of screens) {
        await page.goto(path)
        await heading(page, ja)
        await page.waitForLoadState('networkidle')
        await expectNoAxeViolations(page, `${path} (ja, ${kind})`)
      }
      await page.goto('/account')
      await heading(page, 'アカウント設定')
      await page.getByRole('button', { name: 'English' }).click()
      await expect.poll(() => page.evaluate(() => document.documentElement.lang), SOON).toBe('en')
      for (const [path, , en] of screens) {
        await page.goto(path)
        await heading(page, en)
        await page.waitForLoadState('networkidle')
        await expectNoAxeViolations(page, `${path} (en, ${kind})`)
      }
      // Errors beside the fields, in words (not colour alone), pass too.
      await page.goto('/account/password')
      await page.getByRole('button', { name: 'Change password' }).click()
      await expect
        .poll(() => page.getByText('Enter your current password.').count(), SOON)
        .toBeGreaterThan(0)
      await expectNoAxeViolations(page, `/account/password errors (en, ${kind})`)
      await context.close()
    })
})

/** A sign-up through the API for an address of our choosing (newAccount picks its own). */
async function signUpWith(context: BrowserContext, email: string): Promise<string> {
  const page = await context.newPage()
  await page.goto('/signup')
  await heading(page, 'メールアドレス登録')
  const since = await latestMailId()
  await page.getByLabel('メールアドレス', { exact: true }).fill(email)
  await page.getByLabel('メールアドレス(確認用)', { exact: true }).fill(email)
  await page.getByLabel('パスワード', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: '確認画面へ' }).click()
  await page.getByRole('checkbox', { name: '会員規約およびプライバシーポリシーに同意する' }).check()
  await page.getByRole('button', { name: '仮登録メールを送信する' }).click()
  await heading(page, '仮登録メールを送信しました')
  const mail = await waitForMail(email, '仮登録ありがとうございます', since)
  await page.goto(linkIn(mail, '/verify'))
  await heading(page, '本登録が完了しました')
  await page.close()
  return email
}
