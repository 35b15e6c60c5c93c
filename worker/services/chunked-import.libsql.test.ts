import { createClient } from '@libsql/client'
import { openLibsql } from '../../db/open'
import { migrateLibsql } from '../../db/migrate'
import { chunkedImportCases } from './chunked-import.cases'

/** Chunked imports on libSQL in Node (an in-memory database per case). */
chunkedImportCases(async () => {
  const client = createClient({ url: ':memory:' })
  await migrateLibsql(client)
  return openLibsql(client)
})
