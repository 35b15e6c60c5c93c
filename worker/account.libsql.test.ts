import { createClient } from '@libsql/client'
import { describe } from 'vitest'
import { openLibsql } from '../db/open'
import { migrateLibsql } from '../db/migrate'
import { accountSuite } from './test/account-suite'

/** The same journeys on libSQL (an in-memory database per test, migrated by db/migrate.ts). */
describe('member accounts on libSQL in Node', () => {
  accountSuite(async () => {
    const client = createClient({ url: ':memory:' })
    await migrateLibsql(client)
    return openLibsql(client)
  })
})
