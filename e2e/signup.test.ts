import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  advanceClock,
  codeIn,
  expectNoAxeViolations,
  latestMailId,
  linkIn,
  newContext,
  newEmail,
  waitForMail,
  useBrowser,
} from './support'

const PASSWORD = 'mugi-cha-natsu-88'
const PROVISIONAL = '仮登録ありがとうございます'
const browser = useBrowser()

async function fillSignupForm(page: Page, email: string, password = PASSWORD) {
  await page.goto('/signup')
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent())
    .toContain('メールアドレス登録')
  await page.getByLabel('メールアドレス', { exact: true }).fill(email)
  await page.getByLabel('メールアドレス(確認用)', { exact: true }).fill(email)
  await page.getByLabel('パスワード', { exact: true }).fill(password)
  await page.getByRole('button', { name: '確認画面へ' }).click()
}

async function confirmAndSend(page: Page) {
  await page.getByRole('checkbox', { name: '会員規約およびプライバシーポリシーに同意する' }).check()
  await page.getByRole('button', { name: '仮登録メールを送信する' }).click()
  await page.getByRole('heading', { level: 1, name: '仮登録メールを送信しました' }).waitFor()
}

describe('sign-up in Chromium (メールアドレス登録)', () => {
  it('takes a PC browser from the form to a verified, logged-in account', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    const email = newEmail('pc')
    const since = await latestMailId()
    await fillSignupForm(page, email)
    await page.getByRole('heading', { level: 1, name: '登録情報・規約確認' }).waitFor()
    await expect.poll(() => page.getByText(email).count()).toBeGreaterThan(0)
    await confirmAndSend(page)
    await expect.poll(() => page.getByText('1時間以内').count()).toBeGreaterThan(0)
    const mail = await waitForMail(email, PROVISIONAL, since)
    await page.goto(linkIn(mail, '/verify'))
    await page.getByRole('heading', { level: 1, name: '本登録が完了しました' }).waitFor()
    await page.goto('/home')
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    await expect.poll(() => page.getByText(email).count()).toBeGreaterThan(0)
    await context.close()
  })

  it('completes a sign-up with the keyboard alone', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    const email = newEmail('kbd')
    const since = await latestMailId()
    await page.goto('/signup')
    await page.getByRole('heading', { level: 1, name: 'メールアドレス登録' }).waitFor()
    const focusOn = async (label: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab')
        const name = await page.evaluate(() => {
          const el = document.activeElement as HTMLInputElement | null
          return el?.labels?.[0]?.textContent?.trim() ?? el?.textContent?.trim() ?? ''
        })
        if (name.startsWith(label)) return
      }
      throw new Error(`Tab never reached ${label}`)
    }
    await focusOn('メールアドレス')
    await page.keyboard.type(email)
    await page.keyboard.press('Tab')
    await page.keyboard.type(email)
    await focusOn('パスワード')
    await page.keyboard.type(PASSWORD)
    await focusOn('確認画面へ')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: '登録情報・規約確認' }).waitFor()
    await focusOn('会員規約およびプライバシーポリシーに同意する')
    await page.keyboard.press('Space')
    await focusOn('仮登録メールを送信する')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: '仮登録メールを送信しました' }).waitFor()
    const mail = await waitForMail(email, PROVISIONAL, since)
    expect(linkIn(mail, '/verify')).toContain('/verify?token=')
    await context.close()
  })

  it('lets the installed app finish with the 6-digit code from the mail', async () => {
    const context = await newContext(browser(), 'app')
    const page = await context.newPage()
    const email = newEmail('app')
    const since = await latestMailId()
    await fillSignupForm(page, email)
    await confirmAndSend(page)
    await expect.poll(() => page.getByText('24時間以内').count()).toBeGreaterThan(0)
    const mail = await waitForMail(email, PROVISIONAL, since)
    await page.getByRole('link', { name: '確認コードを入力する' }).click()
    await page.getByRole('heading', { level: 1, name: '確認コードの入力' }).waitFor()
    await page.getByLabel('確認コード', { exact: true }).fill(codeIn(mail))
    await page.getByRole('button', { name: '認証する' }).click()
    await page.getByRole('heading', { level: 1, name: '本登録が完了しました' }).waitFor()
    await context.close()
  })

  it('kills the first link when the mail is re-sent', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    const email = newEmail('resend')
    const since = await latestMailId()
    await fillSignupForm(page, email)
    await confirmAndSend(page)
    const first = await waitForMail(email, PROVISIONAL, since)
    await page.getByRole('button', { name: '仮登録メールの再送信' }).click()
    await expect
      .poll(() => page.getByText('仮登録メールを再送信しました').count())
      .toBeGreaterThan(0)
    const second = await waitForMail(email, PROVISIONAL, first.id)
    await page.goto(linkIn(first, '/verify'))
    await expect
      .poll(() =>
        page.getByText('このURLは有効期限が切れているか、すでに使用されています。').count(),
      )
      .toBeGreaterThan(0)
    await page.goto(linkIn(second, '/verify'))
    await page.getByRole('heading', { level: 1, name: '本登録が完了しました' }).waitFor()
    await context.close()
  })

  it('says an expired link has expired and leads back to sign-up', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    const email = newEmail('expired')
    const since = await latestMailId()
    await fillSignupForm(page, email)
    await confirmAndSend(page)
    const mail = await waitForMail(email, PROVISIONAL, since)
    await advanceClock(61 * 60_000)
    await page.goto(linkIn(mail, '/verify'))
    await expect
      .poll(() =>
        page.getByText('このURLは有効期限が切れているか、すでに使用されています。').count(),
      )
      .toBeGreaterThan(0)
    await page.getByRole('link', { name: '新規登録画面へ' }).click()
    await page.getByRole('heading', { level: 1, name: 'メールアドレス登録' }).waitFor()
    await context.close()
  })

  it('shows a registered address the same screens and mails its owner', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    const since = await latestMailId()
    await fillSignupForm(page, 'DEMO@kenshin.example')
    await confirmAndSend(page)
    const mail = await waitForMail('demo@kenshin.example', 'すでに登録されています', since)
    expect(mail.text).not.toContain('/verify?token=')
    await context.close()
  })

  it('shows each mistake next to its field and keeps the member on the form', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await page.goto('/signup')
    await page.getByLabel('メールアドレス', { exact: true }).fill('taro＠example.jp')
    await page.getByLabel('メールアドレス(確認用)', { exact: true }).fill('other@example.jp')
    await page.getByLabel('パスワード', { exact: true }).fill('1234567')
    await page.getByRole('button', { name: '確認画面へ' }).click()
    await expect.poll(() => page.getByText('＠が全角です').count()).toBeGreaterThan(0)
    await expect.poll(() => page.getByText('一致しません').count()).toBeGreaterThan(0)
    await expect
      .poll(() => page.getByText('8文字以上で入力してください').count())
      .toBeGreaterThan(0)
    expect(
      await page.getByLabel('メールアドレス', { exact: true }).getAttribute('aria-invalid'),
    ).toBe('true')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'メールアドレス登録',
    )
    await expectNoAxeViolations(page, 'sign-up form with errors')
    await context.close()
  })
})
