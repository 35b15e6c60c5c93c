import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newContext, useBrowser } from './support'

const browser = useBrowser()
/** The English modules (`*.en.ts`: core's messages, the shell's and each journey's strings). */
const ENGLISH_CHUNK = /\/assets\/[\w.-]*\.en-[\w-]+\.js$/
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/

/** Every text the page's <h1> has had since the page started, kept in the page (`window.headings`). */
async function recordHeadings(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { headings: string[] }).headings = [])
    new MutationObserver(() => {
      const text = document.querySelector('h1')?.textContent ?? ''
      if (text && seen.at(-1) !== text) seen.push(text)
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })
}

const headings = (page: Page) =>
  page.evaluate(() => (window as unknown as { headings: string[] }).headings)

describe('only the language shown is downloaded', () => {
  it('fetches no English for a Japanese visit, and the English at the switch', async () => {
    const context = await newContext(browser(), 'pc')
    try {
      const page = await context.newPage()
      const english: string[] = []
      page.on('request', (request) => {
        if (ENGLISH_CHUNK.test(new URL(request.url()).pathname))
          english.push(new URL(request.url()).pathname)
      })
      await page.goto('/signup')
      await page.getByRole('heading', { level: 1, name: 'メールアドレス登録' }).waitFor()
      await page.getByLabel('パスワード', { exact: true }).fill('1234567')
      await page.getByRole('button', { name: '確認画面へ' }).click()
      await page.getByText('パスワードは8文字以上で入力してください。').first().waitFor()
      await page.waitForLoadState('networkidle')
      expect(english).toEqual([])

      await page.getByRole('button', { name: 'English' }).click()
      await page.getByRole('heading', { level: 1, name: 'Register your email address' }).waitFor()
      // core's field messages follow the switch too (they were fetched with it).
      await page.getByText('Your password must be at least 8 characters long.').first().waitFor()
      expect(english.length).toBeGreaterThanOrEqual(3) // the shell's, core's and the sign-up journey's
    } finally {
      await context.close()
    }
  })

  it('draws a screen first opened in English, and an English start, in English from the first frame', async () => {
    const context = await newContext(browser(), 'pc')
    try {
      const page = await context.newPage()
      await recordHeadings(page)
      await page.goto('/login')
      await page.getByRole('button', { name: 'English' }).click()
      await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor()
      // The sign-up journey's code and strings were never loaded: its English comes with it.
      await page.getByRole('link', { name: 'Register' }).click()
      await page.getByRole('heading', { level: 1, name: 'Register your email address' }).waitFor()
      await page.getByRole('button', { name: 'Continue to confirmation' }).click()
      await page.getByText('Please enter your e-mail address.').first().waitFor()
      expect(await headings(page)).toEqual(['ログイン', 'Log in', 'Register your email address'])

      // The choice is remembered: the next visit starts in English, with no Japanese heading first.
      await page.reload()
      await page.getByRole('heading', { level: 1, name: 'Register your email address' }).waitFor()
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
      expect((await headings(page)).filter((text) => JAPANESE.test(text))).toEqual([])
    } finally {
      await context.close()
    }
  })
})
