import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  expectNoAxeViolations,
  latestMailId,
  linkIn,
  newContext,
  newEmail,
  useBrowser,
  waitForMail,
} from './support'

const browser = useBrowser()
const STRANGER_PASSWORD = 'kuro-neko-yoru-73'

/** メールアドレス登録 through the screens, up to 仮登録メールを送信しました. */
async function signUpOn(page: Page, email: string, password: string) {
  await page.goto('/signup')
  await page.getByLabel('メールアドレス', { exact: true }).fill(email)
  await page.getByLabel('メールアドレス(確認用)', { exact: true }).fill(email)
  await page.getByLabel('パスワード', { exact: true }).fill(password)
  await page.getByRole('button', { name: '確認画面へ' }).click()
  await page.getByRole('checkbox', { name: '会員規約およびプライバシーポリシーに同意する' }).check()
  await page.getByRole('button', { name: '仮登録メールを送信する' }).click()
  await page.getByRole('heading', { level: 1, name: '仮登録メールを送信しました' }).waitFor()
}

/**
 * Finding 5 of issue 9, the pre-hijacked sign-up: a stranger signs up someone else's address with a
 * password of their own. The owner, following the link in their own browser, must not end up in an
 * account whose password the stranger knows.
 */
describe('the sign-up binding in Chromium', () => {
  it("the owner's browser cannot complete a stranger's sign-up without the stranger's password", async () => {
    const stranger = await newContext(browser(), 'pc')
    const owner = await newContext(browser(), 'pc')
    const email = newEmail('victim')
    const since = await latestMailId()
    const s = await stranger.newPage()
    await signUpOn(s, email, STRANGER_PASSWORD)
    const mail = await waitForMail(email, '仮登録ありがとうございます', since)
    expect(mail.text).toContain('お心当たりのない場合')

    const o = await owner.newPage()
    await o.goto(linkIn(mail, '/verify'))
    const password = o.getByLabel('仮登録時に設定したパスワード', { exact: true })
    await password.waitFor()
    expect(await o.getByText('別の場所で開かれました').count()).toBeGreaterThan(0)
    await password.fill('my-own-guess-55')
    await o.getByRole('button', { name: '本登録する' }).click()
    await expect.poll(() => o.getByText('パスワードが正しくありません').count()).toBeGreaterThan(0)
    // The field keeps what was typed, and the screen passes axe with its error shown.
    expect(await password.inputValue()).toBe('my-own-guess-55')
    await expectNoAxeViolations(o, 'the sign-up password asked for elsewhere')
    // No account, no session: home still sends the owner to log in.
    await o.goto('/home')
    await o.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
    const me = await o.evaluate(async () => (await fetch('/api/me')).status)
    expect(me).toBe(401)
    await stranger.close()
    await owner.close()
  })

  it('the browser that signed up completes it with one click on the link', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    const email = newEmail('bound')
    const since = await latestMailId()
    await signUpOn(page, email, STRANGER_PASSWORD)
    await page.goto(
      linkIn(await waitForMail(email, '仮登録ありがとうございます', since), '/verify'),
    )
    await page.getByRole('heading', { level: 1, name: '本登録が完了しました' }).waitFor()
    await context.close()
  })

  it('elsewhere, the one who signed up completes it with the password', async () => {
    const first = await newContext(browser(), 'pc')
    const second = await newContext(browser(), 'pc')
    const email = newEmail('moved')
    const since = await latestMailId()
    const p1 = await first.newPage()
    await signUpOn(p1, email, STRANGER_PASSWORD)
    const p2 = await second.newPage()
    await p2.goto(linkIn(await waitForMail(email, '仮登録ありがとうございます', since), '/verify'))
    await p2.getByLabel('仮登録時に設定したパスワード', { exact: true }).fill(STRANGER_PASSWORD)
    await p2.getByRole('button', { name: '本登録する' }).click()
    await p2.getByRole('heading', { level: 1, name: '本登録が完了しました' }).waitFor()
    await first.close()
    await second.close()
  })
})
