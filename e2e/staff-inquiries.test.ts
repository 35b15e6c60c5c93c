import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { staffLogIn } from './staff'
import { expectNoAxeViolations, latestMailId, newContext, useBrowser, waitForMail } from './support'

const browser = useBrowser()

/** A seeded 新規 inquiry of the demo insurer (worker/dev/seed-inquiries.ts). */
const SEEDED = { receiptNo: '20261201-SEED-NEW2', email: 'hanako@example.jp' }

describe('お問い合わせ in the staff console (Chromium)', () => {
  it('finds the inquiry by the filters, notes the check, replies from a template (one mail), status in words', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await staffLogIn(page, 'support')

    await page.goto('/staff/inquiries')
    await page.getByRole('heading', { level: 1, name: 'お問い合わせ一覧' }).waitFor()
    await expectNoAxeViolations(page, 'the inquiry list')
    // Filters are labelled selects, applied by a button (the keyboard's way as well).
    await page.getByLabel('状態', { exact: true }).selectOption('new')
    await page.getByLabel('お問い合わせの種類', { exact: true }).selectOption('login')
    await page.getByLabel('保険者番号', { exact: true }).fill('06139992')
    await page.getByRole('button', { name: 'この条件で表示する' }).click()
    await expect.poll(() => new URL(page.url()).search).toContain('status=new')
    const link = page.getByRole('link', { name: SEEDED.receiptNo })
    await link.waitFor()
    // The status reads in words in the row, not as a colour.
    const row = page.getByRole('row').filter({ has: link })
    await expect.poll(() => row.textContent()).toContain('新規')

    await link.click()
    await page.getByRole('heading', { level: 1, name: 'お問い合わせ詳細' }).waitFor()
    await page.getByRole('heading', { name: /本人確認の候補/ }).waitFor()
    await expectNoAxeViolations(page, 'the inquiry detail')

    // An identity-check note.
    await page.getByRole('checkbox', { name: '氏名' }).check()
    await page.getByRole('checkbox', { name: '生年月日' }).check()
    await page.getByLabel('メモ', { exact: true }).fill('電話で氏名と生年月日を確認しました。')
    await page.getByRole('button', { name: 'メモを記録する' }).click()
    await page.getByText('メモを記録しました。').waitFor()
    await page.getByText('確認した項目: 氏名、生年月日').waitFor()

    // A reply from a template: the template fills the text, which is sent once.
    const since = await latestMailId()
    await page.getByLabel('テンプレート', { exact: true }).selectOption('login.ja')
    const body = page.getByLabel('回答文', { exact: true })
    await expect.poll(() => body.inputValue()).toContain(SEEDED.receiptNo)
    await body.fill(`${await body.inputValue()}\n(E2E)`)
    await page.getByRole('button', { name: '回答を送信する' }).click()
    await page.getByText('回答を送信しました。').waitFor()
    const mail = await waitForMail(SEEDED.email, SEEDED.receiptNo, since)
    expect(mail.text).toContain('(E2E)')
    expect(mail.text).toContain('このメールへの返信は確認できません')
    await page.getByText('現在の状態: 回答済').waitFor()
    await page.getByText('メールで回答').first().waitFor()
  })
})
