/**
 * 健診閲覧コード in the console (issue 13): a platform admin chooses an insurer on /staff/data, issues codes
 * for everyone without one, the print file downloads (BOM, header, Excel-safe rows), picking the saved file
 * back confirms it (未印刷 → 発行済); a discarded file sends its people to 再発行待ち, and issuing to the
 * queue clears it. Where the browser can write the file itself (File System Access), the file is written
 * as the answers come and confirmed when closed. The codes are never on the screen.
 *
 * A new insurer of its own keeps these runs away from the demo insurer's people, whom other journeys use.
 */
import { readFileSync } from 'node:fs'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { checkInsurerNumber } from '../core/card'
import { POSTCARD_HEADER } from '../core/postcard'
import { staffApiLogIn } from './staff'
import { BASE, expectNoAxeViolations, newContext, useBrowser } from './support'

const browser = useBrowser()

const ROSTER_HEADER = [
  '個人識別番号',
  '保険者番号',
  '記号',
  '番号',
  '枝番',
  '氏名カナ',
  '生年月日',
  '性別',
  '続柄',
  '資格取得日',
  '資格喪失日',
  '郵便番号',
  '住所',
]

/** A valid 保険者番号 not used yet: 8 digits, its check digit found by core's own rule. */
function newInsurerNumber(): string {
  const stem = `39${String(Date.now() % 100_000).padStart(5, '0')}`
  for (let d = 0; d <= 9; d++) {
    const checked = checkInsurerNumber(`${stem}${d}`)
    if (checked.ok) return checked.number
  }
  throw new Error('no check digit')
}

async function api(
  context: BrowserContext,
  method: 'GET' | 'POST',
  path: string,
  data?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await context.request.fetch(path, {
    method,
    headers: { Origin: BASE },
    ...(data === undefined ? {} : { data }),
  })
  return { status: res.status(), body: await res.json().catch(() => null) }
}

/** A new insurer with `people` roster persons (keys P001…), made through the staff API. */
async function insurerWithRoster(context: BrowserContext, people: number, from = 1) {
  const number = newInsurerNumber()
  const made = await api(context, 'POST', '/api/ops/insurers', {
    number,
    name: `E2Eコード健保${number}`,
  })
  expect(made.status, JSON.stringify(made.body)).toBe(201)
  await addPeople(context, number, people, from)
  return number
}

async function addPeople(context: BrowserContext, number: string, people: number, from: number) {
  const rows = Array.from({ length: people }, (_, i) => {
    const n = from + i
    return {
      line: i + 2,
      fields: [
        `P${String(n).padStart(3, '0')}`,
        number,
        '77',
        String(100 + n),
        '00',
        'テスト　ハナコ',
        '1980-04-01',
        '2',
        '1',
        '2020-04-01',
        '',
        '100-0001',
        // A comma and a leading = : quoted and defused in the print file.
        n === from ? '=東京都千代田区1-1, 本館' : '東京都千代田区1-1',
      ],
    }
  })
  const res = await api(context, 'POST', `/api/ops/insurers/${number}/roster/batches`, {
    header: ROSTER_HEADER,
    rows,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
}

/** The status block's count of one state, as the screen shows it ("3 人", "2 件"). */
async function shown(page: Page, state: string): Promise<string> {
  const item = page
    .locator('.codes-status__item')
    .filter({ has: page.getByText(state, { exact: true }) })
  return (await item.locator('.codes-status__n').innerText()).trim()
}

/** Issues through the button and returns the downloaded print file's bytes and name. */
async function issueAndDownload(page: Page, button: RegExp, keyboard = false) {
  const download = page.waitForEvent('download')
  if (keyboard) {
    // Keyboard only: Tab from the top of the screen to the button, Enter.
    await page.locator('body').focus()
    for (let i = 0; ; i++) {
      if (i > 60) throw new Error(`Tab never reached ${button}`)
      await page.keyboard.press('Tab')
      const name = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
      if (button.test(name)) break
    }
    await page.keyboard.press('Enter')
  } else await page.getByRole('button', { name: button }).click()
  const file = await download
  const path = await file.path()
  await page.getByRole('heading', { level: 2, name: '印刷用ファイルを保存して確認する' }).waitFor()
  return { bytes: readFileSync(path), path, name: file.suggestedFilename() }
}

function rowsOf(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)], 'UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf])
  const text = bytes.subarray(3).toString('utf8')
  expect(text.endsWith('\r\n')).toBe(true)
  const lines = text.slice(0, -2).split('\r\n')
  expect(lines[0]).toBe(POSTCARD_HEADER.join(','))
  return lines.slice(1).map((l) => l.split(','))
}

describe('健診閲覧コード in the console', () => {
  it('issues, downloads the print file, confirms it by picking it back; a discarded file goes to the queue', async () => {
    const context = await newContext(browser(), 'pc')
    await staffApiLogIn(context, 'admin')
    const number = await insurerWithRoster(context, 3)
    // A browser without the File System Access API (Firefox, Safari): the download and the check of the
    // saved file. (Chromium has the API, but its save dialog cannot be driven headless.)
    await context.addInitScript(() => {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker
    })
    const page = await context.newPage()

    // A platform admin chooses the insurer first.
    await page.goto('/staff/data')
    await page.getByRole('heading', { level: 1, name: '健保組合のデータ' }).waitFor()
    await page.getByLabel('健保組合', { exact: true }).selectOption(number)
    await page.getByRole('link', { name: /健診閲覧コード/ }).click()
    await page.getByRole('heading', { level: 1, name: '健診閲覧コード' }).waitFor()
    expect(page.url()).toBe(`${BASE}/staff/insurers/${number}/codes`)
    await expect.poll(() => shown(page, '未発行')).toBe('3 人')
    expect(await shown(page, '未印刷')).toBe('0 件')
    await expectNoAxeViolations(page, 'codes before issuing')

    const first = await issueAndDownload(page, /^閲覧コードを発行する/, true)
    expect(first.name).toMatch(new RegExp(`^postcards-${number}-\\d{8}-\\d{4}\\.csv$`))
    const rows = rowsOf(first.bytes)
    expect(rows.map((r) => r[0])).toEqual(['P001', 'P002', 'P003'])
    expect(rows[0][1]).toBe(number)
    expect(first.bytes.toString('utf8')).toContain(`"'=東京都千代田区1-1, 本館"`)
    const codes = rows.map((r) => r.at(-2)!)
    for (const code of codes) expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    // The codes are in the file only.
    const text = await page.locator('body').innerText()
    for (const code of codes) expect(text).not.toContain(code)
    await expect.poll(() => shown(page, '未印刷')).toBe('3 件')
    expect(await shown(page, '発行済')).toBe('0 件')
    await expectNoAxeViolations(page, 'codes waiting for the saved file')

    // Another file is refused, in words; the download itself confirms.
    const saved = page.getByLabel('保存したファイル', { exact: true })
    await saved.setInputFiles({
      name: 'other.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('a,b\r\n'),
    })
    await page.getByRole('button', { name: '保存したファイルを確認する' }).click()
    await page.getByText('はがき印刷用ファイルではありません', { exact: false }).waitFor()
    await saved.setInputFiles(first.path)
    await page.getByRole('button', { name: '保存したファイルを確認する' }).click()
    await page.getByText('3 件のコードを確定しました。', { exact: false }).waitFor()
    await expect.poll(() => shown(page, '発行済')).toBe('3 件')
    expect(await shown(page, '未印刷')).toBe('0 件')
    await page.getByRole('cell', { name: /確定/ }).first().waitFor()
    await expectNoAxeViolations(page, 'codes after the confirmation')

    // Two more people; their file "could not be saved": discarded, they wait for a re-issue.
    await addPeople(context, number, 2, 4)
    await page.reload()
    await expect.poll(() => shown(page, '未発行')).toBe('2 人')
    await issueAndDownload(page, /閲覧コードを発行する/)
    await page.getByRole('button', { name: '保存できなかった(破棄する)' }).click()
    await page.getByText('今回のコード 2 件を無効にしました。', { exact: false }).waitFor()
    await expect.poll(() => shown(page, '再発行待ち')).toBe('2 人')
    expect(await shown(page, '未発行')).toBe('0 人')
    expect(await shown(page, '未印刷')).toBe('0 件')
    const queue = page.getByRole('table', { name: '再発行待ち' })
    await queue.getByRole('rowheader', { name: 'P004' }).waitFor()
    await queue.getByRole('rowheader', { name: 'P005' }).waitFor()
    await expectNoAxeViolations(page, 'codes with a re-issue queue')

    // The queue's own button issues to them, and the confirmed file clears it.
    const again = await issueAndDownload(page, /再発行待ちに発行する/)
    expect(rowsOf(again.bytes).map((r) => r[0])).toEqual(['P004', 'P005'])
    await page.getByLabel('保存したファイル', { exact: true }).setInputFiles(again.path)
    await page.getByRole('button', { name: '保存したファイルを確認する' }).click()
    await page.getByText('2 件のコードを確定しました。', { exact: false }).waitFor()
    await expect.poll(() => shown(page, '再発行待ち')).toBe('0 人')
    expect(await shown(page, '発行済')).toBe('5 件')
    await page.getByText('再発行待ちの人はいません。').waitFor()
    // The runs: confirmed, discarded, confirmed (newest first), by whom.
    const runs = page.getByRole('table', { name: '発行の記録' })
    await expect.poll(() => runs.getByRole('row').count()).toBe(4)
    expect(await runs.getByText(/^破棄/).count()).toBe(1)
    expect(await runs.getByText(/^確定/).count()).toBe(2)
    expect(await runs.getByText('開発用管理者').count()).toBe(3)
    await context.close()
  })

  it('writes the file itself where the browser can (File System Access), and confirms it when closed', async () => {
    const context = await newContext(browser(), 'pc')
    await staffApiLogIn(context, 'admin')
    const number = await insurerWithRoster(context, 2)
    // The save dialog cannot be driven headless: the picker hands out a real file of the origin's
    // private file system, written through the same FileSystemWritableFileStream.
    await context.addInitScript(() => {
      ;(window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async (o: {
        suggestedName: string
      }) =>
        (await navigator.storage.getDirectory()).getFileHandle(o.suggestedName, { create: true })
    })
    const page = await context.newPage()
    await page.goto(`/staff/insurers/${number}/codes`)
    await page.getByRole('heading', { level: 1, name: '健診閲覧コード' }).waitFor()
    await page.getByText('まず保存先を選び', { exact: false }).waitFor()
    await page.getByRole('button', { name: /閲覧コードを発行する/ }).click()
    await page.getByText('2 件のコードを確定しました。', { exact: false }).waitFor()
    await expect.poll(() => shown(page, '発行済')).toBe('2 件')
    expect(await shown(page, '未印刷')).toBe('0 件')
    const written = await page.evaluate(async () => {
      const dir = await navigator.storage.getDirectory()
      for await (const [name, handle] of (dir as any).entries()) {
        if (!name.startsWith('postcards-')) continue
        const file = await (handle as FileSystemFileHandle).getFile()
        return [...new Uint8Array(await file.arrayBuffer())]
      }
      return null
    })
    expect(written).not.toBeNull()
    expect(rowsOf(Buffer.from(written!)).map((r) => r[0])).toEqual(['P001', 'P002'])
    await context.close()
  })

  it('voids a run whose answer was lost: the codes made but never received go back to the queue', async () => {
    const context = await newContext(browser(), 'pc')
    await staffApiLogIn(context, 'admin')
    const number = await insurerWithRoster(context, 2)
    await context.addInitScript(() => {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker
    })
    const page = await context.newPage()
    // The server issues the codes, the answer never reaches the page (a dropped connection).
    await page.route('**/codes/issue', async (route) => {
      await route.fetch()
      await route.abort('connectionreset')
    })
    await page.goto(`/staff/insurers/${number}/codes`)
    await expect.poll(() => shown(page, '未発行')).toBe('2 人')
    await page.getByRole('button', { name: /閲覧コードを発行する/ }).click()
    await page.getByText('受け取れなかったコードがあります', { exact: false }).waitFor()
    await expect.poll(() => shown(page, '再発行待ち')).toBe('2 人')
    expect(await shown(page, '未印刷')).toBe('0 件')
    expect(await shown(page, '発行済')).toBe('0 件')
    await page.getByRole('table', { name: '発行の記録' }).getByText(/^破棄/).waitFor()
    await context.close()
  })
  it('offers もう一度確認する when a direct-written file’s confirm does not get through', async () => {
    const context = await newContext(browser(), 'pc')
    await staffApiLogIn(context, 'admin')
    const number = await insurerWithRoster(context, 2)
    await context.addInitScript(() => {
      ;(window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async (o: {
        suggestedName: string
      }) =>
        (await navigator.storage.getDirectory()).getFileHandle(o.suggestedName, { create: true })
    })
    const page = await context.newPage()
    // The first confirm never reaches the server; the second goes through.
    const bodies: unknown[] = []
    let confirms = 0
    await page.route('**/codes/runs/*/confirm', async (route) => {
      bodies.push(route.request().postDataJSON())
      if (confirms++ === 0) await route.abort('connectionreset')
      else await route.continue()
    })
    await page.goto(`/staff/insurers/${number}/codes`)
    await page.getByText('まず保存先を選び', { exact: false }).waitFor()
    await page.getByRole('button', { name: /閲覧コードを発行する/ }).click()
    await page.getByRole('heading', { level: 2, name: '印刷用ファイルを確定する' }).waitFor()
    await expect.poll(() => shown(page, '未印刷')).toBe('2 件')
    expect(await shown(page, '発行済')).toBe('0 件')
    await page.getByRole('button', { name: 'もう一度確認する' }).click()
    await page.getByText('2 件のコードを確定しました。', { exact: false }).waitFor()
    await expect.poll(() => shown(page, '発行済')).toBe('2 件')
    expect(await shown(page, '未印刷')).toBe('0 件')
    expect(bodies).toEqual([{ codes: 2 }, { codes: 2 }])
    await context.close()
  })

  it('voids a run whose confirm the server refuses for its count, and says so', async () => {
    const context = await newContext(browser(), 'pc')
    await staffApiLogIn(context, 'admin')
    const number = await insurerWithRoster(context, 2)
    await context.addInitScript(() => {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker
    })
    const page = await context.newPage()
    // As if the server held a code the file does not: the confirm names one row more than it wrote.
    await page.route('**/codes/runs/*/confirm', async (route) => {
      const body = route.request().postDataJSON() as { codes: number }
      await route.continue({ postData: JSON.stringify({ codes: body.codes + 1 }) })
    })
    await page.goto(`/staff/insurers/${number}/codes`)
    await expect.poll(() => shown(page, '未発行')).toBe('2 人')
    const { path } = await issueAndDownload(page, /閲覧コードを発行する/)
    await page.getByLabel('保存したファイル', { exact: true }).setInputFiles(path)
    await page.getByRole('button', { name: '保存したファイルを確認する' }).click()
    await page.getByText('このファイルにないコードがありました', { exact: false }).waitFor()
    await expect.poll(() => shown(page, '再発行待ち')).toBe('2 人')
    expect(await shown(page, '発行済')).toBe('0 件')
    expect(await shown(page, '未印刷')).toBe('0 件')
    await context.close()
  })
})
