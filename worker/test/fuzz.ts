/**
 * Generators for the fuzz test of the member and operator APIs (worker/fuzz.test.ts): request
 * bodies derived from the routes' valibot schemas, malformed JSON, wrong content types, oversized
 * bodies, odd methods, paths and headers, and the checks every answer must pass.
 *
 * Nothing here knows a route: the test lists the endpoints, with their schemas and a valid body,
 * and these functions turn each into probes.
 *
 * The bodies come from fuzz-bodies.ts; here are the requests around them (content types, sizes,
 * methods, paths, headers, queries) and the checks of each answer.
 */
import {
  fieldVariants,
  isPlainObject,
  malformedBodies,
  protoKeyVariants,
  schemaAccepts,
  toJson,
  type AnySchema,
  type Probe,
} from './fuzz-bodies'

export type { AnySchema, Probe }

/** Content types the app must refuse for a JSON body, and some it may accept (marked). */
export const CONTENT_TYPES: { type: string | null; json: boolean }[] = [
  { type: null, json: false },
  { type: 'text/plain', json: false },
  { type: 'text/plain;charset=UTF-8', json: false },
  { type: 'application/x-www-form-urlencoded', json: false },
  { type: 'multipart/form-data; boundary=----x', json: false },
  { type: 'application/json-patch+json', json: false },
  { type: 'application/jsonx', json: false },
  { type: 'text/json', json: false },
  { type: 'application/xml', json: false },
  { type: '', json: false },
  { type: 'APPLICATION/JSON', json: true },
  { type: 'application/json; charset=utf-16', json: true },
  { type: 'application/json;;;', json: true },
]

/** A body of `bytes` bytes that is valid JSON: the base body with a padding key. */
export function paddedBody(makeBody: () => unknown, bytes: number): string {
  const rest = toJson(makeBody()).slice(1)
  const glue = rest === '}' ? '' : ','
  const pad = Math.max(0, bytes - `{"fuzzPadding":""${glue}${rest}`.length)
  return `{"fuzzPadding":"${'p'.repeat(pad)}"${glue}${rest}`
}

/** The same text as a stream without a Content-Length (chunked), in 64 KiB pieces. */
export function streamOf(text: string): () => ReadableStream<Uint8Array<ArrayBuffer>> {
  return () => {
    const bytes = new TextEncoder().encode(text)
    let at = 0
    return new ReadableStream<Uint8Array<ArrayBuffer>>({
      pull(controller) {
        if (at >= bytes.length) return controller.close()
        controller.enqueue(bytes.slice(at, at + 65_536))
        at += 65_536
      },
    })
  }
}
// ---------------------------------------------------------------------------------------------
// Methods, paths and headers
// ---------------------------------------------------------------------------------------------

/** Methods that no route of the app answers on any path, plus the ordinary ones a route may lack. */
export const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'PROPFIND',
  'MKCOL',
  'FUZZ',
  'get',
] as const

/** Path segments for a `:param`: traversal, NUL, broken percent-encoding, very long, Unicode. */
export const ODD_SEGMENTS: [string, string][] = [
  ['dot dot slash', '..%2F..%2Fme'],
  ['literal ../', '../me'],
  ['double-encoded dot dot', '%252e%252e%252fme'],
  ['%00', '%00'],
  ['value then %00', '2026-06-10%00'],
  ['lone %', '%'],
  ['broken escape %E0%A4%A', '%E0%A4%A'],
  ['invalid UTF-8 %ff%fe', '%ff%fe'],
  ['encoded lone surrogate', '%ED%A0%80'],
  ['very long (10,000)', 'x'.repeat(10_000)],
  ['very long (100,000)', '1'.repeat(100_000)],
  ['full-width digits', encodeURIComponent('２０２６－０６－１０')],
  ['RTL override', encodeURIComponent('\u202E01-60-6202')],
  ['emoji ZWJ', encodeURIComponent('👨‍👩‍👧‍👦')],
  ['combining marks', encodeURIComponent('2026-06-1\u0301')],
  ['impossible date', '2026-02-30'],
  ['date 0000-00-00', '0000-00-00'],
  ['date 9999-99-99', '9999-99-99'],
  ['SQL', encodeURIComponent("1' OR '1'='1")],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['semicolon parameters', 'latest;x=1'],
  ['encoded slash inside', '2026%2F06%2F10'],
  ['trailing slash', 'latest/'],
  ['space', '%20'],
]

/** Query strings, for routes that read none (they must still answer as without one). */
export const ODD_QUERIES: [string, string][] = [
  ['__proto__ query', '?__proto__[polluted]=1&constructor[prototype][x]=1'],
  ['repeated keys', '?a=1&a=2&a=3'],
  ['broken escapes', '?%=%&%ff=%E0%A4%A'],
  ['very long query', `?q=${'z'.repeat(20_000)}`],
]

/**
 * Headers each request may carry oddly: the session cookie, IP, language, client mode, origin.
 * The third value marks the cross-site ones the member API must refuse for unsafe methods (CSRF).
 */
export const ODD_HEADERS: [string, Record<string, string | null>, boolean][] = [
  ['session cookie of 5,000 chars', { Cookie: `__Host-session=${'x'.repeat(5000)}` }, false],
  ['session cookie of 129 chars', { Cookie: `__Host-session=${'a'.repeat(129)}` }, false],
  ['session cookie with a broken escape', { Cookie: '__Host-session=%E0%A4%A' }, false],
  ['session cookie of Latin-1 bytes', { Cookie: '__Host-session=\u00ff\u00fe\u00e9' }, false],
  ['two session cookies', { Cookie: '__Host-session=a; __Host-session=b' }, false],
  ['cookie without a value', { Cookie: '__Host-session' }, false],
  ['cookie named __proto__', { Cookie: '__proto__=x; constructor=y' }, false],
  ['IP not an address', { 'CF-Connecting-IP': 'not-an-ip' }, false],
  ['IP empty', { 'CF-Connecting-IP': '' }, false],
  ['IP too many parts', { 'CF-Connecting-IP': '1.2.3.4.5' }, false],
  ['IP octet 999', { 'CF-Connecting-IP': '999.1.1.1' }, false],
  ['IP v4-mapped v6', { 'CF-Connecting-IP': '::ffff:198.51.100.7' }, false],
  ['IP v6 with zone', { 'CF-Connecting-IP': 'fe80::1%eth0' }, false],
  ['IP v6 many colons', { 'CF-Connecting-IP': ':::::::::' }, false],
  ['IP of 10,000 chars', { 'CF-Connecting-IP': '1'.repeat(10_000) }, false],
  ['IP list', { 'CF-Connecting-IP': '1.1.1.1, 2.2.2.2' }, false],
  ['Accept-Language broken q', { 'Accept-Language': 'en;q=abc, ja;q=-1, *;q=2' }, false],
  ['Accept-Language __proto__', { 'Accept-Language': '__proto__, constructor' }, false],
  ['Accept-Language of 10,000 chars', { 'Accept-Language': 'en-'.repeat(3_333) }, false],
  ['X-Client-Mode odd', { 'X-Client-Mode': 'STANDALONE\u00e9' }, false],
  ['Content-Length lies small', { 'Content-Length': '1' }, false],
  ['Content-Length not a number', { 'Content-Length': 'abc' }, false],
  ['Origin null', { Origin: 'null' }, true],
  ['Origin look-alike', { Origin: 'http://localhost:8787.evil.example' }, true],
  [
    'no Origin, Sec-Fetch-Site same-origin',
    { Origin: null, 'Sec-Fetch-Site': 'same-origin' },
    false,
  ],
  ['no Origin, Sec-Fetch-Site cross-site', { Origin: null, 'Sec-Fetch-Site': 'cross-site' }, true],
  ['no Origin at all', { Origin: null }, true],
]

/** The routes that get the headers with bytes over 0x7F (a session-reading one, a gated form, the operator API). */
const LATIN1_ROUTES = new Set(['/api/me', '/api/login', '/api/checkups', '/api/ops/insurers'])

/** Authorization headers for the operator API: none of them is a staff token. */
export const ODD_BEARERS: [string, string | null][] = [
  ['no Authorization', null],
  ['empty', ''],
  ['Bearer alone', 'Bearer'],
  ['Basic', 'Basic YWRtaW46YWRtaW4='],
  ['short token', 'Bearer kp_x'],
  ['token of 201 chars', `Bearer kp_${'a'.repeat(198)}`],
  ['token of 10,000 chars', `Bearer ${'a'.repeat(10_000)}`],
  ['Latin-1 token', 'Bearer kp_\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9'],
  ['two tokens', 'Bearer kp_aaaaaaaaaaaa kp_bbbbbbbbbbbb'],
  ['lower-case scheme', 'bearer kp_aaaaaaaaaaaaaaaa'],
  ['SQL', "Bearer ' OR 1=1 --xxxxxxx"],
]

// ---------------------------------------------------------------------------------------------
// Probes of one route
// ---------------------------------------------------------------------------------------------

/** One route as the fuzzer sees it. */
export interface ProbeTarget {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** The route's path with its parameter (if any) filled in with a valid value. */
  path: string
  /** The path with the route's parameter replaced by `segment`, for routes with one. */
  pathWith?: (segment: string) => string
  schema?: AnySchema
  /** Makers of valid bodies (each call a fresh one), whose fields are varied. */
  bodies?: (() => unknown)[]
  /**
   * The body the door probes send (malformed JSON is made from it too), when not the first of
   * `bodies`: one refused before a password hash, so the door's hundreds of probes cost no scrypt.
   */
  doorBody?: () => unknown
  /** Valid bodies as large as a client may send (the CLI's batches, the schema's most), by name. */
  largest?: Record<string, () => unknown>
  /** Paths past the first array element to vary too (each column of a roster row). */
  extraPaths?: (string | number)[][]
  /** Top-level fields whose odd string values are tried on another route through the same code. */
  noOddValues?: string[]
  /** The API's body limit in bytes (16 KiB member API, 8 MiB operator API). */
  bodyLimit: number
  /** Member API: unsafe methods need a same-origin Origin, so cross-site probes must be refused. */
  csrf: boolean
  /** Operator API: add the odd Authorization headers, none of which is a staff token. */
  staff: boolean
}

/**
 * The probes of one route. `field` varies the body's fields (what an identity with access to the
 * route should see refused by validation); `door` is everything else (malformed JSON, content
 * types, sizes, methods, headers, queries, path parameters), which any identity may send.
 */
export async function probesFor(t: ProbeTarget): Promise<{ field: Probe[]; door: Probe[] }> {
  const field: Probe[] = []
  const door: Probe[] = []
  const hasBody = t.method !== 'GET' && t.method !== 'DELETE'
  const makeBody = t.doorBody ?? t.bodies?.[0] ?? (() => ({}))
  const probe = (label: string, mustRefuse: boolean, over: Partial<Probe> = {}): Probe => ({
    label,
    method: t.method,
    path: t.path,
    mustRefuse,
    ...(hasBody ? { body: toJson(makeBody()) } : {}),
    ...over,
  })
  if (hasBody) {
    // A second example body adds only the fields the first does not have (XML checkups: the card).
    const seen = new Set<string>()
    if (t.schema)
      for (const make of t.bodies ?? [])
        for (const { label, text } of [
          ...fieldVariants(t.schema, make, t.extraPaths, t.noOddValues),
          ...protoKeyVariants(t.schema, make),
        ])
          if (!seen.has(label)) {
            seen.add(label)
            field.push(probe(label, !(await schemaAccepts(t.schema, text)), { body: text }))
          }
    for (const [name, make] of Object.entries(t.largest ?? {}))
      field.push(probe(`largest: ${name}`, false, { body: toJson(make()) }))
    for (const { label, body } of malformedBodies(makeBody))
      door.push(probe(`malformed: ${label}`, !(await schemaAccepts(t.schema, body)), { body }))
    for (const { type, json } of CONTENT_TYPES)
      door.push(
        probe(`Content-Type ${type ?? '(none)'}`, !json, { headers: { 'Content-Type': type } }),
      )
    const over = paddedBody(makeBody, t.bodyLimit + 1)
    door.push(
      probe(`body of limit + 1 byte (${t.bodyLimit + 1})`, true, { body: over, once: true }),
    )
    door.push(
      probe('body of limit + 1 byte, streamed without Content-Length', true, {
        body: streamOf(over),
        once: true,
      }),
    )
    const under = paddedBody(makeBody, t.bodyLimit - 256)
    door.push(
      probe('body just under the limit', !(await schemaAccepts(t.schema, under)), {
        body: under,
        once: true,
      }),
    )
  }
  for (const method of METHODS)
    if (method.toUpperCase() !== t.method)
      door.push(
        probe(`method ${method}`, false, {
          method,
          body: ['GET', 'HEAD'].includes(method.toUpperCase()) ? undefined : toJson(makeBody()),
        }),
      )
  for (const [label, headers, crossSite] of ODD_HEADERS) {
    // Bytes over 0x7F in a header are read the same way by every route (the request context), and
    // workerd prints a warning for each such request: tried on a few routes, not all.
    if (
      Object.values(headers).some((v) => v !== null && /[^\x00-\x7f]/.test(v)) &&
      !LATIN1_ROUTES.has(t.path)
    )
      continue
    door.push(probe(`header: ${label}`, crossSite && t.csrf && hasBody, { headers }))
  }
  for (const [label, query] of ODD_QUERIES)
    door.push(probe(`query: ${label}`, false, { path: t.path + query }))
  if (t.staff)
    for (const [label, value] of ODD_BEARERS)
      door.push(probe(`Authorization: ${label}`, true, { headers: { Authorization: value } }))
  if (t.pathWith)
    for (const [label, segment] of ODD_SEGMENTS)
      door.push(probe(`path parameter: ${label}`, false, { path: t.pathWith(segment) }))
  return { field, door }
}

// ---------------------------------------------------------------------------------------------
// Checking answers
// ---------------------------------------------------------------------------------------------

/** What a stack trace looks like in a body: frames, source positions, error names. */
const STACK = /\n\s+at |\bat [\w.$<>]+ \(|\.(ts|js|mjs):\d+|\b(Type|Range|Reference|Syntax)?Error: /
/** What a database driver's error says (D1, SQLite, libSQL, drizzle). */
const DRIVER =
  /D1_(ERROR|EXEC)|SQLITE_|SqliteError|LibsqlError|Failed query|no such (table|column)|constraint failed|syntax error|drizzle|bound parameter|too many SQL variables/i

/** The problems of one answer: a 5xx, a 4xx not in the error shape, a stack trace or driver text. */
export function answerProblems(
  method: string,
  status: number,
  contentType: string,
  text: string,
): string[] {
  const problems: string[] = []
  if (status >= 500) problems.push(`status ${status}`)
  if (STACK.test(text)) problems.push(`stack trace in body: ${excerpt(text, STACK)}`)
  if (DRIVER.test(text)) problems.push(`driver error text in body: ${excerpt(text, DRIVER)}`)
  if (status >= 400 && status < 500 && method.toUpperCase() !== 'HEAD') {
    const shape = errorShape(contentType, text)
    if (shape) problems.push(shape)
  }
  return problems
}

/** Why a 4xx body is not `{ error: { code, message } }` with string code and message, or null. */
function errorShape(contentType: string, text: string): string | null {
  if (!/json/i.test(contentType))
    return `4xx answer is not JSON (${contentType || 'no type'}): ${text.slice(0, 80)}`
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return `4xx JSON does not parse: ${text.slice(0, 80)}`
  }
  const error = isPlainObject(body) ? body.error : undefined
  if (!isPlainObject(error) || typeof error.code !== 'string' || typeof error.message !== 'string')
    return `4xx JSON is not { error: { code, message } }: ${text.slice(0, 120)}`
  return null
}

function excerpt(text: string, re: RegExp): string {
  const at = text.search(re)
  return JSON.stringify(text.slice(Math.max(0, at - 40), at + 80))
}
