/**
 * The operator API client (docs/operator-api.md): where to connect, which token to use, and the calls.
 * Tokens are never printed: they go only into the Authorization header.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { hc, type ClientResponse, type InferRequestType } from 'hono/client'
import type { StaffAppType } from '../worker/app.ts'
import { OpsError, UsageError } from './errors.ts'

export const DEFAULT_URL = 'http://localhost:8787'
export const DEFAULT_DEV_TOKENS = '.wrangler/state/dev-ops-tokens.json'

export type Role = 'admin' | 'operator'

export type Connection = {
  url: string
  token: string
  tokenSource: 'flag' | 'env' | 'dev-file'
}

export type ConnectionOptions = {
  url?: string
  token?: string
  as?: string
  env?: Record<string, string | undefined>
  cwd?: string
}

/** http on localhost, 127.0.0.0/8 or [::1]: a development server. */
export function isLocalUrl(url: string): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (u.protocol !== 'http:') return false
  const host = u.hostname
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** --url / KENSHIN_URL / default; --token / KENSHIN_TOKEN; against a local server without a token, the
 * development token file (`KENSHIN_DEV_TOKENS`, default .wrangler/state/dev-ops-tokens.json). */
export function resolveConnection(options: ConnectionOptions = {}): Connection {
  const env = options.env ?? process.env
  const raw = (options.url ?? env.KENSHIN_URL ?? DEFAULT_URL).trim()
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new UsageError('bad_url', { url: raw })
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new UsageError('bad_url', { url: raw })
  const url = parsed.origin + parsed.pathname.replace(/\/+$/, '')

  if (options.as !== undefined && options.as !== 'admin' && options.as !== 'operator') {
    throw new UsageError('bad_flag_value', {
      flag: '--as',
      value: options.as,
      expected: 'admin | operator',
    })
  }
  const explicit = options.token ?? env.KENSHIN_TOKEN
  if (explicit !== undefined && explicit !== '') {
    if (options.as !== undefined) throw new UsageError('as_needs_dev_token')
    return {
      url,
      token: explicit.trim(),
      tokenSource: options.token !== undefined ? 'flag' : 'env',
    }
  }
  if (!isLocalUrl(url)) throw new OpsError('no_token')

  const role: Role = options.as === 'operator' ? 'operator' : 'admin'
  const file = resolve(options.cwd ?? process.cwd(), env.KENSHIN_DEV_TOKENS || DEFAULT_DEV_TOKENS)
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    const reason = (err as { code?: string }).code ?? 'JSON'
    throw new OpsError('no_dev_token', { file, reason })
  }
  const token = (data as Record<string, unknown> | null)?.[role]
  if (typeof token !== 'string' || token === '')
    throw new OpsError('dev_token_missing_role', { file, role })
  return { url, token, tokenSource: 'dev-file' }
}

/** The operator API's typed client (`hc<StaffAppType>`): paths, bodies and answers from its routes. */
type OpsClient = ReturnType<typeof hc<StaffAppType>>['api']['ops']
type InsurerRoutes = OpsClient['insurers'][':number']
/** The answer's body type of a typed client call. */
type Answer<R> = R extends ClientResponse<infer T, infer _S, infer _F> ? T : never
type AnswerOf<F extends (...args: never[]) => Promise<unknown>> = Answer<Awaited<ReturnType<F>>>
type JsonOf<F> = InferRequestType<F> extends { json: infer J } ? J : never

export type Staff = AnswerOf<OpsClient['whoami']['$get']>['staff']
export type Insurer = AnswerOf<OpsClient['insurers']['$get']>['insurers'][number]
export type InsurerFields = JsonOf<InsurerRoutes['$patch']>
export type InsurerCreate = JsonOf<OpsClient['insurers']['$post']>
/** POST /api/ops/insurers/:number/roster/batches: a header and up to a batch of numbered rows. */
export type RosterBatch = JsonOf<InsurerRoutes['roster']['batches']['$post']>
export type RosterRow = RosterBatch['rows'][number]
export type BatchResult = AnswerOf<InsurerRoutes['roster']['batches']['$post']>
export type Rejection = BatchResult['rejected'][number]
/** POST /api/ops/insurers/:number/checkups (core/checkup-import.ts CheckupBatchBody: 1–500 checkups). */
export type CheckupBatch = JsonOf<InsurerRoutes['checkups']['$post']>
export type CheckupBatchResult = AnswerOf<InsurerRoutes['checkups']['$post']>
/** A checkup the server refused, whole: `ref` as sent, the result's `line` and item `code` when one is at fault. */
export type CheckupProblem = CheckupBatchResult['rejected'][number]
/** POST /api/ops/insurers/:number/codes/issue: to persons without a live code (`limit` ≤ 50), or to the named
 * persons (≤ 50; `reissue` revokes their live codes first). */
export type CodesIssueRequest = JsonOf<InsurerRoutes['codes']['issue']['$post']>
/** One issued viewing code, for the postcard print file; the plain code is returned this once only. */
export type IssuedCode = AnswerOf<InsurerRoutes['codes']['issue']['$post']>['issued'][number]
/** Live codes of an insurer (issued, of them used and locked) and roster persons without one. */
export type CodeStatus = AnswerOf<InsurerRoutes['codes']['status']['$get']>

export type ClientOptions = {
  fetch?: typeof fetch
  /** Sent as Accept-Language: the server words its messages (rejections too) in it. */
  lang?: 'ja' | 'en'
  /** Per request. */
  timeoutMs?: number
  /** Waits before each retry of an idempotent roster batch (network error, 429, 502, 503, 504). */
  retryDelaysMs?: number[]
}

type ErrorBody = {
  error?: { code?: unknown; message?: unknown; detail?: unknown; fields?: unknown }
}

/** `detail` (e.g. roster_header: missing, unknown, duplicate columns) and `fields` (validation) in one line. */
export function errorDetails(error: ErrorBody['error']): string {
  const parts: string[] = []
  for (const extra of [error?.detail, error?.fields]) {
    if (!extra || typeof extra !== 'object') continue
    for (const [key, value] of Object.entries(extra as Record<string, unknown>)) {
      if (Array.isArray(value)) {
        if (value.length > 0) parts.push(`${key}: ${value.join(', ')}`)
      } else if (typeof value === 'string' && value !== '') parts.push(`${key}: ${value}`)
    }
  }
  return parts.join('; ')
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504])

class Retryable extends Error {
  inner: OpsError
  constructor(inner: OpsError) {
    super(inner.message)
    this.inner = inner
  }
}

export class ApiClient {
  connection: Connection
  fetchImpl: typeof fetch
  timeoutMs: number
  retryDelaysMs: number[]
  lang: 'ja' | 'en'
  /** The operator API through Hono's typed client; every call goes out through `fetchImpl`. */
  ops: OpsClient

  constructor(connection: Connection, options: ClientOptions = {}) {
    this.connection = connection
    this.lang = options.lang ?? 'ja'
    this.fetchImpl = options.fetch ?? fetch
    this.timeoutMs = options.timeoutMs ?? 120_000
    this.retryDelaysMs = options.retryDelaysMs ?? [1000, 3000, 10_000]
    this.ops = hc<StaffAppType>(connection.url, {
      headers: () => ({
        accept: 'application/json',
        'accept-language': this.lang,
        authorization: `Bearer ${this.connection.token}`,
      }),
      fetch: (input: RequestInfo | URL, init?: RequestInit) =>
        this.fetchImpl(input, { ...init, signal: AbortSignal.timeout(this.timeoutMs) }),
    }).api.ops
  }

  async whoami(): Promise<Staff> {
    return (await this.request(() => this.ops.whoami.$get())).staff
  }

  async listInsurers(): Promise<Insurer[]> {
    return (await this.request(() => this.ops.insurers.$get())).insurers
  }

  async createInsurer(insurer: InsurerCreate): Promise<Insurer> {
    return (await this.request(() => this.ops.insurers.$post({ json: insurer }))).insurer
  }

  async updateInsurer(number: string, fields: InsurerFields): Promise<Insurer> {
    const insurer = this.ops.insurers[':number']
    return (await this.request(() => insurer.$patch({ param: { number }, json: fields }))).insurer
  }

  /** One roster batch; the server commits it as one transaction and a repeat changes nothing, so transient
   * failures are retried. */
  postRosterBatch(number: string, batch: RosterBatch): Promise<BatchResult> {
    const batches = this.ops.insurers[':number'].roster.batches
    return this.retried(() => batches.$post({ param: { number }, json: batch }), checkBatchResult)
  }

  /** One batch of checkups; the same checkup again changes nothing, so transient failures are retried. */
  postCheckupBatch(number: string, batch: CheckupBatch): Promise<CheckupBatchResult> {
    const checkups = this.ops.insurers[':number'].checkups
    return this.retried(
      () => checkups.$post({ param: { number }, json: batch }),
      checkCheckupBatchResult,
    )
  }

  /** Issues viewing codes. Never retried: a repeat would issue other codes, and the answer holds the only copy
   * of the plain codes. */
  async issueCodes(number: string, request: CodesIssueRequest): Promise<IssuedCode[]> {
    const issue = this.ops.insurers[':number'].codes.issue
    return checkIssued(await this.request(() => issue.$post({ param: { number }, json: request })))
  }

  async codeStatus(number: string): Promise<CodeStatus> {
    const status = this.ops.insurers[':number'].codes.status
    const body = await this.request(() => status.$get({ param: { number } }))
    const n = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0
    if (!n(body.issued) || !n(body.used) || !n(body.locked) || !n(body.withoutCode)) {
      throw new OpsError('bad_response', { status: 200, contentType: 'application/json' })
    }
    return {
      issued: body.issued,
      used: body.used,
      locked: body.locked,
      withoutCode: body.withoutCode,
      notPrinted: n(body.notPrinted) ? body.notPrinted : 0,
      reissueQueue: n(body.reissueQueue) ? body.reissueQueue : 0,
      neverIssued: n(body.neverIssued) ? body.neverIssued : 0,
    }
  }

  /** A call that may be repeated: network errors, 429, 502, 503 and 504 are retried after retryDelaysMs. */
  async retried<R extends ClientResponse<unknown>>(
    send: () => Promise<R>,
    check: (answer: Answer<R>) => Answer<R>,
  ): Promise<Answer<R>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return check(await this.request(send, true))
      } catch (err) {
        if (!(err instanceof Retryable)) throw err
        if (attempt >= this.retryDelaysMs.length) throw err.inner
        await new Promise((r) => setTimeout(r, this.retryDelaysMs[attempt]))
      }
    }
  }

  // issue 14, F
  /** How long, at most, a call waits out an insurer held by a move (503 insurer_busy + Retry-After). */
  busyWaitMs = 60_000

  /**
   * Sends again, after the Retry-After asked (≤ 5 s), while the answer is 503 insurer_busy: the
   * insurer's data is being moved (docs/scale.md) and the write was refused whole, so a repeat is safe.
   */
  async waitWhileBusy<R extends ClientResponse<unknown>>(send: () => Promise<R>): Promise<R> {
    const until = Date.now() + this.busyWaitMs
    for (;;) {
      const response = await send()
      const after = Number(response.headers.get('retry-after') ?? NaN)
      if (response.status !== 503 || !Number.isFinite(after) || Date.now() >= until) return response
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as ErrorBody | null
      if (body?.error?.code !== 'insurer_busy') return response
      await response.body?.cancel().catch(() => {})
      await new Promise((r) => setTimeout(r, Math.min(Math.max(after, 0.1) * 1000, 5_000)))
    }
  }

  /** One call: its JSON answer, or the OpsError that says what went wrong (in the CLI's words). */
  async request<R extends ClientResponse<unknown>>(
    send: () => Promise<R>,
    retryable = false,
  ): Promise<Answer<R>> {
    let response: R
    try {
      response = await this.waitWhileBusy(send)
    } catch (err) {
      const e = err as {
        name?: string
        cause?: { code?: string; message?: string }
        message?: string
      }
      const fatal =
        e.name === 'TimeoutError'
          ? new OpsError('timeout', {
              url: this.connection.url,
              seconds: Math.round(this.timeoutMs / 1000),
            })
          : new OpsError('unreachable', {
              url: this.connection.url,
              detail: e.cause?.code ?? e.cause?.message ?? e.message ?? String(err),
            })
      // a refused connection fails at once; a dropped one may be a restart or a blip
      if (retryable && e.cause?.code !== 'ECONNREFUSED' && e.cause?.code !== 'ENOTFOUND')
        throw new Retryable(fatal)
      throw fatal
    }

    const contentType = response.headers.get('content-type') ?? ''
    let json: unknown = undefined
    if (contentType.includes('json')) {
      try {
        json = await response.json()
      } catch {
        json = undefined
      }
    } else {
      await response.body?.cancel().catch(() => {})
    }
    if (response.ok) {
      if (json === undefined || json === null || typeof json !== 'object') {
        throw new OpsError('bad_response', {
          status: response.status,
          contentType: contentType || '-',
        })
      }
      return json as Answer<R>
    }

    const error = (json as ErrorBody | undefined)?.error
    const code = typeof error?.code === 'string' ? error.code : ''
    const details = errorDetails(error)
    const text = typeof error?.message === 'string' ? error.message : response.statusText || '-'
    const message = details ? `${text} (${details})` : text
    let fatal: OpsError
    if (response.status === 401) {
      fatal = new OpsError(
        this.connection.tokenSource === 'dev-file' ? 'unauthenticated_dev' : 'unauthenticated',
      )
    } else if (response.status === 403) fatal = new OpsError('forbidden', { message, code })
    else if (response.status === 404 && code) fatal = new OpsError('not_found', { message, code })
    // A recorded batch with more rejections than its record holds: the server's own words (a smaller
    // --batch, or a fixed file); any other 413 is the body's size.
    else if (response.status === 413 && code !== 'batch_too_many_rejections')
      fatal = new OpsError('too_large', { code })
    else if (json === undefined) {
      fatal = new OpsError('bad_response', {
        status: response.status,
        contentType: contentType || '-',
      })
    } else
      fatal = new OpsError('api_error', { status: response.status, code: code || '-', message })
    if (retryable && RETRYABLE_STATUS.has(response.status)) throw new Retryable(fatal)
    throw fatal
  }
}

function checkBatchResult(result: BatchResult): BatchResult {
  const n = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0
  if (
    !n(result.inserted) ||
    !n(result.updated) ||
    !n(result.unchanged) ||
    !Array.isArray(result.rejected)
  ) {
    throw new OpsError('bad_response', { status: 200, contentType: 'application/json' })
  }
  return result
}

function checkCheckupBatchResult(result: CheckupBatchResult): CheckupBatchResult {
  const n = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0
  const ok =
    n(result.inserted) &&
    n(result.replaced) &&
    n(result.unchanged) &&
    Array.isArray(result.rejected) &&
    result.rejected.every((r) => r !== null && typeof r === 'object' && typeof r.ref === 'string')
  if (!ok) throw new OpsError('bad_response', { status: 200, contentType: 'application/json' })
  return result
}

function checkIssued(body: { issued?: unknown }): IssuedCode[] {
  const ok =
    Array.isArray(body.issued) &&
    body.issued.every(
      (i) =>
        i !== null &&
        typeof i === 'object' &&
        typeof (i as IssuedCode).personKey === 'string' &&
        typeof (i as IssuedCode).code === 'string' &&
        (i as IssuedCode).code !== '' &&
        typeof (i as IssuedCode).issuedAt === 'string',
    )
  if (!ok) throw new OpsError('bad_response', { status: 200, contentType: 'application/json' })
  return body.issued as IssuedCode[]
}

// Import records (POST /insurers/:number/imports, …/imports/:id/finish). Called by
// fetch until the routes are in StaffAppType (then: this.ops.insurers[':number'].imports).

/** POST /insurers/:number/imports: the record of one import, made by the client with its own id. */
export type ImportRecordStart = {
  id: string
  kind: 'roster' | 'checkups'
  source: 'console' | 'cli'
  fileName: string
  fileSize: number
  fingerprint: string
}

/** Where a recorded import was: the last batch of an unbroken run from 1 (0: none yet). */
export type ImportResume = { seq: number; lastLine: number | null; lastUnit: number | null }

/** POST /insurers/:number/imports/:id/finish. */
export type ImportRecordFinish = {
  outcome: 'complete' | 'failed' | 'interrupted'
  rowsRead: number
  blank: number
  detected?: string
  failure?: { key: string; params: Record<string, string | number> }
}

function importsCall<T>(
  api: ApiClient,
  path: string,
  body: unknown,
): Promise<Answer<ClientResponse<T>>> {
  return api.request(
    () =>
      api.fetchImpl(`${api.connection.url}/api/ops${path}`, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'accept-language': api.lang,
          authorization: `Bearer ${api.connection.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(api.timeoutMs),
      }) as unknown as Promise<ClientResponse<T>>,
  )
}

/**
 * Starts an import record; null when the server has no import records: the import then goes on
 * untracked, as before. A server from before them answers 404, or (this app: an unknown /api/ops POST
 * falls through to the member API's guards) 403 csrf, which a bearer request never meets otherwise.
 */
export async function startImportRecord(
  api: ApiClient,
  number: string,
  record: ImportRecordStart,
): Promise<{ resume: ImportResume } | null> {
  try {
    return await importsCall<{ resume: ImportResume }>(
      api,
      `/insurers/${encodeURIComponent(number)}/imports`,
      record,
    )
  } catch (err) {
    if (!(err instanceof OpsError)) throw err
    const { status, code } = err.params
    if (err.key === 'not_found' || status === 404) return null
    if (err.key === 'forbidden' && code === 'csrf') return null
    throw err
  }
}

/** Ends an import record with its outcome and what only the client knows (rows read, blank lines). */
export async function finishImportRecord(
  api: ApiClient,
  number: string,
  id: string,
  finish: ImportRecordFinish,
): Promise<void> {
  await importsCall<{ import: unknown }>(
    api,
    `/insurers/${encodeURIComponent(number)}/imports/${encodeURIComponent(id)}/finish`,
    finish,
  )
}

/** A run of viewing codes (one print file), as POST /api/ops/insurers/:number/codes/runs answers it. */
export type CodeRun = AnswerOf<InsurerRoutes['codes']['runs']['$post']>['run']

/** Starts a run of viewing codes: its codes stay unusable until it is confirmed. Never retried. */
export async function startCodeRun(
  client: ApiClient,
  number: string,
  kind: 'issue' | 'reissue',
): Promise<CodeRun> {
  const runs = client.ops.insurers[':number'].codes.runs
  const body = await client.request(() => runs.$post({ param: { number }, json: { kind } }))
  if (typeof body.run?.id !== 'string')
    throw new OpsError('bad_response', { status: 201, contentType: 'application/json' })
  return body.run
}

/**
 * Confirms a run once its print file is saved, with the rows the file holds (the server confirms only when
 * the run holds exactly that many codes: else 409 wrong_state count_mismatch); a repeat changes nothing, so
 * transient failures are retried.
 */
export async function confirmCodeRun(client: ApiClient, number: string, id: string, codes: number) {
  const run = client.ops.insurers[':number'].codes.runs[':id']
  const body = await client.retried(
    () => run.confirm.$post({ param: { number, id }, json: { codes } }),
    (answer) => answer,
  )
  return body.confirmed
}

/** Revokes a run whose print file could not be made whole; a repeat changes nothing, so it is retried. */
export async function revokeCodeRun(client: ApiClient, number: string, id: string) {
  const run = client.ops.insurers[':number'].codes.runs[':id']
  const body = await client.retried(
    () => run.revoke.$post({ param: { number, id }, json: {} }),
    (answer) => answer,
  )
  return body.revoked
}
