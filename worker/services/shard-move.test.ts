import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { namedRows, runBatch, type Database } from '../../db/open'
import {
  checkups,
  healthAccess,
  importBatches,
  imports,
  insurerAuditLog,
  insurers,
  memberLinks,
  noticeOutbox,
  rosterPersons,
  shardMoves,
  viewingCodes,
} from '../../db/schema'
import {
  APP,
  DEMO_INSURER,
  MAINTENANCE_INSURER,
  databasesOf,
  makeHarness,
  openTestDb,
  placeTestInsurer,
  seedDemo,
  testDb,
  type Harness,
} from '../test/harness'
import { passStepUp, setupDemoMember } from '../test/demo-member'
import { checkInsurerNumber, insurerCheckDigit } from '../../core/card'
import { CONFIRM_AFTER_MS, shardFence } from './shard-move'

/**
 * Moving an insurer between databases (shard-move.ts) through the operator API, on D1 and libSQL:
 * under read load, with writes held and retried, stopped and resumed, aborted, confirmed, and split
 * by fiscal years. In workerd the databases are shared by this file's tests: the demo insurer is
 * moved by one test only; the others move insurers of their own.
 */

const TABLES = [
  'roster_persons',
  'member_links',
  'checkups',
  'viewing_codes',
  'code_runs',
  'health_access',
  'imports',
  'import_batches',
  'notice_outbox',
  'audit_log',
] as const

/** The insurer's rows of every table, canonical (no AUTOINCREMENT ids), sorted: equal iff the same. */
async function snapshot(db: Database, insurerId: string, onlyCheckupsFrom?: string) {
  const out: Record<string, string[]> = {}
  const lit = `'${insurerId}'`
  const where: Record<string, string> = {
    health_access: `account_id IN (SELECT account_id FROM member_links WHERE insurer_id = ${lit})`,
    import_batches: `import_id IN (SELECT id FROM imports WHERE insurer_id = ${lit})`,
  }
  for (const table of onlyCheckupsFrom ? (['checkups'] as const) : TABLES) {
    const cond =
      (where[table] ?? `insurer_id = ${lit}`) +
      (onlyCheckupsFrom ? ` AND exam_date >= '${onlyCheckupsFrom}'` : '')
    const rows = (await db.all(sql.raw(`SELECT * FROM ${table} WHERE ${cond}`))) as unknown[]
    out[table] = rows
      .map((r) => {
        const o = Array.isArray(r) ? r : Object.values(r as object)
        return JSON.stringify(o)
      })
      .map((s) => s)
      .sort()
  }
  return out
}

/** As snapshot, but rows as objects without id/moved_key for the two AUTOINCREMENT tables. */
async function canonical(db: Database, insurerId: string, onlyCheckupsFrom?: string) {
  const out: Record<string, string[]> = {}
  const lit = `'${insurerId}'`
  const where: Record<string, string> = {
    health_access: `account_id IN (SELECT account_id FROM member_links WHERE insurer_id = ${lit})`,
    import_batches: `import_id IN (SELECT id FROM imports WHERE insurer_id = ${lit})`,
  }
  const columns: Record<string, string[]> = {}
  for (const table of TABLES) {
    const info = namedRows(await db.all(sql.raw(`PRAGMA table_info(${table})`)), [
      'cid',
      'name',
    ] as const)
    columns[table] = info
      .map((i) => String(i.name))
      .filter(
        (n) =>
          !(
            (table === 'audit_log' || table === 'notice_outbox') &&
            (n === 'id' || n === 'moved_key')
          ),
      )
  }
  for (const table of onlyCheckupsFrom ? (['checkups'] as const) : TABLES) {
    const cond =
      (where[table] ?? `insurer_id = ${lit}`) +
      (onlyCheckupsFrom ? ` AND exam_date >= '${onlyCheckupsFrom}'` : '')
    const rows = namedRows(
      await db.all(sql.raw(`SELECT ${columns[table].join(', ')} FROM ${table} WHERE ${cond}`)),
      columns[table],
    )
    out[table] = rows.map((r) => JSON.stringify(columns[table].map((c) => r[c]))).sort()
  }
  return out
}
void snapshot

const count = async (db: Database, table: string, where: string) =>
  Number(
    namedRows(await db.all(sql.raw(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)), [
      'n',
    ] as const)[0].n,
  )

const moveTriggers = async (db: Database, insurerId: string) =>
  namedRows(
    await db.all(
      sql.raw(
        `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'move_%${insurerId.replace(/[^A-Za-z0-9]/g, '_')}%'`,
      ),
    ),
    ['name'] as const,
  ).length

let serial = 0
const uid = (p: string) => `${p}-${Date.now().toString(36)}-${serial++}`

/** Writes an insurer's data: persons, checkups over fiscal years 2023–2026, and one of each other row. */
async function fill(db: Database, insurerId: string, persons: number, perPerson: number) {
  const at = 1_700_000_000_000
  const statements: PromiseLike<unknown>[] = []
  const push = <T>(rows: T[], insert: (chunk: T[]) => PromiseLike<unknown>, per: number) => {
    for (let i = 0; i < rows.length; i += per) statements.push(insert(rows.slice(i, i + per)))
  }
  const people = Array.from({ length: persons }, (_, i) => ({
    insurerId,
    personKey: `P${String(i).padStart(5, '0')}`,
    symbol: '',
    number: String(1000 + i),
    cardKey: `k${i}`,
    nameKana: 'ケンシン タロウ',
    nameKey: 'ケンシンタロウ',
    birthDate: '1980-01-01',
    sex: 1,
    relationship: 0,
    rowHash: `h${i}`,
    createdAt: at,
    updatedAt: at,
  }))
  push(people, (c) => db.insert(rosterPersons).values(c), 6)
  const dates = ['2023-06-01', '2024-05-01', '2025-03-20', '2025-05-10', '2026-06-10', '2026-09-01']
  const rows = people.flatMap((p) =>
    dates.slice(0, perPerson).map((examDate) => ({
      id: `${insurerId}-${p.personKey}-${examDate}`,
      insurerId,
      personKey: p.personKey,
      examDate,
      institution: '健診センター',
      source: 'csv' as const,
      tableVersion: 'v1',
      results: JSON.stringify([{ code: '9A751000000000001', value: '128', grade: 'A' }]),
      grades: '{"A":1,"B":0,"C":0,"D":0}',
      contentHash: `c-${p.personKey}-${examDate}`,
      createdAt: at,
      updatedAt: at,
    })),
  )
  push(rows, (c) => db.insert(checkups).values(c), 8)
  const account = uid('acct')
  const importId = uid('imp')
  statements.push(
    db
      .insert(memberLinks)
      .values({ accountId: account, insurerId, personKey: 'P00000', linkedAt: at }),
    db.insert(healthAccess).values({ accountId: account, codeVerifiedAt: at }),
    db.insert(viewingCodes).values({
      id: uid('vc'),
      insurerId,
      personKey: 'P00000',
      codeHash: 'x',
      issuedAt: at,
    }),
    db.insert(imports).values({
      id: importId,
      insurerId,
      staffId: 's',
      kind: 'checkups',
      source: 'cli',
      fileName: 'f.csv',
      fileSize: 1,
      startedAt: at,
      updatedAt: at,
    }),
    db.insert(importBatches).values({ importId, seq: 1, answer: '{}', at }),
    db
      .insert(noticeOutbox)
      .values({ insurerId, personKey: 'P00001', kind: 'results', createdAt: at }),
  )
  push(
    Array.from({ length: 30 }, (_, i) => ({
      at: at + i,
      actorType: 'member' as const,
      action: 'health.read',
      accountId: account,
      insurerId,
    })),
    (c) => db.insert(insurerAuditLog).values(c),
    10,
  )
  for (let i = 0; i < statements.length; i += 50) await runBatch(db, statements.slice(i, i + 50))
  return { account, rows: rows.length }
}

/** Calls the operator API; its JSON. */
async function api(h: Harness, token: string, method: string, path: string, body?: unknown) {
  const res = await h.ops(method, path, token, body)
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}

/** Steps a move until `until` says stop; `each` runs after every step with the move's answer. */
async function drive(
  h: Harness | (() => Harness),
  token: string,
  id: string,
  action: 'step' | 'confirm' | 'abort',
  each: (move: Record<string, any>, ms: number) => Promise<void> | void = () => {},
) {
  for (let i = 0; i < 2000; i++) {
    const harness = typeof h === 'function' ? h() : h
    const at = performance.now()
    const { status, body } = await api(harness, token, 'POST', `/shards/moves/${id}/${action}`)
    const ms = performance.now() - at
    expect(status, JSON.stringify(body)).toBe(200)
    await each(body.move, ms)
    const m = body.move
    if (action === 'step' && (m.phase === 'switched' || (m.phase === 'aborted' && m.finished)))
      return m
    if (action === 'confirm' && m.phase === 'confirmed') return m
    if (action === 'abort' && m.finished) return m
  }
  throw new Error('the move did not finish')
}

async function adminOf(h: Harness) {
  return (await seedDemo(h.deps)).admin
}

describe('moving an insurer between databases', () => {
  it('moves the demo insurer from demo to second under read load: no read fails, writes held then retried, equal afterwards, confirmed', async () => {
    // The demo member, logged in and past the step-up: its health reads go through the app.
    const member = await setupDemoMember()
    await passStepUp(member)
    const h = member.h
    let token = await adminOf(h)
    const plain = databasesOf(h.deps.db)
    const demo = await plain.dbFor(DEMO_INSURER.id)
    const second = await plain.dbFor(MAINTENANCE_INSURER.id)
    const filled = await fill(demo, DEMO_INSURER.id, 500, 6)
    // The other insurer of the target has audit and outbox rows of its own, with the same ids.
    await fill(second, MAINTENANCE_INSURER.id, 3, 1)
    // And D0000's two checkups of the demo member.
    const expectedCheckups = filled.rows + 2
    const before = await canonical(demo, DEMO_INSURER.id)
    const theirs = await canonical(second, MAINTENANCE_INSURER.id)

    // The read load: a person's checkups and the roster, through the shard map, all the time.
    let reads = 0
    const failures: string[] = []
    let stop = false
    const readOnce = async () => {
      try {
        const db = await h.deps.dbFor(DEMO_INSURER.id)
        const mine = await db
          .select({ id: checkups.id })
          .from(checkups)
          .where(
            sql`${checkups.insurerId} = ${DEMO_INSURER.id} AND ${checkups.personKey} = 'P00042'`,
          )
        if (mine.length !== 6) failures.push(`P00042 had ${mine.length}`)
        const n = await count(db, 'checkups', `insurer_id = '${DEMO_INSURER.id}'`)
        // One checkup is deleted while the copy runs.
        if (n < expectedCheckups - 1) failures.push(`checkups ${n}`)
        // The member's health reads through the app (the list and one checkup whole): each
        // writes its audit row in the read's own batch in the insurer's database.
        const list = await h.get('/api/checkups', { cookie: member.cookie, headers: APP })
        const listed = list.status === 200 ? ((await list.json()) as { checkups: unknown[] }) : null
        if (listed?.checkups.length !== 2) failures.push(`member list ${list.status}`)
        const one = await h.get('/api/checkups/2026-06-10', { cookie: member.cookie, headers: APP })
        if (one.status !== 200) failures.push(`member checkup ${one.status}`)
        // A read's audit row written straight: never refused, even on hold.
        await db.insert(insurerAuditLog).values({
          at: h.deps.now(),
          actorType: 'member',
          action: 'health.read',
          accountId: filled.account,
          insurerId: DEMO_INSURER.id,
        })
        reads++
      } catch (err) {
        failures.push(String(err))
      }
    }
    const load = (async () => {
      while (!stop) {
        await Promise.all([readOnce(), readOnce()])
        await new Promise((r) => setTimeout(r, 1))
      }
    })()
    let moved: Record<string, any>
    const phases = new Set<string>()
    let heldWrite = false
    let wroteWhileCopying = 0
    let id = ''
    const started = Date.now()
    let holdFrom = 0
    let holdTo = 0
    let copySteps = 0
    let holdSteps = 0
    let heldMs = 0
    try {
      const start = await api(h, token, 'POST', '/shards/moves', {
        insurer: DEMO_INSURER.number,
        to: 'second',
      })
      expect(start.status).toBe(201)
      id = start.body.move.id as string
      moved = await drive(h, token, id, 'step', async (m, ms) => {
        // The steps' own time while the writes were held (the hold's catch-up, the verify, the
        // switch), not the test's probes between them.
        if (
          m.phase === 'verifying' ||
          m.phase === 'switched' ||
          (m.phase === 'holding' && phases.has('holding'))
        )
          heldMs += ms
        if (m.phase === 'copying') copySteps++
        if (m.phase === 'holding' || m.phase === 'verifying') holdSteps++
        if (m.phase === 'holding' && !phases.has('holding')) holdFrom = Date.now()
        if (m.phase === 'switched') holdTo = Date.now()
        phases.add(m.phase)
        await readOnce()
        if (m.phase === 'copying' && m.step === 'copy' && wroteWhileCopying < 3) {
          // Writes go on while the copy runs: captured and replayed.
          wroteWhileCopying++
          const db = await h.deps.dbFor(DEMO_INSURER.id)
          await db
            .update(checkups)
            .set({ institution: `changed ${wroteWhileCopying}` })
            .where(sql`${checkups.id} = ${`${DEMO_INSURER.id}-P00001-2023-06-01`}`)
          await db
            .delete(checkups)
            .where(sql`${checkups.id} = ${`${DEMO_INSURER.id}-P00499-2026-09-01`}`)
          await db.insert(rosterPersons).values({
            insurerId: DEMO_INSURER.id,
            personKey: `W${wroteWhileCopying}`,
            number: '9',
            cardKey: 'w',
            nameKana: 'カ',
            nameKey: 'カ',
            birthDate: '1990-01-01',
            sex: 2,
            relationship: 0,
            rowHash: 'w',
            createdAt: 1,
            updatedAt: 1,
          })
        }
        if (m.phase === 'holding' && !heldWrite) {
          heldWrite = true
          // A write during the hold: refused in the database, answered 503 insurer_busy + Retry-After.
          const db = await h.deps.dbFor(DEMO_INSURER.id)
          const refused = await db
            .update(rosterPersons)
            .set({ address: 'x' })
            .where(sql`${rosterPersons.insurerId} = ${DEMO_INSURER.id}`)
            .then(
              () => null,
              (err: unknown) => err,
            )
          expect(shardFence(refused)).toBe('hold')
          const res = await h.post('/dev/seed', {})
          expect(res.status).toBe(503)
          expect(res.headers.get('Retry-After')).toBe('1')
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
            'insurer_busy',
          )
        }
      })
    } finally {
      stop = true
      await load
    }
    // The figures: how long the move took, and how long the insurer's writes were held.
    console.info(
      `move: ${expectedCheckups} checkups, ${moved.copied} rows copied in ${copySteps} steps (${Math.round((copySteps * 1000) / (holdFrom - started))} steps/s, ${Math.round((moved.copied * 1000) / (holdFrom - started))} rows/s), ${moved.replayed} changes replayed; ${Date.now() - started} ms in all; hold ${holdTo - holdFrom} ms in ${holdSteps} steps (the steps' own time ${Math.round(heldMs)} ms); ${reads} reads, none failed`,
    )
    expect(moved.phase).toBe('switched')
    expect([...phases]).toEqual(
      expect.arrayContaining(['copying', 'holding', 'verifying', 'switched']),
    )
    expect(heldWrite).toBe(true)
    expect(failures).toEqual([])
    expect(reads).toBeGreaterThan(10)
    // The map points at the target, one epoch on; the write refused during the hold succeeds now.
    const map = namedRows(
      await h.deps.db.all(
        sql`SELECT database, epoch FROM shard_map WHERE insurer_id = ${DEMO_INSURER.id}`,
      ),
      ['database', 'epoch'] as const,
    )
    expect(map).toEqual([{ database: 'second', epoch: 2 }])
    const retried = await h.post('/dev/seed', {})
    expect(retried.status).toBe(200)
    token = ((await retried.json()) as { tokens: { admin: string } }).tokens.admin
    // The old copy is read-only ('moved'): a late write is refused there, and retried on the new.
    const late = await demo
      .update(rosterPersons)
      .set({ address: 'y' })
      .where(sql`${rosterPersons.insurerId} = ${DEMO_INSURER.id}`)
      .then(
        () => null,
        (err: unknown) => err,
      )
    expect(shardFence(late)).toBe('moved')

    // Counts and checksums equal on both sides (the report), and the rows themselves equal.
    const report = moved.report as Record<
      string,
      { source: [number, string]; target: [number, string] }
    >
    expect(Object.keys(report).sort()).toEqual([...TABLES].sort())
    for (const [table, r] of Object.entries(report)) expect(r.target, table).toEqual(r.source)
    expect(report.checkups.source[0]).toBe(expectedCheckups - 1)
    const after = await canonical(second, DEMO_INSURER.id)
    const sourceNow = await canonical(demo, DEMO_INSURER.id)
    // The audit rows of reads the old copy served after the verify's mark arrive with the confirm.
    expect({ ...after, audit_log: [] }).toEqual({ ...sourceNow, audit_log: [] })
    expect(after.roster_persons.length).toBe(before.roster_persons.length + 3)
    expect(after.checkups.some((r) => r.includes('changed 3'))).toBe(true)
    // The other insurer of the target is untouched (its audit ids are not overwritten).
    expect(await canonical(second, MAINTENANCE_INSURER.id)).toEqual(theirs)

    // Confirm: the old copy's rows and triggers go; the audit rows it still took are replayed first.
    const sourceAudit = await count(demo, 'audit_log', `insurer_id = '${DEMO_INSURER.id}'`)
    // Too early: isolates may still hold the old map for a while.
    const early = await api(h, token, 'POST', `/shards/moves/${id}/confirm`)
    expect(early.status).toBe(409)
    expect(early.body.error.detail.waitSeconds).toBe(60)
    h.advance(CONFIRM_AFTER_MS)
    const confirmed = await drive(h, token, id, 'confirm')
    expect(confirmed.phase).toBe('confirmed')
    for (const table of TABLES)
      expect(
        await count(
          demo,
          table,
          table === 'health_access' || table === 'import_batches'
            ? '1'
            : `insurer_id = '${DEMO_INSURER.id}'`,
        ),
        table,
      ).toBe(0)
    expect(await moveTriggers(demo, DEMO_INSURER.id)).toBe(0)
    // Every audit row of the old copy is in the new one (besides those written there since).
    expect(
      await count(
        second,
        'audit_log',
        `insurer_id = '${DEMO_INSURER.id}' AND moved_key LIKE 'demo:%'`,
      ),
    ).toBe(sourceAudit)
    expect(await demo.select().from(insurerAuditLog)).toEqual([])
  })

  it('resumes a move stopped between any two steps, and in the middle of one', async () => {
    const { db } = await openTestDb()
    const insurerId = uid('ins-resume')
    let h = makeHarness(db)
    const token = await adminOf(h)
    const number = await newInsurer(h, insurerId)
    await placeTestInsurer(db, insurerId, 'second')
    const plain = databasesOf(db)
    const source = await plain.dbFor(insurerId)
    await fill(source, insurerId, 120, 6)
    const before = await canonical(source, insurerId)
    const started = await api(h, token, 'POST', '/shards/moves', { insurer: number, to: 'demo' })
    expect(started.status).toBe(201)
    // Run again, `ops shards move` finds the same move.
    const again = await api(h, token, 'POST', '/shards/moves', { insurer: number, to: 'demo' })
    expect(again.status).toBe(200)
    expect(again.body.move.id).toBe(started.body.move.id)
    // Every step by a new app (a new process: nothing kept in memory between two steps).
    const moved = await drive(() => (h = makeHarness(db)), token, started.body.move.id, 'step')
    expect(moved.phase).toBe('switched')
    const target = await databasesOf(db).dbFor(insurerId)
    expect(await canonical(target, insurerId)).toEqual(before)
    // Confirmed by a new app too (in workerd the next move needs these databases free).
    expect(
      (await drive(() => (h = makeHarness(db)), token, started.body.move.id, 'confirm')).phase,
    ).toBe('confirmed')

    // Stopped in the middle of a step: the target written, the move's row not (its UPDATE fails).
    const broken = await openTestDb({
      rewrite: (q) => {
        if (/update "shard_moves"/i.test(q) && failAt++ % 3 === 2) throw new Error('stopped')
        return q
      },
    })
    let failAt = 0
    const id2 = uid('ins-stop')
    const h2 = makeHarness(broken.db)
    const token2 = await adminOf(h2)
    const number2 = await newInsurer(h2, id2)
    await placeTestInsurer(broken.db, id2, 'second')
    const src2 = await databasesOf(broken.db).dbFor(id2)
    await fill(src2, id2, 120, 6)
    const before2 = await canonical(src2, id2)
    const s2 = await api(h2, token2, 'POST', '/shards/moves', { insurer: number2, to: 'demo' })
    expect(s2.status).toBe(201)
    let stops = 0
    for (let i = 0; i < 500; i++) {
      const res = await h2.ops('POST', `/shards/moves/${s2.body.move.id}/step`, token2)
      if (res.status === 500) {
        stops++
        continue
      }
      expect(res.status).toBe(200)
      const m = ((await res.json()) as { move: { phase: string } }).move
      if (m.phase === 'switched') break
    }
    expect(stops).toBeGreaterThan(2)
    const t2 = await databasesOf(broken.db).dbFor(id2)
    expect(
      namedRows(
        await broken.db.all(sql`SELECT database FROM shard_map WHERE insurer_id = ${id2}`),
        ['database'] as const,
      )[0].database,
    ).toBe('demo')
    expect(await canonical(t2, id2)).toEqual(before2)
    h2.advance(CONFIRM_AFTER_MS)
    for (let i = 0; i < 100; i++) {
      const res = await h2.ops('POST', `/shards/moves/${s2.body.move.id}/confirm`, token2)
      if (res.status !== 200) continue
      if (((await res.json()) as { move: { phase: string } }).move.phase === 'confirmed') break
    }
    expect(await count(src2, 'checkups', `insurer_id = '${id2}'`)).toBe(0)
  })

  it('an abort racing the switch: the map, the source and the move always agree (nothing left writable and unread)', async () => {
    const db = await testDb()
    const h = makeHarness(db)
    const token = await adminOf(h)
    const plain = databasesOf(db)
    for (let round = 0; round < 4; round++) {
      const insurerId = uid(`ins-race${round}`)
      const number = await newInsurer(h, insurerId)
      await placeTestInsurer(db, insurerId, 'second')
      const source = await plain.dbFor(insurerId)
      await fill(source, insurerId, 20, 2)
      const started = await api(h, token, 'POST', '/shards/moves', { insurer: number, to: 'demo' })
      expect(started.status, JSON.stringify(started.body)).toBe(201)
      const id = started.body.move.id as string
      // Up to the last step before the switch.
      await drive(h, token, id, 'step', (m) => {
        if (m.phase === 'verifying') throw new Error('verifying')
      }).catch((err: Error) => expect(err.message).toBe('verifying'))
      // The switch and an abort at once (an operator's `shards abort` while the move runs).
      await Promise.all([
        api(h, token, 'POST', `/shards/moves/${id}/step`),
        api(h, token, 'POST', `/shards/moves/${id}/abort`),
      ])
      const move = (await api(h, token, 'GET', `/shards/moves/${id}`)).body.move
      plain.refresh()
      const mapped = (await plain.rangesFor(insurerId)).map((r) => r.database)
      const held = await source
        .delete(checkups)
        .where(sql`${checkups.id} = ${'no-such-row'}`)
        .then(
          () => null,
          (err: unknown) => shardFence(err),
        )
      if (move.phase === 'aborted') {
        // The map never moved, and the source takes writes again.
        expect(mapped).toEqual(['second'])
        expect(held).toBeNull()
      } else {
        // Switched: the map names the target and the old copy refuses writes.
        expect(move.phase).toBe('switched')
        expect(mapped).toEqual(['demo'])
        expect(held).not.toBeNull()
      }
      // Ended either way, so the next round (and the file's other tests) may move again.
      if (move.phase === 'aborted') await drive(h, token, id, 'step')
      else {
        h.advance(CONFIRM_AFTER_MS)
        await drive(h, token, id, 'confirm')
      }
    }
  })

  it('aborts a move before its switch: the source takes writes again, the copy is gone, a new move may start', async () => {
    const db = await testDb()
    const h = makeHarness(db)
    const token = await adminOf(h)
    const insurerId = uid('ins-abort')
    const number = await newInsurer(h, insurerId)
    await placeTestInsurer(db, insurerId, 'second')
    const plain = databasesOf(db)
    const source = await plain.dbFor(insurerId)
    await fill(source, insurerId, 100, 6)
    const before = await canonical(source, insurerId)
    const started = await api(h, token, 'POST', '/shards/moves', { insurer: number, to: 'demo' })
    const id = started.body.move.id as string
    // Up to the hold: the source refuses the insurer's writes.
    await drive(h, token, id, 'step', (m) => {
      if (m.phase === 'holding') throw new Error('held')
    }).catch((err: Error) => expect(err.message).toBe('held'))
    const refused = await source
      .delete(checkups)
      .where(sql`${checkups.insurerId} = ${insurerId}`)
      .then(
        () => null,
        (err: unknown) => err,
      )
    expect(shardFence(refused)).toBe('hold')
    const demoDb = (await plain.shards()).find((s) => s.name === 'demo')!.db
    expect(await count(demoDb, 'checkups', `insurer_id = '${insurerId}'`)).toBe(600)

    // One step of the abort (the source open again), then the rest by stepping the move, as
    // `ops shards move` run again would.
    const first = await api(h, token, 'POST', `/shards/moves/${id}/abort`)
    expect(first.body.move).toMatchObject({ phase: 'aborted', finished: false })
    const aborted = await drive(h, token, id, 'step')
    expect(aborted).toMatchObject({ phase: 'aborted', finished: true })
    expect(await canonical(source, insurerId)).toEqual(before)
    for (const table of TABLES)
      if (table !== 'health_access' && table !== 'import_batches')
        expect(await count(demoDb, table, `insurer_id = '${insurerId}'`), table).toBe(0)
    expect(await moveTriggers(source, insurerId)).toBe(0)
    // Writable again, and the map never moved.
    await source.delete(checkups).where(sql`${checkups.id} = ${`${insurerId}-P00000-2023-06-01`}`)
    expect((await plain.rangesFor(insurerId)).map((r) => r.database)).toEqual(['second'])
    // A switched move cannot be aborted; an aborted one can be started again.
    const next = await api(h, token, 'POST', '/shards/moves', { insurer: number, to: 'demo' })
    expect(next.status).toBe(201)
    expect(next.body.move.id).not.toBe(id)
    await drive(h, token, next.body.move.id, 'step')
    const late = await api(h, token, 'POST', `/shards/moves/${next.body.move.id}/abort`)
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('wrong_state')
    h.advance(CONFIRM_AFTER_MS)
    await drive(h, token, next.body.move.id, 'confirm')
  })

  it('splits an insurer by fiscal years: --from-fy 2025 moves the checkups from FY2025 on', async () => {
    const db = await testDb()
    const h = makeHarness(db)
    const token = await adminOf(h)
    const insurerId = uid('ins-split')
    const number = await newInsurer(h, insurerId)
    await placeTestInsurer(db, insurerId, 'second')
    const plain = databasesOf(db)
    const source = await plain.dbFor(insurerId)
    await fill(source, insurerId, 100, 6)
    const before = await canonical(source, insurerId)
    const from = await canonical(source, insurerId, '2025-04-01')
    const started = await api(h, token, 'POST', '/shards/moves', {
      insurer: number,
      to: 'demo',
      fromFy: 2025,
    })
    expect(started.status).toBe(201)
    let checked = false
    const moved = await drive(h, token, started.body.move.id, 'step', async (m) => {
      if (m.phase !== 'holding' || checked) return
      checked = true
      // Held: only the moving years' checkups; the earlier years and the roster take writes.
      const refused = await source
        .update(checkups)
        .set({ institution: 'x' })
        .where(sql`${checkups.id} = ${`${insurerId}-P00003-2025-05-10`}`)
        .then(
          () => null,
          (err: unknown) => err,
        )
      expect(shardFence(refused)).toBe('hold')
      await source
        .update(checkups)
        .set({ institution: 'early' })
        .where(sql`${checkups.id} = ${`${insurerId}-P00003-2025-03-20`}`)
    })
    expect(moved.phase).toBe('switched')
    expect(Object.keys(moved.report)).toEqual(['checkups'])
    const ranges = await plain.rangesFor(insurerId)
    expect(ranges.map((r) => [r.database, r.fromFy, r.toFy])).toEqual([
      ['second', 0, 2024],
      ['demo', 2025, null],
    ])
    expect((await plain.dbFor(insurerId, 2025)) === ranges[1].db).toBe(true)
    expect((await plain.dbFor(insurerId, 2024)) === ranges[0].db).toBe(true)
    expect(await canonical(ranges[1].db, insurerId, '2025-04-01')).toEqual(from)
    expect(from.checkups.length).toBe(300)
    h.advance(CONFIRM_AFTER_MS)
    await drive(h, token, started.body.move.id, 'confirm')
    // The source keeps its home and the years before 2025; the years moved are gone from it.
    const left = await canonical(source, insurerId)
    expect(left.checkups.length).toBe(300)
    expect(
      left.checkups.every((r) => !/"202[56]-(0[4-9]|1[0-2])/.test(r) || r.includes('2025-03')),
    ).toBe(true)
    expect({ ...left, checkups: [] }).toEqual({ ...before, checkups: [] })
    // The source is open again for the insurer: a write of its home succeeds.
    await source
      .update(rosterPersons)
      .set({ address: 'ok' })
      .where(sql`${rosterPersons.insurerId} = ${insurerId}`)
  })

  it('starts one move out of 50 requests at once, for platform admins only', async () => {
    const db = await testDb()
    const h = makeHarness(db)
    const { admin, operator } = await seedDemo(h.deps)
    const insurerId = uid('ins-race')
    const number = await newInsurer(h, insurerId)
    await placeTestInsurer(db, insurerId, 'second')
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        api(h, admin, 'POST', '/shards/moves', { insurer: number, to: 'demo' }),
      ),
    )
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
    expect(answers.every((a) => a.status === 201 || a.status === 200 || a.status === 409)).toBe(
      true,
    )
    const rows = await db
      .select()
      .from(shardMoves)
      .where(sql`${shardMoves.insurerId} = ${insurerId}`)
    expect(rows).toHaveLength(1)
    // 50 steps at once: each applies once or answers conflict; the move stays consistent.
    const steps = await Promise.all(
      Array.from({ length: 50 }, () => h.ops('POST', `/shards/moves/${rows[0].id}/step`, admin)),
    )
    expect(steps.every((r) => r.status === 200 || r.status === 409)).toBe(true)
    expect((await drive(h, admin, rows[0].id, 'step')).phase).toBe('switched')

    expect((await h.ops('GET', '/shards', operator)).status).toBe(403)
    expect(
      (await h.ops('POST', '/shards/moves', operator, { insurer: number, to: 'second' })).status,
    ).toBe(403)
    const anon = await h.app.request('http://localhost:8787/api/ops/shards', {
      headers: { 'CF-Connecting-IP': h.ip },
    })
    expect(anon.status).toBe(401)
    const bad = await api(h, admin, 'POST', '/shards/moves', { insurer: number, to: 'Nope!' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.fields.to).toBeTruthy()
    const unknown = await api(h, admin, 'POST', '/shards/moves', { insurer: number, to: 'nowhere' })
    expect(unknown.status).toBe(400)
    const list = await api(h, admin, 'GET', '/shards')
    expect(list.status).toBe(200)
    expect(list.body.databases.map((d: { name: string }) => d.name)).toEqual(
      expect.arrayContaining(['demo', 'second']),
    )
    expect(list.body.map.find((r: { insurer: string }) => r.insurer === number).database).toBe(
      'demo',
    )
    const latest = await api(h, admin, 'GET', `/shards/moves/latest/${number}`)
    expect(latest.body.move.phase).toBe('switched')
    h.advance(CONFIRM_AFTER_MS)
    await drive(h, admin, rows[0].id, 'confirm')
  })
})

/** An insurer of the test's own, with a valid number of its own (its check digit computed). */
async function newInsurer(h: Harness, insurerId: string): Promise<string> {
  let number = ''
  for (let base = 6390000 + ((Date.now() + serial++ * 7919) % 9000); ; base++) {
    const head = String(base).padStart(7, '0')
    number = `${head}${insurerCheckDigit(head)}`
    if (checkInsurerNumber(number).ok) break
  }
  await h.deps.db.insert(insurers).values({
    id: insurerId,
    number,
    name: insurerId,
    createdAt: 0,
    updatedAt: 0,
  })
  return number
}
