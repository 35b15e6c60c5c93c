import { createClient } from '@libsql/client'
import { describe } from 'vitest'
import { openLibsql } from '../db/open'
import { migrateLibsql } from '../db/migrate'
import { accountSuite } from './test/account-suite'
import { cardSuite } from './test/card-suite'
import { checkupSuite } from './test/checkup-suite'
import { healthSuite } from './test/health-suite'

/** The same journeys on libSQL (an in-memory database per test, migrated by db/migrate.ts). */
async function memoryDb() {
  const client = createClient({ url: ':memory:' })
  await migrateLibsql(client)
  return openLibsql(client)
}

describe('member accounts on libSQL in Node', () => {
  accountSuite(memoryDb)
})

describe('roster and card linking on libSQL in Node', () => {
  cardSuite(memoryDb)
})

describe('checkup import on libSQL in Node', () => {
  checkupSuite(memoryDb)
})

describe('health data step-up and results on libSQL in Node', () => {
  healthSuite(memoryDb)
})
