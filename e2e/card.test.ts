import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { expectNoAxeViolations, logInAs, newAccount, newContext, useBrowser } from './support'

const browser = useBrowser()

interface Card {
  name: string
  birth: string
  insurer?: string
  symbol: string
  number: string
  branch?: string
}

/** A new member, logged in, at 保険証情報の入力. */
async function atCardStep(kind: 'pc' | 'app' = 'pc'): Promise<Page> {
  const { email, password } = await newAccount()
  const context = await newContext(browser(), kind)
  const page = await context.newPage()
  await logInAs(page, email, password)
  await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
  await page.getByRole('link', { name: '保険証情報を登録する' }).click()
  await page.getByRole('heading', { level: 1, name: '保険証情報の入力' }).waitFor()
  return page
}

async function enterCard(page: Page, card: Card) {
  await page.getByLabel('氏名(フルネーム・全角カナ)', { exact: true }).fill(card.name)
  await page.getByLabel('生年月日', { exact: true }).fill(card.birth)
  await page.getByLabel('保険者番号', { exact: true }).fill(card.insurer ?? '06139992')
  await page.getByRole('button', { name: '記号・番号入力に進む' }).click()
  await page.getByRole('heading', { level: 1, name: '記号・番号の入力' }).waitFor()
  await page.getByLabel('記号', { exact: true }).fill(card.symbol)
  await page.getByLabel('番号', { exact: true }).fill(card.number)
  if (card.branch) await page.getByLabel('枝番', { exact: true }).fill(card.branch)
  await page.getByRole('button', { name: '入力内容の確認へ' }).click()
  await page.getByRole('heading', { level: 1, name: '入力内容の確認' }).waitFor()
  await page.getByRole('button', { name: '利用資格を照会する' }).click()
}

const outcome = (page: Page, heading: string) =>
  page.getByRole('heading', { name: heading }).waitFor()

describe('the card wizard in Chromium (保険証情報の入力 → 利用資格を照会する)', () => {
  it('links a demo card typed in half-width kana, shows 登録完了 and the name on ホーム', async () => {
    const page = await atCardStep('app')
    await enterCard(page, {
      name: 'ｻﾄｳ ｹﾝｼﾞ',
      birth: '1968-03-12',
      symbol: '1202',
      number: '102',
      branch: '00',
    })
    await page.getByRole('heading', { level: 1, name: '登録完了' }).waitFor()
    await expect
      .poll(() => page.getByText('サトウ　ケンジ 様の保険証情報の登録が完了しました。').count())
      .toBe(1)
    await expectNoAxeViolations(page, '/card/done')
    await page.getByRole('link', { name: 'ホームへ' }).click()
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    await expect.poll(() => page.getByText('サトウ　ケンジ').count()).toBeGreaterThan(0)
    await page.context().close()
  })

  it('applies the hyphen rule to a 記号 typed as printed, and says so', async () => {
    const page = await atCardStep()
    await page.getByLabel('氏名(フルネーム・全角カナ)', { exact: true }).fill('スズキ　ヒロシ')
    await page.getByLabel('生年月日', { exact: true }).fill('1971-04-13')
    await page.getByLabel('保険者番号', { exact: true }).fill('06139992')
    await page.getByRole('button', { name: '記号・番号入力に進む' }).click()
    await page.getByLabel('記号', { exact: true }).fill('71-1203')
    await page.getByLabel('番号', { exact: true }).fill('103')
    await expect.poll(() => page.getByText('"1203"として照会します').count()).toBeGreaterThan(0)
    await page.getByRole('button', { name: '入力内容の確認へ' }).click()
    await page.getByRole('button', { name: '利用資格を照会する' }).click()
    await page.getByRole('heading', { level: 1, name: '登録完了' }).waitFor()
    await page.context().close()
  })

  it('checks the 保険者番号 check digit as it is typed', async () => {
    const page = await atCardStep()
    await page.getByLabel('保険者番号', { exact: true }).fill('06123456')
    await expect.poll(() => page.getByText('保険者番号に誤りがあります').count()).toBeGreaterThan(0)
    await page.getByRole('button', { name: '記号・番号入力に進む' }).click()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      '保険証情報の入力',
    )
    await expectNoAxeViolations(page, '/card with errors')
    await page.context().close()
  })

  it('links with the keyboard alone (番号 of 8 digits, last-7 rule)', async () => {
    const page = await atCardStep()
    const typeInto = async (label: string, text: string) => {
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab')
        const name = await page.evaluate(
          () =>
            (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim() ??
            '',
        )
        if (name.startsWith(label)) {
          await page.keyboard.type(text)
          return
        }
      }
      throw new Error(`Tab never reached ${label}`)
    }
    const press = async (button: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab')
        const name = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
        if (name === button) {
          await page.keyboard.press('Enter')
          return
        }
      }
      throw new Error(`Tab never reached ${button}`)
    }
    await typeInto('氏名(フルネーム・全角カナ)', 'タカハシ　ダイスケ')
    // A date input's segments follow the browser's language (month/day/year in headless Chromium
    // here, year/month/day in a Japanese one): type them in the order the field shows.
    const date = page.getByLabel('生年月日', { exact: true })
    await page.keyboard.press('Tab')
    for (const order of [
      ['05', '14', '1974'],
      ['1974', '05', '14'],
    ]) {
      for (const part of order) await page.keyboard.type(part)
      if ((await date.inputValue()) === '1974-05-14') break
      await page.keyboard.press('Shift+Tab')
      await page.keyboard.press('Tab')
    }
    expect(await date.inputValue()).toBe('1974-05-14')
    await typeInto('保険者番号', '06139992')
    await press('記号・番号入力に進む')
    await page.getByRole('heading', { level: 1, name: '記号・番号の入力' }).waitFor()
    await typeInto('記号', '1204')
    await page.keyboard.press('Tab')
    await page.keyboard.type('12345682')
    await typeInto('枝番', '00')
    await press('入力内容の確認へ')
    await page.getByRole('heading', { level: 1, name: '入力内容の確認' }).waitFor()
    await press('利用資格を照会する')
    await page.getByRole('heading', { level: 1, name: '登録完了' }).waitFor()
    await page.context().close()
  })

  it.each<[string, Card, string]>([
    [
      'a card not on the roster',
      { name: 'ダレモ　イナイ', birth: '1990-01-01', symbol: '9999', number: '999' },
      '保険証情報を確認できませんでした',
    ],
    [
      'a person linked to another account',
      { name: 'ケンコウ　タロウ', birth: '1962-01-10', symbol: '1200', number: '100' },
      'この保険証はすでに登録されています',
    ],
    [
      'a person whose qualification ended',
      { name: 'コバヤシ　ダイスケ', birth: '1989-01-19', symbol: '1209', number: '109' },
      '保険証の資格が喪失しています',
    ],
    [
      'a dependent over the insurer’s age limit',
      { name: 'ケンコウ　ハナコ', birth: '1964-10-01', symbol: '1200', number: '100' },
      'ご利用いただけません',
    ],
    [
      'an insurer in maintenance',
      {
        name: 'サトウ　ケンジ',
        birth: '1968-03-12',
        insurer: '06139463',
        symbol: '1202',
        number: '102',
      },
      'ただいまメンテナンス中です',
    ],
  ])('shows its own screen for %s, passing axe-core', async (_name, card, heading) => {
    const page = await atCardStep()
    await enterCard(page, card)
    await outcome(page, heading)
    await expectNoAxeViolations(page, heading)
    await page.context().close()
  })

  it('never tells which field was wrong, and never shows the earlier address', async () => {
    const page = await atCardStep()
    await enterCard(page, {
      name: 'サトウ　ケンジ',
      birth: '1968-03-13',
      symbol: '1202',
      number: '102',
      branch: '00',
    })
    await outcome(page, '保険証情報を確認できませんでした')
    const text = await page.locator('main').textContent()
    expect(text).toContain('健康保険証(被保険者証)の入力内容に誤りがある。')
    expect(text).not.toMatch(/生年月日が|氏名が|番号が違/)
    await page
      .getByRole('button', { name: '入力内容を修正する' })
      .or(page.getByRole('link', { name: '入力内容を修正する' }))
      .first()
      .click()
    await page.getByRole('heading', { level: 1, name: '保険証情報の入力' }).waitFor()
    await page.context().close()
    const other = await atCardStep()
    await enterCard(other, {
      name: 'ケンコウ　タロウ',
      birth: '1962-01-10',
      symbol: '1200',
      number: '100',
    })
    await outcome(other, 'この保険証はすでに登録されています')
    expect(await other.locator('main').textContent()).not.toContain('demo@kenshin.example')
    await other.context().close()
  })

  it('sends the member to support after 5 checks in 24 hours', async () => {
    const page = await atCardStep()
    for (let i = 0; i < 5; i++) {
      await page.goto('/card')
      await enterCard(page, {
        name: 'ダレモ　イナイ',
        birth: '1990-01-01',
        symbol: '8000',
        number: String(800 + i),
      })
      await outcome(page, '保険証情報を確認できませんでした')
    }
    await page.goto('/card')
    await enterCard(page, {
      name: 'サトウ　アヤ',
      birth: '1970-12-03',
      symbol: '1202',
      number: '102',
      branch: '01',
    })
    await outcome(page, '照会回数の上限に達しました')
    await page.context().close()
  })

  for (const kind of ['pc', 'app'] as const) {
    it(`draws the 保険証, 資格確認書 and 資格情報のお知らせ in the help, only once it is opened, in words as well, ja and en (${kind === 'pc' ? 'PC' : 'phone'})`, async () => {
      const page = await atCardStep(kind)
      const fetched: string[] = []
      page.on('request', (request) => fetched.push(new URL(request.url()).pathname))
      const main = page.locator('main')
      expect(await main.textContent()).toContain(
        '資格確認書、または資格情報のお知らせをご用意ください',
      )
      expect(await page.locator('figure').count()).toBe(0)
      await page.getByText('保険証情報とは?').click()
      const pictures = page.getByRole('img')
      await expect.poll(() => pictures.count()).toBe(3)
      expect(fetched.some((path) => /CardPictures/.test(path))).toBe(true)
      for (const name of ['健康保険証', '資格確認書', '資格情報のお知らせ']) {
        const picture = page.getByRole('img', { name: new RegExp(`^${name}の見本の絵`) })
        expect(await picture.isVisible(), name).toBe(true)
        expect(await picture.getAttribute('aria-label'), name).toMatch(/枠1.*枠2/)
      }
      const help = (await main.textContent()) ?? ''
      expect(help).toContain('記号・番号・枝番:カードの上の方')
      expect(help).toContain('保険者番号:「保険者番号」の行(枠2)')
      expect(help).toContain('マイナポータルにログインし、「健康保険証」のメニューから')
      await expectNoAxeViolations(page, `card help (${kind})`)

      await page.getByRole('button', { name: 'English' }).click()
      await page
        .getByRole('img', { name: /^A drawn sample of an eligibility certificate/ })
        .waitFor()
      expect(await page.getByRole('img').count()).toBe(3)
      expect(await main.textContent()).toContain('Mynaportal (マイナポータル), under “健康保険証”')
      await expectNoAxeViolations(page, `card help en (${kind})`)
      // The manual's buttons stay as they are.
      await page.getByRole('button', { name: '日本語' }).click()
      await page.getByRole('button', { name: '記号・番号入力に進む' }).waitFor()
      await page.context().close()
    })
  }
})
