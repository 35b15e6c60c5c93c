import { describe, expect, it } from 'vitest'
import { newContext, useBrowser } from './support'

const browser = useBrowser()
/** The password policy's chunk: core/password.ts with its 3,000 common passwords (lazy-password-<hash>.js). */
const POLICY_CHUNK = /\/assets\/(?:lazy-)?password-[\w-]{8}\.js$/

describe('the common-password list on sign-up', () => {
  it('is not part of the screen’s first load, arrives when the member starts the form, and refuses a common password before sending', async () => {
    const context = await newContext(browser(), 'pc')
    try {
      const page = await context.newPage()
      const policy: string[] = []
      page.on('request', (request) => {
        if (POLICY_CHUNK.test(new URL(request.url()).pathname)) policy.push(request.url())
      })
      await page.goto('/signup')
      await page.getByRole('heading', { level: 1, name: 'メールアドレス登録' }).waitFor()
      await page.waitForLoadState('networkidle')
      expect(policy).toEqual([])

      const email = `policy.${Date.now()}@example.jp`
      await page.getByLabel('メールアドレス', { exact: true }).fill(email)
      await expect.poll(() => policy.length).toBe(1)
      await page.getByLabel('メールアドレス(確認用)', { exact: true }).fill(email)
      await page.getByLabel('パスワード', { exact: true }).fill('password')
      // The checklist follows the policy once it is here (8 characters, one kind of character): sent
      // before that, a common password is the server's to refuse, which a loaded machine can make happen.
      await expect.poll(() => page.locator('.checklist__item--met').count()).toBe(1)
      await page.getByRole('button', { name: '確認画面へ' }).click()
      await page.getByText('よく使われているパスワードのため使用できません。').first().waitFor()
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('メールアドレス登録')
      expect(await page.locator('.checklist__item--met').count()).toBe(1)
    } finally {
      await context.close()
    }
  })
})
