import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { auditColumns, auditIndexes } from './audit-columns'

/**
 * The directory database: who people are (accounts, sessions, staff), the insurers and the shard map
 * that says where each insurer's data lives, inquiries, and the audit of what is not an insurer's data.
 * Times are epoch milliseconds (integers) so the injected clock of createApp decides every expiry.
 * Secrets are never stored: only their SHA-256 (tokens) or a password hash (passwords).
 * Migrations: db/migrations/directory (drizzle.directory.config.ts).
 */

/** A member's account: created only when the e-mail address has been proven. */
export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    /** As the member typed it (mails go to this form). */
    email: text('email').notNull(),
    /** normalizeEmail(email): what log-in and sign-up match on, case-insensitively. */
    emailKey: text('email_key').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    passwordChangedAt: integer('password_changed_at').notNull(),
    /** 招待コード (journey 1): the member's own code to share; set at creation, or on first read for older rows. */
    inviteCode: text('invite_code'),
    /** The account whose 招待コード this one signed up with (who invited whom; no other effect). */
    invitedBy: text('invited_by'),
    /** お知らせ by mail (journey 11); push is per device (`push_subscriptions`). */
    notifyMail: integer('notify_mail', { mode: 'boolean' }).notNull().default(true),
    /**
     * The account's pointer to its insurer (whose database holds the link, `member_links`): set with
     * `linkState = 'pending'` before the link is written there, 'linked' after (docs/scale.md, "card
     * link"). Null: not linked.
     */
    insurerId: text('insurer_id'),
    linkState: text('link_state', { enum: ['pending', 'linked', 'unlinking'] }),
    /** Since when the link's state last changed: the reconcile job finishes a state older than 10 minutes. */
    linkChangedAt: integer('link_changed_at'),
    /** Withdrawal started (journey 10): log-in is impossible; the reconcile job finishes what is left. */
    withdrawingAt: integer('withdrawing_at'),
  },
  (t) => [
    uniqueIndex('accounts_email_key').on(t.emailKey),
    index('accounts_insurer').on(t.insurerId),
    index('accounts_link_state').on(t.linkState, t.linkChangedAt),
    index('accounts_withdrawing').on(t.withdrawingAt),
    uniqueIndex('accounts_invite_code').on(t.inviteCode),
    index('accounts_invited_by').on(t.invitedBy),
  ],
)

/** A sign-up waiting for its link or code. Re-sending revokes every earlier row of the address. */
export const pendingSignups = sqliteTable(
  'pending_signups',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    emailKey: text('email_key').notNull(),
    passwordHash: text('password_hash').notNull(),
    tokenHash: text('token_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    codeAttempts: integer('code_attempts').notNull().default(0),
    /**
     * SHA-256 of the random value in the `__Host-signup` cookie of the browser or app that started the
     * sign-up (docs/security.md, the sign-up binding). Elsewhere the link or code also needs the password.
     */
    bindingHash: text('binding_hash'),
    /** Tries of the password that a link opened elsewhere asks for (5, then the link is dead). */
    passwordAttempts: integer('password_attempts').notNull().default(0),
    mode: text('mode', { enum: ['browser', 'app'] }).notNull(),
    inviteCode: text('invite_code'),
    orgCode: text('org_code'),
    lang: text('lang', { enum: ['ja', 'en'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    codeExpiresAt: integer('code_expires_at').notNull(),
    usedAt: integer('used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [
    uniqueIndex('pending_signups_token').on(t.tokenHash),
    index('pending_signups_email').on(t.emailKey),
  ],
)

/** Single-use links sent by mail other than sign-up: password reset, address unlock. */
export const emailTokens = sqliteTable(
  'email_tokens',
  {
    id: text('id').primaryKey(),
    purpose: text('purpose', { enum: ['reset', 'unlock'] }).notNull(),
    accountId: text('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    /** For unlock: the HMAC key of the address the lock is on. */
    subjectKey: text('subject_key'),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [
    uniqueIndex('email_tokens_token').on(t.tokenHash),
    index('email_tokens_account').on(t.accountId),
  ],
)

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token. */
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    mode: text('mode', { enum: ['browser', 'app'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    idleExpiresAt: integer('idle_expires_at').notNull(),
    absoluteExpiresAt: integer('absolute_expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    endedAt: integer('ended_at'),
    /** When this session last passed the step-up before health data (docs/security.md: per session, 24 h). */
    stepUpAt: integer('step_up_at'),
    /** SHA-256 of the long-lived `__Host-device` cookie the session started on (known_devices). */
    deviceKey: text('device_key'),
    /** Approximate place at log-in: Cloudflare's country and region (prefecture), never the address. */
    place: text('place'),
    /** How the session was opened: 'password' or 'passkey'. */
    method: text('method', { enum: ['password', 'passkey'] }),
  },
  (t) => [index('sessions_account').on(t.accountId)],
)

/**
 * Devices an account has logged in from (journey 10, new-device notice): the SHA-256 of the
 * `__Host-device` cookie. The INSERT … ON CONFLICT DO NOTHING RETURNING of a log-in decides whether
 * the device is new, so two log-ins at once mail once.
 */
export const knownDevices = sqliteTable(
  'known_devices',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    deviceKey: text('device_key').notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.deviceKey] })],
)

/**
 * An e-mail change (journey 10): confirmed by a link to the new address (1 hour); then a link to the
 * old address (7 days) reports "this was not me" and restores `oldEmail`. Only SHA-256s of the links.
 * A new request revokes the account's earlier unconfirmed ones.
 */
export const emailChanges = sqliteTable(
  'email_changes',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    oldEmail: text('old_email').notNull(),
    newEmail: text('new_email').notNull(),
    newEmailKey: text('new_email_key').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    confirmedAt: integer('confirmed_at'),
    revokedAt: integer('revoked_at'),
    revertTokenHash: text('revert_token_hash'),
    revertExpiresAt: integer('revert_expires_at'),
    revertedAt: integer('reverted_at'),
  },
  (t) => [
    uniqueIndex('email_changes_token').on(t.tokenHash),
    uniqueIndex('email_changes_revert_token').on(t.revertTokenHash),
    index('email_changes_account').on(t.accountId),
  ],
)

/**
 * A member's passkeys (journey 10): log-in (also by the browser's autofill) and the step-up before
 * health data. The credential's public key (COSE, base64url) and its signature counter.
 */
export const memberPasskeys = sqliteTable(
  'member_passkeys',
  {
    /** The credential id (base64url), as the authenticator gives it. */
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    publicKey: text('public_key').notNull(),
    counter: integer('counter').notNull().default(0),
    /** JSON array of transports, for the browser's prompt. */
    transports: text('transports').notNull().default('[]'),
    name: text('name').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    /**
     * Added in a session that had passed the step-up before health data (the secret answer, within its
     * 24 hours): only such a passkey may stand in for the secret question. One added with the password
     * alone logs in, but does not open health data (the password must never be enough for that).
     */
    forStepUp: integer('for_step_up', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('member_passkeys_account').on(t.accountId)],
)

/**
 * お知らせ (journey 11), newest first on ホーム. Never health data: a kind and the link it opens.
 */
export const notices = sqliteTable(
  'notices',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['results', 'code_reissued', 'inquiry_reply'] }).notNull(),
    /** The app path the notice opens (`/checkups/2026-06-10`, `/inquiry/history`). */
    link: text('link').notNull(),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [index('notices_account').on(t.accountId, t.createdAt)],
)

/**
 * Web Push subscriptions, one per device (journey 11): owned by the account, tied to the session that
 * made it (removed at that session's log-out) and dropped on 404/410 from the push service. The
 * endpoint's host is on the allow-list of known push services.
 */
export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    sessionId: text('session_id'),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('push_subscriptions_endpoint').on(t.endpoint),
    index('push_subscriptions_account').on(t.accountId),
  ],
)

/**
 * Anti-automation events (docs/security.md, captcha levels). `subject` is an HMAC of the normalised
 * address, the client IP (or its /64), or an allow-listed range, so the table never holds an address.
 */
export const riskEvents = sqliteTable(
  'risk_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subject: text('subject').notNull(),
    kind: text('kind', { enum: ['attempt', 'failure'] }).notNull(),
    at: integer('at').notNull(),
    /**
     * On the IP row of a gated request: the counts the recording statement saw (JSON), from which the
     * request's captcha level is decided (services/risk.ts, recordGatedAttempt).
     */
    seen: text('seen'),
  },
  (t) => [index('risk_events_subject_at').on(t.subject, t.kind, t.at)],
)

/** An address locked at level 3: refused until `until` or until its owner follows the unlock link. */
export const addressLocks = sqliteTable('address_locks', {
  subject: text('subject').primaryKey(),
  until: integer('until').notNull(),
  createdAt: integer('created_at').notNull(),
})

/** Insurers (健康保険組合). Issue 3 adds the roster; the allow-list already feeds captcha level 0. */
export const insurers = sqliteTable(
  'insurers',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull(),
    name: text('name').notNull(),
    /** JSON array of CIDR strings whose requests need no captcha. */
    allowedCidrs: text('allowed_cidrs').notNull().default('[]'),
    allowlistFailureLimit: integer('allowlist_failure_limit').notNull().default(20),
    /** Only insured persons (本人) may use the service. */
    insuredOnly: integer('insured_only', { mode: 'boolean' }).notNull().default(false),
    /** Dependents (家族) older than this may not use the service; null: no limit. */
    dependentMaxAge: integer('dependent_max_age'),
    /** While true, card checks answer "in maintenance" (the manual's cause 3). */
    maintenance: integer('maintenance', { mode: 'boolean' }).notNull().default(false),
    /** Shown to members during maintenance (ja as written by the insurer); null: the standard words. */
    maintenanceMessage: text('maintenance_message'),
    /** When maintenance is planned to end (ms), shown with the message; null: not announced. */
    maintenanceUntil: integer('maintenance_until'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull().default(0),
  },
  (t) => [uniqueIndex('insurers_number').on(t.number)],
)

/** Card checks, for the cap of 5 in 24 hours per account and per person. */
export const cardAttempts = sqliteTable(
  'card_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: text('account_id').notNull(),
    /** HMAC of insurer + card key + name + birth date: the person aimed at, found or not. */
    personSubject: text('person_subject').notNull(),
    outcome: text('outcome').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [
    index('card_attempts_account').on(t.accountId, t.at),
    index('card_attempts_person').on(t.personSubject, t.at),
  ],
)

/**
 * Staff (docs/security.md#staff): separate from members. A platform admin has no insurer; insurer admins
 * and operators have one; a support agent has one when scoped to an insurer, none when portal-wide. A
 * member of staff signs in with e-mail, password and TOTP: the secret is AES-GCM encrypted with the
 * Worker secret STAFF_TOTP_KEY (a TOTP secret cannot be hashed), and `totpLastStep` is the time step of
 * the last code accepted, moved by the statement that accepts a code, so each code works once.
 * Portal-wide data (a later issue splits databases): no join to an insurer's tables.
 */
export const staff = sqliteTable(
  'staff',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', {
      enum: ['platform_admin', 'insurer_admin', 'operator', 'support'],
    }).notNull(),
    insurerId: text('insurer_id').references(() => insurers.id),
    createdAt: integer('created_at').notNull(),
    /** As typed; null only for the API-token-only staff of before the console (none are created now). */
    email: text('email'),
    emailKey: text('email_key'),
    /** Null until the invitation is accepted, or after a platform admin reset it. */
    passwordHash: text('password_hash'),
    /** base64url(iv ‖ AES-GCM(secret)); null until enrolled, or after a reset of the second factor. */
    totpSecret: text('totp_secret'),
    totpLastStep: integer('totp_last_step').notNull().default(0),
    /** Set when the staff member is disabled: no log-in, no token, no session. */
    disabledAt: integer('disabled_at'),
    updatedAt: integer('updated_at').notNull().default(0),
  },
  (t) => [uniqueIndex('staff_email_key').on(t.emailKey)],
)

/** A staff member's console session (`__Host-staff` cookie): 8 h at most, 30 min idle. */
export const staffSessions = sqliteTable(
  'staff_sessions',
  {
    /** SHA-256 of the cookie's token. */
    id: text('id').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    idleExpiresAt: integer('idle_expires_at').notNull(),
    absoluteExpiresAt: integer('absolute_expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    endedAt: integer('ended_at'),
  },
  (t) => [index('staff_sessions_staff').on(t.staffId)],
)

/**
 * Single-use links mailed to staff: an invitation (set a password, enrol TOTP) and the re-enrolment a
 * platform admin's reset sends. Only the SHA-256 is kept.
 */
export const staffLinks = sqliteTable(
  'staff_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['invite', 'reset'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    /**
     * The TOTP secret being enrolled through this link (encrypted like staff.totp_secret): shown once
     * as a QR code, and moved to the staff row by the statement that uses the link with a right code.
     */
    pendingSecret: text('pending_secret'),
  },
  (t) => [index('staff_links_staff').on(t.staffId)],
)

/**
 * Staff API tokens for the operator API and CLI; only their SHA-256 is kept. Issued by a signed-in
 * staff member for themselves, shown once, at most 90 days, revocable by `id`.
 */
export const staffTokens = sqliteTable(
  'staff_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
    /** A public handle to list and revoke a token by (the hash is never shown). */
    id: text('id'),
    /** After this the token is refused; null only for tokens issued before expiry existed. */
    expiresAt: integer('expires_at'),
  },
  (t) => [uniqueIndex('staff_tokens_id').on(t.id), index('staff_tokens_staff').on(t.staffId)],
)

/**
 * An insurer's staff ask for allow-listed ranges; a platform admin approves (the ranges are then set)
 * or refuses, with a reason (docs/security.md, anti-automation).
 */
export const allowlistRequests = sqliteTable(
  'allowlist_requests',
  {
    id: text('id').primaryKey(),
    insurerId: text('insurer_id')
      .notNull()
      .references(() => insurers.id),
    /** JSON array of CIDR strings asked for (validated like the setting). */
    cidrs: text('cidrs').notNull(),
    note: text('note').notNull().default(''),
    requestedBy: text('requested_by').notNull(),
    requestedAt: integer('requested_at').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'refused'] })
      .notNull()
      .default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
    reason: text('reason'),
  },
  (t) => [index('allowlist_requests_status').on(t.status, t.requestedAt)],
)

/** 団体連携コード (journey 1): issued by a platform admin for an organisation, tied to one insurer. */
export const orgCodes = sqliteTable(
  'org_codes',
  {
    /** As printed (upper-case letters and digits). */
    code: text('code').primaryKey(),
    insurerId: text('insurer_id')
      .notNull()
      .references(() => insurers.id),
    organisation: text('organisation').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    retiredAt: integer('retired_at'),
  },
  (t) => [index('org_codes_insurer').on(t.insurerId)],
)

/** Who did what to whom, when, from where. Never holds passwords, tokens, codes or health data. */
export const auditLog = sqliteTable('audit_log', auditColumns(), (t) => auditIndexes(t))

/** Development outbox: mails are stored here instead of sent when ENVIRONMENT=development. */
export const devOutbox = sqliteTable('dev_outbox', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  html: text('html').notNull(),
  sentAt: integer('sent_at').notNull(),
})

/**
 * お問い合わせ (journey 8): what the form sent, as typed, for support to read. The address is not
 * verified, so nothing typed is ever mailed back (services/inquiries.ts). `addressKey` and `ipKey`
 * are the HMAC counter keys of the sender (services/risk.ts subjectsFor), never the address or IP:
 * the statement that stores an inquiry counts them to hold the 5-an-hour limit. `accountId` is set
 * when a logged-in member sent it (お問い合わせ履歴). Portal-wide data: no insurer's id.
 */
export const inquiries = sqliteTable(
  'inquiries',
  {
    id: text('id').primaryKey(),
    /** 受付番号, told on the sent screen and in the mail. */
    receiptNo: text('receipt_no').notNull(),
    accountId: text('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    nameKana: text('name_kana').notNull(),
    email: text('email').notNull(),
    insurerName: text('insurer_name').notNull(),
    birthDate: text('birth_date').notNull(),
    type: text('type', {
      enum: ['signup', 'login', 'viewing_code', 'results', 'withdrawal', 'other'],
    }).notNull(),
    message: text('message').notNull(),
    appVersion: text('app_version').notNull().default(''),
    device: text('device').notNull().default(''),
    osVersion: text('os_version').notNull().default(''),
    browser: text('browser').notNull().default(''),
    lang: text('lang', { enum: ['ja', 'en'] }).notNull(),
    status: text('status', { enum: ['new', 'in_progress', 'answered', 'closed'] })
      .notNull()
      .default('new'),
    addressKey: text('address_key').notNull(),
    ipKey: text('ip_key').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** The insurer whose name was chosen, when it is one of ours: scoped support sees only these. */
    insurerId: text('insurer_id'),
    /** The staff member handling it (staff.id), or null. */
    assigneeId: text('assignee_id'),
  },
  (t) => [
    uniqueIndex('inquiries_receipt_no').on(t.receiptNo),
    index('inquiries_insurer').on(t.insurerId, t.status, t.createdAt),
    index('inquiries_type').on(t.type, t.createdAt),
    index('inquiries_created').on(t.createdAt),
    index('inquiries_account').on(t.accountId, t.createdAt),
    index('inquiries_address').on(t.addressKey, t.createdAt),
    index('inquiries_ip').on(t.ipKey, t.createdAt),
    index('inquiries_status').on(t.status, t.createdAt),
  ],
)

/**
 * An inquiry's history: status changes, identity-check notes, replies (mailed), assignment. A reply
 * carries the idempotency key of the console's form, unique per inquiry: a double click inserts one row
 * (the statement that records it decides), and only the request whose insert took place sends the mail.
 */
export const inquiryEvents = sqliteTable(
  'inquiry_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    inquiryId: text('inquiry_id')
      .notNull()
      .references(() => inquiries.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    staffId: text('staff_id'),
    kind: text('kind', { enum: ['status', 'note', 'reply', 'assign'] }).notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    /** A note's text, a reply's text as mailed, or the assignee's id. */
    body: text('body').notNull().default(''),
    /** For a note: what was checked (JSON array of check names). For a reply: its template. */
    meta: text('meta').notNull().default('{}'),
    idempotencyKey: text('idempotency_key'),
  },
  (t) => [
    index('inquiry_events_inquiry').on(t.inquiryId, t.at),
    uniqueIndex('inquiry_events_idempotency').on(t.inquiryId, t.idempotencyKey),
  ],
)

/**
 * A staff member's passkeys (WebAuthn), a second factor besides TOTP (docs/security.md#staff): the
 * credential's public key (COSE, base64url) and its signature counter. A member's passkeys (issue 12)
 * get a table of their own.
 */
export const staffPasskeys = sqliteTable(
  'staff_passkeys',
  {
    /** The credential id (base64url), as the authenticator gives it. */
    id: text('id').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    publicKey: text('public_key').notNull(),
    counter: integer('counter').notNull().default(0),
    /** JSON array of transports ("internal", "hybrid", "usb" …), for the browser's prompt. */
    transports: text('transports').notNull().default('[]'),
    name: text('name').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
  },
  (t) => [index('staff_passkeys_staff').on(t.staffId)],
)

/**
 * WebAuthn challenges handed out with registration and log-in options: each is used once, by the
 * statement that marks it used (UPDATE … WHERE used_at IS NULL AND expires_at > now RETURNING).
 */
export const webauthnChallenges = sqliteTable('webauthn_challenges', {
  id: text('id').primaryKey(),
  purpose: text('purpose', {
    enum: ['staff_register', 'staff_login', 'member_register', 'member_login', 'member_step_up'],
  }).notNull(),
  /** For a registration: whose passkey it will be. */
  staffId: text('staff_id'),
  /** For a member's registration or step-up: the account (and, for a step-up, nothing else may use it). */
  accountId: text('account_id'),
  challenge: text('challenge').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
})

/**
 * The insurer databases this deployment has (docs/scale.md). `d1`: a D1 binding named `DB_<NAME>`
 * (upper case) in wrangler.toml; `libsql`: a libSQL URL (sqld in Japan, or Turso) whose token is the
 * Worker's secret `LIBSQL_TOKEN_<NAME>` or the group token `LIBSQL_AUTH_TOKEN`. `readonly`: the old
 * copy of a move, kept until the move is confirmed; `retired`: no longer used.
 */
export const databases = sqliteTable('databases', {
  name: text('name').primaryKey(),
  kind: text('kind', { enum: ['d1', 'libsql'] }).notNull(),
  url: text('url'),
  state: text('state', { enum: ['active', 'readonly', 'retired'] })
    .notNull()
    .default('active'),
  createdAt: integer('created_at').notNull(),
})

/**
 * The shard map: which database holds an insurer's data. An insurer has one row from fiscal year 0
 * (its home: roster, links, codes, imports and every checkup not in a later range); the largest
 * may have more rows, each holding the checkups of fiscal years `fromFy` to `toFy` (null: open).
 * `epoch` grows at every change, so a cached map knows it is old.
 */
export const shardMap = sqliteTable(
  'shard_map',
  {
    insurerId: text('insurer_id').notNull(),
    fromFy: integer('from_fy').notNull().default(0),
    toFy: integer('to_fy'),
    database: text('database').notNull(),
    epoch: integer('epoch').notNull().default(1),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.insurerId, t.fromFy] }),
    index('shard_map_database').on(t.database),
  ],
)

/** One move of an insurer (or a range of its years) to another database, resumable from its phase. */
export const shardMoves = sqliteTable(
  'shard_moves',
  {
    id: text('id').primaryKey(),
    insurerId: text('insurer_id').notNull(),
    fromFy: integer('from_fy').notNull().default(0),
    toFy: integer('to_fy'),
    source: text('source').notNull(),
    target: text('target').notNull(),
    phase: text('phase', {
      enum: ['copying', 'holding', 'verifying', 'switched', 'confirmed', 'aborted'],
    }).notNull(),
    /** JSON: the keyset cursor of each table copied so far. */
    cursor: text('cursor').notNull().default('{}'),
    /** JSON: counts and checksums per table, on both sides, after the verify. */
    report: text('report').notNull().default('{}'),
    startedBy: text('started_by'),
    startedAt: integer('started_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('shard_moves_insurer').on(t.insurerId, t.startedAt)],
)

/**
 * Insurers whose database has notices waiting in its outbox: set after the import that wrote them,
 * cleared by the notices job before it drains that database (docs/scale.md, "notices").
 */
export const noticePending = sqliteTable('notice_pending', {
  insurerId: text('insurer_id').primaryKey(),
  since: integer('since').notNull(),
})
