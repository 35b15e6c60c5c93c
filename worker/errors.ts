import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** Every error code an API answers with, and its status. One table, so routes never pick statuses. */
export const ERROR_STATUS = {
  validation: 400,
  invalid_code: 400,
  roster_header: 400,
  invalid_viewing_code: 400,
  wrong_answer: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_staff_credentials: 401,
  passkey_refused: 400,
  signup_password_wrong: 401,
  csrf: 403,
  captcha_required: 403,
  forbidden: 403,
  qualification_ended: 403,
  card_restricted: 403,
  step_up_required: 403,
  signup_password_required: 403,
  not_found: 404,
  no_viewing_code: 404,
  checkup_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  card_already_linked: 409,
  account_already_linked: 409,
  insurer_maintenance: 409,
  not_linked: 409,
  wrong_state: 409,
  link_expired: 410,
  code_expired: 410,
  payload_too_large: 413,
  // A recorded import batch whose rejections would not fit its record (D1's 2 MB a value).
  batch_too_many_rejections: 413,
  unsupported_media_type: 415,
  card_not_found: 422,
  viewing_code_locked: 423,
  health_locked: 423,
  too_many_attempts: 429,
  inquiry_limit: 429,
  card_too_many_attempts: 429,
  internal: 500,
  service_unavailable: 503,
  // アカウント設定 (issue 12)
  wrong_password: 400,
  email_taken: 409,
  password_tries_exceeded: 429,
  // パスキー (issue 12)
  passkey_reauth_required: 403,
  passkey_password_wrong: 400,
  passkey_login_failed: 401,
  passkey_step_up_failed: 400,
  no_passkey: 409,
  // お知らせ and Web Push (issue 12)
  push_endpoint_not_allowed: 400,
  push_subscriptions_full: 409,
  // issue 14, operator
  checkups_span_databases: 422,
  unknown_database: 422,
  // issue 14, F
  // The insurer's data is being moved to another database: its writes wait a moment (Retry-After).
  insurer_busy: 503,
  // issue 14, I: registering an insurer database (ops shards add-database)
  database_exists: 409,
  database_unreachable: 422,
  database_not_migrated: 422,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof ERROR_STATUS

export interface ErrorExtra {
  fields?: Record<string, string>
  captcha?: { level: number; siteKey: string | null }
  detail?: Record<string, unknown>
  // A card check in maintenance, with the insurer's message and planned end (ISO)
  maintenanceMessage?: string | null
  maintenanceUntil?: string | null
  /** Placeholders of the error's message (not sent as fields of their own). */
  params?: Record<string, string>
}

/** A domain error: onError turns it into `{ error: { code, message, ...extra } }` in the user's language. */
export class AppError extends HTTPException {
  constructor(
    readonly code: ErrorCode,
    readonly extra: ErrorExtra = {},
  ) {
    super(ERROR_STATUS[code], { message: code })
  }
}

/** An error's class name as a log may hold it: an identifier, else a placeholder (a name is settable). */
const SAFE_NAME = /^[A-Za-z_$][\w$]{0,63}$/

/**
 * The name an error is logged by (docs/security.md, logs): its class, never its message or cause, which
 * for a database driver carry the statement's bound values. drizzle's DrizzleQueryError keeps the
 * name 'Error', so the class's own name is taken then.
 */
export function errorName(err: unknown): string {
  if (!(err instanceof Error)) return 'NonError'
  const name = err.name === 'Error' ? err.constructor.name : err.name
  return SAFE_NAME.test(name) ? name : 'Error'
}
