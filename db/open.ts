import type { Client } from '@libsql/client'
import { ne } from 'drizzle-orm'
import { drizzle as drizzleD1 } from 'drizzle-orm/d1'
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import * as schema from './schema'

/** The one database type the services see, whichever driver is under it and whichever role it plays. */
export type Database = BaseSQLiteDatabase<'async', unknown, typeof schema>

/** Cloudflare D1 (a binding: `DB` for the directory, `DB_<NAME>` for an insurer database). */
export function openD1(d1: D1Database): Database {
  return drizzleD1(d1, { schema }) as unknown as Database
}

/** libSQL: a `file:`/`:memory:` database in Node, or sqld/Turso over HTTP from a Worker. */
export function openLibsql(client: Client): Database {
  return drizzleLibsql(client, { schema }) as unknown as Database
}

export { schema }

/** A row of the directory's `databases`: where one insurer database is. */
export interface DatabaseRow {
  name: string
  kind: 'd1' | 'libsql'
  url: string | null
  state: 'active' | 'readonly' | 'retired'
}

/** Opens an insurer database from its row (index.ts: D1 bindings and libSQL URLs; tests: their own). */
export type ShardOpener = (row: DatabaseRow) => Database | Promise<Database>

/** One range of an insurer's fiscal years and the database that holds it. */
export interface ShardRange {
  database: string
  fromFy: number
  /** Null: open-ended. */
  toFy: number | null
  db: Database
}

/** The directory, and the way from an insurer to its database (docs/scale.md). */
export interface Databases {
  directory: Database
  /**
   * The insurer's home database (roster, links, codes, imports, audit), or with `fiscalYear` the one
   * holding that year's checkups. Throws `ShardError` for an insurer with no row in the shard map.
   */
  dbFor(insurerId: string, fiscalYear?: number): Promise<Database>
  /** Every range of the insurer (one for most; several for an insurer split by fiscal years). */
  rangesFor(insurerId: string): Promise<ShardRange[]>
  /** Every insurer database that is not retired (migrate, prune, reconcile, the notices sweep). */
  shards(): Promise<{ name: string; state: DatabaseRow['state']; db: Database }[]>
  /** Forgets the cached map (after a move's switch, or a write refused by a moved copy). */
  refresh(): void
  /** Opens a database from a row not (yet) in the directory, uncached (`ops shards add-database`). */
  probe(row: DatabaseRow): Promise<Database>
}

/** An insurer without a database in the shard map, or a map naming an unknown database. */
export class ShardError extends Error {
  override name = 'ShardError'
}

interface MapRow {
  insurerId: string
  fromFy: number
  toFy: number | null
  database: string
}

/**
 * The directory and its shard map. The map (`shard_map`, `databases`) is read once and cached for
 * `ttlMs` (10 s by default: a move's switch reaches every isolate within that); each database is
 * opened once, when first needed.
 */
export function openDatabases(
  directory: Database,
  open: ShardOpener,
  options: { ttlMs?: number; now?: () => number } = {},
): Databases {
  const ttl = options.ttlMs ?? 10_000
  const now = options.now ?? (() => Date.now())
  let map: {
    at: number
    rows: Promise<{ ranges: MapRow[]; dbs: Map<string, DatabaseRow> }>
  } | null = null
  const opened = new Map<string, Promise<Database>>()

  const load = () => {
    if (!map || now() - map.at > ttl) {
      const rows = (async () => {
        const [ranges, dbs] = await Promise.all([
          directory
            .select({
              insurerId: schema.shardMap.insurerId,
              fromFy: schema.shardMap.fromFy,
              toFy: schema.shardMap.toFy,
              database: schema.shardMap.database,
            })
            .from(schema.shardMap)
            .orderBy(schema.shardMap.insurerId, schema.shardMap.fromFy),
          directory.select().from(schema.databases),
        ])
        return {
          ranges,
          dbs: new Map(
            dbs.map((d) => [d.name, { name: d.name, kind: d.kind, url: d.url, state: d.state }]),
          ),
        }
      })()
      map = { at: now(), rows }
      // A failed read is not cached.
      rows.catch(() => {
        if (map?.rows === rows) map = null
      })
    }
    return map.rows
  }

  const openNamed = async (name: string): Promise<Database> => {
    let db = opened.get(name)
    if (!db) {
      const { dbs } = await load()
      const row = dbs.get(name)
      if (!row) throw new ShardError(`no database named ${name}`)
      db = Promise.resolve(open(row))
      opened.set(name, db)
      db.catch(() => opened.delete(name))
    }
    return db
  }

  const rangesOf = async (insurerId: string) => {
    const { ranges } = await load()
    const mine = ranges.filter((r) => r.insurerId === insurerId)
    if (mine.length === 0) throw new ShardError('insurer has no database in the shard map')
    return mine
  }

  return {
    directory,
    async dbFor(insurerId, fiscalYear) {
      const mine = await rangesOf(insurerId)
      const range =
        fiscalYear === undefined
          ? mine.find((r) => r.fromFy === 0)
          : mine.find((r) => r.fromFy <= fiscalYear && (r.toFy === null || fiscalYear <= r.toFy))
      return openNamed((range ?? mine[0]).database)
    },
    async rangesFor(insurerId) {
      const mine = await rangesOf(insurerId)
      return Promise.all(
        mine.map(async (r) => ({
          database: r.database,
          fromFy: r.fromFy,
          toFy: r.toFy,
          db: await openNamed(r.database),
        })),
      )
    },
    async shards() {
      const rows = await directory
        .select()
        .from(schema.databases)
        .where(ne(schema.databases.state, 'retired'))
        .orderBy(schema.databases.name)
      return Promise.all(
        rows.map(async (r) => ({ name: r.name, state: r.state, db: await openNamed(r.name) })),
      )
    },
    refresh() {
      map = null
    },
    async probe(row) {
      return open(row)
    },
  }
}

/** Puts an insurer in a database (its home range), as `ops insurer add` and the demo seed do. */
export async function placeInsurer(
  directory: Database,
  insurerId: string,
  database: string,
  at: number,
): Promise<void> {
  await directory
    .insert(schema.shardMap)
    .values({ insurerId, fromFy: 0, database, updatedAt: at })
    .onConflictDoNothing()
}

/** Registers an insurer database in the directory (idempotent). */
export async function registerDatabase(
  directory: Database,
  row: { name: string; kind: DatabaseRow['kind']; url?: string | null },
  at: number,
): Promise<void> {
  await directory
    .insert(schema.databases)
    .values({ name: row.name, kind: row.kind, url: row.url ?? null, createdAt: at })
    .onConflictDoNothing()
}

/** The database name of a D1 binding: `DB_DEMO` ↔ `demo`. */
export const d1BindingName = (name: string) => `DB_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`

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
 * All the statements must be of one database.
 */
export function runBatch(
  db: Database,
  statements: readonly PromiseLike<unknown>[],
): Promise<unknown[]> {
  return (
    db as unknown as { batch: (q: readonly PromiseLike<unknown>[]) => Promise<unknown[]> }
  ).batch(statements)
}

/**
 * The newest file of the insurer migration stream (db/migrations/insurer): a database whose
 * `d1_migrations` lacks it is not migrated. cli/commands/shards-add-database.test.ts holds it to the directory's listing.
 */
export const INSURER_MIGRATION_LATEST = '0001_move_keys.sql'
