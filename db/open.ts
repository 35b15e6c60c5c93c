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
