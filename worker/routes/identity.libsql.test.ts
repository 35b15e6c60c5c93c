import { createClient } from '@libsql/client'
import { openLibsql } from '../../db/open'
import { migrateLibsql } from '../../db/migrate'
import { identityCases } from './identity.cases'

/** Enumeration, the sign-up binding and the session's step-up on libSQL in Node. */
identityCases(async () => {
  const client = createClient({ url: ':memory:' })
  await migrateLibsql(client)
  return openLibsql(client)
})
