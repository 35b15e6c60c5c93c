import { describe, expect, it } from 'vitest'
import { makeHarness, testDb, testDbKind } from '../test/harness'

/** The built shell as Workers static assets would hand it over (only what pages.ts reads of it). */
const assets = {
  fetch: async (req: Request) =>
    new URL(req.url).pathname === '/'
      ? new Response(
          '<!doctype html><html><head></head><body><script type="module" src="/assets/index.js"></script></body></html>',
          {
            headers: { 'Content-Type': 'text/html', ETag: '"shell"' },
          },
        )
      : new Response('not found', { status: 404 }),
}

const harness = async () => makeHarness(await testDb(), { assets })

/** The `__Host-app` cookie a page answer sets, as its attributes, or null. */
function appCookie(res: Response): Record<string, string> | null {
  const header = res.headers.getSetCookie().find((c) => c.startsWith('__Host-app='))
  if (!header) return null
  return Object.fromEntries(
    header
      .split(/;\s*/)
      .map((part) => [part.split('=')[0].toLowerCase(), part.split('=')[1] ?? '']),
  )
}

// The shell is rewritten with HTMLRewriter, which only workerd has: skipped on libSQL in Node.
describe.skipIf(testDbKind() !== 'd1')("the manifest's start URL (workerd)", () => {
  it('marks the installed app with a long-lived __Host-app cookie', async () => {
    const res = await (await harness()).get('/?app=1')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<script')
    expect(appCookie(res)).toEqual({
      '__host-app': '1',
      'max-age': String(400 * 86_400),
      path: '/',
      httponly: '',
      secure: '',
      samesite: 'Lax',
    })
  })

  it.each(['/', '/login', '/login?app=1', '/?app=0', '/?app=', '/api/config?app=1'])(
    'sets no such cookie for %s',
    async (path) => {
      expect(appCookie(await (await harness()).get(path))).toBeNull()
    },
  )
})
