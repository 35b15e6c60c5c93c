import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  expectNoAxeViolations,
  latestMailId,
  linkIn,
  logInAs,
  newAccount,
  newContext,
  newEmail,
  useBrowser,
  waitForMail,
} from './support'

const PASSWORD = 'mugi-cha-natsu-88'
const browser = useBrowser()

/** メールアドレス登録 with a 招待コード, to 登録情報・規約確認 and the send. */
async function signUpWith(page: Page, email: string, inviteCode: string) {
  await page.goto('/signup')
  await page.getByRole('heading', { level: 1, name: 'メールアドレス登録' }).waitFor()
  await page.getByLabel('メールアドレス', { exact: true }).fill(email)
  await page.getByLabel('メールアドレス(確認用)', { exact: true }).fill(email)
  await page.getByLabel('パスワード', { exact: true }).fill(PASSWORD)
  await page.getByLabel('招待コード', { exact: true }).fill(inviteCode)
  await page.getByRole('button', { name: '確認画面へ' }).click()
  await page.getByRole('checkbox', { name: '会員規約およびプライバシーポリシーに同意する' }).check()
  await page.getByRole('button', { name: '仮登録メールを送信する' }).click()
}

const joinedText = (page: Page) => page.getByText(/この招待コードで登録した方:\d+人/).textContent()

describe('招待コード (issue 12) in Chromium', () => {
  for (const kind of ['pc', 'app'] as const) {
    it(`shows the member's code, copies it with a spoken confirmation, and counts who joined with it (${kind === 'pc' ? 'PC' : 'phone'})`, async () => {
      const inviter = await newAccount()
      const context = await newContext(browser(), kind)
      await context.grantPermissions(['clipboard-read', 'clipboard-write'])
      const page = await context.newPage()
      await logInAs(page, inviter.email, inviter.password)
      await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
      await page.goto('/account/invite')
      await page.getByRole('heading', { level: 1, name: '招待コード' }).waitFor()
      const code = (await page.locator('.invite__code').textContent())!.trim()
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/)
      expect(await joinedText(page)).toContain('0人')
      await expect
        .poll(() => page.locator('main').textContent())
        .toContain('「健診閲覧コード」(ハガキでお届けしたもの)とは別のもの')
      await expectNoAxeViolations(page, `invite (${kind})`)
      await page.getByRole('button', { name: '招待コードをコピーする' }).click()
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'コピーしました' }).count())
        .toBe(1)
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code)

      // A stranger signs up: a mistyped code is refused at once, beside its field; the right one
      // (typed in lower case) records who invited them.
      const other = await newContext(browser(), kind)
      const newcomer = await other.newPage()
      const email = newEmail('invited')
      await signUpWith(newcomer, email, 'ZZZZ-ZZZZ')
      await newcomer.getByRole('heading', { level: 1, name: 'メールアドレス登録' }).waitFor()
      await expect
        .poll(() => newcomer.locator('main').textContent())
        .toContain('この招待コードは見つかりません')
      await expectNoAxeViolations(newcomer, `unknown invite code (${kind})`)
      const since = await latestMailId()
      await signUpWith(newcomer, email, code.toLowerCase())
      await newcomer
        .getByRole('heading', { level: 1, name: '仮登録メールを送信しました' })
        .waitFor()
      const mail = await waitForMail(email, '仮登録', since)
      await newcomer.goto(linkIn(mail, '/verify'))
      await newcomer.getByRole('heading', { level: 1, name: '本登録が完了しました' }).waitFor()
      await other.close()

      await page.reload()
      await page.getByRole('heading', { level: 1, name: '招待コード' }).waitFor()
      await expect.poll(() => joinedText(page)).toContain('1人')

      // English too.
      await page.getByRole('button', { name: 'English' }).click()
      await page.getByRole('heading', { level: 1, name: 'Invitation code' }).waitFor()
      await expect
        .poll(() => page.locator('main').textContent())
        .toContain('People who signed up with this code: 1')
      await expectNoAxeViolations(page, `invite en (${kind})`)
      await context.close()
    })
  }
})
