/**
 * Issue 14: an insurer's staff never reach another insurer's DATABASE, whatever they send. The demo
 * insurer (X, database `demo`) and the maintenance insurer (Y, database `second`): Y's database is
 * wrapped so that every use of it is recorded, and X's operator, insurer admin and scoped support send
 * every crafted request we could think of (Y's number in the path, Y's ids of imports, runs and members
 * under X's number, Y's number and persons in bodies, Y's member in queries). Each is answered
 * 403/404 (or finds nothing), and not one statement is built for Y's database. A positive control
 * (Y's own operator) shows the recorder sees Y's database being used.
 *
 * A second part: two insurers in ONE database (X and a third, Z, placed in `demo`): the crafted ids of
 * Z under X's number are 404 and Z's rows are unchanged.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Database, Databases } from '../../db/open'
import { accounts, codeRuns, imports, insurers, memberLinks } from '../../db/schema'
import { issueStaffToken } from '../services/staff'
import {
  DEMO_INSURER,
  json,
  MAINTENANCE_INSURER,
  placeTestInsurer,
  ROSTER_HEADER,
} from '../test/harness'
import { D, freshRows, M, opsData, uniquePrefix } from '../test/ops-data'

/** `db` wrapped: every method called on it (a statement built, a batch, a raw query) is recorded. */
function recording(db: Database, log: string[]): Database {
  return new Proxy(db, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        log.push(String(key))
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
}

/** The harness's way to the insurer databases, with `watched`'s database recorded wherever it is handed out. */
async function watchDatabase(
  deps: { dbFor: Databases['dbFor']; databases: Databases },
  insurerId: string,
) {
  const real = deps.databases
  const watched = await real.dbFor(insurerId)
  const log: string[] = []
  const wrap = (db: Database) => (db === watched ? recording(db, log) : db)
  const dbFor: Databases['dbFor'] = async (id, fy) => wrap(await real.dbFor(id, fy))
  deps.dbFor = dbFor
  deps.databases = {
    directory: real.directory,
    dbFor,
    rangesFor: async (id) => (await real.rangesFor(id)).map((r) => ({ ...r, db: wrap(r.db) })),
    shards: async () => (await real.shards()).map((s) => ({ ...s, db: wrap(s.db) })),
    refresh: () => real.refresh(),
    probe: (row) => real.probe(row),
  }
  return log
}

async function setup() {
  const t = await opsData()
  const { h } = t
  const token = async (id: string) =>
    (await issueStaffToken(h.deps, id, { label: 'test', days: 1 })).token
  const as = {
    operator: t.tokens.operator,
    insurerAdmin: await token('dev-insurer-admin'),
    support: await token('dev-support-demo'),
    theirs: t.tokens.operator2,
  }
  // Y's data, made by Y's own operator: roster persons, an import with a batch, a code run.
  const rows = freshRows(uniquePrefix(), 2).map((r) => ({
    ...r,
    fields: r.fields.map((f, i) => (ROSTER_HEADER[i] === '保険者番号' ? M : f)),
  }))
  const yKeys = rows.map((r) => r.fields[0])
  const importId = crypto.randomUUID()
  const start = await h.ops('POST', `/insurers/${M}/imports`, as.theirs, {
    id: importId,
    kind: 'roster',
    source: 'console',
    fileName: 'y.csv',
    fileSize: 10,
    fingerprint: 'y',
  })
  expect(start.status).toBe(201)
  const batch = await h.ops('POST', `/insurers/${M}/roster/batches`, as.theirs, {
    header: ROSTER_HEADER,
    rows,
    importId,
    seq: 1,
  })
  expect((await json(batch)).inserted).toBe(2)
  const run = await h.ops('POST', `/insurers/${M}/codes/runs`, as.theirs, { kind: 'issue' })
  const runId = (await json(run)).run.id as string
  // A member of Y: the pointer in the directory, the link in Y's database.
  const yAccount = `acct-${uniquePrefix()}`
  const email = `${yAccount.toLowerCase()}@example.jp`
  const now = h.deps.now()
  await h.deps.db.insert(accounts).values({
    id: yAccount,
    email,
    emailKey: email,
    passwordHash: 'x',
    createdAt: now,
    updatedAt: now,
    passwordChangedAt: now,
    insurerId: MAINTENANCE_INSURER.id,
    linkState: 'linked',
    linkChangedAt: now,
  })
  await (await h.deps.dbFor(MAINTENANCE_INSURER.id)).insert(memberLinks).values({
    accountId: yAccount,
    insurerId: MAINTENANCE_INSURER.id,
    personKey: yKeys[0],
    linkedAt: now,
  })
  return { ...t, as, yKeys, importId, runId, yAccount, email }
}

describe("an insurer's staff never reach another insurer's database", () => {
  it('every crafted request of X’s staff is 403/404 or finds nothing, and builds no statement for Y’s database', async () => {
    const s = await setup()
    const { h, as } = s
    const log = await watchDatabase(h.deps, MAINTENANCE_INSURER.id)

    // Positive control: Y's own operator does reach Y's database through the same recorder.
    expect((await h.ops('GET', `/insurers/${M}/codes/status`, as.theirs)).status).toBe(200)
    expect(log.length).toBeGreaterThan(0)
    log.length = 0

    const checkup = (personKey: string) => ({
      ref: 'x',
      personKey,
      examDate: '2026-05-10',
      source: 'csv',
      results: [{ code: '9N001000000000001', type: 'raw', value: '160.1', unit: 'cm', line: 2 }],
    })
    const importBody = (id: string) => ({
      id,
      kind: 'roster',
      source: 'console',
      fileName: 'x.csv',
      fileSize: 1,
      fingerprint: 'y',
    })
    type Call = [method: string, path: string, body?: unknown]
    // Y's number in the path: refused before anything of Y is opened (403: not theirs).
    const ysNumber: Call[] = [
      ['POST', `/insurers/${M}/roster/batches`, { header: ROSTER_HEADER, rows: freshRows('Q', 1) }],
      ['POST', `/insurers/${M}/checkups`, { checkups: [checkup(s.yKeys[0])] }],
      ['POST', `/insurers/${M}/imports`, importBody(crypto.randomUUID())],
      ['GET', `/insurers/${M}/imports`],
      ['GET', `/insurers/${M}/imports/${s.importId}`],
      [
        'POST',
        `/insurers/${M}/imports/${s.importId}/finish`,
        { outcome: 'complete', rowsRead: 0, blank: 0 },
      ],
      ['GET', `/insurers/${M}/imports/${s.importId}/rejected.csv`],
      [
        'POST',
        `/insurers/${M}/roster/batches`,
        { header: ROSTER_HEADER, rows: freshRows('Q', 1), importId: s.importId, seq: 2 },
      ],
      ['POST', `/insurers/${M}/codes/runs`, { kind: 'issue' }],
      ['GET', `/insurers/${M}/codes/runs`],
      ['POST', `/insurers/${M}/codes/runs/${s.runId}/confirm`, { codes: 0 }],
      ['POST', `/insurers/${M}/codes/runs/${s.runId}/revoke`, {}],
      ['POST', `/insurers/${M}/codes/issue`, { runId: s.runId, personKeys: s.yKeys }],
      ['GET', `/insurers/${M}/codes/status`],
      ['GET', `/insurers/${M}/codes/queue`],
      ['PATCH', `/insurers/${M}`, { name: '乗っ取り' }],
    ]
    for (const token of [as.operator, as.insurerAdmin])
      for (const [method, path, body] of ysNumber) {
        const res = await h.ops(method, path, token, body)
        expect([403, 404], `${method} ${path}`).toContain(res.status)
      }
    // Y's ids under X's own number: looked for in X's database only, and not found there.
    const ysIds: Call[] = [
      ['GET', `/insurers/${D}/imports/${s.importId}`],
      ['GET', `/insurers/${D}/imports/${s.importId}/rejected.csv`],
      [
        'POST',
        `/insurers/${D}/imports/${s.importId}/finish`,
        { outcome: 'complete', rowsRead: 0, blank: 0 },
      ],
      ['POST', `/insurers/${D}/codes/runs/${s.runId}/confirm`, { codes: 0 }],
      ['POST', `/insurers/${D}/codes/runs/${s.runId}/revoke`, {}],
    ]
    for (const [method, path, body] of ysIds) {
      const res = await h.ops(method, path, as.operator, body)
      expect(res.status, `${method} ${path}`).toBe(404)
    }
    // Y's import and run ids in bodies under X's number: refused (409: no such import, 404: no such run).
    const batchIntoY = await h.ops('POST', `/insurers/${D}/roster/batches`, as.operator, {
      header: ROSTER_HEADER,
      rows: freshRows(uniquePrefix(), 1),
      importId: s.importId,
      seq: 2,
    })
    expect(batchIntoY.status).toBe(409)
    const issueIntoY = await h.ops('POST', `/insurers/${D}/codes/issue`, as.operator, {
      runId: s.runId,
      personKeys: s.yKeys,
    })
    expect(issueIntoY.status).toBe(404)
    // Y's persons and Y's number in X's own batches: nobody found, rows refused, in X's database.
    const checkups = await json(
      await h.ops('POST', `/insurers/${D}/checkups`, as.operator, {
        checkups: [checkup(s.yKeys[0])],
      }),
    )
    expect(checkups.rejected.map((r: { reason: string }) => r.reason)).toEqual([
      'checkup.person_not_found',
    ])
    const yRows = freshRows(uniquePrefix(), 1).map((r) => ({
      ...r,
      fields: r.fields.map((f, i) => (ROSTER_HEADER[i] === '保険者番号' ? M : f)),
    }))
    const roster = await json(
      await h.ops('POST', `/insurers/${D}/roster/batches`, as.operator, {
        header: ROSTER_HEADER,
        rows: yRows,
      }),
    )
    expect(roster.inserted).toBe(0)
    expect(roster.rejected.length).toBeGreaterThan(0)
    // Support of X: Y's member by id, by address, and its actions; the audit search of Y's member.
    for (const [method, path, body] of [
      ['GET', `/members/${s.yAccount}`],
      ['POST', `/members/${s.yAccount}/actions/reissue-code`, { reason: '確認のため' }],
      ['POST', `/members/${s.yAccount}/actions/unlock-health`, { reason: '確認のため' }],
      ['POST', `/members/${s.yAccount}/actions/end-sessions`, { reason: '確認のため' }],
    ] as Call[]) {
      const res = await h.ops(method, path, as.support, body)
      expect(res.status, `${method} ${path}`).toBe(404)
    }
    const lookup = await h.ops('POST', '/members/lookup', as.support, { email: s.email })
    expect(await json(lookup)).toEqual({ members: [] })
    for (const token of [as.support, as.insurerAdmin]) {
      const audit = await h.ops('GET', `/audit?member=${s.yAccount}`, token)
      expect(await json(audit)).toEqual({ rows: [], nextCursor: null })
    }

    // Not one statement was built for Y's database.
    expect(log).toEqual([])
    // And Y's data is as Y left it.
    const y = await h.deps.databases.directory
      .select()
      .from(insurers)
      .where(eq(insurers.id, MAINTENANCE_INSURER.id))
    expect(y[0].name).not.toBe('乗っ取り')
  })

  it('two insurers in one database: the other’s import and run ids are 404 under one’s own number, and stay as they were', async () => {
    const s = await setup()
    const { h } = s
    // Z, in the demo insurer's database, with an import and a run of its own.
    const z = `z-${uniquePrefix()}`
    await h.deps.db
      .insert(insurers)
      .values({
        id: z,
        number: '39131156',
        name: '同居健保',
        createdAt: 0,
        updatedAt: 0,
      })
      .onConflictDoNothing()
    const [zRow] = await h.deps.db.select().from(insurers).where(eq(insurers.number, '39131156'))
    await placeTestInsurer(h.deps.db, zRow.id, 'demo')
    const zDb = await h.deps.dbFor(zRow.id)
    expect(zDb).toBe(await h.deps.dbFor(DEMO_INSURER.id))
    const zImport = crypto.randomUUID()
    const zRun = `run-${uniquePrefix()}`
    await zDb.insert(imports).values({
      id: zImport,
      insurerId: zRow.id,
      kind: 'roster',
      source: 'cli',
      fileName: 'z.csv',
      fileSize: 1,
      fingerprint: '',
      staffId: 'dev-operator',
      startedAt: h.deps.now(),
      updatedAt: h.deps.now(),
    })
    await zDb.insert(codeRuns).values({
      id: zRun,
      insurerId: zRow.id,
      kind: 'issue',
      staffId: 'dev-operator',
      createdAt: h.deps.now(),
    })
    for (const [method, path, body] of [
      ['GET', `/insurers/${D}/imports/${zImport}`],
      [
        'POST',
        `/insurers/${D}/imports/${zImport}/finish`,
        { outcome: 'failed', rowsRead: 0, blank: 0 },
      ],
      ['POST', `/insurers/${D}/codes/runs/${zRun}/revoke`, {}],
      ['POST', `/insurers/${D}/codes/runs/${zRun}/confirm`, { codes: 0 }],
    ] as [string, string, unknown?][]) {
      const res = await h.ops(method, path, s.as.operator, body)
      expect(res.status, `${method} ${path}`).toBe(404)
    }
    const [imp] = await zDb.select().from(imports).where(eq(imports.id, zImport))
    expect(imp.outcome).toBeNull()
    const [run] = await zDb.select().from(codeRuns).where(eq(codeRuns.id, zRun))
    expect(run).toMatchObject({ confirmedAt: null, revokedAt: null })
  })
})
