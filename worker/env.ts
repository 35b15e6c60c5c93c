/** Bindings and variables of the Worker (wrangler.toml, `wrangler secret put`, `--var` in development). */
export interface Env {
  /** The directory database (unless LIBSQL_URL names a libSQL one). */
  DB: D1Database
  /** Insurer databases on D1: `DB_<NAME>` for the `databases` row named `<name>` (docs/scale.md). */
  [binding: `DB_${string}`]: D1Database | undefined
  /** A libSQL insurer database's token: `LIBSQL_TOKEN_<NAME>`, else the group token LIBSQL_AUTH_TOKEN. */
  [token: `LIBSQL_TOKEN_${string}`]: string | undefined
  ASSETS?: Fetcher
  ENVIRONMENT?: string
  APP_ORIGIN?: string
  LIBSQL_URL?: string
  LIBSQL_AUTH_TOKEN?: string
  RESEND_API_KEY?: string
  RESEND_BASE_URL?: string
  MAIL_FROM?: string
  TURNSTILE_SCRIPT_URL?: string
  TURNSTILE_VERIFY_URL?: string
  TURNSTILE_SITE_KEY?: string
  TURNSTILE_SITE_KEY_INTERACTIVE?: string
  TURNSTILE_SECRET?: string
  TURNSTILE_SECRET_INTERACTIVE?: string
  EMAIL_HMAC_KEY?: string
  STAFF_TOTP_KEY?: string
  STAFF_BOOTSTRAP_SECRET?: string
  VAPID_PUBLIC_KEY?: string
  VAPID_PRIVATE_KEY?: string
  VAPID_SUBJECT?: string
}
