/**
 * Test double of the operator API (docs/operator-api.md): the roster batch rules as a plain function (for
 * importRoster's `post`) and the same behind node:http (for the command line end to end). Only as much
 * validation as the tests need; the real rules live on the server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { BatchResult, Insurer, Rejection, RosterBatch } from '../client.ts'

const COLUMNS: Record<string, string> = {
  個人識別番号: 'person_key',
  保険者番号: 'insurer_number',
  記号: 'symbol',
  番号: 'number',
  枝番: 'branch',
  氏名カナ: 'name_kana',
  生年月日: 'birth_date',
  性別: 'sex',
  続柄: 'relationship',
  資格取得日: 'valid_from',
  資格喪失日: 'valid_to',
  郵便番号: 'postal_code',
  住所: 'address',
}
const REQUIRED = [
  'person_key',
  'insurer_number',
  'number',
  'name_kana',
  'birth_date',
  'sex',
  'relationship',
]

function validDate(s: string): boolean {
  const m = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})$/.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]
}

export class HttpError extends Error {
  status: number
  code: string
  extra: Record<string, unknown>
  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message)
    this.status = status
    this.code = code
    this.extra = extra
  }
}

/** person_key → the row's values, per insurer. */
export type RosterStore = Map<string, Map<string, string>>

export function rosterBatch(store: RosterStore, insurer: string, batch: RosterBatch): BatchResult {
  const names = batch.header.map((h) => COLUMNS[h.trim()] ?? h.trim().toLowerCase())
  const missing = REQUIRED.filter((c) => !names.includes(c))
  if (missing.length > 0) {
    throw new HttpError(400, 'roster_header', 'The roster header row is not right', {
      detail: { missing, unknown: [], duplicate: [] },
    })
  }
  // with an import record, a batch may hold only the client's own rejections (no rows)
  const tagged = (batch as { importId?: string }).importId !== undefined
  if ((batch.rows.length < 1 && !tagged) || batch.rows.length > 2000)
    throw new HttpError(400, 'validation', '1–2000 rows')
  let people = store.get(insurer)
  if (!people) store.set(insurer, (people = new Map()))
  const result: BatchResult = { inserted: 0, updated: 0, unchanged: 0, rejected: [] }
  const good: [string, string][] = []
  for (const row of batch.rows) {
    const get = (c: string) => (row.fields[names.indexOf(c)] ?? '').trim()
    const col = (c: string) => batch.header[names.indexOf(c)]
    const problems: Rejection[] = []
    const reject = (c: string, reason: string, message: string) =>
      problems.push({ line: row.line, column: col(c), reason, message })
    for (const c of REQUIRED) if (get(c) === '') reject(c, 'required', `${col(c)} is required`)
    if (get('insurer_number') && get('insurer_number') !== insurer) {
      reject('insurer_number', 'insurer_mismatch', `not this insurer's number`)
    }
    if (get('birth_date') && !validDate(get('birth_date')))
      reject('birth_date', 'invalid_date', 'not a date')
    if (get('sex') && !['1', '2'].includes(get('sex')))
      reject('sex', 'invalid_code', 'must be 1 or 2')
    if (get('name_kana') && !/^[\u30a0-\u30ff\u3000 ]+$/.test(get('name_kana'))) {
      reject('name_kana', 'not_katakana', 'full-width katakana only')
    }
    if (problems.length > 0) result.rejected.push(...problems)
    else
      good.push([
        get('person_key'),
        JSON.stringify(names.map((_, i) => (row.fields[i] ?? '').trim())),
      ])
  }
  for (const [key, value] of good) {
    const before = people.get(key)
    if (before === undefined) result.inserted++
    else if (before === value) result.unchanged++
    else result.updated++
    people.set(key, value)
  }
  return result
}

export type Staff = { id: string; name: string; role: 'admin' | 'operator'; insurer: string | null }

export type FakeServer = {
  url: string
  server: Server
  store: RosterStore
  insurers: Map<string, Insurer>
  requests: {
    method: string
    path: string
    authorization: string | undefined
    language: string | undefined
    body: unknown
  }[]
  /** Answer the next n roster batches with this status (e.g. 503). */
  failNext: { status: number; count: number }
  /** Import records (POST …/imports), by id: what was started, each batch's answer by seq, the finish. */
  imports: Map<string, FakeImport>
  /** Answer 404 to import records, as a server from before them. */
  noImports: boolean
  close(): Promise<void>
}

export type FakeImport = {
  insurer: string
  start: Record<string, unknown>
  batches: Map<number, unknown>
  finish: Record<string, unknown> | null
}

export async function startFakeServer(tokens: Record<string, Staff>): Promise<FakeServer> {
  const store: RosterStore = new Map()
  const insurers = new Map<string, Insurer>()
  insurers.set('06139992', {
    number: '06139992',
    name: 'デモ健康保険組合',
    insuredOnly: false,
    dependentMaxAge: null,
    maintenance: false,
    maintenanceMessage: null,
    maintenanceUntil: null,
    allowedCidrs: [],
    allowlistFailureLimit: 20,
  })
  const fake = {
    store,
    insurers,
    requests: [],
    failNext: { status: 0, count: 0 },
    imports: new Map(),
    noImports: false,
  } as unknown as FakeServer

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    try {
      const chunks: Buffer[] = []
      for await (const c of req) chunks.push(c as Buffer)
      const raw = Buffer.concat(chunks).toString('utf8')
      const body = raw ? JSON.parse(raw) : undefined
      const path = new URL(req.url ?? '/', 'http://x').pathname
      fake.requests.push({
        method: req.method ?? '',
        path,
        authorization: req.headers.authorization,
        language: req.headers['accept-language'],
        body,
      })
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
      const staff = token ? tokens[token] : undefined
      if (!staff) throw new HttpError(401, 'unauthenticated', 'no or bad token')
      if (
        req.method !== 'GET' &&
        !(req.headers['content-type'] ?? '').includes('application/json')
      ) {
        throw new HttpError(415, 'unsupported_media_type', 'JSON only')
      }
      const own = (n: string) => {
        if (staff.role !== 'admin' && staff.insurer !== n)
          throw new HttpError(403, 'forbidden', 'not your insurer')
        const found = insurers.get(n)
        if (!found) throw new HttpError(404, 'not_found', `no insurer ${n}`)
        return found
      }
      let m: RegExpExecArray | null
      if (req.method === 'GET' && path === '/api/ops/whoami') return send(200, { staff })
      if (req.method === 'GET' && path === '/api/ops/insurers') {
        const all = [...insurers.values()].filter(
          (i) => staff.role === 'admin' || i.number === staff.insurer,
        )
        return send(200, { insurers: all })
      }
      if (req.method === 'POST' && path === '/api/ops/insurers') {
        if (staff.role !== 'admin') throw new HttpError(403, 'forbidden', 'admins only')
        if (insurers.has(body.number)) throw new HttpError(409, 'conflict', 'exists')
        const insurer: Insurer = {
          insuredOnly: false,
          dependentMaxAge: null,
          maintenance: false,
          allowedCidrs: [],
          allowlistFailureLimit: 20,
          ...body,
        }
        insurers.set(insurer.number, insurer)
        return send(201, { insurer })
      }
      if (req.method === 'PATCH' && (m = /^\/api\/ops\/insurers\/([^/]+)$/.exec(path))) {
        const insurer = { ...own(m[1]), ...body, number: m[1] }
        insurers.set(m[1], insurer)
        return send(200, { insurer })
      }
      if (
        req.method === 'POST' &&
        (m = /^\/api\/ops\/insurers\/([^/]+)\/roster\/batches$/.exec(path))
      ) {
        own(m[1])
        if (fake.failNext.count > 0) {
          fake.failNext.count--
          throw new HttpError(fake.failNext.status, 'unavailable', 'try again')
        }
        const record = body.importId ? fake.imports.get(body.importId) : undefined
        if (body.importId && (!record || record.insurer !== m[1] || record.finish))
          throw new HttpError(409, 'wrong_state', 'no open import')
        const repeated = record?.batches.get(body.seq)
        if (repeated) return send(200, { ...(repeated as object), repeated: true })
        const answer = rosterBatch(store, m[1], body)
        record?.batches.set(body.seq, answer)
        return send(200, answer)
      }
      if (req.method === 'POST' && (m = /^\/api\/ops\/insurers\/([^/]+)\/imports$/.exec(path))) {
        if (fake.noImports) throw new HttpError(404, 'not_found', 'no such route')
        own(m[1])
        const known = fake.imports.get(body.id)
        if (known && (known.insurer !== m[1] || known.start.fingerprint !== body.fingerprint))
          throw new HttpError(409, 'conflict', 'another import')
        const record = known ?? { insurer: m[1], start: body, batches: new Map(), finish: null }
        fake.imports.set(body.id, record)
        let seq = 0
        while (record.batches.has(seq + 1)) seq++
        return send(known ? 200 : 201, {
          import: { id: body.id },
          resume: { seq, lastLine: null, lastUnit: null },
        })
      }
      if (
        req.method === 'POST' &&
        (m = /^\/api\/ops\/insurers\/([^/]+)\/imports\/([^/]+)\/finish$/.exec(path))
      ) {
        if (fake.noImports) throw new HttpError(404, 'not_found', 'no such route')
        own(m[1])
        const record = fake.imports.get(m[2])
        if (!record || record.insurer !== m[1]) throw new HttpError(404, 'not_found', 'no import')
        record.finish = body
        return send(200, { import: { id: m[2], outcome: body.outcome } })
      }
      throw new HttpError(404, 'not_found', 'no such route')
    } catch (err) {
      if (err instanceof HttpError)
        send(err.status, { error: { code: err.code, message: err.message, ...err.extra } })
      else send(500, { error: { code: 'internal', message: String(err) } })
    }
  }

  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  fake.url = `http://127.0.0.1:${port}`
  fake.server = server
  fake.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections()
      server.close(() => r())
    })
  return fake
}
