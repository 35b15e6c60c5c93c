import type { Client } from '@libsql/client'
import { drizzle as drizzleD1 } from 'drizzle-orm/d1'
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import * as schema from './schema'

/** The one database type the services see, whichever driver is under it. */
export type Database = BaseSQLiteDatabase<'async', unknown, typeof schema>

/** Cloudflare D1 (binding `DB`). */
export function openD1(d1: D1Database): Database {
  return drizzleD1(d1, { schema }) as unknown as Database
}

/** libSQL: a `file:`/`:memory:` database in Node, or sqld/Turso over HTTP from a Worker. */
export function openLibsql(client: Client): Database {
  return drizzleLibsql(client, { schema }) as unknown as Database
}

export { schema }

/**
 * The rows of a raw statement (`db.all(sql…)`) as objects: D1's driver hands them back as arrays of
 * values, libSQL's as objects keyed by column; `columns` names the array's positions.
 */
export function namedRows<K extends string>(
  rows: unknown[],
  columns: readonly K[],
): Record<K, unknown>[] {
  return rows.map((row) =>
    Array.isArray(row)
      ? (Object.fromEntries(columns.map((name, i) => [name, row[i]])) as Record<K, unknown>)
      : (row as Record<K, unknown>),
  )
}

/**
 * Statements run as one batch: one transaction on D1 and on libSQL alike, so they all hold or none does.
 * The shared database type (drizzle's async SQLite base) lacks `batch`, which both drivers have.
 */
export function runBatch(
  db: Database,
  statements: readonly PromiseLike<unknown>[],
): Promise<unknown[]> {
  return (
    db as unknown as { batch: (q: readonly PromiseLike<unknown>[]) => Promise<unknown[]> }
  ).batch(statements)
}
