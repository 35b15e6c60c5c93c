/**
 * Issue 11's "done when", in Chromium: a member sends an inquiry; the seeded support agent signs in at /staff
 * (README password, TOTP from its secret), finds it, notes the identity check and answers it (the member gets
 * the mail, and sees the reply under お問い合わせ履歴); re-issues the member's viewing code (the old code then
 * fails at STEP1, and the new one is in the operator's next print file, with which STEP1 passes); lifts the
 * member's address lock. The member's access log shows those actions.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { postJson } from './browser'
import { staffLogIn } from './staff'
import {
  BASE,
  expectNoAxeViolations,
  latestMailId,
  linkDemoCard,
  logInAs,
  newAccount,
  newContext,
  useBrowser,
  waitForMail,
} from './support'

const browser = useBrowser()

/** A demo person no other journey links (db/seed/demo-roster.csv, demo-viewing-codes.csv). */
const PERSON = {
  card: {
    name: 'ナカムラ　ヒロシ',
    birth: '1986-09-18',
    symbol: '1208',
    number: '108',
    branch: '00',
  },
  key: 'D0080',
  code: '445B-PPBR-YW5X',
}

/**
 * The operator's next print file: `codes issue` over the operator API with the development token, as the
 * CLI does it (issue 13): a run, its codes, the run confirmed once the file is saved.
 */
async function operatorPrintFile(): Promise<{ personKey: string; code: string }[]> {
  const { operator } = JSON.parse(readFileSync('.e2e-state/dev-ops-tokens.json', 'utf8'))
  const post = (path: string, body: unknown) =>
    fetch(`${BASE}/api/ops/insurers/06139992/codes${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${operator}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  const started = await post('/runs', { kind: 'issue' })
  expect(started.status).toBe(201)
  const { run } = (await started.json()) as { run: { id: string } }
  const res = await post('/issue', { runId: run.id, limit: 50 })
  expect(res.status).toBe(200)
  const { issued } = (await res.json()) as { issued: { personKey: string; code: string }[] }
  expect((await post(`/runs/${run.id}/confirm`, { codes: issued.length })).status).toBe(200)
  return issued
}

describe("the support agent's day (issue 11, done when)", () => {
  it('answers an inquiry, re-issues the viewing code to the print file, lifts a lock; the member sees it all', async () => {
    const { email, password } = await newAccount()
    const member = await newContext(browser())
    const m = await member.newPage()
    await logInAs(m, email, password)
    await m.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    await linkDemoCard(m, PERSON.card)

    // The member writes in: the postcard did not come.
    await m.goto('/inquiry?type=viewing_code')
    await m.getByRole('heading', { level: 2, name: 'お問い合わせ履歴' }).waitFor()
    await expect
      .poll(() => m.getByLabel('メールアドレス', { exact: true }).inputValue())
      .toBe(email)
    await m.getByLabel('氏名(全角カナ)', { exact: true }).fill(PERSON.card.name)
    await m.getByLabel('健康保険組合名', { exact: true }).fill('デモ健康保険組合')
    await m.getByLabel('生年月日', { exact: true }).fill(PERSON.card.birth)
    await m
      .getByLabel('お問い合わせ内容', { exact: true })
      .fill('健診閲覧コードのはがきが届きません。')
    await m.getByLabel('個人情報の取り扱いについてに同意する', { exact: true }).check()
    await m.getByRole('button', { name: '入力内容を確認する' }).click()
    await m.getByRole('button', { name: '送信する' }).click()
    await m.getByRole('heading', { level: 2, name: 'お問い合わせを受け付けました' }).waitFor()
    const receiptNo = (await m.locator('.inquiry__receipt').textContent())!.trim()

    // Support signs in and finds it.
    const staff = await newContext(browser(), 'pc')
    const s = await staff.newPage()
    await staffLogIn(s, 'support')
    await s
      .getByRole('navigation', { name: 'スタッフメニュー' })
      .getByRole('link', { name: 'お問い合わせ' })
      .click()
    await s.getByRole('heading', { level: 1, name: 'お問い合わせ一覧' }).waitFor()
    await s.getByLabel('状態', { exact: true }).selectOption('new')
    await s.getByLabel('お問い合わせの種類', { exact: true }).selectOption('viewing_code')
    await s.getByRole('button', { name: 'この条件で表示する' }).click()
    await s.getByRole('link', { name: receiptNo }).click()
    await s.getByRole('heading', { level: 1, name: 'お問い合わせ詳細' }).waitFor()

    // The identity check, then the answer from a template.
    await s.getByRole('checkbox', { name: '氏名' }).check()
    await s.getByRole('checkbox', { name: '生年月日' }).check()
    await s.getByLabel('メモ', { exact: true }).fill('名簿の氏名と生年月日が一致しました。')
    await s.getByRole('button', { name: 'メモを記録する' }).click()
    await s.getByText('メモを記録しました。').waitFor()
    const since = await latestMailId()
    await s.getByLabel('テンプレート', { exact: true }).selectOption('viewing_code.ja')
    const body = s.getByLabel('回答文', { exact: true })
    await expect.poll(() => body.inputValue()).toContain(receiptNo)
    await s.getByRole('button', { name: '回答を送信する' }).click()
    await s.getByText('回答を送信しました。').waitFor()
    const reply = await waitForMail(email, receiptNo, since)
    expect(reply.subject).toContain('お問い合わせへの回答')

    // The member's account, from the candidates: re-issue the viewing code, with a reason.
    await s
      .getByRole('link', { name: /\*\*\*@example\.jp/ })
      .first()
      .click()
    await s.getByRole('heading', { level: 2, name: '登録情報' }).waitFor()
    await s.getByRole('button', { name: '健診閲覧コードを再発行する' }).click()
    await s.getByRole('textbox', { name: '理由' }).fill(`受付番号 ${receiptNo}: はがき未着`)
    await s.getByRole('button', { name: '実行する' }).click()
    await s
      .getByRole('status')
      .filter({ hasText: '健診閲覧コードを無効にしました' })
      .first()
      .waitFor()
    await expectNoAxeViolations(s, 'member after the re-issue')

    // The old code is dead at STEP1 at once: the member is told no code is issued (a new postcard comes).
    await m.goto('/home')
    await m.getByRole('link', { name: '健診結果を見る' }).click()
    await m.getByRole('heading', { level: 1, name: '本人確認の情報送信' }).waitFor()
    await m.getByLabel('健診閲覧コード', { exact: true }).fill(PERSON.code)
    await m.getByRole('button', { name: '送信する' }).click()
    await m
      .getByText('健診閲覧コードが発行されていません')
      .filter({ visible: true })
      .first()
      .waitFor()
    // The operator's next print file has the person's new code; with it STEP1 passes, the old one not.
    const printed = (await operatorPrintFile()).find((p) => p.personKey === PERSON.key)
    expect(printed?.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(printed!.code).not.toBe(PERSON.code)
    await m.reload()
    await m.getByLabel('健診閲覧コード', { exact: true }).fill(PERSON.code)
    await m.getByRole('button', { name: '送信する' }).click()
    await expect
      .poll(() => m.getByText('健診閲覧コードが正しくありません').count())
      .toBeGreaterThan(0)
    await m.getByLabel('健診閲覧コード', { exact: true }).fill(printed!.code)
    await m.getByRole('button', { name: '送信する' }).click()
    await m.getByRole('heading', { level: 1, name: '秘密の質問設定' }).waitFor()

    // Ten wrong passwords lock the member's address; support lifts the lock.
    for (let i = 0; i < 10; i++)
      await postJson(BASE, '/api/login', {
        email,
        password: 'wrong-password-0',
        captchaToken: 'XXXX.DUMMY.TOKEN.login',
      })
    const locked = await postJson(BASE, '/api/login', {
      email,
      password,
      captchaToken: 'XXXX.DUMMY.TOKEN.login',
    })
    expect(locked.status).toBe(429)
    await s.reload()
    await s.getByRole('button', { name: 'ログインのロックを解除する' }).click()
    await s.getByRole('textbox', { name: '理由' }).fill('ご本人からの電話で確認しました。')
    await s.getByRole('button', { name: '実行する' }).click()
    await s.getByRole('status').filter({ hasText: 'ログインのロックを解除しました。' }).waitFor()
    const open = await postJson(BASE, '/api/login', {
      email,
      password,
      captchaToken: 'XXXX.DUMMY.TOKEN.login',
    })
    expect(open.status).toBe(200)

    // The member: the reply under お問い合わせ履歴, and support's actions in the access log.
    await m.goto('/inquiry')
    await m.getByRole('heading', { level: 2, name: 'お問い合わせ履歴' }).waitFor()
    await expect
      .poll(() => m.getByText(`受付番号 ${receiptNo} への回答`, { exact: false }).count())
      .toBeGreaterThan(0)
    await m.goto('/account/access-log')
    await m
      .getByText('サポート担当者が健診閲覧コードを再発行しました', { exact: false })
      .first()
      .waitFor()
    await m.getByText('ログインのロック', { exact: false }).first().waitFor()
    await expectNoAxeViolations(m, 'access log with the staff actions')
    await staff.close()
    await member.close()
  })
})
