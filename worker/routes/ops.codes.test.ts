/**
 * Viewing codes in two steps (issue 13): /api/ops/insurers/:number/codes/runs…, issue into a run, the
 * status with 未印刷 and the queues, the sweep of runs left unconfirmed, and the scope. The races
 * (50 confirms, a confirm against a revoke) and the member's STEP1 are in services/limits.test.ts.
 */
import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { insurerAuditLog, insurers, viewingCodes } from '../../db/schema'
import { confirmRun, issueViewingCodes, revokeStaleRuns } from '../services/viewing-codes'
import { DEMO_INSURER, json, ROSTER_HEADER as HEADER } from '../test/harness'
import { freshRows, M, opsData, uniquePrefix } from '../test/ops-data'

async function setup(n = 4) {
  const t = await opsData()
  const p = uniquePrefix()
  const rows = freshRows(p, n)
  expect((await t.call('POST', '/roster/batches', { header: HEADER, rows })).status).toBe(200)
  const keys = rows.map((r) => r.fields[0])
  const post = (
    path: string,
    body: unknown = {},
    who: 'operator' | 'admin' | 'operator2' = 'operator',
    number?: string,
  ) => t.call('POST', `/codes${path}`, body, who, number)
  const get = async (path: string) => json(await t.call('GET', `/codes${path}`))
  const startRun = async (kind = 'issue') => {
    const res = await post('/runs', { kind })
    expect(res.status).toBe(201)
    return (await json(res)).run as { id: string }
  }
  const codesOf = () =>
    t.demo.select().from(viewingCodes).where(inArray(viewingCodes.personKey, keys))
  return { ...t, keys, post, get, startRun, codesOf }
}

describe('viewing codes in two steps', () => {
  it('issues into a run: 未印刷 until the run is confirmed, then issued', async () => {
    const { keys, post, get, startRun, codesOf } = await setup()
    const before = await get('/status')
    const run = await startRun()
    const res = await post('/issue', { runId: run.id, personKeys: keys })
    expect(res.status).toBe(200)
    const { issued } = await json(res)
    expect(issued.map((i: { personKey: string }) => i.personKey).sort()).toEqual(keys)
    expect((await codesOf()).every((c) => c.runId === run.id && c.confirmedAt === null)).toBe(true)
    const mid = await get('/status')
    expect(mid.notPrinted - before.notPrinted).toBe(keys.length)
    expect(mid.issued).toBe(before.issued)
    expect(mid.withoutCode).toBe(mid.reissueQueue + mid.neverIssued)
    const confirmed = await json(await post(`/runs/${run.id}/confirm`, { codes: keys.length }))
    expect(confirmed).toMatchObject({
      confirmed: keys.length,
      run: { id: run.id, issued: keys.length },
    })
    expect(confirmed.run.confirmedAt).toEqual(expect.any(String))
    const after = await get('/status')
    expect(after.issued - before.issued).toBe(keys.length)
    expect(after.notPrinted).toBe(before.notPrinted)
    // The same persons again: they have live codes, nothing more is issued.
    const again = await startRun()
    expect(
      (await json(await post('/issue', { runId: again.id, personKeys: keys }))).issued,
    ).toEqual([])
  })

  it('refuses an issue without a run, into a closed run, or into another insurer’s run', async () => {
    const { keys, post, startRun, codesOf } = await setup()
    const missing = await post('/issue', { personKeys: keys })
    expect(missing.status).toBe(400)
    expect((await json(missing)).error.fields.runId).toEqual(expect.any(String))
    expect((await post('/issue', { runId: 'nope', personKeys: keys })).status).toBe(404)
    const theirs = await post('/runs', { kind: 'issue' }, 'operator2', M)
    const theirRun = (await json(theirs)).run.id
    expect((await post('/issue', { runId: theirRun, personKeys: keys })).status).toBe(404)
    // Revoked part-way: what it issued is revoked with it, and it issues nothing more.
    const run = await startRun()
    expect(
      (await json(await post('/issue', { runId: run.id, personKeys: keys.slice(0, 2) }))).issued,
    ).toHaveLength(2)
    const revoked = await json(await post(`/runs/${run.id}/revoke`))
    expect(revoked).toMatchObject({ revoked: 2 })
    const late = await post('/issue', { runId: run.id, personKeys: keys.slice(2) })
    expect(late.status).toBe(409)
    expect((await json(late)).error.detail.state).toBe('run_closed')
    const rows = await codesOf()
    expect(rows).toHaveLength(2)
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true)
    // Confirming a revoked run: 409; revoking it again: the same answer, repeated.
    const onRevoked = await post(`/runs/${run.id}/confirm`, { codes: 2 })
    expect(onRevoked.status).toBe(409)
    expect((await json(onRevoked)).error.detail.state).toBe('run_revoked')
    expect(await json(await post(`/runs/${run.id}/revoke`))).toMatchObject({
      revoked: 0,
      repeated: true,
    })
    // A confirmed run takes no more codes either.
    const done = await startRun()
    expect((await post(`/runs/${done.id}/confirm`, { codes: 0 })).status).toBe(200)
    expect((await post('/issue', { runId: done.id, personKeys: keys.slice(2) })).status).toBe(409)
  })

  it('confirms only with the run’s number of codes: another count is refused and nothing confirmed', async () => {
    const { keys, post, get, startRun, codesOf } = await setup(2)
    const run = await startRun()
    await post('/issue', { runId: run.id, personKeys: keys })
    for (const body of [{}, { codes: -1 }, { codes: 1.5 }, { codes: '2' }])
      expect((await post(`/runs/${run.id}/confirm`, body)).status, JSON.stringify(body)).toBe(400)
    for (const codes of [0, 1, 3]) {
      const res = await post(`/runs/${run.id}/confirm`, { codes })
      expect(res.status, String(codes)).toBe(409)
      expect((await json(res)).error).toMatchObject({
        code: 'wrong_state',
        detail: { state: 'count_mismatch' },
      })
    }
    expect((await codesOf()).every((c) => c.confirmedAt === null && c.revokedAt === null)).toBe(
      true,
    )
    const shown = (await get('/runs')).runs.find((r: { id: string }) => r.id === run.id)
    expect(shown).toMatchObject({ issued: 2, confirmedAt: null, revokedAt: null })
    expect(await json(await post(`/runs/${run.id}/confirm`, { codes: 2 }))).toMatchObject({
      confirmed: 2,
      run: { issued: 2 },
    })
    // Once confirmed, a repeat answers the same, whatever its count.
    expect(await json(await post(`/runs/${run.id}/confirm`, { codes: 2 }))).toMatchObject({
      confirmed: 2,
      repeated: true,
    })
  })

  it('never confirms a code that no answer held (a request that failed part-way)', async () => {
    const { keys, post, get, startRun, codesOf, h, demo } = await setup(3)
    const run = await startRun()
    const answered = (
      await json(await post('/issue', { runId: run.id, personKeys: keys.slice(0, 2) }))
    ).issued
    expect(answered).toHaveLength(2)
    // A third code in the run, as a request that failed after its INSERT leaves one: in no answer.
    const [one] = await codesOf()
    await demo.insert(viewingCodes).values({
      id: `lost-${keys[2]}`,
      insurerId: one.insurerId,
      personKey: keys[2],
      codeHash: one.codeHash,
      issuedAt: h.deps.now(),
      runId: run.id,
    })
    // The runs list counts it (not the run's own counter, which that request never updated) …
    const shown = (await get('/runs')).runs.find((r: { id: string }) => r.id === run.id)
    expect(shown.issued).toBe(3)
    // … and the confirm with the file's rows (the answered codes) is refused: nothing confirmed.
    const res = await post(`/runs/${run.id}/confirm`, { codes: answered.length })
    expect(res.status).toBe(409)
    expect((await json(res)).error.detail.state).toBe('count_mismatch')
    expect((await codesOf()).every((c) => c.confirmedAt === null)).toBe(true)
    // The client revokes the run: every code of it is void, its persons back in the re-issue queue.
    expect(await json(await post(`/runs/${run.id}/revoke`))).toMatchObject({ revoked: 3 })
    expect((await codesOf()).every((c) => c.revokedAt !== null)).toBe(true)
  })

  it('an issue that finds its run closed part-way revokes the codes it inserted (none left usable)', async () => {
    const { keys, startRun, codesOf, h, demo } = await setup(3)
    const run = await startRun()
    const [insurer] = await h.deps.db
      .select()
      .from(insurers)
      .where(eq(insurers.number, DEMO_INSURER.number))
    // Before the request's second INSERT runs, a confirm lands whose count (1) matches by chance.
    let inserts = 0
    const wrap = (x: unknown): unknown =>
      new Proxy(x as object, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver)
          if (typeof value !== 'function') return value
          if (prop === 'then')
            return (ok: (v: unknown) => unknown, no: (e: unknown) => unknown) =>
              (inserts === 2
                ? confirmRun(h.deps, { id: 'dev-admin' }, '127.0.0.1', insurer, run.id, 1)
                : Promise.resolve()
              ).then(() => value.call(target, ok, no))
          return (...args: unknown[]) => wrap(value.apply(target, args))
        },
      })
    // The insurer's database (issue 14): where the codes are inserted.
    const db = new Proxy(demo, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver)
        if (prop !== 'insert') return value
        return (...args: unknown[]) => {
          inserts++
          return wrap(value.apply(target, args))
        }
      },
    })
    await expect(
      issueViewingCodes({ ...h.deps, dbFor: async () => db } as typeof h.deps, insurer.id, {
        runId: run.id,
        personKeys: keys,
      }),
    ).rejects.toMatchObject({ code: 'wrong_state', extra: { detail: { state: 'run_closed' } } })
    expect(inserts).toBe(2)
    // The first code was confirmed by that confirm, but no answer held it: revoked all the same.
    const rows = await codesOf()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ runId: run.id, revokedAt: expect.any(Number) })
  })

  it('puts revoked runs’ persons in the re-issue queue, oldest first, with when', async () => {
    const { keys, post, get, startRun, h } = await setup(3)
    const before = await get('/status')
    const run = await startRun()
    await post('/issue', { runId: run.id, personKeys: keys })
    h.advance(1000)
    await post(`/runs/${run.id}/revoke`)
    const status = await get('/status')
    expect(status.reissueQueue - before.reissueQueue).toBe(3)
    expect(status.neverIssued - before.neverIssued).toBe(-3)
    const seen: { personKey: string; since: string; nameKana: string }[] = []
    let cursor = ''
    for (let page = 0; page < 100; page++) {
      const q = await get(`/queue${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`)
      seen.push(...q.persons)
      if (!q.next) break
      cursor = q.next
    }
    const mine = seen.filter((p) => keys.includes(p.personKey))
    expect(mine.map((p) => p.personKey)).toEqual(keys)
    expect(mine[0]).toMatchObject({
      nameKana: 'テスト　タロウ',
      since: new Date(h.deps.now()).toISOString(),
    })
    const sinces = seen.map((p) => p.since)
    expect([...sinces].sort()).toEqual(sinces)
    // Issuing for everyone without a code covers the queue too.
    const next = await startRun()
    const again = await json(await post('/issue', { runId: next.id, personKeys: keys }))
    expect(again.issued).toHaveLength(3)
  })

  it('revokes runs left unconfirmed for 30 minutes: the sweep, and a new run of the insurer', async () => {
    const { keys, post, startRun, codesOf, h, get, demo } = await setup(2)
    const run = await startRun()
    await post('/issue', { runId: run.id, personKeys: keys.slice(0, 1) })
    h.advance(29 * 60_000)
    await revokeStaleRuns(h.deps)
    expect((await codesOf()).every((r) => r.revokedAt === null)).toBe(true)
    h.advance(2 * 60_000)
    expect(await revokeStaleRuns(h.deps)).toBeGreaterThanOrEqual(1)
    expect((await codesOf()).every((r) => r.revokedAt !== null)).toBe(true)
    const runs = await get('/runs')
    const shown = runs.runs.find((r: { id: string }) => r.id === run.id)
    expect(shown).toMatchObject({ kind: 'issue', issued: 1, revokedAt: expect.any(String) })
    expect(shown.staffName).toEqual(expect.any(String))
    // The system's row is in the insurer's own audit log (issue 14), with the insurer.
    const audits = await demo
      .select()
      .from(insurerAuditLog)
      .where(eq(insurerAuditLog.action, 'codes.run_revoked'))
    expect(
      audits.some(
        (a) =>
          a.actorType === 'system' && a.detail.includes(run.id) && a.insurerId === DEMO_INSURER.id,
      ),
    ).toBe(true)
    // A new run starts after 30 minutes of another being left: the old one is revoked first.
    const left = await startRun()
    await post('/issue', { runId: left.id, personKeys: keys.slice(1) })
    h.advance(31 * 60_000)
    await startRun()
    expect((await codesOf()).every((r) => r.revokedAt !== null)).toBe(true)
  })

  it('judges a run stale by its last code, not its start: issuing for over 30 minutes is not voided', async () => {
    const { keys, post, startRun, codesOf, h } = await setup(2)
    const run = await startRun()
    h.advance(35 * 60_000)
    expect((await post('/issue', { runId: run.id, personKeys: keys.slice(0, 1) })).status).toBe(200)
    h.advance(5 * 60_000)
    // Started 40 minutes ago, its last code 5 minutes ago: neither the sweep nor a new run revokes it.
    await revokeStaleRuns(h.deps)
    const other = await startRun()
    expect((await codesOf()).every((r) => r.revokedAt === null)).toBe(true)
    expect((await post('/issue', { runId: run.id, personKeys: keys.slice(1) })).status).toBe(200)
    // Idle for 31 minutes: revoked, with the codes it issued.
    h.advance(31 * 60_000)
    expect(await revokeStaleRuns(h.deps)).toBeGreaterThanOrEqual(1)
    expect(await codesOf()).toHaveLength(2)
    expect((await codesOf()).every((r) => r.revokedAt !== null)).toBe(true)
    const late = await post(`/runs/${run.id}/confirm`, { codes: 2 })
    expect((await json(late)).error.detail.state).toBe('run_revoked')
    // A run that never issued is stale 30 minutes after its start.
    expect(
      (await json(await post(`/runs/${other.id}/confirm`, { codes: 0 }))).error.detail.state,
    ).toBe('run_revoked')
  })

  it('keeps another insurer’s operator out, also with a crafted run id', async () => {
    const { keys, post, startRun, call, codesOf } = await setup(1)
    const run = await startRun()
    await post('/issue', { runId: run.id, personKeys: keys })
    for (const [method, path, body] of [
      ['POST', '/codes/runs', { kind: 'issue' }],
      ['GET', '/codes/runs'],
      ['GET', '/codes/queue'],
      ['GET', '/codes/status'],
      ['POST', `/codes/runs/${run.id}/confirm`, { codes: 1 }],
      ['POST', `/codes/runs/${run.id}/revoke`, {}],
      ['POST', '/codes/issue', { runId: run.id, personKeys: keys }],
    ] as const)
      expect((await call(method, path, body, 'operator2')).status, `${method} ${path}`).toBe(403)
    for (const [path, body] of [
      [`/codes/runs/${run.id}/confirm`, { codes: 1 }],
      [`/codes/runs/${run.id}/revoke`, {}],
    ] as const)
      expect((await call('POST', path, body, 'operator2', M)).status, path).toBe(404)
    expect(
      (await call('POST', '/codes/issue', { runId: run.id, limit: 1 }, 'operator2', M)).status,
    ).toBe(404)
    const theirRuns = await json(await call('GET', '/codes/runs', undefined, 'operator2', M))
    expect(theirRuns.runs.map((r: { id: string }) => r.id)).not.toContain(run.id)
    // Untouched: still unconfirmed and live; a platform admin may confirm it.
    expect(await codesOf()).toMatchObject([{ revokedAt: null, confirmedAt: null }])
    expect((await post(`/runs/${run.id}/confirm`, { codes: 1 }, 'admin')).status).toBe(200)
  })
})
