import { describe, expect, it } from 'vitest'
import { ConfigError, DEV_VAPID, environmentOf, loadConfig, TURNSTILE_TEST_KEYS } from './config'
import type { Env } from './env'
import { PRODUCTION_ENV } from './test/harness'

const production: Partial<Env> = PRODUCTION_ENV

describe('loadConfig', () => {
  it('runs production with real keys, against Cloudflare siteverify and the app hostname', () => {
    const config = loadConfig(production as Env)
    expect(config.environment).toBe('production')
    expect(config.turnstile.verifyUrl).toBe(
      'https://challenges.cloudflare.com/turnstile/v0/siteverify',
    )
    expect(config.turnstile.expectedHostname).toBe('kenshin.example.jp')
  })

  it.each([
    'RESEND_API_KEY',
    'TURNSTILE_SECRET',
    'TURNSTILE_SITE_KEY_INTERACTIVE',
    'EMAIL_HMAC_KEY',
    'STAFF_TOTP_KEY',
  ] as const)('refuses production without %s', (key) => {
    expect(() => loadConfig({ ...production, [key]: '' } as Env)).toThrow(ConfigError)
  })

  it('refuses production with Turnstile test keys', () => {
    expect(() =>
      loadConfig({ ...production, TURNSTILE_SECRET: TURNSTILE_TEST_KEYS.secretPass } as Env),
    ).toThrow(/test keys/)
  })

  it('uses the stand-in in development unless real keys are set', () => {
    const dev = loadConfig({ ENVIRONMENT: 'development' } as Env)
    expect(dev.turnstile.scriptUrl).toBe('/dev/turnstile/api.js')
    expect(dev.turnstile.siteKeyInteractive).toBe(TURNSTILE_TEST_KEYS.siteKeyInteractive)
    const real = loadConfig({ ENVIRONMENT: 'development', TURNSTILE_SECRET: 'x' } as Env)
    expect(real.turnstile.verifyUrl).toContain('challenges.cloudflare.com')
  })

  it.each(['APP_ORIGIN', 'TURNSTILE_SITE_KEY'] as const)('refuses production without %s', (key) => {
    expect(() => loadConfig({ ...production, [key]: '' } as Env)).toThrow(ConfigError)
  })

  it('refuses production with an origin that is not https', () => {
    expect(() =>
      loadConfig({ ...production, APP_ORIGIN: 'http://kenshin.example.jp' } as Env),
    ).toThrow(/https/)
    expect(() => loadConfig({ ...production, APP_ORIGIN: 'kenshin.example.jp' } as Env)).toThrow(
      /https/,
    )
  })
})

describe('ENVIRONMENT', () => {
  it('is development only for the exact word development', () => {
    expect(environmentOf('development')).toBe('development')
    for (const value of [
      undefined,
      '',
      'production',
      'test',
      'dev',
      'Development',
      ' development',
      'staging',
    ])
      expect(environmentOf(value), String(value)).toBe('production')
  })

  it.each([undefined, 'test', 'dev', 'Development'])(
    '%s runs the production checks: no keys, no start',
    (value) => {
      expect(() => loadConfig({ ENVIRONMENT: value } as Env)).toThrow(ConfigError)
      expect(() =>
        loadConfig({
          ...production,
          ENVIRONMENT: value,
          TURNSTILE_SECRET: TURNSTILE_TEST_KEYS.secretPass,
        } as Env),
      ).toThrow(/test keys/)
    },
  )

  it.each([undefined, 'test'])(
    '%s with real settings is production: real siteverify, hostname checked',
    (value) => {
      const config = loadConfig({ ...production, ENVIRONMENT: value } as Env)
      expect(config.environment).toBe('production')
      expect(config.turnstile.scriptUrl).toContain('challenges.cloudflare.com')
      expect(config.turnstile.expectedHostname).toBe('kenshin.example.jp')
    },
  )
})

// お知らせ and Web Push (issue 12)
describe('loadConfig: Web Push (VAPID)', () => {
  it.each(['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT'] as const)(
    'refuses production without %s',
    (key) => {
      expect(() => loadConfig({ ...production, [key]: '' } as Env)).toThrow(ConfigError)
    },
  )

  it('refuses production with the development key pair, a malformed key or subject', () => {
    for (const change of [
      { VAPID_PUBLIC_KEY: DEV_VAPID.publicKey, VAPID_PRIVATE_KEY: DEV_VAPID.privateKey },
      { VAPID_PUBLIC_KEY: 'not-a-key' },
      { VAPID_PRIVATE_KEY: 'short' },
      { VAPID_SUBJECT: 'ops@kenshin.example.jp' },
    ])
      expect(() => loadConfig({ ...production, ...change } as Env), JSON.stringify(change)).toThrow(
        ConfigError,
      )
  })

  it('development has the published development pair', () => {
    const config = loadConfig({ ENVIRONMENT: 'development' } as Env)
    expect(config.vapid).toEqual(DEV_VAPID)
  })
})
