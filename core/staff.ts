import * as v from 'valibot'

/**
 * Staff roles and what each may do (docs/security.md#staff, which is the authority where product.md
 * differs). One table for the Worker, which enforces it, and the console, which only hides what a role
 * cannot use. Scope: a platform admin acts on every insurer; insurer admins and operators on their own;
 * a support agent on every insurer when portal-wide (no insurer), else on their own.
 */
export const STAFF_ROLES = ['platform_admin', 'insurer_admin', 'operator', 'support'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const CAPABILITIES = {
  /** Create insurers; set allow-lists; decide allow-list requests; 団体連携コード. */
  'platform.manage': ['platform_admin'],
  /** An insurer's settings (not its allow-list). */
  'insurer.settings': ['platform_admin', 'insurer_admin'],
  /** Invite staff, change role and scope, reset a second factor (insurer admins: their insurer's). */
  'staff.manage': ['platform_admin', 'insurer_admin'],
  /** Roster and checkup imports, viewing codes (issue, status, print file). */
  'insurer.data': ['platform_admin', 'insurer_admin', 'operator'],
  /** Ask a platform admin for allow-listed ranges. */
  'allowlist.request': ['insurer_admin', 'operator'],
  /** Inquiries, identity checks, replies. */
  inquiries: ['support'],
  /** Re-issue a viewing code, lift a lock, send a reset mail, end sessions, "forgot login ID". */
  'member.act': ['support'],
  /** The audit log, searched by member and by staff member (scoped staff: their insurer's members). */
  audit: ['platform_admin', 'insurer_admin', 'support'],
} as const satisfies Record<string, readonly StaffRole[]>
export type Capability = keyof typeof CAPABILITIES

export function can(role: StaffRole, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly StaffRole[]).includes(role)
}

/** Roles that belong to one insurer; a support agent may or may not; a platform admin never. */
export function scopeRule(role: StaffRole): 'none' | 'required' | 'optional' {
  return role === 'platform_admin' ? 'none' : role === 'support' ? 'optional' : 'required'
}

/** A staff session: 8 hours at most, 30 minutes idle (docs/security.md#staff). */
export const STAFF_SESSION = { idleMs: 30 * 60_000, absoluteMs: 8 * 3_600_000 } as const
/** API tokens live at most 90 days. */
export const STAFF_TOKEN_MAX_DAYS = 90

/** A TOTP code as typed: six digits, spaces allowed (authenticator apps show "123 456"). */
export const TotpCodeField = v.pipe(
  v.string('staff.field.code.required'),
  v.transform((s) => s.replace(/[\s\u3000]/g, '')),
  v.nonEmpty('staff.field.code.required'),
  v.regex(/^\d{6}$/, 'staff.field.code.format'),
)

/**
 * A WebAuthn response as the browser's JSON gives it: only bounded and shaped here; its content is for
 * @simplewebauthn/server to verify (a malformed one is a failed log-in, not a 400).
 */
const webauthnResponse = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
  rawId: v.pipe(v.string(), v.maxLength(1024)),
  type: v.literal('public-key'),
  response: v.looseObject({ clientDataJSON: v.pipe(v.string(), v.maxLength(4096)) }),
})

/**
 * Staff log-in: e-mail, password and a second factor, either the authenticator app's code or a passkey's
 * assertion (`passkey`, answering POST /api/ops/session/passkey-options).
 */
export const StaffLoginBody = v.pipe(
  v.strictObject(
    {
      email: v.pipe(
        v.string('staff.field.email.required'),
        v.nonEmpty('staff.field.email.required'),
        v.maxLength(254, 'staff.field.email.required'),
      ),
      password: v.pipe(
        v.string('staff.field.password.required'),
        v.nonEmpty('staff.field.password.required'),
        v.maxLength(200, 'staff.field.password.required'),
      ),
      code: v.optional(TotpCodeField),
      passkey: v.optional(webauthnResponse),
      captchaToken: v.optional(v.pipe(v.string(), v.maxLength(4096))),
    },
    'error.validation',
  ),
  v.forward(
    v.check(
      (body) => body.code !== undefined || body.passkey !== undefined,
      'staff.field.code.required',
    ),
    ['code'],
  ),
)

/** A passkey's registration: the options' challenge id, a name for the list, the browser's response. */
export const PasskeyRegisterBody = v.strictObject(
  {
    challengeId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    name: v.pipe(
      v.string('staff.field.passkeyName.invalid'),
      v.trim(),
      v.nonEmpty('staff.field.passkeyName.invalid'),
      v.maxLength(60, 'staff.field.passkeyName.invalid'),
    ),
    response: v.looseObject({
      id: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
      rawId: v.pipe(v.string(), v.maxLength(1024)),
      type: v.literal('public-key'),
      response: v.looseObject({
        clientDataJSON: v.pipe(v.string(), v.maxLength(4096)),
        attestationObject: v.pipe(v.string(), v.maxLength(8192)),
      }),
    }),
  },
  'error.validation',
)

/** Every sensitive staff action takes a reason, which goes into its audit row. */
export const ReasonField = v.pipe(
  v.string('staff.field.reason.required'),
  v.trim(),
  v.nonEmpty('staff.field.reason.required'),
  v.maxLength(500, 'staff.field.reason.too_long'),
)

/**
 * A new API token: a name, its days, and the authenticator app's code again (a token outlives the
 * session: a console left open must not be turned into one without the second factor).
 */
export const TokenIssueBody = v.strictObject(
  {
    code: TotpCodeField,
    label: v.pipe(
      v.string('staff.field.label.invalid'),
      v.trim(),
      v.nonEmpty('staff.field.label.invalid'),
      v.maxLength(60, 'staff.field.label.invalid'),
    ),
    days: v.pipe(
      v.number('staff.field.days.invalid'),
      v.integer('staff.field.days.invalid'),
      v.minValue(1, 'staff.field.days.invalid'),
      v.maxValue(STAFF_TOKEN_MAX_DAYS, 'staff.field.days.invalid'),
    ),
  },
  'error.validation',
)

/**
 * Whether a staff member may act on an insurer's data (docs/security.md#staff, scoped): a platform admin
 * and a portal-wide support agent on any; everyone else on their own insurer only.
 */
export function inScope(
  member: { role: StaffRole; insurerId: string | null },
  insurerId: string | null,
): boolean {
  if (member.role === 'platform_admin') return true
  if (member.role === 'support' && member.insurerId === null) return true
  return insurerId !== null && member.insurerId === insurerId
}
