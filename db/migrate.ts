import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Client } from '@libsql/client'

/** The two migration streams: the directory's, and every insurer database's (docs/scale.md). */
export const MIGRATIONS = {
  directory: join(import.meta.dirname, 'migrations', 'directory'),
  insurer: join(import.meta.dirname, 'migrations', 'insurer'),
} as const

/**
 * Applies one stream of db/migrations to a libSQL database, recording them in `d1_migrations` as
 * wrangler does for D1, so both drivers run the same streams (drizzle-kit's SQL files, split at its
 * breakpoints). Each file and its record are one batch: a stop leaves a file applied whole or not at
 * all, and a second run applies only what is missing.
 */
export async function migrateLibsql(
  client: Client,
  stream: keyof typeof MIGRATIONS | (string & {}),
): Promise<string[]> {
  const dir = stream in MIGRATIONS ? MIGRATIONS[stream as keyof typeof MIGRATIONS] : stream
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
