/**
 * The operator API's import routes as the worker sees them (docs/operator-api.md, "Import records"),
 * in memory, for the job's Node tests: import records with their batches by (import, seq), a repeat
 * answered from the record, roster rows upserted by person key, checkups by person and date, finish.
 * Every request body is kept, so a test asserts what the worker sent. It is the contract's behaviour,
 * not the server's code: the server's own tests (worker/routes/ops.imports*.test.ts) cover the server.
 */
import type { Fetch } from '../post-batch'
import type { ImportView, ResumePoint } from '../protocol'

type Batch = { seq: number; lastLine: number | null; lastUnit: number | null; answer: unknown }
type Record = { view: ImportView; fingerprint: string; batches: Map<number, Batch> }

export type Sent = { method: string; path: string; body: any }

export function fakeImportApi(
  options: {
    /** Answer this instead of the real thing (a failure on the way, a 401), by request. */
    fault?: (sent: Sent, n: number) => Response | Error | null
  } = {},
) {
  const imports = new Map<string, Record>()
  const roster = new Map<string, string>()
  const checkups = new Map<string, string>()
  const sent: Sent[] = []

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    })
  const refuse = (status: number, code: string, message = code) =>
    json(status, { error: { code, message } })

  const resumeOf = (r: Record): ResumePoint => {
    let seq = 0
    while (r.batches.has(seq + 1)) seq++
    const last = r.batches.get(seq)
    return { seq, lastLine: last?.lastLine ?? null, lastUnit: last?.lastUnit ?? null }
  }

  const fetch: Fetch = async (url, init) => {
    const method = init?.method ?? 'GET'
    const path = new URL(url, 'http://localhost').pathname
    const body = init?.body ? JSON.parse(String(init.body)) : undefined
    const entry = { method, path, body }
    sent.push(entry)
    const fault = options.fault?.(entry, sent.length)
    if (fault instanceof Error) throw fault
    if (fault) return fault

    let m = /^\/api\/ops\/insurers\/(\d{8})\/imports$/.exec(path)
    if (m && method === 'POST') {
      const found = imports.get(body.id)
      if (found) {
        if (found.view.kind !== body.kind || found.fingerprint !== body.fingerprint)
          return refuse(409, 'conflict')
        if (found.view.outcome === 'complete' || found.view.outcome === 'failed')
          return refuse(409, 'wrong_state')
        found.view.outcome = null
        return json(200, { import: found.view, resume: resumeOf(found) })
      }
      const view: ImportView = {
        id: body.id,
        kind: body.kind,
        source: body.source,
        fileName: body.fileName,
        fileSize: body.fileSize,
        detected: null,
        staffName: 'テスト 担当',
        startedAt: new Date(0).toISOString(),
        finishedAt: null,
        outcome: null,
        failure: null,
        totals: { rowsRead: 0, blank: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 },
        batches: 0,
        hasRejections: false,
      }
      const record = { view, fingerprint: body.fingerprint, batches: new Map() }
      imports.set(body.id, record)
      return json(201, { import: view, resume: resumeOf(record) })
    }
    m = /^\/api\/ops\/insurers\/(\d{8})\/imports\/([^/]+)\/finish$/.exec(path)
    if (m && method === 'POST') {
      const r = imports.get(decodeURIComponent(m[2]))
      if (!r) return refuse(404, 'not_found')
      if (r.view.outcome === 'complete' || r.view.outcome === 'failed') {
        if (r.view.outcome !== body.outcome) return refuse(409, 'wrong_state')
        return json(200, { import: r.view })
      }
      r.view.outcome = body.outcome
      r.view.totals.rowsRead = body.rowsRead
      r.view.totals.blank = body.blank
      r.view.detected = body.detected ?? null
      r.view.failure = body.failure ?? null
      r.view.finishedAt = new Date(0).toISOString()
      return json(200, { import: r.view })
    }
    m = /^\/api\/ops\/insurers\/(\d{8})\/(roster\/batches|checkups)$/.exec(path)
    if (m && method === 'POST') {
      const r = imports.get(body.importId)
      if (!r) return refuse(409, 'wrong_state')
      const repeat = r.batches.get(body.seq)
      if (repeat) return json(200, { ...(repeat.answer as object), repeated: true })
      const local = (body.localRejections ?? []).length
      let answer: { inserted: number; updated: number; unchanged: number; rejected: unknown[] }
      let lastLine: number | null = null
      if (m[2] === 'roster/batches') {
        answer = { inserted: 0, updated: 0, unchanged: 0, rejected: [] }
        const key = (body.header as string[]).findIndex((h) => /個人識別番号|person_key/.test(h))
        for (const row of body.rows as { line: number; fields: string[] }[]) {
          const value = row.fields.join(',')
          const before = roster.get(row.fields[key])
          roster.set(row.fields[key], value)
          if (before === undefined) answer.inserted++
          else if (before === value) answer.unchanged++
          else answer.updated++
          lastLine = row.line
        }
        for (const l of body.localRejections ?? []) lastLine = Math.max(lastLine ?? 0, Number(l[0]))
      } else {
        answer = { inserted: 0, updated: 0, unchanged: 0, rejected: [] }
        for (const c of body.checkups as {
          personKey?: string
          card?: { number: string }
          examDate: string
        }[]) {
          const k = `${c.personKey ?? c.card?.number}:${c.examDate}`
          const v = JSON.stringify(c)
          const before = checkups.get(k)
          checkups.set(k, v)
          if (before === undefined) answer.inserted++
          else if (before === v) answer.unchanged++
          else answer.updated++
        }
      }
      const shaped =
        m[2] === 'roster/batches'
          ? answer
          : {
              inserted: answer.inserted,
              replaced: answer.updated,
              unchanged: answer.unchanged,
              rejected: [],
            }
      r.batches.set(body.seq, {
        seq: body.seq,
        lastLine,
        lastUnit: body.lastUnit ?? null,
        answer: shaped,
      })
      const t = r.view.totals
      t.inserted += answer.inserted
      t.updated += answer.updated
      t.unchanged += answer.unchanged
      t.rejected += local
      r.view.batches++
      if (local > 0) r.view.hasRejections = true
      return json(200, shaped)
    }
    return refuse(404, 'not_found')
  }

  return {
    fetch,
    sent,
    imports,
    roster,
    checkups,
    batchesOf: (kind: 'roster' | 'checkups') =>
      sent.filter((s) => s.path.endsWith(kind === 'roster' ? '/roster/batches' : '/checkups')),
  }
}
