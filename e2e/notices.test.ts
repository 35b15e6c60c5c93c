import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { BASE, useBrowser } from './support'

const browser = useBrowser()
const OFFLINE_READY = 'この端末でオフラインでも起動できるようになりました。'

const SIZES = [
  {
    name: 'a phone (390×844)',
    file: 'phone',
    options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  },
  { name: 'a PC (1280×720)', file: 'pc', options: { viewport: { width: 1280, height: 720 } } },
]

/**
 * Every link and button of the header and the footer, scrolled to the top, the middle and the bottom
 * of the viewport in turn (a notice may sit anywhere on screen), and what the browser finds at its
 * centre, which is what a click there reaches: the control itself or something inside it. Returns
 * the controls that something else covers, with what covers them.
 */
function coveredControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const covered: string[] = []
    const controls = document.querySelectorAll<HTMLElement>(
      '.site-header a, .site-header button, .site-footer a, .site-footer button',
    )
    for (const control of controls) {
      for (const block of ['start', 'center', 'end'] as const) {
        control.scrollIntoView({ block, inline: 'nearest' })
        const box = control.getBoundingClientRect()
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
        if (!hit || !control.contains(hit))
          covered.push(
            `${control.textContent?.trim()} (${block}): ${hit?.outerHTML.slice(0, 100) ?? 'nothing'}`,
          )
      }
    }
    return covered
  })
}

describe('notices never cover a control', () => {
  for (const size of SIZES) {
    it(`leaves every header and footer control to its clicks while 「${OFFLINE_READY}」 shows, on ${size.name}`, async () => {
      // A first visit: the service worker installs after the load and the notice says so.
      const context = await browser().newContext({
        ...size.options,
        baseURL: BASE,
        locale: 'ja-JP',
      })
      try {
        const page = await context.newPage()
        await page.goto('/login')
        await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
        const notice = page.getByRole('status').filter({ hasText: OFFLINE_READY })
        await notice.waitFor()
        const controls = await page
          .locator('.site-header a, .site-header button, .site-footer a, .site-footer button')
          .count()
        expect(controls).toBeGreaterThanOrEqual(8) // brand, five footer links, two languages, the notice's 閉じる
        expect(await coveredControls(page)).toEqual([])
        // Still showing: the check above ran with the notice on the page (it goes by itself after 8 s).
        expect(await notice.isVisible()).toBe(true)
        await page.screenshot({ path: `test-results/notice-${size.file}.png` })
        await page.screenshot({ path: `test-results/notice-${size.file}-full.png`, fullPage: true })
      } finally {
        await context.close()
      }
    })
  }
})
