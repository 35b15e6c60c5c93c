/**
 * The staff console's 会員情報 and 監査ログ (issue 11): support finds a member by address, ends their
 * sessions with a reason (keyboard only), the member sees it in their access log, and the audit log
 * shows it and exports it. Axe on each screen.
 */
import { describe, expect, it } from 'vitest'
import { staffApiLogIn } from './staff'
import {
  expectNoAxeViolations,
  linkDemoCard,
  logInAs,
  newAccount,
  newContext,
  useBrowser,
} from './support'

describe('staff console: a member and the audit log', () => {
  const browser = useBrowser()

  it('support finds a member, ends their sessions with a reason by keyboard; both sides see it', async () => {
    const { email, password } = await newAccount()
    const context = await newContext(browser())
    try {
      await staffApiLogIn(context, 'support')
      const page = await context.newPage()
      await page.goto('/staff/members/search')
      await page.getByRole('heading', { level: 1, name: '会員情報' }).waitFor()
      await page.getByLabel('メールアドレス', { exact: true }).fill(email.toUpperCase())
      await page.getByRole('button', { name: '検索する' }).click()
      const masked = `${email[0]}***@example.jp`
      const link = page.getByRole('link', { name: `${masked} の会員情報を開く` })
      await link.waitFor()
      await expectNoAxeViolations(page, 'member lookup')
      await link.click()
      await page.getByRole('heading', { level: 2, name: '登録情報' }).waitFor()
      const id = new URL(page.url()).pathname.split('/').pop()!
      expect(await page.content()).not.toContain(email)
      await expect.poll(() => page.getByText(masked).count()).toBeGreaterThan(0)
      await expectNoAxeViolations(page, 'member detail')

      // Keyboard only: open the action, send it without a reason, then with one.
      const opener = page.getByRole('button', { name: 'すべてのセッションを終了する' })
      await opener.focus()
      await page.keyboard.press('Enter')
      const reason = page.getByRole('textbox', { name: '理由' })
      await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true)
      await expectNoAxeViolations(page, 'action panel')
      await page.keyboard.press('Tab')
      await page.keyboard.press('Enter')
      await page.getByText('理由を入力してください。').waitFor()
      await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true)
      await page.keyboard.type('受付番号 R-1234 本人確認済み')
      await page.keyboard.press('Tab')
      await page.keyboard.press('Enter')
      await page
        .getByRole('status')
        .filter({ hasText: 'すべてのセッションを終了しました。' })
        .waitFor()
      await expectNoAxeViolations(page, 'action done')

      // The audit log: the action, with who and the reason; the CSV export.
      await page.goto(`/staff/audit?member=${id}`)
      await page.getByRole('heading', { level: 1, name: '監査ログ' }).waitFor()
      const row = page.getByRole('row').filter({ hasText: 'member.sessions_ended' })
      await row.waitFor()
      await expect.poll(() => row.textContent()).toContain('受付番号 R-1234 本人確認済み')
      await expectNoAxeViolations(page, 'audit log')
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /CSVで出力する/ }).click(),
      ])
      expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/)
    } finally {
      await context.close()
    }

    // The member sees what support did, not who or why.
    const member = await newContext(browser())
    try {
      const page = await member.newPage()
      await logInAs(page, email, password)
      await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
      await page.goto('/account/access-log')
      await page.getByText('サポート担当者がすべての端末からログアウトさせました').waitFor()
      expect(await page.content()).not.toContain('R-1234')
      expect(await page.content()).not.toContain('サポート 花子') // the support agent's name
      await expectNoAxeViolations(page, 'access log')
    } finally {
      await member.close()
    }
  })

  // issue 14, unlink: support ends a member's link to their insurer; the member may link again.
  it('support ends a member’s link to the insurer (紐付け解除) with a reason; the member sees it', async () => {
    const { email, password } = await newAccount()
    const member = await newContext(browser())
    const page = await member.newPage()
    await logInAs(page, email, password)
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    // A person of e2e/fixtures/extra-roster.csv: no other journey links them.
    await linkDemoCard(page, {
      name: 'ハヤシ　ミオ',
      birth: '1994-02-14',
      symbol: '1212',
      number: '112',
      branch: '',
    })
    const staff = await newContext(browser())
    try {
      await staffApiLogIn(staff, 'support')
      const consolePage = await staff.newPage()
      await consolePage.goto('/staff/members/search')
      await consolePage.getByLabel('メールアドレス', { exact: true }).fill(email)
      await consolePage.getByRole('button', { name: '検索する' }).click()
      await consolePage
        .getByRole('link', { name: `${email[0]}***@example.jp の会員情報を開く` })
        .click()
      await consolePage.getByRole('heading', { level: 2, name: '登録情報' }).waitFor()
      await consolePage.getByText('デモ健康保険組合(06139992)').waitFor()
      await consolePage.getByRole('button', { name: '健保組合との紐付けを解除する' }).click()
      await consolePage.getByRole('textbox', { name: '理由' }).fill('受付番号 R-5678 加入先の変更')
      await expectNoAxeViolations(consolePage, 'unlink panel')
      await consolePage.getByRole('button', { name: '実行する' }).click()
      await consolePage
        .getByRole('status')
        .filter({ hasText: '健保組合との紐付けを解除しました。' })
        .waitFor()
      await consolePage.getByText('未連携').waitFor()
    } finally {
      await staff.close()
    }
    try {
      await page.goto('/account/access-log')
      await page.getByText('サポート担当者が健康保険組合との紐付けを解除しました').waitFor()
      expect(await page.content()).not.toContain('R-5678')
      // The card can be linked again (the wizard takes the same card).
      await linkDemoCard(page, {
        name: 'ハヤシ　ミオ',
        birth: '1994-02-14',
        symbol: '1212',
        number: '112',
        branch: '',
      })
    } finally {
      await member.close()
    }
  })
})
