import { describe, expect, it } from 'vitest'
import { loginHref, returnPath } from './return-path'

describe('returnPath', () => {
  it('follows a path of this app, with its query', () => {
    expect(returnPath('/checkups/2026-06-10')).toBe('/checkups/2026-06-10')
    expect(returnPath('/account/sessions?x=1')).toBe('/account/sessions?x=1')
  })

  it('goes home for anything that could leave the origin or loop', () => {
    for (const bad of [
      undefined,
      null,
      '',
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      '/login',
      '/login?next=/home',
      '/',
      '/a\nb',
      `/${'x'.repeat(600)}`,
    ])
      expect(returnPath(bad), String(bad)).toBe('/home')
  })
})

describe('loginHref', () => {
  it('carries the screen along, but not ホーム', () => {
    expect(loginHref('/checkups/2026-06-10')).toBe('/login?next=%2Fcheckups%2F2026-06-10')
    expect(loginHref('/home')).toBe('/login')
    expect(loginHref('//evil.example')).toBe('/login')
  })
})
