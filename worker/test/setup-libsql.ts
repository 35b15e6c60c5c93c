import { createClient } from '@libsql/client'
import { migrateLibsql } from '../../db/migrate'
import { openLibsql } from '../../db/open'
import { registerTestDb, watchLibsql } from './database'

// Setup file of the libsql project: a new in-memory libSQL database per testDb() call, migrated by
// db/migrate.ts (the same SQL files D1 gets).
registerTestDb({
  kind: 'libsql',
  open: async (options) => {
    const client = createClient({ url: ':memory:' })
    await migrateLibsql(client)
    const { client: watched, watch } = watchLibsql(client, options)
    return {
      kind: 'libsql',
      db: openLibsql(watched),
      plain: openLibsql(client),
      get writes() {
        return watch.writes
      },
    }
  },
})
