import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { openD1 } from '../../db/open'
import { registerTestDb, watchD1 } from './database'

// Setup file of the workerd project: the same SQL migrations wrangler applies to D1, and D1 as the
// database every test of the file shares (harness.ts: testDb).
const testEnv = env as unknown as {
  DB: D1Database
  TEST_MIGRATIONS: Parameters<typeof applyD1Migrations>[1]
}
await applyD1Migrations(testEnv.DB, testEnv.TEST_MIGRATIONS)

registerTestDb({
  kind: 'd1',
  open: async (options) => {
    const { binding, watch } = watchD1(testEnv.DB, options)
    return {
      kind: 'd1',
      db: openD1(binding),
      plain: openD1(testEnv.DB),
      get writes() {
        return watch.writes
      },
    }
  },
})
