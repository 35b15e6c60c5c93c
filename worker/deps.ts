import type { Database } from '../db/open'
import type { Config } from './config'
import type { MailSender } from './services/mail'

/** Everything from outside that the app uses; tests pass their own, nothing is mocked by module. */
export interface Deps {
  db: Database
  mail: MailSender
  config: Config
  /** Epoch milliseconds. */
  now: () => number
  randomBytes: (length: number) => Uint8Array
  sleep: (ms: number) => Promise<void>
  /** Outbound HTTP (Turnstile siteverify). */
  fetch: (request: Request) => Promise<Response>
  /** The built PWA (Workers static assets); absent in API-only tests. */
  assets?: { fetch: (request: Request) => Promise<Response> }
  log: (level: 'error' | 'warn' | 'info', message: string, fields?: Record<string, unknown>) => void
}
