/**
 * Roster rows for worker tests, in the columns of the demo CSV's header (ROSTER_HEADER): one person by
 * their fields (of the demo insurer unless told otherwise), imported alone or sent in a batch, and
 * batches with every field at its longest.
 */
import type { Deps } from '../deps'
import { DEMO_INSURER } from '../dev/seed'
import { importRosterBatch } from '../services/roster'
import { insurerDb } from './database'
import demoRosterCsv from '../../db/seed/demo-roster.csv?raw'

/** The roster's column names (the demo CSV's header), and the demo roster as a batch's rows. */
export const ROSTER_HEADER = demoRosterCsv.trim().split(/\r?\n/)[0].split(',')
export const DEMO_ROSTER_ROWS = demoRosterCsv
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((l, i) => ({ line: i + 2, fields: l.split(',') }))

/** A roster person's fields; what is left out is empty, but the insurer (the demo one), sex and relationship (1). */
export interface RosterPerson {
  key: string
  insurer?: string
  symbol: string
  number: string
  branch?: string
  kana: string
  birth: string
  sex?: string
  relationship?: string
  validFrom?: string
  validTo?: string
  postal?: string
  address?: string
}

/** The person as a batch row at `line`, its fields in ROSTER_HEADER's order. */
export function rosterRow(line: number, p: RosterPerson) {
  return {
    line,
    fields: [
      p.key,
      p.insurer ?? DEMO_INSURER.number,
      p.symbol,
      p.number,
      p.branch ?? '',
      p.kana,
      p.birth,
      p.sex ?? '1',
      p.relationship ?? '1',
      p.validFrom ?? '',
      p.validTo ?? '',
      p.postal ?? '',
      p.address ?? '',
    ],
  }
}

/**
 * Imports one person into the demo insurer's roster (as line 2 of a Japanese-headed file), in the
 * demo insurer's database (the import touches only the insurer's tables).
 */
export async function addRosterPerson(deps: Pick<Deps, 'db' | 'dbFor' | 'now'>, p: RosterPerson) {
  const db = await insurerDb(deps.db, DEMO_INSURER.id)
  return importRosterBatch({ ...deps, db }, DEMO_INSURER, ROSTER_HEADER, [rosterRow(2, p)], 'ja')
}

/**
 * `count` rows from line `from + 2` with every field as long as the roster allows (the fuzz test's
 * largest batch): person_key 64 (keys from `prefix`), 記号 and 番号 20, the name 64 and the address 200
 * characters (`address` repeated).
 */
export function longestRosterRows(prefix: string, count: number, address: string, from = 0) {
  return Array.from({ length: count }, (_, n) => {
    const i = from + n
    return rosterRow(i + 2, {
      key: `${prefix}${String(i).padStart(64 - prefix.length, '0')}`,
      symbol: '9'.repeat(20),
      number: String(i).padStart(20, '1'),
      branch: '00',
      kana: `${'ア'.repeat(31)}　${'イ'.repeat(32)}`,
      birth: '1990-01-01',
      validFrom: '2020-04-01',
      postal: '100-0000',
      address: address.repeat(200),
    })
  })
}
