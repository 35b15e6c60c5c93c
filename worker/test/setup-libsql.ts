import { createClient } from '@libsql/client'
import { migrateLibsql } from '../../db/migrate'
import { openLibsql } from '../../db/open'
import {
  assembleTestDb,
  registerTestDb,
  StatementWatch,
  TEST_SHARDS,
  watchLibsql,
  type RawTestDatabases,
} from './database'

// Setup file of the libsql project: per testDb() call, a new in-memory libSQL directory and one per
// insurer database (TEST_SHARDS), migrated by db/migrate.ts (the same SQL files D1 gets).
registerTestDb({
  kind: 'libsql',
  open: async (options) => {
    const watch = new StatementWatch(options)
    const directory = createClient({ url: ':memory:' })
    await migrateLibsql(directory, 'directory')
    const shards = await Promise.all(
      TEST_SHARDS.map(async (name) => {
        const client = createClient({ url: ':memory:' })
        await migrateLibsql(client, 'insurer')
        return [name, client] as const
      }),
    )
    type Raw = RawTestDatabases<ReturnType<typeof openLibsql>>
    const raw = (wrap: (c: typeof directory) => typeof directory): Raw => ({
      directory: openLibsql(wrap(directory)),
      shards: Object.fromEntries(
        shards.map(([name, client]) => [name, openLibsql(wrap(client))]),
      ) as Raw['shards'],
    })
    return assembleTestDb(
      'libsql',
      raw((c) => watchLibsql(c, options, watch).client),
      raw((c) => c),
      watch,
    )
  },
})
