import { sql } from 'drizzle-orm'
import {
  INSURER_MIGRATION_LATEST,
  d1BindingName,
  type Database,
  type DatabaseRow,
} from '../../db/open'
import { databases } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError, errorName } from '../errors'
import { audit } from './audit'

/**
 * Registering an insurer database in the directory (`ops shards add-database`, docs/scale.md's
 * runbook): the Worker must open it first (a D1 binding in its env, a libSQL URL answering) and it
 * must be migrated, so the shard map never names a database no request can reach or use.
 */
export interface NewDatabase {
  name: string
  kind: DatabaseRow['kind']
  url?: string
}

/** Whether the database's `d1_migrations` records the insurer stream's newest file. */
async function migrated(db: Database): Promise<boolean> {
  const tables = await db.all(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'd1_migrations'`,
  )
  if (tables.length === 0) return false
  const rows = await db.all(
    sql`SELECT name FROM d1_migrations WHERE name = ${INSURER_MIGRATION_LATEST}`,
  )
  return rows.length > 0
}

export async function addDatabase(
  deps: Pick<Deps, 'db' | 'databases' | 'now' | 'log'>,
  staff: { id: string },
  ip: string,
  body: NewDatabase,
) {
  const row: DatabaseRow = {
    name: body.name,
    kind: body.kind,
    url: body.kind === 'libsql' ? (body.url ?? null) : null,
    state: 'active',
  }
  // The binding's name (D1) or the database's name (libSQL: never its URL, which may hold a token).
  const binding = row.kind === 'd1' ? d1BindingName(row.name) : row.name
  let db: Database
  try {
    db = await deps.databases.probe(row)
    await db.all(sql`SELECT 1`)
  } catch (err) {
    deps.log('warn', 'database unreachable', { name: errorName(err), database: row.name })
    throw new AppError('database_unreachable', { params: { binding } })
  }
  // Both kinds: an active database is where `insurer create` may put the next insurer, so it must
  // hold the insurer tables before it is recorded (wrangler records D1's migrations the same way).
  let ok = false
  try {
    ok = await migrated(db)
  } catch (err) {
    deps.log('warn', 'database migration check failed', { name: errorName(err) })
  }
  if (!ok) throw new AppError('database_not_migrated')
  const inserted = await deps.db
    .insert(databases)
    .values({
      name: row.name,
      kind: row.kind,
      url: row.url,
      state: 'active',
      createdAt: deps.now(),
    })
    .onConflictDoNothing()
    .returning({ name: databases.name })
  if (inserted.length === 0) throw new AppError('database_exists')
  deps.databases.refresh()
  await audit(deps, {
    action: 'shards.database_added',
    actorType: 'staff',
    actorId: staff.id,
    ip,
    detail: { database: row.name, kind: row.kind },
  })
  return { database: { name: row.name, kind: row.kind, url: row.url, state: row.state } }
}
