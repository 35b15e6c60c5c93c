import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Client } from '@libsql/client'

/**
 * Applies db/migrations to a libSQL database, recording them in `d1_migrations` as wrangler does for
 * D1, so both drivers run one migration stream (drizzle-kit's SQL files, split at its breakpoints).
 */
export async function migrateLibsql(
  client: Client,
  dir = join(import.meta.dirname, 'migrations'),
): Promise<string[]> {
  await client.execute(
    'CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)',
  )
  const done = new Set(
    (await client.execute('SELECT name FROM d1_migrations')).rows.map((r) => String(r.name)),
  )
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()
  const applied: string[] = []
  for (const file of files) {
    if (done.has(file)) continue
    const statements = (await readFile(join(dir, file), 'utf8'))
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter(Boolean)
    await client.batch(
      [...statements, { sql: 'INSERT INTO d1_migrations (name) VALUES (?)', args: [file] }],
      'write',
    )
    applied.push(file)
  }
  return applied
}
