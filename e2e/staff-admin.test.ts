/**
 * The staff console's administration (issue 11): a platform admin invites a member of staff, who
 * accepts the invitation (password, QR code with its typed key, the 6-digit code) and signs in; the
 * 健保組合, 許可IPの申請 and 団体連携コード screens, each axe-clean on a PC and a phone.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { totpCode } from '../worker/services/totp'
import { postJson } from './browser'
import { freshCode, serverNow, STAFF, type StaffName } from './staff'
import {
  advanceClock,
  BASE,
  expectNoAxeViolations,
  latestMailId,
  logInAs,
  newContext,
  newEmail,
  useBrowser,
  waitForMail,
} from './support'

const browser = useBrowser()

/** A development staff member's code (e2e/staff.ts keeps each code used once across the run). */
async function devCode(email: string): Promise<string> {
  const who = (Object.keys(STAFF) as StaffName[]).find((k) => STAFF[k].email === email)
  if (!who) throw new Error(`not a development staff member: ${email}`)
  return freshCode(who)
}

async function staffLogIn(page: Page, email: string, password: string, code: string) {
  await page.goto('/staff/login')
  await page.getByRole('heading', { level: 1, name: 'スタッフログイン' }).waitFor()
  await page.getByLabel('メールアドレス', { exact: true }).fill(email)
  await page.getByLabel('パスワード', { exact: true }).fill(password)
  await page.getByLabel('確認コード(6桁)', { exact: true }).fill(code)
  await page.getByRole('button', { name: 'ログイン', exact: true }).click()
  await page.getByRole('heading', { level: 1, name: 'スタッフホーム' }).waitFor()
}

const ADMIN = { email: 'admin@staff.kenshin.example', password: 'Staff-Admin-2026' }

describe('staff administration in the console', () => {
  it('invites a member of staff, who sets a password and the authenticator app, then signs in', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await staffLogIn(page, ADMIN.email, ADMIN.password, await devCode(ADMIN.email))
    await page.getByRole('link', { name: 'スタッフ', exact: true }).first().click()
    await page.getByRole('heading', { level: 1, name: 'スタッフ' }).waitFor()
    await page.getByRole('cell', { name: ADMIN.email, exact: true }).waitFor()
    await expectNoAxeViolations(page, '/staff/admin/staff')

    const email = newEmail('staff')
    const since = await latestMailId()
    // A missing role is named beside its field before anything is sent.
    await page.getByLabel('氏名', { exact: true }).fill('招待 太郎')
    await page.getByLabel('メールアドレス', { exact: true }).fill(email)
    await page.getByRole('button', { name: '招待メールを送る' }).click()
    await expect.poll(() => page.getByText('役割を選んでください。').count()).toBeGreaterThan(0)
    await page.getByLabel('役割', { exact: true }).selectOption('operator')
    await page.getByLabel('所属する健保組合の保険者番号', { exact: true }).fill('06139992')
    await page.getByRole('button', { name: '招待メールを送る' }).click()
    await page.getByText(`${email} に招待メールを送りました。`).waitFor()
    await expectNoAxeViolations(page, '/staff/admin/staff after an invitation')

    const mail = await waitForMail(email, 'スタッフ登録', since)
    const token = /\/staff\/enrol\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]
    const invitee = await (await newContext(browser(), 'app')).newPage()
    await invitee.goto(`/staff/enrol?token=${token}`)
    await invitee.getByRole('heading', { level: 1, name: 'スタッフ登録' }).waitFor()
    await invitee.getByRole('img', { name: /認証アプリ用のQRコード/ }).waitFor()
    await expectNoAxeViolations(invitee, '/staff/enrol')
    const password = 'hoshizora-kaigi-42'
    await invitee.getByLabel('パスワード', { exact: true }).fill(password)
    const secret = (await invitee.getByTestId('enrol-secret').innerText()).replace(/\s/g, '')
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    await invitee.getByLabel('確認コード(6桁)', { exact: true }).fill('000000')
    await invitee.getByRole('button', { name: '登録する' }).click()
    await invitee.getByText('確認コードが正しくありません', { exact: false }).first().waitFor()
    await invitee
      .getByLabel('確認コード(6桁)', { exact: true })
      .fill(totpCode(secret, await serverNow()))
    await invitee.getByRole('button', { name: '登録する' }).click()
    await invitee.getByText('登録が完了しました。', { exact: false }).waitFor()
    await expectNoAxeViolations(invitee, '/staff/enrol done')
    // The used link is refused from now on.
    await invitee.goto(`/staff/enrol?token=${token}`)
    await invitee.getByText('このリンクは使えません', { exact: false }).waitFor()
    // Signs in with the next step's code (each code works once).
    await advanceClock(31_000) // the enrolment's code was of this step: the log-in takes the next
    await staffLogIn(invitee, email, password, totpCode(secret, await serverNow()))
    await invitee.getByRole('link', { name: '許可IPの申請' }).first().waitFor()
    await context.close()
  })

  it('健保組合, 許可IPの申請 and 団体連携コード work and pass axe, on a PC and a phone', async () => {
    for (const kind of ['pc', 'app'] as const) {
      const context = await newContext(browser(), kind)
      const page = await context.newPage()
      await staffLogIn(page, ADMIN.email, ADMIN.password, await devCode(ADMIN.email))
      await page.goto('/staff/admin/insurers')
      await page.getByRole('heading', { level: 1, name: '健保組合' }).waitFor()
      await page.getByRole('rowheader').first().waitFor()
      await expectNoAxeViolations(page, `/staff/admin/insurers (${kind})`)
      await page.getByRole('button', { name: '健保組合を登録する' }).click()
      await page.getByRole('heading', { level: 2, name: '健保組合を登録する' }).waitFor()
      await expectNoAxeViolations(page, `/staff/admin/insurers form (${kind})`)

      await page.goto('/staff/admin/org-codes')
      await page.getByRole('heading', { level: 1, name: '団体連携コード' }).waitFor()
      await page.getByLabel('保険者番号', { exact: true }).fill('06139992')
      await page.getByLabel('団体名', { exact: true }).fill(`E2E株式会社 ${kind}`)
      await page.getByRole('button', { name: '発行する' }).click()
      const issued = await page.getByText(/コード [A-Z2-9]{8} を発行しました。/).innerText()
      const code = /[A-Z2-9]{8}/.exec(issued)![0]
      await expectNoAxeViolations(page, `/staff/admin/org-codes (${kind})`)
      await page.getByRole('button', { name: `${code} を廃止` }).click()
      await page.getByText(`コード ${code} を廃止しました。`).waitFor()

      await page.goto('/staff/admin/allowlist')
      await page.getByRole('heading', { level: 1, name: '許可IPの申請' }).waitFor()
      await page.waitForLoadState('networkidle')
      await expectNoAxeViolations(page, `/staff/admin/allowlist (${kind})`)
      await context.close()
    }
  })

  it('an operator requests ranges; the platform admin approves with a reason', async () => {
    const operator = { email: 'operator@staff.kenshin.example', password: 'Staff-Operator-2026' }
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await staffLogIn(page, operator.email, operator.password, await devCode(operator.email))
    await page.getByRole('link', { name: '許可IPの申請' }).first().click()
    await page.getByRole('heading', { level: 1, name: '許可IPの申請' }).waitFor()
    await page
      .getByLabel('IPアドレスの範囲(1行に1つ、20件まで)', { exact: true })
      .fill('10.0.0.0/8')
    await page.getByLabel('用途・理由', { exact: true }).fill('本社')
    await page.getByRole('button', { name: '申請する' }).click()
    await page
      .getByText('IPアドレスの範囲(CIDR)が正しくありません', { exact: false })
      .first()
      .waitFor()
    await page
      .getByLabel('IPアドレスの範囲(1行に1つ、20件まで)', { exact: true })
      .fill('192.0.2.0/24')
    await page.getByRole('button', { name: '申請する' }).click()
    await page.getByText('申請を送りました。').waitFor()
    await expectNoAxeViolations(page, '/staff/admin/allowlist (operator)')
    await context.close()

    const adminContext = await newContext(browser(), 'pc')
    const admin = await adminContext.newPage()
    await staffLogIn(admin, ADMIN.email, ADMIN.password, await devCode(ADMIN.email))
    await admin.goto('/staff/admin/allowlist')
    await admin
      .getByRole('button', { name: /の申請を判断/ })
      .first()
      .click()
    await admin.getByLabel('理由', { exact: true }).fill('確認済み')
    await admin.getByRole('button', { name: '承認する' }).click()
    await admin.getByText('申請を承認しました。').waitFor()
    await adminContext.close()
  })

  it('a member who signs up with a 団体連携コード finds its 保険者番号 filled in and fixed', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await staffLogIn(page, ADMIN.email, ADMIN.password, await devCode(ADMIN.email))
    await page.goto('/staff/admin/org-codes')
    await page.getByLabel('保険者番号', { exact: true }).fill('06139992')
    await page.getByLabel('団体名', { exact: true }).fill('E2E連携株式会社')
    await page.getByRole('button', { name: '発行する' }).click()
    const issued = await page.getByText(/コード [A-Z2-9]{8} を発行しました。/).innerText()
    const code = /[A-Z2-9]{8}/.exec(issued)![0]
    await context.close()

    // Signs up with the code (typed in lower case with a hyphen), as the API of the sign-up form.
    const email = newEmail('org')
    const password = 'mugi-cha-natsu-88'
    const since = await latestMailId()
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase()
    const body = { email, emailConfirm: email, password, agreeTerms: true }
    const captchaToken = 'XXXX.DUMMY.TOKEN.signup'
    const unknown = await postJson(BASE, '/api/signup', {
      ...body,
      orgCode: 'ZZZZ-ZZZZ',
      captchaToken,
    })
    expect(unknown.status).toBe(400)
    const signup = await postJson(BASE, '/api/signup', { ...body, orgCode: typed, captchaToken })
    expect(signup.status).toBe(202)
    const binding = /__Host-signup=[^;]*/.exec(signup.headers.get('Set-Cookie') ?? '')?.[0] ?? ''
    const token = /token=([\w-]+)/.exec((await waitForMail(email, '仮登録', since)).text)![1]
    expect((await postJson(BASE, '/api/signup/verify', { token }, binding)).status).toBe(200)

    const memberPage = await (await newContext(browser(), 'pc')).newPage()
    await logInAs(memberPage, email, password)
    await memberPage.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    await memberPage.getByRole('link', { name: '保険証情報を登録する' }).click()
    await memberPage.getByRole('heading', { level: 1, name: '保険証情報の入力' }).waitFor()
    const field = memberPage.getByLabel('保険者番号', { exact: true })
    await expect.poll(() => field.inputValue()).toBe('06139992')
    expect(await field.getAttribute('readonly')).not.toBeNull()
    await memberPage.getByText('団体連携コードで登録されたため', { exact: false }).waitFor()
    await expectNoAxeViolations(memberPage, '/card with an organisation code')
    await memberPage.context().close()
  })
})
