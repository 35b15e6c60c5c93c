import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * One schema for D1 and libSQL. Times are epoch milliseconds (integers) so the injected clock of
 * createApp decides every expiry, in tests as in production. Secrets are never stored: only their
 * SHA-256 (tokens) or a password hash (passwords).
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
  },
  (t) => [
    uniqueIndex('accounts_email_key').on(t.emailKey),
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
 * What the checkup import (and a code re-issue) leaves for the scheduled job: one row per person
 * touched, written in the same batch as the checkups, so the import itself never mails or pushes.
 * The job claims rows by one UPDATE … RETURNING (claimed_at), turns them into notices, mails and pushes.
 */
export const noticeOutbox = sqliteTable(
  'notice_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    insurerId: text('insurer_id').notNull(),
    personKey: text('person_key').notNull(),
    kind: text('kind', { enum: ['results', 'code_reissued'] }).notNull(),
    /** For results: the newest exam date touched (the notice's link). */
    ref: text('ref'),
    createdAt: integer('created_at').notNull(),
    claimedAt: integer('claimed_at'),
  },
  (t) => [index('notice_outbox_claimed').on(t.claimedAt, t.id)],
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

/**
 * The insurer's roster (名簿): one row per person, upserted by the insurer's stable `person_key`.
 * The card is kept as printed; `card_key` and `name_key` are the normalised forms matching uses.
 */
export const rosterPersons = sqliteTable(
  'roster_persons',
  {
    insurerId: text('insurer_id')
      .notNull()
      .references(() => insurers.id),
    personKey: text('person_key').notNull(),
    symbol: text('symbol').notNull().default(''),
    number: text('number').notNull(),
    branch: text('branch'),
    cardKey: text('card_key').notNull(),
    nameKana: text('name_kana').notNull(),
    nameKey: text('name_key').notNull(),
    birthDate: text('birth_date').notNull(),
    sex: integer('sex').notNull(),
    relationship: integer('relationship').notNull(),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    postalCode: text('postal_code'),
    address: text('address'),
    /** SHA-256 of the row's fields: an unchanged row is not written again. */
    rowHash: text('row_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.insurerId, t.personKey] }),
    index('roster_persons_card').on(t.insurerId, t.cardKey),
  ],
)

/** A member account linked to one roster person (one link per person, one person per account). */
export const memberLinks = sqliteTable(
  'member_links',
  {
    accountId: text('account_id')
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    insurerId: text('insurer_id').notNull(),
    personKey: text('person_key').notNull(),
    linkedAt: integer('linked_at').notNull(),
  },
  (t) => [uniqueIndex('member_links_person').on(t.insurerId, t.personKey)],
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
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorType: text('actor_type', { enum: ['member', 'staff', 'system', 'anonymous'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    accountId: text('account_id'),
    ip: text('ip'),
    detail: text('detail')
      .notNull()
      .default(sql`'{}'`),
  },
  (t) => [
    index('audit_log_account').on(t.accountId, t.at),
    index('audit_log_at').on(t.at),
    index('audit_log_actor').on(t.actorType, t.actorId, t.at),
  ],
)

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
 * One specific health checkup of one person (insurer + person_key + exam date). Its results are one
 * JSON array, each with the grade, reference range and grading-table version it was given at import,
 * so a past year keeps its grades when the table changes. Re-importing a checkup replaces it whole.
 */
export const checkups = sqliteTable(
  'checkups',
  {
    id: text('id').primaryKey(),
    insurerId: text('insurer_id')
      .notNull()
      .references(() => insurers.id),
    personKey: text('person_key').notNull(),
    examDate: text('exam_date').notNull(),
    institution: text('institution'),
    source: text('source', { enum: ['csv', 'xml'] }).notNull(),
    tableVersion: text('table_version').notNull(),
    /** JSON: StoredResult[] (worker/checkup-json.ts). */
    results: text('results').notNull(),
    /** JSON: how many results got each grade, {"A":n,"B":n,"C":n,"D":n}, counted at import for the list. */
    grades: text('grades').notNull().default('{"A":0,"B":0,"C":0,"D":0}'),
    /** SHA-256 of what was imported: the same checkup again is "unchanged". */
    contentHash: text('content_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('checkups_person_date').on(t.insurerId, t.personKey, t.examDate)],
)

/**
 * 健診閲覧コード (viewing code) of a roster person, printed on the insurer's postcard. Stored as a
 * password hash; 5 wrong tries lock it until support re-issues; re-issue revokes the earlier code.
 */
export const viewingCodes = sqliteTable(
  'viewing_codes',
  {
    id: text('id').primaryKey(),
    insurerId: text('insurer_id')
      .notNull()
      .references(() => insurers.id),
    personKey: text('person_key').notNull(),
    codeHash: text('code_hash').notNull(),
    issuedAt: integer('issued_at').notNull(),
    usedAt: integer('used_at'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedAt: integer('locked_at'),
    revokedAt: integer('revoked_at'),
    /** The issuing run (one print file) that made this code; null for codes issued before runs. */
    runId: text('run_id'),
    /** When its print file was confirmed saved; null: 「未印刷」, live for uniqueness but unusable. */
    confirmedAt: integer('confirmed_at'),
  },
  // At most one live code per person, so two issuing runs at once cannot both give one a code.
  (t) => [
    uniqueIndex('viewing_codes_live')
      .on(t.insurerId, t.personKey)
      .where(sql`${t.revokedAt} is null`),
    index('viewing_codes_run')
      .on(t.runId)
      .where(sql`${t.confirmedAt} is null and ${t.revokedAt} is null`),
  ],
)

/**
 * One issuing run of viewing codes = one postcard print file. Its codes stay unusable until the console
 * or the CLI confirms the file was saved; a run left unconfirmed is revoked (by the console, a new run,
 * or the scheduled sweep after 30 minutes) and its persons go back to the re-issue queue.
 */
export const codeRuns = sqliteTable(
  'code_runs',
  {
    id: text('id').primaryKey(),
    insurerId: text('insurer_id')
      .notNull()
      .references(() => insurers.id),
    staffId: text('staff_id').notNull(),
    /** 'issue' (everyone without a live code) or 'reissue' (the named persons). */
    kind: text('kind').notNull(),
    createdAt: integer('created_at').notNull(),
    confirmedAt: integer('confirmed_at'),
    revokedAt: integer('revoked_at'),
    issued: integer('issued').notNull().default(0),
  },
  (t) => [
    index('code_runs_open')
      .on(t.insurerId, t.createdAt)
      .where(sql`${t.confirmedAt} is null and ${t.revokedAt} is null`),
  ],
)

/**
 * A member's step-up for health data: the viewing code proven once, the secret question and its
 * answer (a password hash, case-sensitive), the notice read, and when the answer was last checked.
 */
export const healthAccess = sqliteTable('health_access', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  codeVerifiedAt: integer('code_verified_at'),
  questionId: text('question_id'),
  answerHash: text('answer_hash'),
  answerSetAt: integer('answer_set_at'),
  noticeAcceptedAt: integer('notice_accepted_at'),
  /** Unused since migration 0006: the step-up is recorded on the session (sessions.step_up_at). */
  lastCheckAt: integer('last_check_at'),
  /** JSON array of the times of wrong answers in the last 24 hours. */
  answerFailures: text('answer_failures').notNull().default('[]'),
  lockedAt: integer('locked_at'),
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
 * One import of a roster or checkup file (console or CLI): who, what file, the running totals. The id is
 * made by the client, so a resumed import (closed tab, lost network) finds its record again. Kept 90 days
 * (the daily prune), with its batches, for the import history and its rejection file.
 */
export const imports = sqliteTable(
  'imports',
  {
    id: text('id').primaryKey(),
    insurerId: text('insurer_id')
      .notNull()
      .references(() => insurers.id),
    staffId: text('staff_id').notNull(),
    /** 'roster' | 'checkups' */
    kind: text('kind').notNull(),
    /** 'console' | 'cli' */
    source: text('source').notNull(),
    fileName: text('file_name').notNull(),
    fileSize: integer('file_size').notNull(),
    /** SHA-256 hex of the first and last MiB, "head:tail": the same file on a resume. */
    fingerprint: text('fingerprint').notNull().default(''),
    /** The encoding (roster, checkup CSV) or format (xml, zip) found. */
    detected: text('detected'),
    startedAt: integer('started_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    finishedAt: integer('finished_at'),
    /** null while running; 'complete' | 'failed' | 'interrupted' */
    outcome: text('outcome'),
    /** The message key of a whole-file failure, with its params as JSON. */
    failure: text('failure'),
    rowsRead: integer('rows_read').notNull().default(0),
    blank: integer('blank').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    batches: integer('batches').notNull().default(0),
  },
  (t) => [
    index('imports_insurer').on(t.insurerId, t.startedAt),
    index('imports_started').on(t.startedAt),
  ],
)

/**
 * One applied batch of an import, recorded in the same database batch as the rows it wrote: its primary
 * key decides that a batch sent twice (a retry, a resume, two tabs) applies once; a repeat gets the
 * stored answer back.
 */
export const importBatches = sqliteTable(
  'import_batches',
  {
    importId: text('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    firstLine: integer('first_line'),
    lastLine: integer('last_line'),
    /** The last unit (zip entry index, checkup CSV unit) this batch consumed; null for rosters. */
    lastUnit: integer('last_unit'),
    /** The server's answer (counts and rejections), JSON, returned as is to a repeat. */
    answer: text('answer').notNull(),
    /** Rejections found by the client before sending (JSON array), for the rejection file. */
    localRejections: text('local_rejections').notNull().default('[]'),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
)
