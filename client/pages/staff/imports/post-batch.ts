/**
 * The import worker's requests to the operator API (docs/operator-api.md): same origin, the console's
 * `__Host-staff` cookie, JSON both ways, answers in the staff member's language (Accept-Language).
 *
 * A request that fails on the way (no network, 429, 502, 503, 504) is sent again after a pause, up to 3
 * times: every request the worker makes may be repeated safely (a batch carries its import id and
 * sequence number, so the server applies it once; starting and finishing an import are idempotent too).
 * A 401 means the console session is gone: `SignedOut`, which the worker reports as 'signedOut'.
 */

export const RETRY_DELAYS_MS = [1000, 3000, 10_000]
const RETRYABLE = new Set([429, 502, 503, 504])

/** The console session ended (401): the page sends the staff member to log-in. */
export class SignedOut extends Error {
  constructor() {
    super('signed out')
    this.name = 'SignedOut'
  }
}

/** The server refused (4xx, 5xx after the retries), or could not be reached after them. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: unknown,
  ) {
    super(message)
    this.name = 'ApiFailure'
  }
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>

export type PostOptions = {
  fetch?: Fetch
  lang: string
  signal?: AbortSignal
  retryDelaysMs?: number[]
  /** Waits `ms` (tests pass a faster one). */
  sleep?: (ms: number) => Promise<void>
  /** Text for "could not reach the server", in the staff member's language. */
  networkMessage: string
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** One JSON request, repeated on a failure on the way; the answer's JSON, or a thrown failure. */
export async function requestJson<T>(
  method: 'GET' | 'POST',
  url: string,
  body: unknown,
  options: PostOptions,
): Promise<T> {
  const doFetch = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init))
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS
  const sleep = options.sleep ?? wait
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': options.lang,
  }
  if (method === 'POST') headers['Content-Type'] = 'application/json'
  const init: RequestInit = {
    method,
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
    body: method === 'POST' ? JSON.stringify(body) : undefined,
  }
  for (let attempt = 0; ; attempt++) {
    let failure: ApiFailure
    try {
      const response = await doFetch(url, init)
      if (response.status === 401) {
        await response.body?.cancel().catch(() => {})
        throw new SignedOut()
      }
      const text = await response.text()
      let json: unknown
      try {
        json = text ? JSON.parse(text) : undefined
      } catch {
        json = undefined
      }
      if (response.ok && json && typeof json === 'object') return json as T
      const error = (json as { error?: { code?: unknown; message?: unknown; fields?: unknown } })
        ?.error
      failure = new ApiFailure(
        response.status,
        typeof error?.code === 'string' ? error.code : 'internal',
        typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
        error?.fields,
      )
      if (!RETRYABLE.has(response.status)) throw failure
    } catch (err) {
      if (err instanceof SignedOut || (err instanceof ApiFailure && !RETRYABLE.has(err.status)))
        throw err
      if (options.signal?.aborted && !(err instanceof ApiFailure)) throw err
      failure =
        err instanceof ApiFailure ? err : new ApiFailure(0, 'network', options.networkMessage)
    }
    if (attempt >= delays.length) throw failure
    await sleep(delays[attempt])
  }
}

/** The import API's paths for one insurer. */
export function importPaths(insurer: string) {
  const base = `/api/ops/insurers/${encodeURIComponent(insurer)}`
  return {
    rosterBatch: `${base}/roster/batches`,
    checkupBatch: `${base}/checkups`,
    imports: `${base}/imports`,
    importOf: (id: string) => `${base}/imports/${encodeURIComponent(id)}`,
    finish: (id: string) => `${base}/imports/${encodeURIComponent(id)}/finish`,
    rejected: (id: string) => `${base}/imports/${encodeURIComponent(id)}/rejected.csv`,
  }
}
