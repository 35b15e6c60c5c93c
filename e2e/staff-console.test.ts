import { describe, expect, it } from 'vitest'
import { expectNoAxeViolations, newContext, useBrowser } from './support'
import { fillStaffLogin, freshCode, STAFF, staffLogIn } from './staff'

const browser = useBrowser()

describe('the staff console in Chromium (/staff)', () => {
  it('logs the support agent in with the README password and a TOTP code from its secret; a wrong code is refused', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await page.goto('/staff/inquiries')
    // Without a session every console screen leads to the log-in, and back after it.
    await page.getByRole('heading', { level: 1, name: 'スタッフログイン' }).waitFor()
    await expectNoAxeViolations(page, 'staff log-in')
    await fillStaffLogin(page, 'support', '000000')
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('メールアドレス、パスワードまたは確認コードが正しくありません')
    expect(new URL(page.url()).pathname).toBe('/staff/login')
    await fillStaffLogin(page, 'support')
    await page.waitForURL(/\/staff\/inquiries$/)
    await page.goto('/staff')
    await page.getByRole('heading', { level: 1, name: 'スタッフホーム' }).waitFor()
    // The support agent's menu: inquiries and the audit log, no administration.
    const nav = page.getByRole('navigation', { name: 'スタッフメニュー' })
    await nav.getByRole('link', { name: 'お問い合わせ' }).waitFor()
    expect(await nav.getByRole('link', { name: 'スタッフ', exact: true }).count()).toBe(0)
    await expectNoAxeViolations(page, 'staff home')
    await context.close()
  })

  it('issues an API token shown once, and signs out', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await staffLogIn(page, 'operator')
    await page.getByRole('link', { name: '自分のアカウント' }).first().click()
    await page.getByRole('heading', { level: 1, name: '自分のアカウント' }).waitFor()
    await page.getByLabel('トークンの名前', { exact: true }).fill('業務用PC')
    await page.getByLabel('有効期間(日)', { exact: true }).fill('30')
    await page.getByLabel('確認コード(6桁)', { exact: true }).fill(await freshCode('operator'))
    await page.getByRole('button', { name: 'トークンを発行する' }).click()
    const token = await page.getByTestId('issued-token').textContent()
    expect(token).toMatch(/^kp_/)
    const whoami = await fetch(new URL('/api/ops/whoami', page.url()), {
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(whoami.status).toBe(200)
    await page.getByRole('cell', { name: '業務用PC', exact: true }).waitFor()
    await expectNoAxeViolations(page, 'my account')
    await page.getByRole('button', { name: 'ログアウト' }).click()
    await page.getByRole('heading', { level: 1, name: 'スタッフログイン' }).waitFor()
    await page.goto('/staff')
    await page.getByRole('heading', { level: 1, name: 'スタッフログイン' }).waitFor()
    await context.close()
  })

  it('registers a passkey (a virtual authenticator) and logs in with it instead of the code', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('WebAuthn.enable')
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    })
    await staffLogIn(page, 'insurerAdmin')
    await page.goto('/staff/account')
    await page.getByLabel('パスキーの名前', { exact: true }).fill('業務用PC')
    await page.getByRole('button', { name: 'パスキーを登録する' }).click()
    await page.getByText('パスキー「業務用PC」を登録しました。').waitFor()
    await page.getByRole('button', { name: '「業務用PC」を削除する' }).waitFor()
    await expectNoAxeViolations(page, 'my account with a passkey')
    await page.getByRole('button', { name: 'ログアウト' }).click()
    await page.getByRole('heading', { level: 1, name: 'スタッフログイン' }).waitFor()

    // No code this time: the e-mail address, the password, and the passkey.
    await page.getByLabel('メールアドレス', { exact: true }).fill(STAFF.insurerAdmin.email)
    await page.getByLabel('パスワード', { exact: true }).fill(STAFF.insurerAdmin.password)
    await page.getByRole('button', { name: 'パスキーでログイン' }).click()
    await page.getByRole('heading', { level: 1, name: 'スタッフホーム' }).waitFor()
    await context.close()
  })
})
