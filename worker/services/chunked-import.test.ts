import * as v from 'valibot'
import { and, eq, like, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { CheckupInput } from '../../core/checkup-import'
import type { Database } from '../../db/open'
import { checkups, rosterPersons } from '../../db/schema'
import {
  addRosterPerson,
  DEMO_INSURER,
  type Harness,
  importCheckups,
  longestRosterRows,
  insurerDb,
  makeHarness,
  openTestDb,
  ROSTER_HEADER as HEADER,
  seedDemo,
} from '../test/harness'
import { MAX_CHUNK_BYTES } from './json-chunks'
import { createStaffWithToken } from './staff'
import { importRosterBatch } from './roster'

/**
 * The app on the project's database held to production D1's limits (a bound value over 2,000,000
 * bytes throws, as D1 would; local D1 and libSQL do not): what a chunk may hold is D1's to say.
 */
const limitedHarness = async () => makeHarness((await openTestDb({ d1Limits: true })).db)

const bytes = (text: string) => new TextEncoder().encode(text).length

/** A prefix no other run's keys have (D1 in workerd keeps its rows for the whole file). */
const runPrefix = () => `C${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`

/**
 * A trigger that aborts the insert of one row, standing in for any failure of a late chunk (a
 * constraint, a limit, a lost connection): the statements before it in the batch have run.
 */
async function failInsertOf(
  db: Database,
  table: 'roster_persons' | 'checkups',
  column: 'person_key' | 'exam_date',
  value: string,
) {
  const name = `fail_${table}_${Math.floor(Math.random() * 1e9)}`
  await db.run(
    sql.raw(
      `create trigger ${name} before insert on ${table} when new.${column} = '${value}' begin select raise(abort, 'a late chunk fails'); end`,
    ),
  )
  return () => db.run(sql.raw(`drop trigger ${name}`))
}

/** One roster person of its own for a test's checkups. */
function rosterPerson(h: Harness, personKey: string) {
  return addRosterPerson(h.deps, {
    key: personKey,
    symbol: '5500',
    number: '55',
    kana: 'チャンク　タロウ',
    birth: '1970-01-01',
    validFrom: '2010-04-01',
  })
}

/**
 * `count` checkups of one person on consecutive days from 2000-01-01, each with 120 blood-pressure
 * results, each with 100 characters of text: what the compact stored form keeps as it is
 * (worker/checkup-json.ts), so the batch still spans three chunks.
 */
function checkupBatch(personKey: string, count: number, value = '128') {
  const results = Array.from({ length: 120 }, (_, i) => ({
    code: '9A751000000000001',
    type: 'PQ' as const,
    value,
    unit: 'mmHg',
    text: `${i}`.padEnd(100, 'x'),
  }))
  return Array.from({ length: count }, (_, i) => ({
    ref: `batch ${i}`,
    personKey,
    examDate: examDate(i),
    source: 'xml' as const,
    results,
  }))
}

const examDate = (i: number) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10)

/**
 * Imports larger than one JSON chunk (json-chunks.ts): every chunk lands, counted right, and they are
 * written as one transaction, so a failing late chunk leaves none of the batch (docs: never a
 * half-written import). Run on D1 in workerd, with production D1's limits applied, and on libSQL.
 */

describe('imports spanning several JSON chunks', () => {
  it('a roster batch of 5,000 rows at their longest: all land, counted across chunks; a failing late chunk leaves the roster as it was', async () => {
    const h = await limitedHarness()
    await seedDemo(h.deps)
    const demo = await insurerDb(h.deps.db, DEMO_INSURER.id)
    const prefix = runPrefix()
    const mine = and(
      eq(rosterPersons.insurerId, DEMO_INSURER.id),
      like(rosterPersons.personKey, `${prefix}%`),
    )
    const rows = longestRosterRows(prefix, 5000, '東')
    // The fields alone fill more than two chunks (the rows as written add keys and hashes): three at least.
    expect(bytes(JSON.stringify(rows))).toBeGreaterThan(2 * MAX_CHUNK_BYTES)

    expect(await importRosterBatch(h.deps, DEMO_INSURER, HEADER, rows, 'ja')).toEqual({
      inserted: 5000,
      updated: 0,
      unchanged: 0,
      rejected: [],
    })
    const landed = await demo
      .select({ key: rosterPersons.personKey, address: rosterPersons.address })
      .from(rosterPersons)
      .where(mine)
    expect(landed).toHaveLength(5000)
    expect(new Set(landed.map((r) => r.key))).toEqual(new Set(rows.map((r) => r.fields[0])))
    expect(landed.every((r) => r.address === '東'.repeat(200))).toBe(true)
    const firstAt = h.deps.now()

    h.advance(60_000)
    expect(await importRosterBatch(h.deps, DEMO_INSURER, HEADER, rows, 'ja')).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 5000,
      rejected: [],
    })

    // Every row changed and 10 new ones, the last of which (in the last chunk) fails to insert.
    const changed = [
      ...longestRosterRows(prefix, 5000, '西'),
      ...longestRosterRows(prefix, 10, '西', 5000),
    ]
    const dropTrigger = await failInsertOf(
      demo,
      'roster_persons',
      'person_key',
      changed.at(-1)!.fields[0],
    )
    try {
      await expect(importRosterBatch(h.deps, DEMO_INSURER, HEADER, changed, 'ja')).rejects.toThrow()
    } finally {
      await dropTrigger()
    }
    const after = await demo
      .select({ address: rosterPersons.address, updatedAt: rosterPersons.updatedAt })
      .from(rosterPersons)
      .where(mine)
    expect(after).toHaveLength(5000)
    expect(after.every((r) => r.address === '東'.repeat(200) && r.updatedAt === firstAt)).toBe(true)

    // Sent again (the import resumed), the whole batch goes in.
    expect(await importRosterBatch(h.deps, DEMO_INSURER, HEADER, changed, 'ja')).toEqual({
      inserted: 10,
      updated: 5000,
      unchanged: 0,
      rejected: [],
    })
    const resumed = await demo
      .select({ address: rosterPersons.address })
      .from(rosterPersons)
      .where(mine)
    expect(resumed).toHaveLength(5010)
    expect(resumed.every((r) => r.address === '西'.repeat(200))).toBe(true)
  })

  it('300 checkups of 120 results: all land, counted; a failing late chunk leaves every checkup as it was', async () => {
    const h = await limitedHarness()
    await seedDemo(h.deps)
    const demo = await insurerDb(h.deps.db, DEMO_INSURER.id)
    const personKey = runPrefix()
    await rosterPerson(h, personKey)
    const mine = and(eq(checkups.insurerId, DEMO_INSURER.id), eq(checkups.personKey, personKey))

    const batch = checkupBatch(personKey, 300)
    expect(await importCheckups(h.deps, DEMO_INSURER, batch, 'ja')).toEqual({
      inserted: 300,
      replaced: 0,
      unchanged: 0,
      rejected: [],
    })
    const [stored] = await demo
      .select({
        n: sql<number>`count(*)`,
        bytes: sql<number>`sum(length(cast(${checkups.results} as blob)))`,
        values: sql<number>`sum(instr(${checkups.results}, ${'\tP\t128\t'}) > 0)`,
      })
      .from(checkups)
      .where(mine)
    expect(Number(stored.n)).toBe(300)
    expect(Number(stored.values)).toBe(300)
    // The stored results alone fill more than two chunks: three at least.
    expect(Number(stored.bytes)).toBeGreaterThan(2 * MAX_CHUNK_BYTES)
    expect(await importCheckups(h.deps, DEMO_INSURER, batch, 'ja')).toEqual({
      inserted: 0,
      replaced: 0,
      unchanged: 300,
      rejected: [],
    })

    // Every checkup changed and one more, last (in the last chunk), which fails to insert.
    const changed = [
      ...checkupBatch(personKey, 300, '131'),
      { ...checkupBatch(personKey, 301, '131')[300] },
    ]
    const dropTrigger = await failInsertOf(demo, 'checkups', 'exam_date', examDate(300))
    try {
      await expect(importCheckups(h.deps, DEMO_INSURER, changed, 'ja')).rejects.toThrow()
    } finally {
      await dropTrigger()
    }
    const [after] = await demo
      .select({
        n: sql<number>`count(*)`,
        values: sql<number>`sum(instr(${checkups.results}, ${'\tP\t128\t'}) > 0)`,
      })
      .from(checkups)
      .where(mine)
    expect([Number(after.n), Number(after.values)]).toEqual([300, 300])

    expect(await importCheckups(h.deps, DEMO_INSURER, changed, 'ja')).toEqual({
      inserted: 1,
      replaced: 300,
      unchanged: 0,
      rejected: [],
    })
    const [resumed] = await demo
      .select({
        n: sql<number>`count(*)`,
        values: sql<number>`sum(instr(${checkups.results}, ${'\tP\t131\t'}) > 0)`,
      })
      .from(checkups)
      .where(mine)
    expect([Number(resumed.n), Number(resumed.values)]).toEqual([301, 301])
  })

  it('through the operator API: the CLI’s batch of 200 checkups goes in; a checkup over 1.5 MB of results is a 400, nothing written', async () => {
    const h = await limitedHarness()
    await seedDemo(h.deps)
    const demo = await insurerDb(h.deps.db, DEMO_INSURER.id)
    const personKey = runPrefix()
    await rosterPerson(h, personKey)
    const { token } = await createStaffWithToken(h.deps, {
      name: '担当者',
      role: 'operator',
      insurerId: DEMO_INSURER.id,
      label: 'test',
    })
    const post = (body: unknown) =>
      h.app.request(`http://localhost:8787/api/ops/insurers/${DEMO_INSURER.number}/checkups`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Accept-Language': 'en',
          'CF-Connecting-IP': h.ip,
        },
        body: JSON.stringify(body),
      })
    const count = async () =>
      Number(
        (
          await demo
            .select({ n: sql<number>`count(*)` })
            .from(checkups)
            .where(eq(checkups.personKey, personKey))
        )[0].n,
      )

    const batch = await post({ checkups: checkupBatch(personKey, 200) })
    expect(batch.status).toBe(200)
    expect(await batch.json()).toEqual({ inserted: 200, replaced: 0, unchanged: 0, rejected: [] })
    expect(await count()).toBe(200)

    const largest = {
      ref: 'largest',
      personKey,
      examDate: '1999-01-01',
      source: 'xml',
      results: Array.from({ length: 2000 }, () => ({
        code: '9N501000000000011',
        type: 'ST',
        text: 'x'.repeat(2000),
      })),
    }
    const refused = await post({ checkups: [checkupBatch(personKey, 1, '140')[0], largest] })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({
      error: {
        code: 'validation',
        fields: {
          checkups: 'The results are too large to store (about 1.5 MB at most for one checkup).',
        },
      },
    })
    expect(await count()).toBe(200)
  })

  it('refuses, alone, a checkup the schema takes whose stored results could not fit a chunk', async () => {
    const h = await limitedHarness()
    await seedDemo(h.deps)
    const demo = await insurerDb(h.deps.db, DEMO_INSURER.id)
    const personKey = runPrefix()
    await rosterPerson(h, personKey)
    // 700 texts of 1,000 quotation marks: 1.4 MB of JSON as sent, twice that once escaped again
    // inside the import's own JSON.
    const results = Array.from({ length: 700 }, () => ({
      code: '9N501000000000011',
      type: 'ST' as const,
      text: '"'.repeat(1000),
    }))
    const quoted = {
      ref: 'quoted.xml',
      personKey,
      examDate: '2001-01-01',
      source: 'xml' as const,
      results,
    }
    expect(v.safeParse(CheckupInput, quoted).success).toBe(true)
    const [small] = checkupBatch(personKey, 1)

    const result = await importCheckups(h.deps, DEMO_INSURER, [small, quoted], 'en')
    expect(result).toEqual({
      inserted: 1,
      replaced: 0,
      unchanged: 0,
      rejected: [
        {
          ref: 'quoted.xml',
          reason: 'checkup.results.too_large',
          message: 'The results are too large to store (about 1.5 MB at most for one checkup).',
        },
      ],
    })
    const dates = await demo
      .select({ examDate: checkups.examDate })
      .from(checkups)
      .where(and(eq(checkups.insurerId, DEMO_INSURER.id), eq(checkups.personKey, personKey)))
    expect(dates).toEqual([{ examDate: small.examDate }])
  })
})
