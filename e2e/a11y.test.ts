import { describe, expect, it } from 'vitest'
import { BASE, expectNoAxeViolations, newContext, useBrowser } from './support'

const browser = useBrowser()

const SCREENS: [string, string][] = [
  ['/login', 'ログイン'],
  ['/login/help', 'ログインできない場合'],
  ['/signup', 'メールアドレス登録'],
  ['/signup/code', '確認コードの入力'],
  ['/password/forgot', 'パスワードの再設定'],
  ['/password/reset?token=expired', '新しいパスワードの設定'],
  ['/verify?token=expired', 'メールアドレスの確認'],
  ['/inquiry', 'お問い合わせ'],
  ['/faq', 'よくある質問'],
  ['/terms', '会員規約'],
  ['/privacy', 'プライバシーポリシー'],
  ['/media-policy', 'メディアポリシー'],
]

describe('every screen passes axe-core (0 violations), in Japanese and in English', () => {
  for (const kind of ['pc', 'app'] as const) {
    it(`on a ${kind === 'pc' ? 'PC' : 'phone'}`, async () => {
      const context = await newContext(browser(), kind)
      const page = await context.newPage()
      for (const [path, title] of SCREENS) {
        await page.goto(path)
        await page.getByRole('heading', { level: 1, name: title }).waitFor()
        await page.waitForLoadState('networkidle')
        await expectNoAxeViolations(page, path)
      }
      await context.close()
    })
  }

  it('the logged-in home, and the sign-up confirmation and sent screens', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await page.goto('/login')
    await page.getByLabel('メールアドレス', { exact: true }).fill('demo@kenshin.example')
    await page.getByLabel('パスワード', { exact: true }).fill('Kenko-Demo-2026')
    await page.getByRole('button', { name: 'ログイン', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor()
    await expectNoAxeViolations(page, '/home')
    await page.getByRole('button', { name: 'ログアウト' }).click()
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
    await page.goto('/signup')
    await page.getByLabel('メールアドレス', { exact: true }).fill('a11y@example.jp')
    await page.getByLabel('メールアドレス(確認用)', { exact: true }).fill('a11y@example.jp')
    await page.getByLabel('パスワード', { exact: true }).fill('mugi-cha-natsu-88')
    await page.getByRole('button', { name: '確認画面へ' }).click()
    await page.getByRole('heading', { level: 1, name: '登録情報・規約確認' }).waitFor()
    await expectNoAxeViolations(page, '/signup/confirm')
    await page
      .getByRole('checkbox', { name: '会員規約およびプライバシーポリシーに同意する' })
      .check()
    await page.getByRole('button', { name: '仮登録メールを送信する' }).click()
    await page.getByRole('heading', { level: 1, name: '仮登録メールを送信しました' }).waitFor()
    await expectNoAxeViolations(page, '/signup/sent')
    await context.close()
  })

  it('switches to English and back, and English screens pass axe-core too', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    await page.goto('/login')
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en')
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor()
    await expectNoAxeViolations(page, '/login (en)')
    await page.getByRole('button', { name: '日本語' }).click()
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
    await context.close()
  })
})

describe('the shell over HTTP', () => {
  it('serves every app route with a nonce on its scripts that matches the CSP', async () => {
    const res = await fetch(`${BASE}/signup`)
    const csp = res.headers.get('Content-Security-Policy')!
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]
    const html = await res.text()
    const scripts = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
    expect(res.headers.get('Strict-Transport-Security')).toContain('max-age=31536000')
  })

  it('preloads the screen’s chunks with the shell, each with the nonce and served', async () => {
    const res = await fetch(`${BASE}/checkups`)
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get('Content-Security-Policy')!)![1]
    const html = await res.text()
    const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*>/g)].map((m) => m[0])
    const hrefs = preloads.map((tag) => /href="([^"]+)"/.exec(tag)![1])
    // The page, what it imports, and the results' own chunk it loads lazily.
    expect(hrefs.some((h) => /\/assets\/Checkups-[\w-]+\.js$/.test(h))).toBe(true)
    expect(hrefs.some((h) => /\/assets\/Results-[\w-]+\.js$/.test(h))).toBe(true)
    for (const tag of preloads) expect(tag).toContain(`nonce="${nonce}"`)
    for (const href of hrefs) expect((await fetch(BASE + href)).status, href).toBe(200)
    // Another screen gets its own list; a path that is no screen gets none beyond the shell's.
    const login = await (await fetch(`${BASE}/login`)).text()
    expect(login).toMatch(/<link rel="modulepreload"[^>]*\/assets\/Login-[\w-]+\.js/)
    expect(login).not.toMatch(/\/assets\/Results-/)
    // A checkup date's own URL (a notice's link) is the results screen.
    const dated = await (await fetch(`${BASE}/checkups/2026-06-10`)).text()
    expect(dated).toMatch(/<link rel="modulepreload"[^>]*\/assets\/Results-[\w-]+\.js/)
    const unknown = await (await fetch(`${BASE}/no-such-screen`)).text()
    expect([...unknown.matchAll(/rel="modulepreload"/g)].length).toBe(1)
  })

  it('loads with no CSP violation reported by the browser', async () => {
    const context = await newContext(browser(), 'pc')
    const page = await context.newPage()
    const violations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
    })
    await page.goto('/signup')
    await page.getByRole('heading', { level: 1, name: 'メールアドレス登録' }).waitFor()
    await page.goto('/login')
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor()
    await page.waitForLoadState('networkidle')
    expect(violations).toEqual([])
    await context.close()
  })
})

describe("the insurer's data screens (issue 13) pass axe-core, on a phone and a PC", () => {
  for (const kind of ['pc', 'app'] as const) {
    it(`on a ${kind === 'pc' ? 'PC' : 'phone'}`, async () => {
      const { staffApiLogIn } = await import('./staff')
      const context = await newContext(browser(), kind)
      await staffApiLogIn(context, 'operator')
      const page = await context.newPage()
      const screens: [string, string][] = [
        ['/staff/data', '健保組合のデータ'],
        ['/staff/insurers/06139992/codes', '健診閲覧コード'],
        ['/staff/insurers/06139992/history', '取り込み履歴'],
      ]
      for (const [path, title] of screens) {
        await page.goto(path)
        await page.getByRole('heading', { level: 1, name: title }).waitFor()
        await page.waitForLoadState('networkidle')
        await expectNoAxeViolations(page, `${path} (${kind})`)
      }
      // An import's detail: one recorded through the API as the command line records one.
      const id = crypto.randomUUID()
      const made = await context.request.post('/api/ops/insurers/06139992/imports', {
        headers: { Origin: BASE },
        data: {
          id,
          kind: 'checkups',
          source: 'cli',
          fileName: 'a11y.zip',
          fileSize: 10,
          fingerprint: '',
        },
      })
      expect(made.status()).toBe(201)
      const finished = await context.request.post(
        `/api/ops/insurers/06139992/imports/${id}/finish`,
        {
          headers: { Origin: BASE },
          data: {
            outcome: 'failed',
            rowsRead: 0,
            blank: 0,
            failure: { key: 'a11y_test', params: {} },
          },
        },
      )
      expect(finished.status()).toBe(200)
      await page.goto(`/staff/insurers/06139992/history/${id}`)
      await page.getByRole('heading', { level: 1, name: '取り込みの詳細' }).waitFor()
      await page.getByText('理由コード: a11y_test', { exact: false }).waitFor()
      await page.waitForLoadState('networkidle')
      await expectNoAxeViolations(page, `history detail (${kind})`)
      // In English too: the codes screen.
      await page.goto('/staff/insurers/06139992/codes')
      await page.getByRole('button', { name: 'English' }).click()
      await page.getByRole('heading', { level: 1, name: 'Viewing codes' }).waitFor()
      await page.getByText('Re-issue queue', { exact: true }).first().waitFor()
      await expectNoAxeViolations(page, `codes in English (${kind})`)
      await page.getByRole('button', { name: '日本語' }).click()
      await page.getByRole('heading', { level: 1, name: '健診閲覧コード' }).waitFor()
      await context.close()
    })
  }
})
