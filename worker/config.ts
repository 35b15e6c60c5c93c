import type { Env } from './env'

/**
 * docs/security.md: `production` (also when ENVIRONMENT is unset or anything else) or `development`. There is
 * no third value: tests build the app from a Config of their own, so nothing a deploy can set turns a
 * production check off.
 */
export type Environment = 'production' | 'development'

export interface Config {
  environment: Environment
  /** Where links in mails point; also the origin CSRF checks expect besides the request's own. */
  appOrigin: string
  mailFrom: string
  resend: { apiKey: string; baseUrl?: string }
  turnstile: {
    scriptUrl: string
    verifyUrl: string
    siteKey: string
    siteKeyInteractive: string
    secret: string
    secretInteractive: string
    /** Hostname siteverify must report; empty: not checked (test keys report example.com). */
    expectedHostname: string
  }
  /** Key of the HMAC that turns addresses and IPs into counter subjects. */
  subjectKey: string
  /** Key that encrypts staff TOTP secrets (AES-GCM; a TOTP secret cannot be hashed). */
  staffTotpKey: string
  /**
   * The one-time secret that creates the first platform admin (`ops staff bootstrap`); it works only
   * while no platform admin exists. Empty: bootstrap is off.
   */
  staffBootstrapSecret: string
  risk: RiskThresholds
  /**
   * Web Push (RFC 8292): the application server's P-256 key pair, base64url (the public key as the
   * 65-byte uncompressed point the browser's `applicationServerKey` takes, the private key as its
   * 32-byte scalar), and the contact (`mailto:` or https) the push services may use.
   */
  vapid: { publicKey: string; privateKey: string; subject: string }
}

/** docs/security.md, anti-automation: the numbers of the captcha levels. */
export interface RiskThresholds {
  addressFailuresLevel2: number
  addressWindowLevel2Ms: number
  addressFailuresLevel3: number
  addressWindowLevel3Ms: number
  ipAttemptsLevel2: number
  ipWindowLevel2Ms: number
  ipAttemptsLevel3: number
  ipWindowLevel3Ms: number
  lockMs: number
  failureDelayMs: number
}

export const RISK_DEFAULTS: RiskThresholds = {
  addressFailuresLevel2: 3,
  addressWindowLevel2Ms: 15 * 60_000,
  addressFailuresLevel3: 10,
  addressWindowLevel3Ms: 60 * 60_000,
  ipAttemptsLevel2: 20,
  ipWindowLevel2Ms: 10 * 60_000,
  ipAttemptsLevel3: 100,
  ipWindowLevel3Ms: 60 * 60_000,
  lockMs: 15 * 60_000,
  failureDelayMs: 2_000,
}

/** Cloudflare's documented Turnstile test keys, which the development stand-in follows. */
export const TURNSTILE_TEST_KEYS = {
  siteKeyPass: '1x00000000000000000000AA',
  siteKeyBlock: '2x00000000000000000000AB',
  siteKeyInvisiblePass: '1x00000000000000000000BB',
  siteKeyInteractive: '3x00000000000000000000FF',
  secretPass: '1x0000000000000000000000000000000AA',
  secretFail: '2x0000000000000000000000000000000AA',
  secretSpent: '3x0000000000000000000000000000000AA',
} as const

const isTestKey = (key: string) => /^[123]x0{20,}[A-F]{2}$/.test(key)

/**
 * A development-only VAPID key pair (like 'development-only-staff-totp-key'): published here, so it
 * signs nothing in production, where VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY / VAPID_SUBJECT are required.
 */
export const DEV_VAPID = {
  publicKey:
    'BLYsgvuxCaFO9tA8VwaD2Mz2DPQAMPBD4ZyaZWGZp83cyk_21H1y1i9xYmp9fn_MHJB9hSMlHC-RerDP4vgisNQ',
  privateKey: 'BL4Cnw2Dc9yUrlvM5kXWvWbbQjB6cV0KCMKi_XgtKzA',
  subject: 'mailto:development@localhost',
} as const

export class ConfigError extends Error {}

/** Only the exact word `development` is development; unset, `test`, `dev` or a typo run as production. */
export function environmentOf(value: string | undefined): Environment {
  return value === 'development' ? 'development' : 'production'
}

/** The hostname of an origin, or '' when it is not a URL (production then refuses to start). */
function hostnameOf(origin: string): string {
  try {
    return new URL(origin).hostname
  } catch {
    return ''
  }
}

/**
 * Reads the configuration from the Worker's environment. Production refuses to run with missing
 * mail or captcha settings, or with Turnstile's test keys: a misconfigured deploy must fail loudly
 * rather than run without anti-automation.
 */
export function loadConfig(env: Env): Config {
  const environment = environmentOf(env.ENVIRONMENT)
  const dev = environment === 'development'
  const appOrigin = env.APP_ORIGIN || (dev ? 'http://localhost:8787' : '')
  // The stand-in serves development and tests unless real keys are configured.
  const standIn = dev && !env.TURNSTILE_SECRET
  const config: Config = {
    environment,
    appOrigin,
    mailFrom: env.MAIL_FROM ?? 'Kenshin Portal <no-reply@localhost>',
    resend: { apiKey: env.RESEND_API_KEY ?? '', baseUrl: env.RESEND_BASE_URL },
    turnstile: {
      scriptUrl:
        env.TURNSTILE_SCRIPT_URL ||
        (standIn
          ? '/dev/turnstile/api.js'
          : 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit'),
      verifyUrl:
        env.TURNSTILE_VERIFY_URL ||
        (standIn
          ? `${appOrigin}/dev/turnstile/siteverify`
          : 'https://challenges.cloudflare.com/turnstile/v0/siteverify'),
      siteKey: env.TURNSTILE_SITE_KEY || (dev ? TURNSTILE_TEST_KEYS.siteKeyInvisiblePass : ''),
      siteKeyInteractive:
        env.TURNSTILE_SITE_KEY_INTERACTIVE || (dev ? TURNSTILE_TEST_KEYS.siteKeyInteractive : ''),
      secret: env.TURNSTILE_SECRET || (dev ? TURNSTILE_TEST_KEYS.secretPass : ''),
      secretInteractive:
        env.TURNSTILE_SECRET_INTERACTIVE || (dev ? TURNSTILE_TEST_KEYS.secretPass : ''),
      expectedHostname: dev ? '' : hostnameOf(appOrigin),
    },
    subjectKey: env.EMAIL_HMAC_KEY || (dev ? 'development-only-subject-key' : ''),
    staffTotpKey: env.STAFF_TOTP_KEY || (dev ? 'development-only-staff-totp-key' : ''),
    staffBootstrapSecret: env.STAFF_BOOTSTRAP_SECRET || '',
    risk: RISK_DEFAULTS,
    vapid: {
      publicKey: env.VAPID_PUBLIC_KEY || (dev ? DEV_VAPID.publicKey : ''),
      privateKey: env.VAPID_PRIVATE_KEY || (dev ? DEV_VAPID.privateKey : ''),
      subject: env.VAPID_SUBJECT || (dev ? DEV_VAPID.subject : ''),
    },
  }
  if (!dev) {
    const t = config.turnstile
    const missing = [
      ['APP_ORIGIN', appOrigin],
      ['RESEND_API_KEY', config.resend.apiKey],
      ['TURNSTILE_SITE_KEY', t.siteKey],
      ['TURNSTILE_SITE_KEY_INTERACTIVE', t.siteKeyInteractive],
      ['TURNSTILE_SECRET', t.secret],
      ['TURNSTILE_SECRET_INTERACTIVE', t.secretInteractive],
      ['TURNSTILE_SCRIPT_URL', t.scriptUrl],
      ['TURNSTILE_VERIFY_URL', t.verifyUrl],
      ['EMAIL_HMAC_KEY', config.subjectKey],
      ['STAFF_TOTP_KEY', config.staffTotpKey],
      ['VAPID_PUBLIC_KEY', config.vapid.publicKey],
      ['VAPID_PRIVATE_KEY', config.vapid.privateKey],
      ['VAPID_SUBJECT', config.vapid.subject],
    ]
      .filter(([, v]) => !v)
      .map(([k]) => k)
    if (missing.length)
      throw new ConfigError(`production configuration is missing: ${missing.join(', ')}`)
    if ([t.siteKey, t.siteKeyInteractive, t.secret, t.secretInteractive].some(isTestKey))
      throw new ConfigError('production configuration uses Turnstile test keys')
    if (config.subjectKey.length < 32)
      throw new ConfigError('EMAIL_HMAC_KEY must be at least 32 characters')
    if (config.staffTotpKey.length < 32)
      throw new ConfigError('STAFF_TOTP_KEY must be at least 32 characters')
    if (config.staffBootstrapSecret && config.staffBootstrapSecret.length < 32)
      throw new ConfigError('STAFF_BOOTSTRAP_SECRET must be at least 32 characters')
    if (config.vapid.publicKey === DEV_VAPID.publicKey)
      throw new ConfigError('production configuration uses the development VAPID key')
    if (!/^B[A-Za-z0-9_-]{86}$/.test(config.vapid.publicKey))
      throw new ConfigError('VAPID_PUBLIC_KEY must be a base64url P-256 public key (65 bytes)')
    if (!/^[A-Za-z0-9_-]{43}$/.test(config.vapid.privateKey))
      throw new ConfigError('VAPID_PRIVATE_KEY must be a base64url P-256 private key (32 bytes)')
    if (!/^(mailto:|https:\/\/)/.test(config.vapid.subject))
      throw new ConfigError('VAPID_SUBJECT must be a mailto: or https: URL')
    if (!appOrigin.startsWith('https://') || !hostnameOf(appOrigin))
      throw new ConfigError('APP_ORIGIN must be an https origin in production')
  }
  return config
}
