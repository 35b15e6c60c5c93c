/**
 * Import records (issue 13): /api/ops/insurers/:number/imports…, and the batches that carry an import id.
 * Idempotent batches by (importId, seq), exact totals, resume, finish, the history, the rejection file,
 * the 90-day prune, and the scope: another insurer's operator reaches none of it.
 */
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { importBatches, imports, insurerAuditLog, rosterPersons } from '../../db/schema'
import { listImports, pruneImports } from '../services/imports'
import { DEMO_INSURER, json, longestRosterRows, ROSTER_HEADER as HEADER } from '../test/harness'
import { freshRows, M, opsData, uniquePrefix } from '../test/ops-data'

const AT_ONCE = 50

const newImport = (kind: 'roster' | 'checkups' = 'roster', extra: object = {}) => ({
  id: crypto.randomUUID(),
  kind,
  source: 'console',
  fileName: 'roster.csv',
  fileSize: 1234,
  fingerprint: 'aa:bb',
  ...extra,
})

/** A checkup of a roster person (the CSV's body height), as the CLI sends it. */
const checkup = (personKey: string, line: number, examDate = '2025-06-01') => ({
  ref: `line ${line}`,
  personKey,
  examDate,
  source: 'csv',
  results: [{ code: '9N001000000000001', type: 'raw', value: '160.1', unit: 'cm', line }],
})

async function setup() {
  const t = await opsData()
  const start = async (
    body = newImport(),
    who: 'operator' | 'admin' | 'operator2' = 'operator',
  ) => {
    const res = await t.call('POST', '/imports', body, who)
    return { res, body: await json(res), id: body.id }
  }
  const batch = (importId: string, seq: number, rows: unknown[], extra: object = {}) =>
    t.call('POST', '/roster/batches', { header: HEADER, rows, importId, seq, ...extra })
  const finish = (id: string, body: object = { outcome: 'complete', rowsRead: 0, blank: 0 }) =>
    t.call('POST', `/imports/${id}/finish`, body)
  return { ...t, start, batch, finish }
}

describe('import records', () => {
  it('starts an import once, finds it again by its id, and refuses another file under that id', async () => {
    const { start, call } = await setup()
    const body = newImport()
    const first = await start(body)
    expect(first.res.status).toBe(201)
    expect(first.body.import).toMatchObject({
      id: body.id,
      kind: 'roster',
      source: 'console',
      fileName: 'roster.csv',
      fileSize: 1234,
      outcome: null,
      staffName: expect.any(String),
      totals: { rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, blank: 0 },
      batches: 0,
      hasRejections: false,
    })
    expect(first.body.resume).toEqual({ seq: 0, lastLine: null, lastUnit: null })
    const again = await start(body)
    expect(again.res.status).toBe(200)
    expect(again.body.import.id).toBe(body.id)
    expect((await start({ ...body, fingerprint: 'other' })).res.status).toBe(409)
    expect((await start({ ...body, kind: 'checkups' })).res.status).toBe(409)
    // Another insurer's operator, the same id on their own insurer, which is in another database
    // (issue 14): an import of their own, that reveals nothing of the demo's, which stays as it was.
    const theirs = await call('POST', '/imports', body, 'operator2', M)
    expect(theirs.status).toBe(201)
    expect((await json(theirs)).import).toMatchObject({ id: body.id, batches: 0 })
    expect((await json(await call('GET', `/imports/${body.id}`))).import).toMatchObject({
      id: body.id,
      staffName: first.body.import.staffName,
    })
  })

  it('counts each batch once, answers a repeat with the stored answer, and says where to resume', async () => {
    const { start, batch, call, h, demo } = await setup()
    const { id } = await start()
    const p = uniquePrefix()
    const rows = freshRows(p, 30)
    const a1 = await json(await batch(id, 1, rows.slice(0, 10)))
    expect(a1).toEqual({ inserted: 10, updated: 0, unchanged: 0, rejected: [] })
    // seq 3 before 2: recorded, but the resume point stays at 1 until 2 comes.
    expect((await batch(id, 3, rows.slice(20, 30))).status).toBe(200)
    let detail = await json(await call('GET', `/imports/${id}`))
    expect(detail.resume).toEqual({ seq: 1, lastLine: 11, lastUnit: null })
    expect((await batch(id, 2, rows.slice(10, 20))).status).toBe(200)
    // A repeat of batch 1 (a retry whose answer was lost): the first answer, nothing counted again.
    const again = await json(await batch(id, 1, rows.slice(0, 10)))
    expect(again).toEqual({ ...a1, repeated: true })
    detail = await json(await call('GET', `/imports/${id}`))
    expect(detail.resume).toEqual({ seq: 3, lastLine: 31, lastUnit: null })
    expect(detail.import.totals).toMatchObject({ inserted: 30, updated: 0, unchanged: 0 })
    expect(detail.import.batches).toBe(3)
    const stored = await demo.select().from(importBatches).where(eq(importBatches.importId, id))
    expect(stored.map((b) => b.seq).sort()).toEqual([1, 2, 3])
    // No audit row per batch with an import id; one for the start.
    const audits = await demo
      .select()
      .from(insurerAuditLog)
      .where(eq(insurerAuditLog.action, 'roster.batch_imported'))
    expect(audits.filter((a) => a.detail.includes(p))).toEqual([])
  })

  it('takes a batch of only local rejections, and counts them in the totals', async () => {
    const { start, batch, call } = await setup()
    const { id } = await start()
    const local = [
      [2, '生年月日', '生年月日が正しくありません', 'roster.birth_date.invalid'],
      [3, '-', '文字化け', 'import.encoding'],
    ]
    const res = await batch(id, 1, [], { localRejections: local })
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual({ inserted: 0, updated: 0, unchanged: 0, rejected: [] })
    const detail = await json(await call('GET', `/imports/${id}`))
    expect(detail.import.totals.rejected).toBe(2)
    expect(detail.import.hasRejections).toBe(true)
    expect(detail.resume).toEqual({ seq: 1, lastLine: 3, lastUnit: null })
  })

  it('refuses what does not fit: seq without an import, empty rows without one, another kind, an unknown import', async () => {
    const { start, batch, call } = await setup()
    const rows = freshRows(uniquePrefix(), 1)
    const code = async (res: Response) => `${res.status} ${(await json(res)).error?.code ?? ''}`
    expect(
      await code(await call('POST', '/roster/batches', { header: HEADER, rows, seq: 1 })),
    ).toBe('400 validation')
    expect(
      await code(
        await call('POST', '/roster/batches', {
          header: HEADER,
          rows,
          importId: crypto.randomUUID(),
        }),
      ),
    ).toBe('400 validation')
    expect(await code(await call('POST', '/roster/batches', { header: HEADER, rows: [] }))).toBe(
      '400 validation',
    )
    expect(await code(await call('POST', '/checkups', { checkups: [] }))).toBe('400 validation')
    expect(await code(await batch(crypto.randomUUID(), 1, rows))).toBe('409 wrong_state')
    const { id } = await start(newImport('checkups'))
    expect(await code(await batch(id, 1, rows))).toBe('409 wrong_state')
    expect(
      await code(await call('POST', '/checkups', { checkups: [], importId: id, seq: 1 })),
    ).toBe('200 ')
    expect(await code(await call('POST', '/imports', { ...newImport(), id: 'not-a-uuid' }))).toBe(
      '400 validation',
    )
  })

  it('finishes once: the same outcome again is the same view, another is 409; a finished import takes nothing more', async () => {
    const { start, batch, finish, h, demo } = await setup()
    const body = newImport()
    const { id } = await start(body)
    const rows = freshRows(uniquePrefix(), 2)
    expect((await batch(id, 1, rows)).status).toBe(200)
    const done = await finish(id, { outcome: 'complete', rowsRead: 3, blank: 1, detected: 'utf-8' })
    expect(done.status).toBe(200)
    const view = (await json(done)).import
    expect(view).toMatchObject({
      outcome: 'complete',
      detected: 'utf-8',
      finishedAt: expect.any(String),
      totals: { rowsRead: 3, blank: 1, inserted: 2 },
    })
    const again = await finish(id, { outcome: 'complete', rowsRead: 3, blank: 1 })
    expect((await json(again)).import).toEqual(view)
    const other = await finish(id, { outcome: 'failed', rowsRead: 3, blank: 1 })
    expect(other.status).toBe(409)
    expect((await batch(id, 2, freshRows(uniquePrefix(), 1))).status).toBe(409)
    expect((await start(body)).res.status).toBe(409)
    const finished = await demo
      .select()
      .from(insurerAuditLog)
      .where(eq(insurerAuditLog.action, 'imports.finished'))
    expect(finished.filter((a) => a.detail.includes(id))).toHaveLength(1)
  })

  it('resumes an interrupted import: the start finds it, its batches still count once', async () => {
    const { start, batch, finish, call } = await setup()
    const body = newImport()
    const { id } = await start(body)
    const rows = freshRows(uniquePrefix(), 20)
    await batch(id, 1, rows.slice(0, 10))
    expect(
      (await json(await finish(id, { outcome: 'interrupted', rowsRead: 10, blank: 0 }))).import,
    ).toMatchObject({ outcome: 'interrupted', finishedAt: null })
    const resumed = await start(body)
    expect(resumed.res.status).toBe(200)
    expect(resumed.body.import.outcome).toBe(null)
    expect(resumed.body.resume).toEqual({ seq: 1, lastLine: 11, lastUnit: null })
    // The tab closed after sending batch 2 but before its answer: it is sent again after the resume.
    await batch(id, 2, rows.slice(10, 20))
    expect((await json(await batch(id, 2, rows.slice(10, 20)))).repeated).toBe(true)
    await finish(id, { outcome: 'complete', rowsRead: 20, blank: 0 })
    const detail = await json(await call('GET', `/imports/${id}`))
    expect(detail.import.totals).toMatchObject({ rowsRead: 20, inserted: 20, unchanged: 0 })
  })

  it('records checkup batches with their last unit', async () => {
    const { start, call } = await setup()
    const p = uniquePrefix()
    const roster = await start()
    await call('POST', '/roster/batches', {
      header: HEADER,
      rows: freshRows(p, 2),
      importId: roster.id,
      seq: 1,
    })
    const { id } = await start(newImport('checkups', { fileName: 'checkups.zip' }))
    const send = (seq: number, lastUnit: number) =>
      call('POST', '/checkups', {
        checkups: [checkup(`${p}00000`, 2), checkup(`${p}00001`, 3), checkup('NOBODY-HERE', 4)],
        importId: id,
        seq,
        lastUnit,
        localRejections: [['entry 7', '', '-', 'unreadable', 'import.zip.entry']],
      })
    const first = await json(await send(1, 7))
    expect(first).toMatchObject({ inserted: 2, replaced: 0, unchanged: 0 })
    expect(first.rejected).toHaveLength(1)
    expect(await json(await send(1, 7))).toEqual({ ...first, repeated: true })
    const detail = await json(await call('GET', `/imports/${id}`))
    expect(detail.resume).toEqual({ seq: 1, lastLine: 4, lastUnit: 7 })
    expect(detail.import.totals).toMatchObject({ inserted: 2, updated: 0, rejected: 2 })
  })

  it(`applies ${AT_ONCE} identical batches at once exactly once, and answers each the same`, async () => {
    const { start, batch, h, call, demo } = await setup()
    const { id } = await start()
    const p = uniquePrefix()
    const rows = freshRows(p, 20)
    const answers = await Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        const res = await batch(id, 1, rows)
        return { status: res.status, body: await json(res) }
      }),
    )
    expect(answers.map((a) => a.status)).toEqual(Array(AT_ONCE).fill(200))
    const bodies = answers.map(({ body: { repeated: _, ...rest } }) => rest)
    for (const b of bodies)
      expect(b).toEqual({ inserted: 20, updated: 0, unchanged: 0, rejected: [] })
    expect(answers.filter((a) => !a.body.repeated)).toHaveLength(1)
    const recorded = await demo.select().from(importBatches).where(eq(importBatches.importId, id))
    expect(recorded).toHaveLength(1)
    const detail = await json(await call('GET', `/imports/${id}`))
    expect(detail.import.totals.inserted).toBe(20)
    expect(detail.import.batches).toBe(1)
    const persons = await demo
      .select()
      .from(rosterPersons)
      .where(and(eq(rosterPersons.symbol, '77')))
    expect(persons.filter((r) => r.personKey.startsWith(p))).toHaveLength(20)
  })

  it(`finishes once when ${AT_ONCE} finishes come at once`, async () => {
    const { start, finish, h, demo } = await setup()
    const { id } = await start()
    const answers = await Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        const res = await finish(id, { outcome: 'complete', rowsRead: 0, blank: 0 })
        return `${res.status} ${(await json(res)).import?.outcome}`
      }),
    )
    expect(answers).toEqual(Array(AT_ONCE).fill('200 complete'))
    const finished = await demo
      .select()
      .from(insurerAuditLog)
      .where(eq(insurerAuditLog.action, 'imports.finished'))
    expect(finished.filter((a) => a.detail.includes(id))).toHaveLength(1)
  })

  it('lists the insurer’s imports newest first, in pages, for 90 days', async () => {
    const { start, call, h } = await setup()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      ids.push((await start()).id)
      h.advance(1000)
    }
    const list = await json(await call('GET', '/imports'))
    const shown = list.imports.map((i: { id: string }) => i.id)
    expect(shown.slice(0, 3)).toEqual([...ids].reverse())
    // 90 days later (the tokens have expired: the service itself).
    h.advance(91 * 86_400_000)
    const later = await listImports(h.deps, DEMO_INSURER.id)
    expect(later.imports.map((i) => i.id)).not.toContain(ids[0])
  })

  it('pages with the cursor', async () => {
    const { call, h } = await setup()
    for (let i = 0; i < 52; i++) {
      expect((await call('POST', '/imports', newImport())).status).toBe(201)
      h.advance(10)
    }
    expect((await call('GET', '/imports?cursor=x')).status).toBe(200)
    const first = await json(await call('GET', '/imports'))
    expect(first.imports).toHaveLength(50)
    expect(first.next).toEqual(expect.any(String))
    const second = await json(
      await call('GET', `/imports?cursor=${encodeURIComponent(first.next)}`),
    )
    expect(second.imports.length).toBeGreaterThanOrEqual(2)
    const ids = new Set([...first.imports, ...second.imports].map((i: { id: string }) => i.id))
    expect(ids.size).toBe(first.imports.length + second.imports.length)
  })

  it('writes the rejection file: BOM, CRLF, merged by line, Excel-safe, the file’s name', async () => {
    const { start, batch, call } = await setup()
    const { id } = await start(newImport('roster', { fileName: '名簿 "2026".csv' }))
    const p = uniquePrefix()
    const good = freshRows(p, 1, 3)
    const bad = freshRows(p + 'X', 1, 5).map((r) => ({
      ...r,
      fields: r.fields.map((f, i) => (i === 6 ? '1990-02-30' : f)),
    }))
    await batch(id, 1, [...good, ...bad], {
      localRejections: [
        [2, '氏名カナ', '=HYPERLINK("http://x")', 'roster.name.invalid'],
        [4, '-', 'say "hi"', 'import.row'],
      ],
    })
    const res = await call('GET', `/imports/${id}/rejected.csv`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const disposition = res.headers.get('Content-Disposition') ?? ''
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent('名簿 ').replace(/'/g, '%27')}`,
    )
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; /)
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes.slice(3))
    const lines = text.split('\r\n')
    expect(lines[0]).toBe('行番号,列,理由,コード')
    expect(lines[1]).toBe(`2,氏名カナ,"'=HYPERLINK(""http://x"")",roster.name.invalid`)
    expect(lines[2]).toBe(`4,-,"say ""hi""",import.row`)
    expect(lines[3]).toMatch(/^5,生年月日,.+,roster\.birth_date\.invalid$/)
    expect(lines[4]).toBe('')
    expect(text).not.toMatch(/[^\r]\n/)
  })

  it('keeps another insurer’s operator out, also with a crafted id; a platform admin reads any', async () => {
    const { start, call, batch, demo } = await setup()
    const { id } = await start()
    await batch(id, 1, freshRows(uniquePrefix(), 1))
    // On the demo insurer's URLs: 403, before anything is looked up.
    for (const [method, path, body] of [
      ['GET', '/imports'],
      ['GET', `/imports/${id}`],
      ['GET', `/imports/${id}/rejected.csv`],
      ['POST', `/imports/${id}/finish`, { outcome: 'failed', rowsRead: 0, blank: 0 }],
      ['POST', '/imports', newImport()],
    ] as const)
      expect((await call(method, path, body, 'operator2')).status, `${method} ${path}`).toBe(403)
    // On their own insurer's URLs with the demo insurer's id: 404, or the batch's 409 (as unknown).
    for (const [method, path, body] of [
      ['GET', `/imports/${id}`],
      ['GET', `/imports/${id}/rejected.csv`],
      ['POST', `/imports/${id}/finish`, { outcome: 'failed', rowsRead: 0, blank: 0 }],
    ] as const)
      expect((await call(method, path, body, 'operator2', M)).status, `${method} ${path}`).toBe(404)
    const crafted = await call(
      'POST',
      '/roster/batches',
      { header: HEADER, rows: freshRows(uniquePrefix(), 1), importId: id, seq: 2 },
      'operator2',
      M,
    )
    expect(crafted.status).toBe(409)
    const theirList = await json(await call('GET', '/imports', undefined, 'operator2', M))
    expect(theirList.imports.map((i: { id: string }) => i.id)).not.toContain(id)
    // The demo import is untouched.
    const mine = await json(await call('GET', `/imports/${id}`, undefined, 'admin'))
    expect(mine.import).toMatchObject({ outcome: null, batches: 1 })
  })

  it('prunes imports started more than 90 days ago, with their batches', async () => {
    const { start, batch, h, demo } = await setup()
    const { id } = await start()
    await batch(id, 1, freshRows(uniquePrefix(), 1))
    h.advance(89 * 86_400_000)
    await pruneImports(h.deps)
    expect(await demo.select().from(imports).where(eq(imports.id, id))).toHaveLength(1)
    h.advance(2 * 86_400_000)
    expect(await pruneImports(h.deps)).toBeGreaterThanOrEqual(1)
    expect(await demo.select().from(imports).where(eq(imports.id, id))).toHaveLength(0)
    expect(
      await demo.select().from(importBatches).where(eq(importBatches.importId, id)),
    ).toHaveLength(0)
  })
})

/**
 * Recorded batches under production D1's limits (a bound value over 2,000,000 bytes fails the whole
 * db.batch): a batch's answer and local rejections are stored as values, so a batch with many
 * rejections is recorded compactly (without the messages), or refused before any write (413), never a
 * 500; local rejections over 1,000,000 bytes are refused by the schema (400).
 */
describe('recorded batches at D1’s limits', () => {
  async function limited() {
    const t = await opsData({ d1Limits: true })
    const start = async (kind: 'roster' | 'checkups' = 'roster') => {
      const body = newImport(kind)
      expect((await t.call('POST', '/imports', body)).status).toBe(201)
      return body.id
    }
    const stored = async (id: string) =>
      t.demo.select().from(importBatches).where(eq(importBatches.importId, id))
    return { ...t, start, stored }
  }
  /** `n` roster rows from line 2, each with several bad fields (birth date, sex, relationship, dates, postal code). */
  const badRows = (n: number) =>
    freshRows(uniquePrefix(), n).map((r) => ({
      line: r.line,
      fields: r.fields.map((f, i) =>
        [
          '枝番',
          '氏名カナ',
          '生年月日',
          '性別',
          '続柄',
          '資格取得日',
          '資格喪失日',
          '郵便番号',
        ].includes(HEADER[i])
          ? 'ｘｘｘ'
          : f,
      ),
    }))
  const bytes = (text: string) => new TextEncoder().encode(text).length

  it('records a roster batch of 2,000 bad rows (200), its answer kept without the messages', async () => {
    const { start, call, stored } = await limited()
    const id = await start()
    const rows = badRows(2000)
    const res = await call('POST', '/roster/batches', {
      header: HEADER,
      rows,
      importId: id,
      seq: 1,
    })
    expect(res.status).toBe(200)
    const answer = await json(res)
    expect(answer.inserted).toBe(0)
    expect(answer.rejected.length).toBeGreaterThanOrEqual(2000 * 3)
    expect(answer.rejected[0]).toEqual({
      line: 2,
      column: expect.any(String),
      reason: expect.any(String),
      message: expect.any(String),
    })
    // Without importId the answer is larger than D1 takes as one value; its record is not.
    expect(bytes(JSON.stringify(answer))).toBeGreaterThan(2_000_000)
    const [row] = await stored(id)
    expect(bytes(row.answer)).toBeLessThan(1_800_000)
    expect(JSON.parse(row.answer).rejected[0]).not.toHaveProperty('message')
    // A repeat answers the same, messages included.
    const again = await call('POST', '/roster/batches', {
      header: HEADER,
      rows,
      importId: id,
      seq: 1,
    })
    expect(await json(again)).toEqual({ ...answer, repeated: true })
    const csv = await (await call('GET', `/imports/${id}/rejected.csv`)).text()
    expect(csv.split('\r\n').length).toBe(answer.rejected.length + 2)
  }, 60_000)

  it('records a checkup batch with many bad results, or refuses it whole (413) before writing', async () => {
    const { start, call, stored } = await limited()
    const p = uniquePrefix()
    await call('POST', '/roster/batches', { header: HEADER, rows: freshRows(p, 1) })
    const id = await start('checkups')
    const doc = (i: number, results: number) => ({
      ref: `line ${i}`,
      personKey: `${p}00000`,
      examDate: new Date(Date.UTC(2001, 0, 1 + i)).toISOString().slice(0, 10),
      source: 'csv',
      results: Array.from({ length: results }, (_, r) => ({
        code: '9N001000000000001',
        type: 'raw',
        value: '百六十',
        unit: 'cm',
        line: 2 + i * results + r,
      })),
    })
    // The console's default batch (200 checkups) with 65 bad results each: recorded.
    const some = await call('POST', '/checkups', {
      checkups: Array.from({ length: 200 }, (_, i) => doc(i, 65)),
      importId: id,
      seq: 1,
    })
    expect(some.status).toBe(200)
    const answer = await json(some)
    expect(answer.rejected).toHaveLength(200 * 65)
    expect(answer.rejected[0]).toEqual({
      ref: 'line 0',
      line: 2,
      code: '9N001000000000001',
      reason: 'checkup.value.number',
      message: expect.any(String),
    })
    // The CLI's largest (500 checkups) with 40 bad results each: 20,000 rejections, more than a record
    // holds even without the messages; refused in words, nothing written (it was a 500).
    const many = await call('POST', '/checkups', {
      checkups: Array.from({ length: 500 }, (_, i) => doc(i, 40)),
      importId: id,
      seq: 2,
    })
    expect(many.status).toBe(413)
    const error = (await json(many)).error
    expect(error.code).toBe('batch_too_many_rejections')
    expect(error.message).toContain('--batch')
    expect((await stored(id)).map((b) => b.seq)).toEqual([1])
  }, 60_000)

  it('refuses a roster batch whose rejections cannot be recorded (413), writing nothing', async () => {
    const { start, call, stored, h, demo } = await limited()
    const id = await start()
    // 2,000 bad rows and local rejections just under their limit: more than a record holds.
    const localRejections = Array.from({ length: 480 }, (_, i) => [
      i + 5000,
      'x'.repeat(1000),
      'y'.repeat(1000),
    ])
    const res = await call('POST', '/roster/batches', {
      header: HEADER,
      rows: badRows(2000),
      importId: id,
      seq: 1,
      localRejections,
    })
    expect(res.status).toBe(413)
    const error = (await json(res)).error
    expect(error.code).toBe('batch_too_many_rejections')
    expect(error.message).toContain('--batch')
    expect(await stored(id)).toEqual([])
    const [row] = await demo.select().from(imports).where(eq(imports.id, id))
    expect(row).toMatchObject({ batches: 0, rejected: 0 })
  }, 60_000)

  it('refuses local rejections over 1,000,000 bytes (400), writing nothing', async () => {
    const { start, call, stored } = await limited()
    const id = await start()
    const local = Array.from({ length: 700 }, (_, i) => [i + 2, 'x'.repeat(1000), 'y'.repeat(1000)])
    const res = await call('POST', '/roster/batches', {
      header: HEADER,
      rows: [],
      importId: id,
      seq: 1,
      localRejections: local,
    })
    expect(res.status).toBe(400)
    expect((await json(res)).error.code).toBe('validation')
    expect(await stored(id)).toEqual([])
    // Just under: recorded.
    const under = await call('POST', '/roster/batches', {
      header: HEADER,
      rows: [],
      importId: id,
      seq: 1,
      localRejections: local.slice(0, 450),
    })
    expect(under.status).toBe(200)
  })

  it('a batch after the finish writes no rows', async () => {
    const { start, call, h, demo } = await limited()
    const id = await start()
    expect(
      (await call('POST', `/imports/${id}/finish`, { outcome: 'failed', rowsRead: 0, blank: 0 }))
        .status,
    ).toBe(200)
    const p = uniquePrefix()
    const res = await call('POST', '/roster/batches', {
      header: HEADER,
      rows: freshRows(p, 3),
      importId: id,
      seq: 1,
    })
    expect(res.status).toBe(409)
    const written = await demo.select().from(rosterPersons).where(eq(rosterPersons.symbol, '77'))
    expect(written.filter((r) => r.personKey.startsWith(p))).toEqual([])
  })
})

describe('finishing with a long failure', () => {
  it('clips its parameters instead of refusing, so the import is closed', async () => {
    const { start, finish } = await setup()
    const { id } = await start()
    const params: Record<string, string | number> = { message: 'あ'.repeat(5000), status: 500 }
    for (let i = 0; i < 30; i++) params[`k${i}`] = i
    params['x'.repeat(60)] = 'y'
    const res = await finish(id, {
      outcome: 'failed',
      rowsRead: 1,
      blank: 0,
      failure: { key: 'import_internal', params },
    })
    expect(res.status).toBe(200)
    const view = (await json(res)).import
    expect(view.outcome).toBe('failed')
    expect(view.failure.key).toBe('import_internal')
    expect(view.failure.params.message).toBe('あ'.repeat(300))
    expect(view.failure.params.status).toBe(500)
    expect(Object.keys(view.failure.params)).toHaveLength(20)
  })
})
