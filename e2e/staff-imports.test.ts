/**
 * 名簿・健診結果の取り込み in Chromium (issue 13): the demo operator imports a Shift_JIS roster with the command
 * line's tricky rows and gets the command line's report and the rejection file; a checkup zip imports;
 * an import closed at about half is resumed from the right line, nothing lost or doubled; bad files are
 * refused in words; keyboard only once; axe on a phone and a PC.
 *
 * Person keys carry this run's mark, so every run inserts fresh rows into the demo insurer.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { rosterChunks } from '../bench/gen-roster.ts'
import { checkupDocuments, ZipWriter } from '../bench/gen-checkups.ts'
import { encodeShiftJis } from '../cli/sjis.ts'
import { insurerCheckDigit } from '../core/card.ts'
import { importArgs, OPS_CLI } from '../scripts/ops-cli.mjs'
import { staffApiLogIn } from './staff'
import { BASE, expectNoAxeViolations, newContext, useBrowser } from './support'

const INSURER = '06139992'
const RUN = Date.now().toString(36).toUpperCase()
let files = 0

/** A roster of `rows` generated rows whose person keys are this run's own. */
function roster(rows: number, mark: string, seed = 1, insurer = INSURER): string[] {
  const text = [...rosterChunks({ rows, insurer, seed })].join('')
  return text
    .trimEnd()
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.replace(/^G/, `${mark}-`)))
}

/** The command line's tricky rows (cli/roster-import.rejections.test.ts): every third row broken. */
function tricky(lines: string[]): string[] {
  const out = lines.slice()
  for (let i = 1; i < out.length; i += 3) {
    const kind = (i - 1) / 3
    const f = out[i].split(',')
    if (kind % 3 === 0)
      f[6] = '1990-02-30' // a date that does not exist: the server
    else if (kind % 3 === 1)
      f.splice(3, 1) // a short row: the browser
    else f[1] = '06132013' // another insurer: the server
    out[i] = f.join(',')
  }
  return out
}

/** A zip in memory (bench/lib/zip.ts writes to any stream). */
async function zipOf(
  entries: { name: string; content: string; flags?: number }[],
): Promise<Buffer> {
  const parts: Buffer[] = []
  const { Writable } = await import('node:stream')
  const out = new Writable({
    write(chunk, _enc, done) {
      parts.push(chunk)
      done()
    },
  })
  const zip = new ZipWriter(out)
  for (const e of entries) await zip.add(e.name, e.content, { flags: e.flags })
  await zip.close()
  return Buffer.concat(parts)
}

async function openImports(page: Page, insurer = INSURER): Promise<void> {
  await page.goto(`/staff/insurers/${insurer}/imports`)
  await page.getByRole('heading', { level: 1, name: '名簿・健診結果の取り込み' }).waitFor()
}

async function choose(page: Page, label: string, name: string, buffer: Buffer): Promise<void> {
  await page
    .getByLabel(label, { exact: true })
    .setInputFiles({ name, mimeType: 'text/csv', buffer })
}

/** The report's value for a label (the <dl> of the section). */
async function reportValue(page: Page, section: string, label: string): Promise<string> {
  const region = page.getByRole('region', { name: section })
  return (
    (await region
      .locator('.imports-report div')
      .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
      .locator('dd')
      .textContent()) ?? ''
  )
}

const digits = (s: string) => Number(s.replace(/[^\d]/g, ''))

type ImportView = {
  id: string
  source: 'console' | 'cli'
  fileName: string
  outcome: string | null
  totals: {
    rowsRead: number
    blank: number
    inserted: number
    updated: number
    unchanged: number
    rejected: number
  }
  batches: number
}

async function importNamed(
  context: BrowserContext,
  fileName: string,
  insurer = INSURER,
): Promise<ImportView> {
  const res = await context.request.get(`/api/ops/insurers/${insurer}/imports`)
  expect(res.status()).toBe(200)
  const { imports } = (await res.json()) as { imports: ImportView[] }
  const found = imports.find((i) => i.fileName === fileName && i.source === 'console')
  if (!found) throw new Error(`no import named ${fileName}`)
  return found
}

async function withoutCode(context: BrowserContext, insurer = INSURER): Promise<number> {
  const res = await context.request.get(`/api/ops/insurers/${insurer}/codes/status`)
  expect(res.status()).toBe(200)
  return ((await res.json()) as { withoutCode: number }).withoutCode
}

let insurers = 0
/**
 * A fresh insurer of this run, made by the platform admin (signed in on `context`), for the large files: the
 * demo insurer's roster stays as the other journeys expect it (its codes, its counts).
 */
async function freshInsurer(context: BrowserContext): Promise<string> {
  const body = `39${String((Date.now() + ++insurers) % 100_000).padStart(5, '0')}`
  const number = `${body}${insurerCheckDigit(body)}`
  const res = await context.request.post('/api/ops/insurers', {
    headers: { Origin: BASE },
    data: { number, name: `取り込みテスト健保 ${RUN}-${insurers}` },
  })
  if (res.status() !== 201)
    throw new Error(`insurer ${number}: ${res.status()} ${await res.text()}`)
  return number
}

describe('staff console: imports', () => {
  const browser = useBrowser()

  it('imports a Shift_JIS roster with the command line’s report and rejection file', async () => {
    const context = await newContext(browser())
    try {
      await staffApiLogIn(context, 'operator')
      const page = await context.newPage()
      await openImports(page)
      await expectNoAxeViolations(page, 'imports, PC')
      const name = `members-${RUN}-${++files}.csv`
      const text = tricky(roster(60, `S${RUN}`)).join('\r\n') + '\r\n'
      const bytes = encodeShiftJis(text)
      await choose(page, '名簿のファイル', name, bytes)
      await page.getByRole('button', { name: '取り込みを開始' }).click()
      const section = '名簿の取り込み'
      await page
        .getByRole('heading', { level: 3, name: '取り込み結果' })
        .waitFor({ timeout: 60_000 })
      await page.getByText('取り込みが終わりました。').waitFor()
      await expect.poll(() => page.getByText(/文字コード: .*Shift_JIS/).count()).toBe(1)
      expect(digits(await reportValue(page, section, '読み込んだ行'))).toBe(60)
      expect(digits(await reportValue(page, section, '追加'))).toBe(40)
      expect(digits(await reportValue(page, section, 'エラー'))).toBe(20)
      // the errors under their heading, one a line: 「5 行目・-: 理由」 style
      await page.getByRole('heading', { level: 4, name: 'エラーの行' }).waitFor()
      expect(await page.locator('.imports-report__lines li').first().innerText()).toMatch(
        /^2 行目・生年月日: /,
      )
      await expectNoAxeViolations(page, 'imports, report')

      // The rejection file: the server's copy, UTF-8 with BOM, CRLF, line order, Excel-safe cells.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'エラーの一覧(CSV)をダウンロード' }).click(),
      ])
      expect(download.suggestedFilename()).toBe(`${name}.rejected.csv`)
      const csv = readFileSync((await download.path())!)
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const rows = csv.toString('utf8').slice(1).split('\r\n')
      expect(rows[0]).toBe('行番号,列,理由,コード')
      expect(rows.at(-1)).toBe('')
      const data = rows.slice(1, -1)
      expect(data).toHaveLength(20)
      expect(data[0]).toMatch(/^2,生年月日,/)
      expect(data[1]).toBe('5,-,列の数が 12 です(見出しは 13 列),column_count')
      const lines = data.map((l) => Number(l.split(',')[0]))
      expect(lines).toEqual([...lines].sort((a, b) => a - b))
      for (const cell of data.flatMap((l) => l.split(','))) expect(cell).not.toMatch(/^[=+@]/)

      // The command line on the same file: the same rows read and refused, the same reasons, line by line
      // (its rows are now unchanged: the console inserted them).
      const { admin } = JSON.parse(readFileSync(join('.e2e-state', 'dev-ops-tokens.json'), 'utf8'))
      const path = join('.e2e-state', name)
      writeFileSync(path, bytes)
      const json = spawnSync(
        process.execPath,
        [
          ...OPS_CLI,
          ...importArgs(
            'roster',
            { file: path, url: BASE, token: admin, insurer: INSURER },
            '--json',
            '--quiet',
          ),
        ],
        { encoding: 'utf8' },
      )
      const report = JSON.parse(json.stdout)
      expect(report.rowsRead).toBe(60)
      expect(report.rejected).toBe(20)
      expect(report.inserted + report.updated).toBe(0)
      expect(report.unchanged).toBe(40)
      const cliRejected = readFileSync(path.replace(/\.csv$/, '.rejected.csv'), 'utf8')
      expect(cliRejected.slice(1).split('\r\n').slice(1, -1)).toEqual(data)

      const view = await importNamed(context, name)
      expect(view.outcome).toBe('complete')
      expect(view.totals).toMatchObject({ rowsRead: 60, inserted: 40, rejected: 20 })
    } finally {
      await context.close()
    }
  })

  it('imports a checkup zip', async () => {
    const context = await newContext(browser())
    try {
      await staffApiLogIn(context, 'operator')
      // roster persons for the documents, then the zip
      const docs = [...checkupDocuments({ docs: 5, insurer: INSURER, seed: 7 })]
      const stamp = Date.now() % 1_000_000
      const mark = `C${RUN}`
      // this run's own card numbers (documents match persons by card): the suite can run twice on one state
      const card = (i: number) => `${stamp}${i}`
      const header = roster(1, 'x')[0]
      const people = docs.map(
        (d, i) =>
          `${mark}-${i},${INSURER},${d.person.symbol},${card(i)},${d.person.branch},${d.person.nameKana},${d.person.birthDate},${d.person.sex},1,2010-04-01,,100-0000,東京都千代田区デモ町1-1`,
      )
      const page = await context.newPage()
      await openImports(page)
      await choose(
        page,
        '名簿のファイル',
        `people-${RUN}.csv`,
        Buffer.from(`${header}\n${people.join('\n')}\n`),
      )
      await page.getByRole('button', { name: '取り込みを開始' }).click()
      await page.getByText('取り込みが終わりました。').waitFor({ timeout: 60_000 })

      const zip = await zipOf(
        docs.map((d, i) => ({
          name: d.name,
          content: d.xml.replace(`extension="${d.person.number}"`, `extension="${card(i)}"`),
        })),
      )
      const region = page.getByRole('region', { name: '健診結果の取り込み' })
      await region
        .getByLabel('健診結果のファイル', { exact: true })
        .setInputFiles({ name: `checkups-${RUN}.zip`, mimeType: 'application/zip', buffer: zip })
      await region.getByRole('button', { name: '取り込みを開始' }).click()
      await region.getByText('取り込みが終わりました。').waitFor({ timeout: 60_000 })
      const view = await importNamed(context, `checkups-${RUN}.zip`)
      expect(view.outcome).toBe('complete')
      expect(view.totals.inserted + view.totals.updated + view.totals.unchanged).toBe(5)
    } finally {
      await context.close()
    }
  })

  it('resumes an import closed at about half from the right line: nothing lost or doubled', async () => {
    const context = await newContext(browser())
    try {
      // the platform admin, into a fresh insurer: 100,000 persons stay out of the demo insurer
      await staffApiLogIn(context, 'admin')
      const insurer = await freshInsurer(context)
      const before = await withoutCode(context, insurer)
      const rows = 100_000
      const name = `big-${RUN}.csv`
      // a file on disk: its last-modified time is part of its identity, the same in both pages
      const path = join('.e2e-state', name)
      writeFileSync(path, roster(rows, `R${RUN}`, 3, insurer).join('\n') + '\n')
      const first = await context.newPage()
      await openImports(first, insurer)
      await first.getByLabel('名簿のファイル', { exact: true }).setInputFiles(path)
      await first.getByRole('button', { name: '取り込みを開始' }).click()
      const bar = first.getByRole('progressbar', { name: '取り込みの進み具合' })
      await bar.waitFor()
      await expect
        .poll(async () => Number((await bar.getAttribute('value')) ?? 0), { timeout: 60_000 })
        .toBeGreaterThanOrEqual(45)
      await first.close() // batches in flight

      const second = await context.newPage()
      await openImports(second, insurer)
      await second.getByLabel('名簿のファイル', { exact: true }).setInputFiles(path)
      const resume = second.getByRole('button', { name: /前回の取り込みを再開/ })
      await resume.waitFor()
      // data rows sent (the header is not one)
      const sent = digits(/((?:\d|,)+) 行 送信済み/.exec((await resume.textContent()) ?? '')![1])
      expect(sent).toBeGreaterThan(0)
      expect(sent).toBeLessThan(rows)
      await resume.click()
      await second.getByText('取り込みが終わりました。').waitFor({ timeout: 120_000 })
      const section = '名簿の取り込み'
      expect(digits(await reportValue(second, section, '追加'))).toBe(rows)

      const view = await importNamed(context, name, insurer)
      expect(view.outcome).toBe('complete')
      const t = view.totals
      expect(t.inserted + t.updated + t.unchanged + t.rejected).toBe(rows)
      expect(t).toMatchObject({ rowsRead: rows, inserted: rows, rejected: 0 })
      expect(view.batches).toBe(rows / 1000)
      expect((await withoutCode(context, insurer)) - before).toBe(rows)
    } finally {
      await context.close()
    }
  })

  it('stops when the network drops, keeps what was sent, and 再開 finishes it: nothing lost or doubled', async () => {
    const context = await newContext(browser())
    try {
      await staffApiLogIn(context, 'admin')
      const insurer = await freshInsurer(context)
      const rows = 60_000
      const name = `offline-${RUN}.csv`
      const path = join('.e2e-state', name)
      writeFileSync(path, roster(rows, `N${RUN}`, 5, insurer).join('\n') + '\n')
      const page = await context.newPage()
      await openImports(page, insurer)
      await page.getByLabel('名簿のファイル', { exact: true }).setInputFiles(path)
      await page.getByRole('button', { name: '取り込みを開始' }).click()
      const bar = page.getByRole('progressbar', { name: '取り込みの進み具合' })
      await expect
        .poll(async () => Number((await bar.getAttribute('value')) ?? 0), { timeout: 60_000 })
        .toBeGreaterThanOrEqual(20)
      await context.setOffline(true)
      // three retries (1 s, 3 s, 10 s), then the import stops, resumable
      await page
        .getByText('サーバーに届かなくなったため', { exact: false })
        .waitFor({ timeout: 60_000 })
      await context.setOffline(false)
      await page.getByRole('button', { name: '再開', exact: true }).click()
      await page.getByText('取り込みが終わりました。').waitFor({ timeout: 120_000 })
      const view = await importNamed(context, name, insurer)
      expect(view.outcome).toBe('complete')
      expect(view.totals).toMatchObject({ rowsRead: rows, inserted: rows, rejected: 0 })
      expect(view.batches).toBe(rows / 1000)
    } finally {
      await context.setOffline(false).catch(() => {})
      await context.close()
    }
  })

  it('names the insurer, and refuses another insurer before the form', async () => {
    const context = await newContext(browser())
    try {
      await staffApiLogIn(context, 'operator')
      const page = await context.newPage()
      await openImports(page)
      await page.getByText('デモ健康保険組合(保険者番号 06139992)').waitFor()
      await page.getByLabel('名簿のファイル', { exact: true }).waitFor()
      await page.goto('/staff/insurers/06132013/imports')
      await page.getByText('この健保組合のデータは扱えません', { exact: false }).waitFor()
      await page.getByRole('link', { name: '健保組合のデータへ' }).waitFor()
      expect(await page.locator('input[type=file]').count()).toBe(0)
    } finally {
      await context.close()
    }
  })

  it('refuses bad files in words and changes nothing', async () => {
    const context = await newContext(browser())
    try {
      await staffApiLogIn(context, 'operator')
      const page = await context.newPage()
      await openImports(page)
      const before = await withoutCode(context)
      await choose(page, '名簿のファイル', `empty-${RUN}.csv`, Buffer.alloc(0))
      await page.getByRole('button', { name: '取り込みを開始' }).click()
      const alert = page.getByRole('alert').filter({ hasText: 'このファイルは取り込めません' })
      await alert.waitFor({ timeout: 30_000 })
      await expect.poll(() => alert.textContent()).toContain('ファイルが空です')
      expect(await withoutCode(context)).toBe(before)
      await expectNoAxeViolations(page, 'imports, refused')

      // a zip with a ../ entry: that entry refused by name and reason, the rest imported
      const region = page.getByRole('region', { name: '健診結果の取り込み' })
      const zip = await zipOf([{ name: '../evil.xml', content: '<x/>' }])
      await region
        .getByLabel('健診結果のファイル', { exact: true })
        .setInputFiles({ name: `evil-${RUN}.zip`, mimeType: 'application/zip', buffer: zip })
      await region.getByRole('button', { name: '取り込みを開始' }).click()
      await region
        .getByRole('heading', { level: 3, name: '取り込み結果' })
        .waitFor({ timeout: 30_000 })
      await expect.poll(() => region.textContent()).toContain('危険な名前のファイルです')
    } finally {
      await context.close()
    }
  })

  it('works by keyboard alone, and passes axe on a phone', async () => {
    const context = await browser().newContext({
      baseURL: BASE,
      viewport: { width: 390, height: 844 },
      locale: 'ja-JP',
    })
    try {
      await staffApiLogIn(context, 'operator')
      const page = await context.newPage()
      await openImports(page)
      await expectNoAxeViolations(page, 'imports, phone')
      // Keyboard: Tab to the file input; a chooser opens on Enter and takes the file.
      const input = page.getByLabel('名簿のファイル', { exact: true })
      // listening first: the browser's chooser is taken over only once someone waits for it
      const chooserOpened = page.waitForEvent('filechooser')
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab')
        if (await input.evaluate((el) => el === document.activeElement)) break
      }
      expect(await input.evaluate((el) => el === document.activeElement)).toBe(true)
      await page.keyboard.press('Enter')
      const chooser = await chooserOpened
      const lines = roster(3, `K${RUN}`)
      await chooser.setFiles({
        name: `keys-${RUN}.csv`,
        mimeType: 'text/csv',
        buffer: Buffer.from(lines.join('\n') + '\n'),
      })
      const start = page.getByRole('button', { name: '取り込みを開始' })
      await start.waitFor()
      for (let i = 0; i < 10; i++) {
        if (await start.evaluate((el) => el === document.activeElement)) break
        await page.keyboard.press('Tab')
      }
      await page.keyboard.press('Enter')
      const heading = page.getByRole('heading', { level: 3, name: '取り込み結果' })
      await heading.waitFor({ timeout: 30_000 })
      // the result takes the focus, so a screen reader reads it next
      await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true)
      await expectNoAxeViolations(page, 'imports, phone, report')
    } finally {
      await context.close()
    }
  })
})
