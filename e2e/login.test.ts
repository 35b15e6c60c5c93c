import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  latestMailId,
  linkIn,
  newAccount,
  newContext,
  newEmail,
  waitForMail,
  useBrowser,
} from './support'

const browser = useBrowser()

async function logIn(page: Page, email: string, password: string) {
  await page.goto('/login')
  await page.getByLabel('メールアドレス', { exact: true }).fill(email)
  await page.getByLabel('パスワード', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'ログイン', exact: true }).click()
}

const alert = (page: Page) => page.getByText('メールアドレスまたはパスワードが正しくありません。')

describe('log-in in Chromium (ログイン)', () => {
  it('logs in, shows ホーム, and logs out to the log-in screen', async () => {
    const { email, password } = await newAccount()
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await logIn(page, email, password)
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    const cookies = await context.cookies()
    const session = cookies.find((c) => c.name === '__Host-session')!
    expect(session.httpOnly).toBe(true)
    expect(session.secure).toBe(true)
    await page.getByRole('button', { name: 'ログアウト' }).click()
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
    expect((await context.cookies()).find((c) => c.name === '__Host-session')).toBeUndefined()
    await page.goto('/home')
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
    await context.close()
  })

  it('says the same for a wrong password and an unknown address, and keeps the address typed', async () => {
    const { email } = await newAccount()
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await logIn(page, email, 'not-my-password-1')
    await alert(page).waitFor()
    expect(await page.getByLabel('メールアドレス', { exact: true }).inputValue()).toBe(email)
    await logIn(page, newEmail('nobody'), 'not-my-password-1')
    await alert(page).waitFor()
    await context.close()
  })

  it('raises the captcha to a challenge a person must answer after 3 failures', async () => {
    const { email, password } = await newAccount()
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    for (let i = 0; i < 3; i++) {
      await logIn(page, email, `wrong-password-${i}x`)
      await alert(page).waitFor()
    }
    const challenge = page.getByRole('checkbox', { name: '私はロボットではありません' })
    await challenge.waitFor()
    await page.getByLabel('パスワード', { exact: true }).fill(password)
    await challenge.check()
    await page.getByRole('button', { name: 'ログイン', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    await context.close()
  })

  it('resets a forgotten password by mail and logs in with the new one', async () => {
    const { email, password } = await newAccount()
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await page.goto('/login')
    await page.getByRole('link', { name: 'ログインできない場合はこちら' }).click()
    await page.getByRole('link', { name: 'パスワードを忘れた方はこちら' }).click()
    await page.getByRole('heading', { level: 1, name: 'パスワードの再設定' }).waitFor()
    const since = await latestMailId()
    await page.getByLabel('メールアドレス', { exact: true }).fill(email)
    await page.getByRole('button', { name: '再設定メールを送信する' }).click()
    await page.getByText('ご入力のメールアドレスが登録されている場合').waitFor()
    const mail = await waitForMail(email, 'パスワード再設定', since)
    await page.goto(linkIn(mail, '/password/reset'))
    await page.getByRole('heading', { level: 1, name: '新しいパスワードの設定' }).waitFor()
    const next = 'hoshi-zora-tsuki-41'
    await page.getByLabel('新しいパスワード', { exact: true }).fill(next)
    await page.getByLabel('新しいパスワード(確認用)', { exact: true }).fill(next)
    await page.getByRole('button', { name: 'パスワードを再設定する' }).click()
    await page.getByText('パスワードを再設定しました。').waitFor()
    await waitForMail(email, 'パスワードが変更されました', since)
    await logIn(page, email, password)
    await alert(page).waitFor()
    await logIn(page, email, next)
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    await context.close()
  })

  it('leads ログインIDを忘れた方はこちら to the inquiry page', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await page.goto('/login/help')
    await page.getByRole('link', { name: 'ログインIDを忘れた方はこちら' }).click()
    await page.getByRole('heading', { level: 1, name: 'お問い合わせ' }).waitFor()
    await context.close()
  })
})
