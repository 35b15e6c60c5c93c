/**
 * Issue 12's "done when", in Chromium: the demo member changes address and password, adds a passkey,
 * logs in with it, opens the results with it instead of the secret question, and gets an お知らせ (and a
 * push at the stand-in) when the operator imports a new checkup; the notice's link, opened logged out,
 * comes back to that checkup after the log-in. A second member withdraws and signs up again, linking
 * the same person. The demo member's address and password are put back at the end (other journeys
 * log in with them).
 */
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { fromBase64url } from '../worker/services/web-push'
import { decryptPush, newSubscriber } from '../worker/test/push'
import {
  BASE,
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
import { importCheckup, postFromPage, pushesTo, runNoticesJob } from './notices'
import { addPasskey, allowAutofillSwitch, autofill, withAuthenticator } from './webauthn'

const browser = useBrowser()
const DEMO = {
  email: 'demo@kenshin.example',
  password: 'Kenko-Demo-2026',
  personKey: 'D0000',
  code: 'VT7Y-2YTE-BHJ9',
}
/** A date no seed, fixture or other journey imports for the demo person. */
const EXAM_DATE = '2026-12-01'
const SOON = { timeout: 15_000 }

const heading = (page: Page, name: string) =>
  page.getByRole('heading', { level: 1, name }).waitFor(SOON)

/** メールアドレスの変更 through the screens: the link to the new address confirms it. */
async function changeAddress(page: Page, to: string, password: string) {
  const since = await latestMailId()
  await page.goto('/account')
  await heading(page, 'アカウント設定')
  await page.getByRole('link', { name: 'メールアドレスの変更' }).click()
  await heading(page, 'メールアドレスの変更')
  await page.getByLabel('新しいメールアドレス', { exact: true }).fill(to)
  await page.getByLabel('新しいメールアドレス(確認用)', { exact: true }).fill(to)
  await page.getByLabel('現在のパスワード', { exact: true }).fill(password)
  await page.getByRole('button', { name: '確認メールを送信する' }).click()
  await page.getByText('確認のメールを送信しました').first().waitFor(SOON)
  await page.goto(
    linkIn(await waitForMail(to, 'メールアドレス変更の確認', since), '/account/email/confirm'),
  )
  await page.getByRole('button', { name: '変更を確定する' }).click()
  await page.getByText('メールアドレスを変更しました。').waitFor(SOON)
  return since
}

/** パスワードの変更 through the screen. */
async function changePassword(page: Page, from: string, to: string) {
  await page.goto('/account/password')
  await heading(page, 'パスワードの変更')
  await page.getByLabel('現在のパスワード', { exact: true }).fill(from)
  await page.getByLabel('新しいパスワード', { exact: true }).fill(to)
  await page.getByLabel('新しいパスワード(確認用)', { exact: true }).fill(to)
  await page.getByRole('button', { name: 'パスワードを変更する' }).click()
  await page.getByText('パスワードを変更しました。').waitFor(SOON)
}

let restore: (() => Promise<void>) | undefined
afterAll(async () => {
  await restore?.()
})

describe("the member's account (issue 12, done when)", () => {
  it('the demo member: new address and password, a passkey for log-in and for the results, an お知らせ and a push after an import', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await withAuthenticator(context, page)
    await allowAutofillSwitch(page)
    await logInAs(page, DEMO.email, DEMO.password)
    await heading(page, 'ホーム')
    await autofill(page, false)

    // A new address (a link to it confirms; the old address gets the notice), then a new password.
    const address = newEmail('demo-moved')
    const password = 'sakura-michi-hare-64'
    const since = await changeAddress(page, address, DEMO.password)
    await waitForMail(DEMO.email, 'メールアドレスが変更されました', since)
    restore = async () => {
      // Back to the README's log-in, through the same screens, for the journeys that use it.
      await changePassword(page, password, DEMO.password)
      await changeAddress(page, DEMO.email, DEMO.password)
      await context.close()
    }
    await changePassword(page, DEMO.password, password)
    await waitForMail(address, 'パスワードが変更されました', since)

    // The results once the first time (viewing code, secret question), then a passkey.
    await page.goto('/checkups')
    await heading(page, '本人確認の情報送信')
    await page.getByLabel('健診閲覧コード', { exact: true }).fill(DEMO.code)
    await page.getByRole('button', { name: '送信する' }).click()
    await page.getByLabel('秘密の質問', { exact: true }).selectOption({ label: '出身地は?' })
    await page.getByLabel('秘密の質問の回答', { exact: true }).fill('Nagoya')
    await page.getByRole('button', { name: '確認', exact: true }).click()
    await page.getByRole('button', { name: '設定完了' }).click()
    await page.getByRole('button', { name: '健診結果を見る' }).click()
    await heading(page, '特定健診結果')
    await addPasskey(page, 'デモのPC')

    // Log out, log in with the passkey; the new session asks again, and the passkey answers.
    await page.getByRole('button', { name: 'ログアウト' }).click()
    await heading(page, 'ログイン')
    await page.getByRole('button', { name: 'パスキーでログイン' }).click()
    await heading(page, 'ホーム')
    await page.goto('/checkups')
    await heading(page, '秘密の質問')
    await page.getByRole('button', { name: 'パスキーで確認する' }).click()
    await heading(page, '特定健診結果')

    // This browser's push subscription, pointed at the stand-in (the vendor's service is unreachable).
    const subscriber = await newSubscriber()
    const pushId = `done${Date.now().toString(36)}`
    expect(
      await postFromPage(page, '/api/push/subscriptions', {
        endpoint: `${BASE}/dev/push/${pushId}`,
        keys: subscriber.keys,
      }),
    ).toBe(201)

    // The operator imports a new checkup; the import sends nothing, the scheduled job does.
    await importCheckup(DEMO.personKey, EXAM_DATE)
    await runNoticesJob()
    const mine = await pushesTo(pushId)
    expect(mine.length).toBeGreaterThanOrEqual(1)
    const opened = await Promise.all(
      mine.map(async (p) => {
        expect(p.headers['content-encoding']).toBe('aes128gcm')
        return JSON.parse(await decryptPush(fromBase64url(p.body), subscriber))
      }),
    )
    const push = opened.find((p) => p.link === `/checkups/${EXAM_DATE}`)
    expect(push).toMatchObject({ body: '新しい健診結果が届きました' })
    expect(JSON.stringify(push)).not.toContain('170.2')

    // ホーム's お知らせ, then the notice opens the checkup of that date.
    await page.goto('/home')
    await page.getByText(/未読 \d+件/).waitFor(SOON)
    await page.goto('/notices')
    await heading(page, 'お知らせ')
    await page.locator(`a[href="/checkups/${EXAM_DATE}"]`).first().click()
    await page.waitForURL(`**/checkups/${EXAM_DATE}`)
    await page.getByRole('tab', { name: /2026年12月1日/, selected: true }).waitFor(SOON)

    // The same link opened logged out: the log-in screen, where the browser's autofill offers the
    // passkey (the virtual authenticator picks it at once), then back to that checkup.
    await page.getByRole('button', { name: 'ログアウト' }).click()
    await heading(page, 'ログイン')
    await autofill(page, true)
    await page.goto(`/checkups/${EXAM_DATE}`)
    await page.waitForURL(/\/login\?next=/, SOON)
    await page.waitForURL(`**/checkups/${EXAM_DATE}`, SOON)
    await heading(page, '秘密の質問')
    await page.getByRole('button', { name: 'パスキーで確認する' }).click()
    await page.getByRole('tab', { name: /2026年12月1日/, selected: true }).waitFor(SOON)
  })

  it('a second member withdraws, and signs up again with the same address, linking the same person', async () => {
    const { email, password } = await newAccount()
    const context = await newContext(browser(), 'app')
    const page = await context.newPage()
    await logInAs(page, email, password)
    await heading(page, 'ホーム')
    // A person of e2e/fixtures/extra-roster.csv: no other journey links them.
    const card = {
      name: 'モリ　シンジ',
      birth: '1992-08-21',
      symbol: '1211',
      number: '111',
      branch: '',
    }
    await linkDemoCard(page, card)
    const since = await latestMailId()
    await page.goto('/account')
    await page.getByRole('link', { name: '退会' }).click()
    await heading(page, '退会')
    await page.getByLabel('現在のパスワード', { exact: true }).fill(password)
    await page.getByRole('button', { name: '退会する' }).click()
    await heading(page, '退会完了')
    await waitForMail(email, '退会のお手続きが完了しました', since)
    await context.close()

    await newAccount(password, email)
    const again = await newContext(browser(), 'app')
    const page2 = await again.newPage()
    await logInAs(page2, email, password)
    await heading(page2, 'ホーム')
    await linkDemoCard(page2, card)
    await again.close()
  })
})
