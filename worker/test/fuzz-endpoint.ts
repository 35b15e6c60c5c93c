/**
 * What the fuzz test (worker/fuzz.test.ts) knows of an endpoint and of the run: who sends a probe, an
 * endpoint's entry in the tables (fuzz-member-endpoints.ts, fuzz-operator-endpoints.ts), and the
 * run's state (fuzz-setup.ts makes it, fuzz-runner.ts sends the probes).
 */
import type { AnySchema } from './fuzz'
import { type Harness, type TestDb, uniqueEmail } from './harness'

export const ORIGIN = 'http://localhost:8787'
export const HOUR = 3_600_000
/** The demo postcard's viewing code of D0000 (the demo account). */
export const DEMO_CODE = 'VT7Y-2YTE-BHJ9'

/**
 * Who sends a probe. Members: `member` has no card linked; `linked` is linked and at the viewing
 * code step; `asked` has passed the code and must set a secret question; `ready` (the demo account)
 * has passed every step and reads results. Staff, with API tokens: an insurer's `operator`, a platform
 * `admin`, the demo insurer's `insurerAdmin`, a portal-wide `support` agent and one of the demo insurer
 * (`supportDemo`); `console` is the portal-wide support agent's console session (cookie and Origin).
 */
export type Identity =
  | 'anon'
  | 'member'
  | 'linked'
  | 'asked'
  | 'ready'
  | 'operator'
  | 'admin'
  | 'insurerAdmin'
  | 'support'
  | 'supportDemo'
  | 'console'

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** The path as the app's router lists it (`app.routes`). */
  route: string
  /** A valid value for the route's parameter, when it has one. */
  param?: string
  schema?: AnySchema
  /** Makers of valid bodies; each call makes a fresh one (a new address each time). */
  bodies?: (() => unknown)[]
  /** The door probes' body, where the valid one would cost a password hash each time. */
  doorBody?: () => unknown
  extraPaths?: (string | number)[][]
  /** Valid bodies as large as a client may send, by name, for the database's limits. */
  largest?: Record<string, () => unknown>
  /** Fields whose odd strings are tried on another endpoint (see CAPTCHA_TOKEN). */
  noOddValues?: string[]
  /** Identities that send every probe. */
  as: Identity[]
  /** Identities that send only the door probes (not the per-field bodies). */
  doorAs: Identity[]
  /** Run before the endpoint's probes (moves the clock, for one). */
  prepare?: (ctx: Ctx) => void
  /** Run before each probe (clears a cap that would stop the probes before the code they test). */
  beforeEach?: () => Promise<unknown>
}

export const freshEmail = () => uniqueEmail('fuzz')
export const PASSWORD = 'mugi-cha-natsu-88'

/**
 * The captcha token's odd strings are tried on resend and password reset, which pass the same gate
 * (passGate, verifyCaptcha) without a password hash; on sign-up and log-in each would cost one.
 */
export const CAPTCHA_TOKEN = 'captchaToken'

export const member: Identity[] = ['member', 'linked', 'asked', 'ready']
export const staffDoor: Identity[] = ['anon']
/** Every staff identity with an API token. */
export const staffTokens: Identity[] = [
  'operator',
  'admin',
  'insurerAdmin',
  'support',
  'supportDemo',
]

export type Counts = Record<string, number | string | null>

export interface Ctx {
  h: Harness
  /** The database the app uses, which counts write statements and holds production D1's limits. */
  db: TestDb
  identity: Record<Identity, Record<string, string>>
  counts: Counts
  /** Errors the app logged since the last probe. */
  logged: string[]
  sent: number
  unsendable: number
  statuses: Map<number, number>
  /** Accepted probes that changed a table's row count, for the summary. */
  accepted: Map<string, number>
  /** The slowest probes, for the summary (the run time is a budget: under 90 s). */
  slowest: { ms: number; what: string }[]
  /** Requests and milliseconds per endpoint, for the summary. */
  perEndpoint: Map<string, { requests: number; ms: number }>
}
