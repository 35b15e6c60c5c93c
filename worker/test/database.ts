/**
 * The database of the vitest project running: D1 in workerd (`workerd` project, setup-d1.ts) or a
 * fresh in-memory libSQL in Node (`libsql` project, setup-libsql.ts). Each project's setup file
 * registers its opener on a global, so no test file imports `cloudflare:workers` (which Node cannot
 * load) and every test file runs on both databases as it is.
 *
 * D1 in workerd is one database per test file, shared by its tests (each harness lives on its own
 * days and IP, so counters do not meet); libSQL is a new database per `testDb()` call.
 *
 * Nothing here imports a driver: it runs in both runtimes.
 */
import type { Client, InStatement, Transaction, TransactionMode } from '@libsql/client'
import {
  openDatabases,
  placeInsurer,
  registerDatabase,
  type Database,
  type Databases,
} from '../../db/open'

/** Which database the running project gives: D1 in workerd, or libSQL in Node. */
export type DbKind = 'd1' | 'libsql'

export interface TestDbOptions {
  /** Rewrites each statement's SQL before the database sees it (a test that breaks a table). */
  rewrite?: (sql: string) => string
  /**
   * Refuses what production D1 refuses (D1_LIMITS), on either driver: local D1 and libSQL enforce
   * none of it, so a request production would answer 500 passes unless the test holds the limits.
   */
  d1Limits?: boolean
}

/** A database opened for a test, with what went through it. */
export interface TestDb {
  kind: DbKind
  /** The directory to give the app: rewritten and limited as asked, its write statements counted. */
  db: Database
  /** The same directory as it is: a test's own reads and writes, neither counted nor rewritten. */
  plain: Database
  /** The directory and the insurer databases, watched like `db` (the app's `dbFor`). */
  databases: Databases
  /** The same, as they are (a test's own reads and writes of an insurer's data). */
  plainDatabases: Databases
  /** Write statements (INSERT, UPDATE, DELETE, REPLACE) run through `db` and `databases` so far. */
  readonly writes: number
}

/**
 * The insurer databases every test has, besides the directory: `demo` (the demo insurer's) and
 * `second` (the maintenance insurer's, and any other a test places there). Several databases in
 * every test, so a query sent to the wrong one finds no table or no row.
 */
export const TEST_SHARDS = ['demo', 'second'] as const

/** A project's raw databases, before they are watched: the directory and each of TEST_SHARDS. */
export interface RawTestDatabases<T> {
  directory: T
  shards: Record<(typeof TEST_SHARDS)[number], T>
}

const registry = new WeakMap<Database, Databases>()

/** The directory and shards a test database belongs to (what makeHarness gives the app). */
export function databasesOf(db: Database): Databases {
  const found = registry.get(db)
  if (!found) throw new Error('not a test database: open it with testDb() or openTestDb()')
  return found
}

/** The insurer's own database, as a test's fixture writes to it (the insurer must be placed). */
export const insurerDb = (db: Database, insurerId: string): Promise<Database> =>
  databasesOf(db).dbFor(insurerId)

/**
 * Places an insurer a test made itself in one of the test databases (`second` unless said), as
 * `ops insurer add` does; the demo insurers are placed by seedDemo.
 */
export async function placeTestInsurer(
  db: Database,
  insurerId: string,
  shard: (typeof TEST_SHARDS)[number] = 'second',
): Promise<void> {
  await placeInsurer(databasesOf(db).directory, insurerId, shard, 0)
  databasesOf(db).refresh()
}

/**
 * Builds a TestDb from opened drizzle databases (each project's setup file): registers the shards
 * in the directory, and the map's cache off, so a test's placement is seen at once.
 */
export async function assembleTestDb(
  kind: DbKind,
  watched: RawTestDatabases<Database>,
  plain: RawTestDatabases<Database>,
  watch: { readonly writes: number },
): Promise<TestDb> {
  for (const name of TEST_SHARDS)
    await registerDatabase(plain.directory, { name, kind: kind === 'd1' ? 'd1' : 'libsql' }, 0)
  const open = (set: RawTestDatabases<Database>) =>
    openDatabases(
      set.directory,
      (row) => {
        const db = set.shards[row.name as (typeof TEST_SHARDS)[number]]
        if (!db) throw new Error(`no test database ${row.name}`)
        return db
      },
      { ttlMs: 0 },
    )
  const databases = open(watched)
  const plainDatabases = open(plain)
  registry.set(watched.directory, databases)
  registry.set(plain.directory, plainDatabases)
  return {
    kind,
    db: watched.directory,
    plain: plain.directory,
    databases,
    plainDatabases,
    get writes() {
      return watch.writes
    },
  }
}

export interface TestDbOpener {
  kind: DbKind
  open(options: TestDbOptions): Promise<TestDb>
}

const KEY = Symbol.for('kenshin-portal.test-db')
type Registry = { [KEY]?: TestDbOpener }

/** Called by a project's setup file (worker/test/setup-d1.ts, setup-libsql.ts) only. */
export function registerTestDb(opener: TestDbOpener): void {
  ;(globalThis as Registry)[KEY] = opener
}

function opener(): TestDbOpener {
  const found = (globalThis as Registry)[KEY]
  if (!found)
    throw new Error(
      'no test database: run the test in the workerd or libsql vitest project (their setupFiles register one)',
    )
  return found
}

/**
 * Which database this run has. For the rare test that only makes sense on one, say so where it
 * stands: `describe.skipIf(testDbKind() !== 'd1')('… (workerd)', …)` (HTMLRewriter and timing exist
 * only in workerd); it is reported as skipped on the other project, never silently dropped.
 */
export const testDbKind = (): DbKind => opener().kind

/** The project's database, migrated, as the app takes it. */
export const testDb = async (): Promise<Database> => (await opener().open({})).db

/** The project's database, rewritten or held to production D1's limits, with its write count. */
export const openTestDb = (options: TestDbOptions = {}): Promise<TestDb> => opener().open(options)

// ---------------------------------------------------------------------------------------------
// Production D1's limits, and counting writes, on either driver
// ---------------------------------------------------------------------------------------------

/**
 * D1's documented limits (developers.cloudflare.com/d1/platform/limits): a string or BLOB of at
 * most 2,000,000 bytes, a statement of at most 100,000 bytes, at most 100 bound parameters.
 */
export const D1_LIMITS = {
  valueBytes: 2_000_000,
  statementBytes: 100_000,
  parameters: 100,
} as const

/** A statement that may change rows; reads mentioning none of these words cannot. */
const WRITE = /\b(insert|update|delete|replace)\b/i

const bytes = (value: unknown) =>
  typeof value === 'string'
    ? new TextEncoder().encode(value).length
    : value instanceof ArrayBuffer || ArrayBuffer.isView(value)
      ? value.byteLength
      : 0

/** What a wrapped driver does with each statement: rewrite it, hold the limits, count writes. */
export class StatementWatch {
  writes = 0
  constructor(private options: TestDbOptions) {}

  sql(query: string): string {
    const sql = this.options.rewrite ? this.options.rewrite(query) : query
    if (this.options.d1Limits && bytes(sql) > D1_LIMITS.statementBytes)
      throw new Error(
        'D1_ERROR: statement too long: SQLITE_TOOBIG (production limit, enforced by the test)',
      )
    return sql
  }

  /** Checks a statement's bound values as it runs; counts it when it may write. */
  run(sql: string, values: unknown[]): void {
    if (this.options.d1Limits) {
      if (values.length > D1_LIMITS.parameters)
        throw new Error('D1_ERROR: too many SQL variables (production limit, enforced by the test)')
      const largest = Math.max(0, ...values.map(bytes))
      if (largest > D1_LIMITS.valueBytes)
        throw new Error(
          `D1_ERROR: string or blob too big (${largest} bytes): SQLITE_TOOBIG (production limit, enforced by the test)`,
        )
    }
    if (WRITE.test(sql)) this.writes++
  }
}

/** `target` with some of its methods replaced, the rest bound to it. */
function withMethods<T extends object>(target: T, methods: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(target, {
    get(t, key) {
      if (Object.hasOwn(methods, key)) return methods[key as keyof T]
      const value: unknown = Reflect.get(t, key)
      return typeof value === 'function' ? value.bind(t) : value
    },
  })
}

/**
 * The D1 binding through a watch. drizzle binds every statement it runs (with no values too, and
 * in batches), so wrapping `bind` sees every execution; the statements stay D1's own objects.
 */
export function watchD1(
  d1: D1Database,
  options: TestDbOptions,
  watch = new StatementWatch(options),
) {
  const prepare = (query: string) => {
    const sql = watch.sql(query)
    const statement = d1.prepare(sql)
    const bind = statement.bind.bind(statement)
    statement.bind = (...values: unknown[]) => {
      watch.run(sql, values)
      return bind(...values)
    }
    return statement
  }
  // exec runs SQL without binding: count it as a write, to be safe.
  const exec = (query: string) => {
    watch.writes++
    return d1.exec(watch.sql(query))
  }
  return { binding: withMethods(d1, { prepare, exec }), watch }
}

/** A libSQL client (and the transactions it opens) through a watch: what drizzle calls of it. */
export function watchLibsql(
  client: Client,
  options: TestDbOptions,
  watch = new StatementWatch(options),
) {
  const statement = (s: InStatement): InStatement => {
    const query = typeof s === 'string' ? s : s.sql
    const args = typeof s === 'string' || !s.args ? [] : Object.values(s.args)
    const sql = watch.sql(query)
    watch.run(sql, args)
    return typeof s === 'string' ? sql : { ...s, sql }
  }
  const runs = <T extends Client | Transaction>(target: T) => ({
    execute: (s: InStatement) => target.execute(statement(s)),
    batch: (stmts: InStatement[], mode?: Parameters<Client['batch']>[1]) =>
      (target.batch as Client['batch'])(stmts.map(statement), mode),
  })
  const wrapped = withMethods(client, {
    ...runs(client),
    migrate: (stmts: InStatement[]) => client.migrate(stmts.map(statement)),
    executeMultiple: (sql: string) => (watch.writes++, client.executeMultiple(watch.sql(sql))),
    transaction: async (mode?: TransactionMode) => {
      const tx = await client.transaction(mode)
      return withMethods(tx, runs(tx))
    },
  })
  return { client: wrapped, watch }
}
