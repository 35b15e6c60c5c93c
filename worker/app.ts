import { Hono } from 'hono'
import type { HonoBase } from 'hono/hono-base'
import { HTTPException } from 'hono/http-exception'
import { routePath } from 'hono/route'
import type { UnionToIntersection } from 'hono/utils/types'
import { t, type MessageKey } from '../core/i18n'
import type { Deps } from './deps'
import { AppError, ERROR_STATUS, errorName, type ErrorCode } from './errors'
import { apiGuards, requestContext } from './middleware/request'
import { securityHeaders } from './middleware/security'
import { accountRoutes } from './routes/account'
import { captchaRoutes } from './routes/captcha'
import { cardRoutes } from './routes/card'
import { checkupRoutes } from './routes/checkups'
import { configRoutes } from './routes/config'
import { devRoutes } from './routes/dev'
import { inquiryRoutes } from './routes/inquiries'
import { inviteRoutes } from './routes/invite'
import { loginRoutes } from './routes/login'
import { logoutRoutes } from './routes/logout'
import { meRoutes } from './routes/me'
import { noticeRoutes } from './routes/notices'
import { opsRoutes } from './routes/ops'
import { shardRoutes } from './routes/ops.shards'
import { passwordRoutes } from './routes/password'
import { passkeyRoutes } from './routes/passkeys'
import { pushRoutes } from './routes/push'
import { pageShell } from './routes/shell'
import { signupRoutes } from './routes/signup'
import { unlockRoutes } from './routes/unlock'
import { shardFence } from './services/shard-move'
import type { AppEnv } from './types'

/**
 * The member API under /api: the CSRF and body rules first, then one sub-app per URL prefix. Its
 * routes are chained so that their paths, validators and answers reach `AppType`.
 */
function memberApi(deps: Deps) {
  return new Hono<AppEnv>()
    .use(...apiGuards(deps.config))
    .route('/signup', signupRoutes(deps))
    .route('/captcha', captchaRoutes(deps))
    .route('/login', loginRoutes(deps))
    .route('/logout', logoutRoutes(deps))
    .route('/password', passwordRoutes(deps))
    .route('/unlock', unlockRoutes(deps))
    .route('/me', meRoutes(deps))
    .route('/account', accountRoutes(deps))
    .route('/card', cardRoutes(deps))
    .route('/checkups', checkupRoutes(deps))
    .route('/inquiries', inquiryRoutes(deps))
    .route('/config', configRoutes(deps))
    .route('/invite', inviteRoutes(deps))
    .route('/passkeys', passkeyRoutes(deps))
    .route('/notices', noticeRoutes(deps))
    .route('/push', pushRoutes(deps))
}

/**
 * The whole application, built from its dependencies. Nothing below this function reads the
 * environment, so tests run it in workerd with D1, or in Node with libSQL, as it is.
 */
export function createApp(deps: Deps) {
  const dev = deps.config.environment === 'development'
  const app = new Hono<AppEnv>()
  // Development only, ahead of every middleware: the bare Hono route the API benchmarks compare
  // with in the same Worker (bench/checkup-api.mjs). It answers nothing but {"ok":true}.
  if (dev) app.get('/dev/bench/bare', (c) => c.json({ ok: true }))
  const routes = app
    .use(securityHeaders(deps.config, deps.randomBytes))
    .use(requestContext)
    // The server's time on every API answer, from the app's clock: the offline copy's limits count by
    // it (Cloudflare's edge adds a Date header, wrangler dev does not; the dev clock moves this one).
    .use('/api/*', async (c, next) => {
      await next()
      c.res.headers.set('Date', new Date(deps.now()).toUTCString())
    })
    // Mounted before /api: the operator API has its own door (bearer tokens, 8 MiB bodies).
    .route('/api/ops', opsRoutes(deps))
    // issue 14, F: moving insurers between databases (behind the operator API's guards above)
    .route('/api/ops/shards', shardRoutes(deps))
    .route('/api', memberApi(deps))

  if (dev) app.route('/dev', devRoutes(deps))
  // Last: the PWA's files and shell for every other GET.
  app.get('*', pageShell(deps))

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return errorResponse(c, 'not_found')
    return c.text(t(c.get('lang') ?? 'ja', 'error.not_found'), 404)
  })

  app.onError((err, c) => {
    if (err instanceof AppError) return errorResponse(c, err.code, err.extra)
    // Hono's validator refuses a body that is not JSON with a bare 400: the answer of a bad field.
    if (err instanceof HTTPException && err.status === 400) return errorResponse(c, 'validation')
    // issue 14, F: a write refused by a move's fence (worker/services/shard-move.ts). Held: retry in
    // a second. Moved: this isolate's map is old; forget it, and the retry goes to the new copy.
    const fence = shardFence(err)
    if (fence) {
      if (fence === 'moved') deps.databases.refresh()
      const res = errorResponse(c, 'insurer_busy')
      res.headers.set('Retry-After', '1')
      return res
    }
    deps.log('error', 'unhandled error', unexpectedErrorFields(err, c))
    return errorResponse(c, 'internal')
  })

  return routes
}

/**
 * What an unexpected error's log line holds (docs/security.md, logs): its class name, the route pattern that
 * was running (never the path, which can carry a token or an exam date) and the request id. Never the
 * message or the cause: a database driver's message carries the statement's bound values (roster
 * rows, checkup results, addresses, password hashes). 4xx answers are not logged at all.
 */
function unexpectedErrorFields(err: unknown, c: import('hono').Context<AppEnv>) {
  return {
    name: errorName(err),
    method: c.req.method,
    route: routePath(c) || 'unmatched',
    requestId: c.get('requestId') ?? 'none',
  }
}

function errorResponse(
  c: import('hono').Context<AppEnv>,
  code: ErrorCode,
  { params, ...extra }: AppError['extra'] = {},
) {
  const lang = c.get('lang') ?? 'ja'
  const message = t(lang, `error.${code}` as MessageKey, params)
  return c.json({ error: { code, message, ...extra } }, ERROR_STATUS[code])
}

type SchemaOf<A> = A extends HonoBase<AppEnv, infer S, '/', string> ? S : never
/** The root chain's routes, one schema (each `.route()` adds a member to a union). */
type RootSchema = UnionToIntersection<SchemaOf<ReturnType<typeof createApp>>>
type IsStaffPath<P> = P extends '/api/ops' | `/api/ops/${string}` ? true : false

/** The member API (everything under /api but /api/ops), for `hc<AppType>('/')` in the client. */
export type AppType = Hono<
  AppEnv,
  { [P in keyof RootSchema as IsStaffPath<P> extends true ? never : P]: RootSchema[P] },
  '/'
>

/** The operator API under /api/ops, for `hc<StaffAppType>(origin)` in the command line. */
export type StaffAppType = Hono<
  AppEnv,
  { [P in keyof RootSchema as IsStaffPath<P> extends true ? P : never]: RootSchema[P] },
  '/'
>
