/**
 * A health read's round trips (issue 14): (1) the directory, (2) one batch in the insurer's
 * database while the session's idle deadline moves in the directory at the same time. Every
 * statement through the directory and the insurer databases is recorded as a span (a counter at its
 * start and its end, never a clock); spans that overlap are one round trip, and the read must make
 * two groups. The shard map is read through the same traced databases, cached as in production.
 */
import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { openDatabases, type Database } from '../../db/open'
import { checkups, shardMap } from '../../db/schema'
import type { Deps } from '../deps'
import { databasesOf, DEMO_INSURER, insurerDb } from '../test/harness'
import { passStepUp, setupDemoMember } from '../test/demo-member'
import { checkupDetailJson, listCheckupsJson, readAllCheckups } from './health-reads'

interface Span {
  db: string
  start: number
  end: number
}

/** The database with every statement it runs recorded in `spans` (the builders it makes, traced too). */
function traced(db: Database, name: string, trace: { seq: number; spans: Span[] }): Database {
  const record = <T>(run: () => PromiseLike<T>): Promise<T> => {
    const span: Span = { db: name, start: trace.seq++, end: -1 }
    trace.spans.push(span)
    return Promise.resolve(run()).finally(() => void (span.end = trace.seq++))
  }
  const runs = new Set(['all', 'get', 'run', 'values', 'batch', 'execute'])
  const chain = (value: unknown) =>
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Promise) &&
    ['then', '_prepare', 'from', 'values', 'set', 'all'].some(
      (k) => typeof (value as Record<string, unknown>)[k] === 'function',
    )
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, key) {
        const v: unknown = Reflect.get(t, key, t)
        if (typeof v !== 'function' || key === 'constructor') return v
        const f = v as (...a: unknown[]) => unknown
        if (key === 'then')
          return (ok: (x: unknown) => unknown, fail: (e: unknown) => unknown) =>
            record(() => new Promise((a, b) => void f.call(t, a, b))).then(ok, fail)
        if (typeof key === 'string' && runs.has(key))
          return (...a: unknown[]) => record(() => f.apply(t, a) as PromiseLike<unknown>)
        return (...a: unknown[]) => {
          const r = f.apply(t, a)
          return chain(r) ? wrap(r as object) : r
        }
      },
    })
  return wrap(db)
}

/** Round trips: groups of spans that overlap, in the order they started. */
function roundTrips(spans: Span[]) {
  const groups: Span[][] = []
  let end = -1
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start > end) groups.push([])
    groups[groups.length - 1].push(span)
    end = Math.max(end, span.end)
  }
  return groups.map((g) => g.map((s) => s.db))
}

/** The demo member past the step-up, and deps whose databases are all traced. */
async function tracedMember() {
  const s = await setupDemoMember()
  await passStepUp(s)
  const trace = { seq: 0, spans: [] as Span[] }
  const shards = new Map(
    (await databasesOf(s.h.deps.db).shards()).map((x) => [x.name, traced(x.db, x.name, trace)]),
  )
  const directory = traced(s.h.deps.db, 'directory', trace)
  // As production: the map cached (10 s), each database opened once.
  const databases = openDatabases(directory, (row) => shards.get(row.name)!)
  const deps: Deps = { ...s.h.deps, db: directory, dbFor: databases.dbFor, databases }
  const token = decodeURIComponent(s.cookie.replace('__Host-session=', ''))
  return { s, trace, deps, token, databases }
}

describe('a health read: two round trips', () => {
  it('the list, a checkup and the FHIR download: the directory, then one insurer batch beside the session touch', async () => {
    const { s, trace, deps, token } = await tracedMember()
    // Warm: the shard map read once (the cache holds it for 10 s, as in production).
    await listCheckupsJson(deps, token, '192.0.2.9')
    for (const read of [
      () => listCheckupsJson(deps, token, '192.0.2.9'),
      () => checkupDetailJson(deps, token, '192.0.2.9', 'latest'),
      () => checkupDetailJson(deps, token, '192.0.2.9', '2025-05-10'),
      () => readAllCheckups(deps, token, '192.0.2.9'),
    ]) {
      // The session last seen over a minute ago: its idle deadline moves (a directory write).
      s.h.advance(2 * 60_000)
      trace.spans.length = 0
      await read()
      expect(roundTrips(trace.spans)).toEqual([['directory'], ['demo', 'directory']])
    }
    // Seen within the minute: no touch, the same two trips.
    trace.spans.length = 0
    await listCheckupsJson(deps, token, '192.0.2.9')
    expect(roundTrips(trace.spans)).toEqual([['directory'], ['demo']])
  })

  it('a refusal costs no more: no session is one trip, no step-up two', async () => {
    const { s, trace, deps, token } = await tracedMember()
    await listCheckupsJson(deps, token, '192.0.2.9')
    trace.spans.length = 0
    await expect(listCheckupsJson(deps, 'no-such-token', '192.0.2.9')).rejects.toMatchObject({
      code: 'unauthenticated',
    })
    expect(roundTrips(trace.spans)).toEqual([['directory']])
    s.h.advance(25 * 3_600_000)
    trace.spans.length = 0
    await expect(listCheckupsJson(deps, token, '192.0.2.9')).rejects.toMatchObject({
      code: 'step_up_required',
    })
    expect(roundTrips(trace.spans)).toEqual([['directory'], ['demo', 'directory']])
  })

  it('an insurer split by fiscal years: the home batch, then the ranges read at once', async () => {
    const { s, trace, deps, token, databases } = await tracedMember()
    const plain = databasesOf(s.h.deps.db)
    const demo = await insurerDb(s.h.deps.db, DEMO_INSURER.id)
    const second = (await plain.shards()).find((x) => x.name === 'second')!.db
    // FY2026 on of the demo insurer in `second`: its 2026 checkup moves there.
    const [moved] = await demo
      .select()
      .from(checkups)
      .where(and(eq(checkups.insurerId, DEMO_INSURER.id), eq(checkups.examDate, '2026-06-10')))
    await second.delete(checkups).where(eq(checkups.id, moved.id))
    await second.insert(checkups).values(moved)
    await demo.delete(checkups).where(eq(checkups.id, moved.id))
    await s.h.deps.db
      .update(shardMap)
      .set({ toFy: 2025 })
      .where(and(eq(shardMap.insurerId, DEMO_INSURER.id), eq(shardMap.fromFy, 0)))
    await s.h.deps.db
      .insert(shardMap)
      .values({ insurerId: DEMO_INSURER.id, fromFy: 2026, database: 'second', updatedAt: 0 })
    databases.refresh()
    try {
      const warm = JSON.parse((await listCheckupsJson(deps, token, '192.0.2.9')).json)
      expect(warm.checkups.map((c: { examDate: string }) => c.examDate)).toEqual([
        '2026-06-10',
        '2025-05-10',
      ])
      s.h.advance(2 * 60_000)
      trace.spans.length = 0
      const latest = JSON.parse((await checkupDetailJson(deps, token, '192.0.2.9', 'latest')).json)
      expect(latest.checkups[0].examDate).toBe('2026-06-10')
      expect(latest.checkups[0].results.length).toBeGreaterThan(0)
      expect(roundTrips(trace.spans)).toEqual([
        ['directory'],
        ['demo', 'directory'],
        ['demo', 'second'],
      ])
      const one = JSON.parse((await checkupDetailJson(deps, token, '192.0.2.9', '2025-05-10')).json)
      expect(one.checkups.map((c: { examDate: string }) => c.examDate)).toEqual(['2025-05-10'])
    } finally {
      // Tests in workerd share one D1 database: the map as it was.
      await s.h.deps.db
        .delete(shardMap)
        .where(and(eq(shardMap.insurerId, DEMO_INSURER.id), eq(shardMap.fromFy, 2026)))
      await s.h.deps.db
        .update(shardMap)
        .set({ toFy: null })
        .where(and(eq(shardMap.insurerId, DEMO_INSURER.id), eq(shardMap.fromFy, 0)))
      await second.delete(checkups).where(eq(checkups.id, moved.id))
    }
  })
})
