import { createClient } from '@libsql/client'
import { openLibsql } from '../../db/open'
import { migrateLibsql } from '../../db/migrate'
import { limitCases } from './limits.cases'

/** The limits under concurrency on libSQL in Node (an in-memory database per case). */
limitCases(async () => {
  const client = createClient({ url: ':memory:' })
  await migrateLibsql(client)
  return openLibsql(client)
})
