import { sql } from 'drizzle-orm'
import { index, integer, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core'

/**
 * The columns of an `audit_log`, the directory's and each insurer database's alike (the insurer's
 * adds `moved_key`): who did what to whom, when, from where. Never passwords, tokens, codes or health
 * data. A builder, so each table gets columns of its own.
 */
export const auditColumns = () => ({
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: integer('at').notNull(),
  actorType: text('actor_type', { enum: ['member', 'staff', 'system', 'anonymous'] }).notNull(),
  actorId: text('actor_id'),
  action: text('action').notNull(),
  accountId: text('account_id'),
  /** The member's insurer when the row is about a member (its staff search their own members' rows). */
  insurerId: text('insurer_id'),
  ip: text('ip'),
  detail: text('detail')
    .notNull()
    .default(sql`'{}'`),
})

/** The indexes every `audit_log` has: by account, by time, by actor, by insurer. */
export const auditIndexes = (t: {
  at: AnySQLiteColumn
  accountId: AnySQLiteColumn
  actorType: AnySQLiteColumn
  actorId: AnySQLiteColumn
  insurerId: AnySQLiteColumn
}) => [
  index('audit_log_account').on(t.accountId, t.at),
  index('audit_log_at').on(t.at),
  index('audit_log_actor').on(t.actorType, t.actorId, t.at),
  index('audit_log_insurer').on(t.insurerId, t.at),
]
