import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  expectNoAxeViolations,
  linkDemoCard,
  logInAs,
  newAccount,
  newContext,
  useBrowser,
  waitForMail,
  type DemoCard,
} from './support'
import { addPasskey, allowAutofillSwitch, autofill, withAuthenticator } from './webauthn'

const browser = useBrowser()

/** A member logged in through the screen, with a virtual authenticator in their browser. */
async function member() {
  const account = await newAccount()
  const context = await newContext(browser(), 'pc')
  const page = await context.newPage()
  const authenticator = await withAuthenticator(context, page)
  await allowAutofillSwitch(page)
  await logInAs(page, account.email, account.password)
  await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
  return { account, context, page, ...authenticator }
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'ログアウト' }).click()
  await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
}

describe('a member’s passkeys in Chromium (virtual authenticator)', () => {
  it('adds one (notice mail), logs in by the button and by autofill, renames and removes it', async () => {
    const { account, context, page, cdp, authenticatorId } = await member()
    await page.goto('/account/passkeys')
    await page.getByRole('heading', { level: 1, name: 'パスキー' }).waitFor()
    await page.getByText('まだパスキーは登録されていません。').waitFor()
    // The name is taken from the device until the member writes their own.
    expect(await page.getByLabel('パスキーの名前', { exact: true }).inputValue()).toBe('Linux')
    await expectNoAxeViolations(page, 'passkeys, empty, ja, PC')
    await addPasskey(page, '自分のPC')
    await waitForMail(account.email, 'パスキーが追加されました')
    await page.getByRole('button', { name: '「自分のPC」の名前を変更' }).waitFor()
    await expectNoAxeViolations(page, 'passkeys, one, ja, PC')
    await page.setViewportSize({ width: 390, height: 844 })
    await expectNoAxeViolations(page, 'passkeys, one, ja, phone')
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { level: 1, name: 'Passkeys' }).waitFor()
    await expectNoAxeViolations(page, 'passkeys, one, en, phone')
    await page.setViewportSize({ width: 1280, height: 800 })
    await expectNoAxeViolations(page, 'passkeys, one, en, PC')
    await page.getByRole('button', { name: '日本語' }).click()
    await page.getByRole('heading', { level: 1, name: 'パスキー' }).waitFor()
    const [credential] = (await cdp.send('WebAuthn.getCredentials', { authenticatorId }))
      .credentials
    expect(credential.isResidentCredential).toBe(true)

    // The autofill: the address field asks for `username webauthn`, and the conditional request made
    // on load is answered by the authenticator (it picks the one passkey itself): no click.
    const loggedIn = page.waitForResponse(
      (res) => res.url().endsWith('/api/passkeys/login') && res.status() === 200,
    )
    await page.getByRole('button', { name: 'ログアウト' }).click()
    await loggedIn
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()

    // The button, in a browser without the autofill.
    await autofill(page, false)
    await logOut(page)
    const email = page.getByLabel('メールアドレス', { exact: true })
    expect(await email.getAttribute('autocomplete')).toBe('username webauthn')
    await page.getByRole('button', { name: 'パスキーでログイン' }).click()
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()

    // Rename, then remove with a confirmation.
    await page.goto('/account/passkeys')
    await page.getByRole('button', { name: '「自分のPC」の名前を変更' }).click()
    await page.getByLabel('新しい名前', { exact: true }).fill('仕事用PC')
    await page.getByRole('button', { name: '保存する' }).click()
    await page.getByText('パスキーの名前を「仕事用PC」に変更しました。').waitFor()
    await page.getByRole('button', { name: '「仕事用PC」を削除' }).click()
    await page.getByText('パスキー「仕事用PC」を削除しますか?').waitFor()
    await expectNoAxeViolations(page, 'passkeys, remove confirmation')
    await page.getByRole('button', { name: '削除する', exact: true }).click()
    await page.getByText('パスキー「仕事用PC」を削除しました。').waitFor()
    await page.getByText('まだパスキーは登録されていません。').waitFor()
    await waitForMail(account.email, 'パスキーが削除されました')

    // The removed passkey no longer logs in (the authenticator still holds it).
    await logOut(page)
    await page.getByRole('button', { name: 'パスキーでログイン' }).click()
    await page.getByText('パスキーでログインできませんでした').waitFor()
    await context.close()
  })
})

describe('a passkey instead of the secret question, in Chromium', () => {
  /** A member linked to `card`, past STEP1–4 once, with a passkey; then a new session at the question. */
  async function atTheQuestion(card: DemoCard, code: string) {
    const m = await member()
    const { page } = m
    await linkDemoCard(page, card)
    await page.goto('/checkups')
    await page.getByRole('heading', { level: 1, name: '本人確認の情報送信' }).waitFor()
    // The first visit never offers a passkey: STEP1's viewing code proves the person.
    expect(await page.getByRole('button', { name: 'パスキーで確認する' }).count()).toBe(0)
    await page.getByLabel('健診閲覧コード', { exact: true }).fill(code)
    await page.getByRole('button', { name: '送信する' }).click()
    await page.getByLabel('秘密の質問', { exact: true }).selectOption({ label: '出身地は?' })
    await page.getByLabel('秘密の質問の回答', { exact: true }).fill('Sapporo')
    await page.getByRole('button', { name: '確認', exact: true }).click()
    await page.getByRole('button', { name: '設定完了' }).click()
    await page.getByRole('button', { name: '健診結果を見る' }).click()
    await page.getByRole('heading', { level: 1, name: '特定健診結果' }).waitFor()
    await addPasskey(page, 'スマホ')
    // A new session asks again: a log-in by password through the API, in this browser (its cookies), so
    // that the log-in screen's passkey autofill does not log in first.
    const relogin = await page.request.post('/api/login', {
      headers: { Origin: new URL(page.url()).origin },
      data: {
        email: m.account.email,
        password: m.account.password,
        captchaToken: 'XXXX.DUMMY.TOKEN.login',
      },
    })
    expect(relogin.status()).toBe(200)
    await page.goto('/checkups')
    await page.getByRole('heading', { level: 1, name: '秘密の質問' }).waitFor()
    await page.getByRole('button', { name: 'パスキーで確認する' }).waitFor()
    return m
  }

  it('opens the results with the passkey instead of the answer', async () => {
    const { page, context } = await atTheQuestion(
      { name: 'イトウ　イチロウ', birth: '1980-07-16', symbol: '1206', number: '106', branch: '' },
      'y6hb-t2wh-28fa',
    )
    await expectNoAxeViolations(page, 'the question with a passkey offered')
    await page.getByRole('button', { name: 'パスキーで確認する' }).click()
    await page.getByRole('heading', { level: 1, name: '特定健診結果' }).waitFor()
    await context.close()
  })

  it('is refused while health data is locked: the lock panel, not the results', async () => {
    const { page, context } = await atTheQuestion(
      { name: 'ナカムラ　ミホ', birth: '1988-12-01', symbol: '1208', number: '108', branch: '01' },
      'xa4u-kffa-fycf',
    )
    // Five wrong answers lock health data (sent from the page, as the screen would).
    for (let i = 0; i < 5; i++)
      await page.evaluate(() =>
        fetch('/api/checkups/answer', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ answer: 'wrong' }),
        }),
      )
    await page.getByRole('button', { name: 'パスキーで確認する' }).click()
    await page.getByText('健診結果の閲覧を停止しました').first().waitFor()
    // Opened again, the results say they are locked (and show no checkup).
    await page.goto('/checkups')
    await page.getByText('健診結果の閲覧を停止しました').first().waitFor()
    expect(await page.getByRole('tabpanel').count()).toBe(0)
    await context.close()
  })
})
