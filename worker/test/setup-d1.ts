import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { openD1 } from '../../db/open'
import {
  assembleTestDb,
  registerTestDb,
  StatementWatch,
  TEST_SHARDS,
  watchD1,
  type RawTestDatabases,
} from './database'

// Setup file of the workerd project: the same SQL migrations wrangler applies to D1, the directory
// stream to `DB` and the insurer stream to `DB_DEMO` and `DB_SECOND`; every test of the file shares
// them (harness.ts: testDb).
type Migrations = Parameters<typeof applyD1Migrations>[1]
const testEnv = env as unknown as Record<string, D1Database> & {
  TEST_MIGRATIONS_DIRECTORY: Migrations
  TEST_MIGRATIONS_INSURER: Migrations
}
const binding = (name: string) => testEnv[`DB_${name.toUpperCase()}`]
await applyD1Migrations(testEnv.DB, testEnv.TEST_MIGRATIONS_DIRECTORY)
for (const name of TEST_SHARDS)
  await applyD1Migrations(binding(name), testEnv.TEST_MIGRATIONS_INSURER)

registerTestDb({
  kind: 'd1',
  open: async (options) => {
    const watch = new StatementWatch(options)
    const raw = (
      wrap: (d1: D1Database) => D1Database,
    ): RawTestDatabases<ReturnType<typeof openD1>> => ({
      directory: openD1(wrap(testEnv.DB)),
      shards: Object.fromEntries(
        TEST_SHARDS.map((name) => [name, openD1(wrap(binding(name)))]),
      ) as RawTestDatabases<ReturnType<typeof openD1>>['shards'],
    })
    return assembleTestDb(
      'd1',
      raw((d1) => watchD1(d1, options, watch).binding),
      raw((d1) => d1),
      watch,
    )
  },
})
