import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { auditColumns, auditIndexes } from './audit-columns'

/**
 * One insurer's database (or, for the largest, one range of its fiscal years): its roster, the
 * members' links to it, viewing codes, checkups, imports, the notices outbox and the audit rows about
 * its data. Several insurers may share one database; every row carries its insurer's id. Nothing here
 * references the directory (another database): account and insurer ids are plain values.
 * Migrations: db/migrations/insurer (drizzle.insurer.config.ts).
 */

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
    /** `<source database>:<source id>` on a row a move copied (its id is new here): keeps the copy idempotent. */
    movedKey: text('moved_key'),
  },
  (t) => [
    index('notice_outbox_claimed').on(t.claimedAt, t.id),
    uniqueIndex('notice_outbox_moved_key')
      .on(t.movedKey)
      .where(sql`moved_key IS NOT NULL`),
  ],
)

/**
 * The insurer's roster (名簿): one row per person, upserted by the insurer's stable `person_key`.
 * The card is kept as printed; `card_key` and `name_key` are the normalised forms matching uses.
 */
export const rosterPersons = sqliteTable(
  'roster_persons',
  {
    insurerId: text('insurer_id').notNull(),
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
    accountId: text('account_id').primaryKey(),
    insurerId: text('insurer_id').notNull(),
    personKey: text('person_key').notNull(),
    linkedAt: integer('linked_at').notNull(),
  },
  (t) => [uniqueIndex('member_links_person').on(t.insurerId, t.personKey)],
)

/**
 * One specific health checkup of one person (insurer + person_key + exam date). Its results are one
 * JSON array, each with the grade, reference range and grading-table version it was given at import,
 * so a past year keeps its grades when the table changes. Re-importing a checkup replaces it whole.
 */
export const checkups = sqliteTable(
  'checkups',
  {
    id: text('id').primaryKey(),
    insurerId: text('insurer_id').notNull(),
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
    insurerId: text('insurer_id').notNull(),
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
    insurerId: text('insurer_id').notNull(),
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
  accountId: text('account_id').primaryKey(),
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
 * One import of a roster or checkup file (console or CLI): who, what file, the running totals. The id is
 * made by the client, so a resumed import (closed tab, lost network) finds its record again. Kept 90 days
 * (the daily prune), with its batches, for the import history and its rejection file.
 */
export const imports = sqliteTable(
  'imports',
  {
    id: text('id').primaryKey(),
    insurerId: text('insurer_id').notNull(),
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

/**
 * Who did what with this insurer's data: health reads (in the read's own batch), viewing codes
 * proven, imports, code runs, unlocks. The same columns as the directory's audit_log; never holds
 * passwords, tokens, codes, addresses or health data.
 */
export const insurerAuditLog = sqliteTable(
  'audit_log',
  {
    ...auditColumns(),
    /** `<source database>:<source id>` on a row a move copied (its id is new here). */
    movedKey: text('moved_key'),
  },
  (t) => [
    ...auditIndexes(t),
    uniqueIndex('audit_log_moved_key')
      .on(t.movedKey)
      .where(sql`moved_key IS NOT NULL`),
  ],
)

/**
 * The state of this database for moves (one row per insurer it holds): `open` takes writes; `hold`
 * refuses them for the moment of a move's catch-up (triggers raise `shard_hold`); `moved`: the old
 * copy after the switch, read-only until the move is confirmed.
 */
export const shardMeta = sqliteTable('shard_meta', {
  insurerId: text('insurer_id').primaryKey(),
  state: text('state', { enum: ['open', 'hold', 'moved'] })
    .notNull()
    .default('open'),
  updatedAt: integer('updated_at').notNull(),
})

/** Rows changed while a move copies (filled by the move's capture triggers, replayed at the catch-up). */
export const changeLog = sqliteTable('change_log', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  tableName: text('table_name').notNull(),
  rowKey: text('row_key').notNull(),
  op: text('op', { enum: ['upsert', 'delete'] }).notNull(),
})
