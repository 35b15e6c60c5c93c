import type { Database, Databases } from '../db/open'
import type { Config } from './config'
import type { MailSender } from './services/mail'

/** Everything from outside that the app uses; tests pass their own, nothing is mocked by module. */
export interface Deps {
  /** The directory database: accounts, sessions, staff, insurers, inquiries, the shard map. */
  db: Database
  /**
   * An insurer's database: its roster, links, codes, checkups, imports and their audit rows
   * (`databases.dbFor`). Only ever called with an insurer id the caller is entitled to: the member's
   * own (`accounts.insurer_id`), or one the staff guard has checked (worker/services/shards.ts).
   */
  dbFor: Databases['dbFor']
  /** The shard map: `rangesFor` (an insurer split by years), `shards` (every insurer database), `refresh`. */
  databases: Databases
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
