import { describe, expect, it } from 'vitest'
import { harness } from '../test/harness'

describe('API rules', () => {
  it('sends the security headers, and no-store on API answers', async () => {
    const h = await harness()
    const res = await h.get('/api/config')
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    // JSON may do nothing in a browser.
    expect(res.headers.get('Content-Security-Policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    )
    expect(res.headers.get('Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains')
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(res.headers.get('Referrer-Policy')).toBe('same-origin')
    expect(res.headers.get('Permissions-Policy')).toContain('camera=()')
    // Pages: scripts only with this answer's nonce, a new one each time.
    const page = await h.get('/login')
    const csp = page.headers.get('Content-Security-Policy')!
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9_-]{16,}' 'strict-dynamic'/)
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("base-uri 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(page.headers.get('Cache-Control')).not.toBe('no-store')
    const again = await h.get('/login')
    expect(again.headers.get('Content-Security-Policy')).not.toBe(csp)
  })
})
