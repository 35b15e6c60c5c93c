import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  expectNoAxeViolations,
  latestMailId,
  logInAs,
  newAccount,
  newContext,
  newEmail,
  useBrowser,
  waitForMail,
} from './support'

const browser = useBrowser()

/** The id of the focused element, once focus has settled. */
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')

/** Presses Tab until the element `id` has the focus (a date input takes one Tab per segment). */
async function tabTo(page: Page, id: string) {
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab')
    if ((await focusedId(page)) === id) return
  }
  expect(await focusedId(page)).toBe(id)
}

/** The manual's required fields and the message each shows when left empty. */
const EMPTY_MESSAGES: [string, string][] = [
  ['氏名(全角カナ)', '氏名(フルネーム・全角カナ)を入力してください。'],
  ['メールアドレス', 'メールアドレスを入力してください。'],
  ['メールアドレス(確認用)', 'メールアドレス(確認用)を入力してください。'],
  ['健康保険組合名', '健康保険組合名を入力してください。'],
  ['生年月日', '生年月日を入力してください。'],
  ['お問い合わせの種類', 'お問い合わせの種類を選択してください。'],
  ['お問い合わせ内容', 'お問い合わせ内容を入力してください。'],
  ['個人情報の取り扱いについてに同意する', '個人情報の取り扱いについてに同意してください。'],
]

/** The accessible description of a field found by its label (where its error message is read). */
const descriptionOf = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  )

describe('お問い合わせ in Chromium (form → 確認 → 送信 → 受付番号)', () => {
  it('from ログインIDを忘れた方はこちら, by keyboard only: every field’s error, the confirmation, the 受付番号 and its mail without the text', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await page.goto('/login/help')
    await page.getByRole('link', { name: 'ログインIDを忘れた方はこちら' }).click()
    await page.getByRole('heading', { level: 1, name: 'お問い合わせ' }).waitFor()
    expect(new URL(page.url()).search).toBe('?type=login')
    // The link carried the type along.
    await expect
      .poll(() => page.getByLabel('お問い合わせの種類', { exact: true }).inputValue())
      .toBe('login')
    await expect.poll(() => page.getByText('受付時間:10時〜18時(平日)').count()).toBe(1)
    await expectNoAxeViolations(page, '/inquiry (empty)')

    // Sent empty (the type chosen by the link cleared first): every field names its problem.
    await page.getByLabel('お問い合わせの種類', { exact: true }).selectOption('')
    await page.getByRole('button', { name: '入力内容を確認する' }).press('Enter')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className ?? ''))
      .toBe('error-summary')
    for (const [label, message] of EMPTY_MESSAGES)
      await expect.poll(() => descriptionOf(page, label), { message: label }).toContain(message)
    await expectNoAxeViolations(page, '/inquiry (errors)')

    // Wrong values: each field's own message.
    await page.getByLabel('氏名(全角カナ)', { exact: true }).fill('Kenshin Hanako')
    await page.getByLabel('メールアドレス', { exact: true }).fill('hanako＠example.jp')
    await page.getByLabel('お問い合わせ内容', { exact: true }).fill('あ'.repeat(1001))
    await page.getByLabel('Kenshin Portalアプリのバージョン', { exact: true }).fill('x'.repeat(51))
    await expect.poll(() => page.getByText('1,001 / 1,000文字').count()).toBe(1)
    await page.getByRole('button', { name: '入力内容を確認する' }).press('Enter')
    await expect
      .poll(() => descriptionOf(page, '氏名(全角カナ)'))
      .toContain('氏名は全角カナで入力してください。')
    await expect
      .poll(() => descriptionOf(page, 'メールアドレス'))
      .toContain('＠が全角です。半角の@で入力してください。')
    await expect
      .poll(() => descriptionOf(page, 'お問い合わせ内容'))
      .toContain('お問い合わせ内容は1,000文字以内で入力してください。')
    await expect
      .poll(() => descriptionOf(page, 'Kenshin Portalアプリのバージョン'))
      .toContain('アプリのバージョンは50文字以内で入力してください。')
    for (const label of [
      '氏名(全角カナ)',
      'メールアドレス',
      'お問い合わせ内容',
      'Kenshin Portalアプリのバージョン',
    ])
      await page.getByLabel(label, { exact: true }).fill('')

    // Keyboard only, in the order of the form: type, Tab, type …
    const email = newEmail('inquiry')
    const typed = '健診閲覧コードのはがきを捨ててしまいました。秘密の本文'
    await page.getByLabel('氏名(全角カナ)', { exact: true }).focus()
    await page.keyboard.type('けんしん はなこ')
    const steps: [string, string | null][] = [
      ['inquiry-email', email],
      ['inquiry-email-confirm', email],
      ['inquiry-insurer-name', 'デモ健康保険組合'],
      ['inquiry-birth-date', null],
      ['inquiry-type', null],
      ['inquiry-message', typed],
    ]
    for (const [id, text] of steps) {
      await tabTo(page, id)
      if (text !== null) await page.keyboard.type(text)
      if (id === 'inquiry-birth-date') {
        // Headless Chromium's date segments do not take typed digits reliably (they came out as
        // 0005-12-08): the one value set with fill, on the field the keyboard reached.
        await page.getByLabel('生年月日', { exact: true }).fill('1985-06-15')
        expect(await page.getByLabel('生年月日', { exact: true }).inputValue()).toBe('1985-06-15')
      }
      if (id === 'inquiry-type') {
        // 選択してください → 新規登録について → ログインについて
        await page.keyboard.press('ArrowDown')
        await page.keyboard.press('ArrowDown')
      }
    }
    // The four optional fields, left empty, then the consent.
    for (const id of [
      'inquiry-app-version',
      'inquiry-device',
      'inquiry-os-version',
      'inquiry-browser',
    ]) {
      await page.keyboard.press('Tab')
      await expect.poll(() => focusedId(page)).toBe(id)
    }
    await page.keyboard.press('Tab')
    await expect.poll(() => focusedId(page)).toBe('inquiry-agree')
    await page.keyboard.press('Space')
    await page.keyboard.press('Tab') // the link to 個人情報の取り扱いについて
    await page.keyboard.press('Tab')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toBe('入力内容を確認する')
    await page.keyboard.press('Enter')

    await page.getByRole('heading', { level: 2, name: '入力内容の確認' }).waitFor()
    // The focus moves to the step's heading, so a screen reader announces it.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toBe('入力内容の確認')
    const summary = page.locator('dl.summary-list')
    await expect.poll(() => summary.textContent()).toContain('ケンシン　ハナコ')
    await expect.poll(() => summary.textContent()).toContain('ログインについて')
    await expect.poll(() => summary.textContent()).toContain(typed)
    await expectNoAxeViolations(page, '/inquiry (confirmation)')
    const since = await latestMailId()
    await page.getByRole('button', { name: '送信する' }).press('Enter')

    await page.getByRole('heading', { level: 2, name: 'お問い合わせを受け付けました' }).waitFor()
    const receiptNo = (await page.locator('.inquiry__receipt').textContent())!.trim()
    expect(receiptNo).toMatch(/^\d{8}-[2-9A-Z]{4}-[2-9A-Z]{4}$/)
    await expect.poll(() => page.getByText('受付時間:10時〜18時(平日)').count()).toBe(1)
    await expectNoAxeViolations(page, '/inquiry (sent)')

    const mail = await waitForMail(email, 'お問い合わせを受け付けました', since)
    expect(mail.subject).toContain(receiptNo)
    expect(mail.text).toContain(`受付番号: ${receiptNo}`)
    expect(mail.text).toContain('お問い合わせの種類: ログインについて')
    for (const word of ['秘密の本文', 'ハナコ', 'デモ健康保険組合'])
      expect(mail.text + mail.html).not.toContain(word)
    await context.close()
  })

  it('logged in: the address is filled in, and お問い合わせ履歴 lists what was sent with its status', async () => {
    const { email, password } = await newAccount()
    const context = await newContext(browser())
    const page = await context.newPage()
    await logInAs(page, email, password)
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    await page.goto('/inquiry?type=viewing_code')
    await page.getByRole('heading', { level: 2, name: 'お問い合わせ履歴' }).waitFor()
    await expect
      .poll(() => page.getByText('ログイン中に送信されたお問い合わせはありません。').count())
      .toBe(1)
    await expect
      .poll(() => page.getByLabel('メールアドレス', { exact: true }).inputValue())
      .toBe(email)
    await expect
      .poll(() => page.getByLabel('メールアドレス(確認用)', { exact: true }).inputValue())
      .toBe(email)
    expect(await page.getByLabel('お問い合わせの種類', { exact: true }).inputValue()).toBe(
      'viewing_code',
    )
    await page.getByLabel('氏名(全角カナ)', { exact: true }).fill('ケンシン　ジロウ')
    await page.getByLabel('健康保険組合名', { exact: true }).fill('デモ健康保険組合')
    await page.getByLabel('生年月日', { exact: true }).fill('1970-01-02')
    await page.getByLabel('お問い合わせ内容', { exact: true }).fill('はがきが届きません。')
    await page.getByLabel('個人情報の取り扱いについてに同意する', { exact: true }).check()
    await page.getByRole('button', { name: '入力内容を確認する' }).click()
    await page.getByRole('button', { name: '送信する' }).click()
    await page.getByRole('heading', { level: 2, name: 'お問い合わせを受け付けました' }).waitFor()
    const receiptNo = (await page.locator('.inquiry__receipt').textContent())!.trim()
    const history = page.getByRole('table')
    await expect.poll(() => history.textContent()).toContain(receiptNo)
    await expect.poll(() => history.textContent()).toContain('健診閲覧コード(旧パスコード)')
    await expect.poll(() => history.textContent()).toContain('新規')
    await expectNoAxeViolations(page, '/inquiry (history)')
    await context.close()
  })
})
