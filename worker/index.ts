import { createApp } from './app'
import { ConfigError, loadConfig } from './config'
import type { Deps } from './deps'
import { errorName } from './errors'
import type { Env } from './env'
import {
  d1BindingName,
  openD1,
  openDatabases,
  openLibsql,
  ShardError,
  type Database,
  type DatabaseRow,
  type Databases,
} from '../db/open'
import { outboxMailer, resendMailer } from './services/mail'
import { devClock } from './services/dev-clock'
import { pruneImports } from './services/imports'
import { processNotices } from './services/notices'
import { reconcileLinks } from './services/reconcile'
import { pruneRiskEvents } from './services/risk'
import { revokeStaleRuns } from './services/viewing-codes'
import { pruneWebauthnChallenges } from './services/webauthn'

/**
 * wrangler.toml's every-minute trigger (the notices job, the sweep of unconfirmed code runs, the links
 * left half-way); the daily one also prunes risk events, passkey challenges and old import records.
 * One invocation may make at most 1,000 D1 queries (Workers Paid): each job bounds its own share
 * (notices: QUERY_BUDGET; code runs and imports: a slice of the insurer databases per call).
 */
const NOTICES_CRON = '* * * * *'

let cached: { env: Env; app: ReturnType<typeof createApp>; deps: Deps } | null = null

/**
 * The directory (D1's `DB`, or libSQL at LIBSQL_URL) and the insurer databases its shard map names:
 * a D1 binding `DB_<NAME>`, or a libSQL URL with `LIBSQL_TOKEN_<NAME>` (else LIBSQL_AUTH_TOKEN).
 */
async function openAll(env: Env): Promise<Databases> {
  const libsql = async (url: string, authToken: string | undefined) => {
    const { createClient } = await import('@libsql/client/web')
    return openLibsql(createClient({ url, authToken }))
  }
  const directory: Database = env.LIBSQL_URL
    ? await libsql(env.LIBSQL_URL, env.LIBSQL_AUTH_TOKEN)
    : openD1(env.DB)
  return openDatabases(directory, async (row: DatabaseRow) => {
    if (row.kind === 'libsql') {
      if (!row.url) throw new ShardError(`database ${row.name} has no URL`)
      const token = env[`LIBSQL_TOKEN_${row.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`]
      return libsql(row.url, token ?? env.LIBSQL_AUTH_TOKEN)
    }
    const binding = env[d1BindingName(row.name) as `DB_${string}`]
    if (!binding) throw new ShardError(`no D1 binding ${d1BindingName(row.name)}`)
    return openD1(binding)
  })
}

/** Builds the dependencies from the Worker's bindings once per isolate. */
async function build(env: Env) {
  if (cached?.env === env) return cached
  const config = loadConfig(env)
  const databases = await openAll(env)
  const db = databases.directory
  const dev = config.environment === 'development'
  const now = dev ? () => devClock.now() : () => Date.now()
  let app: ReturnType<typeof createApp> | undefined
  const deps: Deps = {
    db,
    dbFor: databases.dbFor,
    databases,
    config,
    now,
    mail: dev
      ? outboxMailer(db, now)
      : resendMailer(config.resend.apiKey, config.mailFrom, config.resend.baseUrl),
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    // In development the Turnstile stand-in lives in this same Worker: call it in-process.
    fetch: (req) =>
      dev && new URL(req.url).origin === config.appOrigin && app
        ? Promise.resolve(app.fetch(req, env))
        : fetch(req),
    assets: env.ASSETS,
    log: (level, message, fields) => console[level](JSON.stringify({ level, message, ...fields })),
  }
  app = createApp(deps)
  cached = { env, app, deps }
  return cached
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    try {
      const { app } = await build(env)
      return app.fetch(request, env, ctx)
    } catch (err) {
      // A ConfigError names the missing settings, never their values; any other failure to start
      // (opening the database) is logged by its name only, like the app's own unexpected errors.
      const message = err instanceof ConfigError ? err.message : 'worker not started'
      console.error(JSON.stringify({ level: 'error', message, name: errorName(err) }))
      return Response.json(
        {
          error: {
            code: 'service_unavailable',
            message: 'サービスを開始できません。/ Service unavailable.',
          },
        },
        { status: 503 },
      )
    }
  },
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const { deps } = await build(env)
    // Every minute: お知らせ from the flagged insurers' outboxes and a slice of every insurer
    // database (processNotices never throws; it logs by name).
    ctx.waitUntil(processNotices(deps))
    // Every minute: viewing-code runs left unconfirmed for 30 minutes are revoked (their persons go
    // back to the re-issue queue), in each insurer database.
    ctx.waitUntil(
      revokeStaleRuns(deps).catch((err: unknown) =>
        deps.log('error', 'unconfirmed code runs not revoked', { name: errorName(err) }),
      ),
    )
    // Every minute: card links, unlinks and withdrawals stopped half-way for 10 minutes are finished
    // (a page of at most 100 accounts; the rest the next minute).
    ctx.waitUntil(
      reconcileLinks(deps).catch((err: unknown) =>
        deps.log('error', 'links not reconciled', { name: errorName(err) }),
      ),
    )
    if (controller.cron === NOTICES_CRON) return
    // Daily: old captcha counters, and passkey challenges a day past their 5 minutes.
    ctx.waitUntil(
      pruneRiskEvents(deps).catch((err: unknown) =>
        deps.log('error', 'risk events not pruned', { name: errorName(err) }),
      ),
    )
    // Daily: import records (and their batches) older than 90 days, in each insurer database.
    ctx.waitUntil(
      pruneImports(deps).catch((err: unknown) =>
        deps.log('error', 'imports not pruned', { name: errorName(err) }),
      ),
    )
    ctx.waitUntil(
      pruneWebauthnChallenges(deps).catch((err: unknown) =>
        deps.log('error', 'passkey challenges not pruned', { name: errorName(err) }),
      ),
    )
  },
} satisfies ExportedHandler<Env>
