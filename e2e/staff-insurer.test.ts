/**
 * The insurer's console beyond the imports (issue 13): the import history shows an import made through
 * the API with its counts and its rejection file; another insurer's operator is refused on every new
 * screen (in words) and every new route, also with the real ids of the other insurer's import and run;
 * the maintenance message and end time set in the settings reach the member's card check.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Secret, TOTP } from 'otpauth'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { serverNow, staffApiLogIn, staffLogIn } from './staff'
import {
  advanceClock,
  BASE,
  expectNoAxeViolations,
  logInAs,
  newAccount,
  newContext,
  newEmail,
  useBrowser,
} from './support'

const browser = useBrowser()
const DEMO = '06139992'
const OTHER = '06139463'

/** The other insurer's operator (README, "Development log-ins"); e2e/staff.ts lists the first ones. */
const OPERATOR2 = {
  email: 'operator2@staff.kenshin.example',
  password: 'Staff-Operator2-2026',
  secret: 'PQ6GXVAXJCGGBXP7K3LT5RDXVAW7YJP5',
}
let operator2Step = 0

/** operator2 signed in through the API: a code of a step not used before (each code works once). */
async function operator2LogIn(context: BrowserContext): Promise<void> {
  let now = await serverNow()
  if (Math.floor(now / 30_000) <= operator2Step) {
    await advanceClock(31_000)
    now = await serverNow()
  }
  operator2Step = Math.floor(now / 30_000) + 1
  const code = TOTP.generate({ secret: Secret.fromBase32(OPERATOR2.secret), timestamp: now })
  const res = await context.request.post('/api/ops/session', {
    headers: { Origin: BASE },
    data: {
      email: OPERATOR2.email,
      password: OPERATOR2.password,
      code,
      captchaToken: 'XXXX.DUMMY.TOKEN.staff_login',
    },
  })
  expect(res.status(), await res.text()).toBe(200)
}

async function api(
  context: BrowserContext,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  data?: unknown,
): Promise<{ status: number; body: any; type: string }> {
  const res = await context.request.fetch(`/api/ops${path}`, {
    method,
    headers: { Origin: BASE },
    ...(data === undefined ? {} : { data }),
  })
  const type = res.headers()['content-type'] ?? ''
  return {
    status: res.status(),
    body: type.includes('json') ? await res.json() : await res.text(),
    type,
  }
}

const ROSTER_HEADER = readFileSync('db/seed/demo-roster.csv', 'utf8').split(/\r?\n/)[0].split(',')

/** An import through the API as the command line makes one: record, one batch, finish. */
async function importThroughApi(context: BrowserContext) {
  const id = randomUUID()
  const fileName = `e2e-history-${id.slice(0, 8)}.csv`
  const started = await api(context, 'POST', `/insurers/${DEMO}/imports`, {
    id,
    kind: 'roster',
    source: 'cli',
    fileName,
    fileSize: 321,
    fingerprint: '',
  })
  expect(started.status, JSON.stringify(started.body)).toBe(201)
  const key = `ZH${id.slice(0, 8)}`
  const batch = await api(context, 'POST', `/insurers/${DEMO}/roster/batches`, {
    header: ROSTER_HEADER,
    importId: id,
    seq: 1,
    rows: [
      {
        line: 2,
        fields: [
          key,
          DEMO,
          '88',
          '801',
          '00',
          'リレキ　タロウ',
          '1975-06-01',
          '1',
          '1',
          '2019-04-01',
          '',
          '',
          '',
        ],
      },
      {
        line: 3,
        fields: [
          `${key}X`,
          DEMO,
          '88',
          '802',
          '00',
          'リレキ　ジロウ',
          '1975-02-30',
          '1',
          '1',
          '',
          '',
          '',
          '',
        ],
      },
    ],
  })
  expect(batch.status, JSON.stringify(batch.body)).toBe(200)
  const finished = await api(context, 'POST', `/insurers/${DEMO}/imports/${id}/finish`, {
    outcome: 'complete',
    rowsRead: 2,
    blank: 0,
  })
  expect(finished.status, JSON.stringify(finished.body)).toBe(200)
  return { id, fileName }
}

const REFUSED = 'この健保組合のデータは扱えません'

async function refusedScreen(page: Page, path: string) {
  await page.goto(path)
  await page.getByText(REFUSED, { exact: false }).waitFor()
  await page.getByRole('link', { name: '健保組合のデータへ' }).waitFor()
}

describe("the insurer's history, its scope and its settings", () => {
  it('shows an import made through the API with its counts, and its rejection file downloads', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await staffLogIn(page, 'operator')
    const { fileName } = await importThroughApi(context)

    await page.getByRole('link', { name: '健保組合のデータ' }).first().click()
    await page.getByRole('heading', { level: 1, name: '健保組合のデータ' }).waitFor()
    // Insurer staff see their own insurer at once: no insurer to choose.
    expect(await page.getByLabel('健保組合', { exact: true }).count()).toBe(0)
    await page.getByRole('link', { name: /取り込み履歴/ }).click()
    await page.getByRole('heading', { level: 1, name: '取り込み履歴' }).waitFor()
    const row = page.getByRole('row').filter({ hasText: fileName })
    await row.waitFor()
    const text = await row.innerText()
    expect(text).toContain('名簿')
    expect(text).toContain('デモ健保 担当者')
    expect(text).toContain('コマンドライン')
    expect(text).toContain('読んだ 2・追加 1・更新 0・変更なし 0・エラー 1')
    expect(text).toContain('完了')
    await expectNoAxeViolations(page, '/staff/insurers/:number/history')

    await row.getByRole('link').click()
    await page.getByRole('heading', { level: 1, name: '取り込みの詳細' }).waitFor()
    await page.getByRole('heading', { level: 2, name: `${fileName} の取り込み` }).waitFor()
    const numbers = await page.locator('.history-numbers').innerText()
    expect(numbers).toMatch(/追加\s+1/)
    expect(numbers).toMatch(/エラー\s+1/)
    await expectNoAxeViolations(page, '/staff/insurers/:number/history/:id')
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'エラーの一覧(CSV)をダウンロード' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe(`${fileName}.rejected.csv`)
    const bytes = readFileSync(await file.path())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.subarray(3).toString('utf8').split('\r\n')
    expect(lines[0]).toBe('行番号,列,理由,コード')
    expect(
      lines
        .slice(1)
        .filter(Boolean)
        .every((l) => l.startsWith('3,')),
    ).toBe(true)
    expect(lines.length).toBeGreaterThan(2)
    await context.close()
  })

  it("refuses another insurer's operator on every new screen, in words, and on every new route", async () => {
    // The demo insurer's operator makes an import and an open run: real ids to try.
    const owner = await newContext(browser(), 'pc')
    await staffApiLogIn(owner, 'operator')
    const { id: importId } = await importThroughApi(owner)
    const run = await api(owner, 'POST', `/insurers/${DEMO}/codes/runs`, { kind: 'issue' })
    expect(run.status, JSON.stringify(run.body)).toBe(201)
    const runId = run.body.run.id as string

    const context = await newContext(browser(), 'pc')
    await operator2LogIn(context)
    const page = await context.newPage()
    for (const path of [
      `/staff/insurers/${DEMO}/codes`,
      `/staff/insurers/${DEMO}/history`,
      `/staff/insurers/${DEMO}/history/${importId}`,
      // Their own insurer's number with the other insurer's import.
      `/staff/insurers/${OTHER}/history/${importId}`,
    ])
      await refusedScreen(page, path)
    await expectNoAxeViolations(page, 'a refused screen')
    // Their data home names their own insurer only.
    await page.goto('/staff/data')
    await page.getByRole('heading', { level: 2, name: /デモ保守中健康保険組合/ }).waitFor()
    expect(await page.getByText('デモ健康保険組合', { exact: false }).count()).toBe(0)
    // Their own insurer's history does not list the other's import.
    await page.goto(`/staff/insurers/${OTHER}/history`)
    await page.getByRole('heading', { level: 1, name: '取り込み履歴' }).waitFor()
    await page.waitForLoadState('networkidle')
    expect(await page.getByText(importId).count()).toBe(0)

    const tries: [method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown][] = [
      ['GET', `/insurers/${DEMO}/codes/status`],
      ['GET', `/insurers/${DEMO}/codes/queue`],
      ['GET', `/insurers/${DEMO}/codes/runs`],
      ['POST', `/insurers/${DEMO}/codes/runs`, { kind: 'issue' }],
      ['POST', `/insurers/${DEMO}/codes/issue`, { runId, limit: 1 }],
      ['POST', `/insurers/${DEMO}/codes/runs/${runId}/confirm`, { codes: 0 }],
      ['POST', `/insurers/${DEMO}/codes/runs/${runId}/revoke`, {}],
      ['POST', `/insurers/${OTHER}/codes/runs/${runId}/confirm`, { codes: 0 }],
      ['POST', `/insurers/${OTHER}/codes/runs/${runId}/revoke`, {}],
      ['POST', `/insurers/${OTHER}/codes/issue`, { runId, limit: 1 }],
      ['GET', `/insurers/${DEMO}/imports`],
      ['GET', `/insurers/${DEMO}/imports/${importId}`],
      ['GET', `/insurers/${DEMO}/imports/${importId}/rejected.csv`],
      ['GET', `/insurers/${OTHER}/imports/${importId}`],
      ['GET', `/insurers/${OTHER}/imports/${importId}/rejected.csv`],
      [
        'POST',
        `/insurers/${DEMO}/imports`,
        {
          id: randomUUID(),
          kind: 'roster',
          source: 'console',
          fileName: 'x.csv',
          fileSize: 1,
          fingerprint: '',
        },
      ],
      [
        'POST',
        `/insurers/${DEMO}/imports/${importId}/finish`,
        { outcome: 'failed', rowsRead: 0, blank: 0 },
      ],
      [
        'POST',
        `/insurers/${OTHER}/imports/${importId}/finish`,
        { outcome: 'failed', rowsRead: 0, blank: 0 },
      ],
      ['PATCH', `/insurers/${DEMO}`, { maintenanceMessage: 'x' }],
      ['PATCH', `/insurers/${OTHER}`, { maintenanceMessage: 'x' }],
    ]
    for (const [method, path, body] of tries) {
      const res = await api(context, method, path, body)
      expect([403, 404], `${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`).toContain(
        res.status,
      )
      expect(res.type, `${method} ${path}`).toContain('application/json')
      expect(typeof res.body.error.message).toBe('string')
    }
    // Nothing of the owner's changed: the run is still open, the import still complete.
    const runs = await api(owner, 'GET', `/insurers/${DEMO}/codes/runs`)
    const still = runs.body.runs.find((r: { id: string }) => r.id === runId)
    expect(still).toMatchObject({ confirmedAt: null, revokedAt: null, issued: 0 })
    const view = await api(owner, 'GET', `/insurers/${DEMO}/imports/${importId}`)
    expect(view.body.import.outcome).toBe('complete')
    expect(
      (await api(owner, 'POST', `/insurers/${DEMO}/codes/runs/${runId}/revoke`, {})).status,
    ).toBe(200)
    await owner.close()
    await context.close()
  })

  it("sets the maintenance message and end time, which the member's card check shows", async () => {
    const staff = await newContext(browser(), 'pc')
    const page = await staff.newPage()
    await staffLogIn(page, 'admin')
    await page.goto('/staff/admin/insurers')
    await page.getByRole('heading', { level: 1, name: '健保組合' }).waitFor()
    await page.getByRole('button', { name: 'デモ保守中健康保険組合 の変更' }).click()
    await page.getByRole('heading', { level: 2, name: 'デモ保守中健康保険組合 の設定' }).waitFor()
    const message = 'システム更新のため停止しています。\nご不便をおかけします。'
    await page.getByLabel('メンテナンス中に会員に表示するお知らせ', { exact: true }).fill(message)
    await page
      .getByLabel('メンテナンスの終了予定(日本時間)', { exact: true })
      .fill('2030-01-15T18:30')
    await expectNoAxeViolations(page, 'insurer settings with the maintenance message')
    await page.getByRole('button', { name: '保存する' }).click()
    await page.getByText('デモ保守中健康保険組合 の設定を保存しました。').waitFor()
    await page.getByRole('row').filter({ hasText: '2030' }).first().waitFor()
    // Kept as typed, in Japan's time.
    const list = await api(staff, 'GET', '/insurers')
    const saved = list.body.insurers.find((i: { number: string }) => i.number === OTHER)
    expect(saved).toMatchObject({
      maintenance: true,
      maintenanceMessage: message,
      maintenanceUntil: '2030-01-15T09:30:00.000Z',
    })

    const { email, password } = await newAccount()
    const member = await newContext(browser(), 'app')
    const m = await member.newPage()
    await logInAs(m, email, password)
    await m.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    await m.getByRole('link', { name: '保険証情報を登録する' }).click()
    await m.getByLabel('氏名(フルネーム・全角カナ)', { exact: true }).fill('サトウ　ケンジ')
    await m.getByLabel('生年月日', { exact: true }).fill('1968-03-12')
    await m.getByLabel('保険者番号', { exact: true }).fill(OTHER)
    await m.getByRole('button', { name: '記号・番号入力に進む' }).click()
    await m.getByLabel('記号', { exact: true }).fill('1202')
    await m.getByLabel('番号', { exact: true }).fill('102')
    await m.getByRole('button', { name: '入力内容の確認へ' }).click()
    await m.getByRole('button', { name: '利用資格を照会する' }).click()
    await m.getByRole('heading', { name: 'ただいまメンテナンス中です' }).waitFor()
    const panel = await m.locator('.outcome').innerText()
    expect(panel).toContain('健康保険組合からのお知らせ:')
    expect(panel).toContain('システム更新のため停止しています。')
    expect(panel).toContain('ご不便をおかけします。')
    expect(panel).toMatch(/終了予定: 2030年1月15日.*18:30\(日本時間\)/)
    await expectNoAxeViolations(m, 'the card check in maintenance with the message')

    // Back as it was: no message, no end time.
    const cleared = await api(staff, 'PATCH', `/insurers/${OTHER}`, {
      maintenanceMessage: null,
      maintenanceUntil: null,
    })
    expect(cleared.status).toBe(200)
    await member.close()
    await staff.close()
  })

  it('lets the insurer admin invite a member of staff, set the role, and remove them', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await staffLogIn(page, 'insurerAdmin')
    await page.goto('/staff/admin/staff')
    await page.getByRole('heading', { level: 1, name: 'スタッフ' }).waitFor()
    const email = newEmail('leaver')
    const name = `退職 ${email.slice(7, 12)}`
    await page.getByLabel('氏名', { exact: true }).fill(name)
    await page.getByLabel('メールアドレス', { exact: true }).fill(email)
    await page.getByLabel('役割', { exact: true }).selectOption('operator')
    await page.getByRole('button', { name: '招待メールを送る' }).click()
    await page.getByText(`${email} に招待メールを送りました。`).waitFor()
    // The role: operator → insurer admin.
    await page.getByRole('button', { name: `${name} の変更` }).click()
    const edit = page.getByRole('region', { name: `${name} の役割・所属・利用停止` })
    await edit.getByLabel('役割', { exact: true }).selectOption('insurer_admin')
    await edit.getByLabel('理由', { exact: true }).fill('担当替え')
    await edit.getByRole('button', { name: '保存する' }).click()
    await page.getByText(`${name} を変更しました。`).waitFor()
    await page.getByRole('row').filter({ hasText: email }).getByText('健保組合管理者').waitFor()
    // Removed: the reason is asked, the person leaves the list.
    await page.getByRole('button', { name: `${name} を削除` }).click()
    await page.getByRole('heading', { level: 2, name: `${name} の削除` }).waitFor()
    await expectNoAxeViolations(page, 'removing a member of staff')
    await page.getByRole('button', { name: '削除する' }).click()
    await page.getByText('理由を入力してください', { exact: false }).first().waitFor()
    await page.getByLabel('理由', { exact: true }).fill('退職')
    await page.getByRole('button', { name: '削除する' }).click()
    await page.getByText(`${name} を削除しました。`).waitFor()
    await expect.poll(() => page.getByRole('cell', { name: email }).count()).toBe(0)
    await context.close()
  })
})
