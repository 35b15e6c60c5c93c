/**
 * Generators for the fuzz test of the member and operator APIs (worker/fuzz.test.ts): request
 * bodies derived from the routes' valibot schemas, malformed JSON, wrong content types, oversized
 * bodies, odd methods, paths and headers, and the checks every answer must pass.
 *
 * Nothing here knows a route: the test lists the endpoints, with their schemas and a valid body,
 * and these functions turn each into probes.
 */
import * as v from 'valibot'

/** Any valibot schema (valibot v1 keeps a schema's parts as plain properties: entries, item, wrapped, pipe). */
export type AnySchema = v.GenericSchema

/** One request to send, less the identity (cookie or bearer token) the runner adds. */
export interface Probe {
  /** What was varied, for the report: "body.email: lone high surrogate". */
  label: string
  method: string
  /** Path and query, already percent-encoded where the probe wants it so. */
  path: string
  /** Header overrides; `null` removes a header the runner would otherwise send. */
  headers?: Record<string, string | null>
  body?: string | Uint8Array<ArrayBuffer> | (() => ReadableStream<Uint8Array<ArrayBuffer>>)
  /** Sent by the first identity only (the bodies of megabytes: the door is the same for all). */
  once?: boolean
  /**
   * True when the app must refuse the request whoever sends it: the body breaks the route's
   * schema (decided by valibot here, on the bytes as the app will read them) or its content type
   * is not JSON. False for probes that a right identity may legitimately get accepted.
   */
  mustRefuse: boolean
}

// ---------------------------------------------------------------------------------------------
// Walking the schemas
// ---------------------------------------------------------------------------------------------

type SchemaParts = AnySchema & {
  type: string
  entries?: Record<string, AnySchema>
  item?: AnySchema
  wrapped?: AnySchema
}

/** The schema inside optional / nullable / nullish / exact_optional / non_* wrappers. */
export function unwrap(schema: AnySchema): SchemaParts {
  let s = schema as SchemaParts
  while (s.wrapped) s = s.wrapped as SchemaParts
  return s
}

/** A field of a body at any depth: its path (keys and array indexes) and its schema. */
export interface FieldPath {
  path: (string | number)[]
  schema: AnySchema
}

/**
 * Every field of `schema`, found by walking the schema beside a valid example body: object
 * entries (object, loose and strict objects, piped or not) and the first element of each array,
 * down into nested objects (roster rows, checkup results). The example says which arrays have an
 * element to vary.
 */
export function fieldPaths(
  schema: AnySchema,
  example: unknown,
  prefix: (string | number)[] = [],
): FieldPath[] {
  const s = unwrap(schema)
  const out: FieldPath[] = []
  if (s.entries && isPlainObject(example)) {
    for (const [key, entry] of Object.entries(s.entries)) {
      out.push(
        { path: [...prefix, key], schema: entry },
        ...fieldPaths(entry, example[key], [...prefix, key]),
      )
    }
  } else if (s.type === 'array' && s.item && Array.isArray(example) && example.length > 0) {
    out.push(
      { path: [...prefix, 0], schema: s.item },
      ...fieldPaths(s.item, example[0], [...prefix, 0]),
    )
  }
  return out
}

/** The object paths of a body (the root and every nested object the schema walks into). */
export function objectPaths(fields: FieldPath[]): (string | number)[][] {
  const paths = [[] as (string | number)[]]
  for (const f of fields) if (unwrap(f.schema).entries) paths.push(f.path)
  return paths
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** A JSON text spliced into a body as it is (numbers JSON.stringify cannot write, deep nesting). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Values of odd Unicode: each is a valid JSON string, and most are valid strings for a schema. */
export const ODD_UNICODE: [string, string][] = [
  ['lone high surrogate', '\uD800'],
  ['lone low surrogate inside text', 'ab\uDC00cd'],
  ['NUL', '\u0000'],
  ['NUL inside text', 'taro\u0000@example.jp'],
  ['RTL override', 'abc\u202Egpj.exe'],
  ['emoji ZWJ family', '👨‍👩‍👧‍👦'],
  ['full-width', 'ＴＡＲＯ＠ＥＸＡＭＰＬＥ．ＪＰ１２３'],
  ['combining marks', 'e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309'],
  ['U+FFFF', '\uFFFF'],
  ['U+FFFE and BOM', '\uFFFE\uFEFF'],
  ['zero-width and line separators', '\u200B\u200D\u2028\u2029'],
  ['half-width kana with voicing marks', 'ｹﾝｺｳ ﾀﾛｳﾞﾟ'],
  ['blank', ''],
  ['spaces only', ' \u3000\t\n'],
  ['SQL and HTML', "'; DROP TABLE accounts; -- <script>alert(1)</script>"],
]

/** Values of the wrong JSON type for a field of any type. */
export const WRONG_TYPES: [string, unknown][] = [
  ['null', null],
  ['number 0', 0],
  ['number 1.5', 1.5],
  ['boolean true', true],
  ['boolean false', false],
  ['empty array', []],
  ['array of string', ['x']],
  ['empty object', {}],
  ['object', { value: 'x' }],
  ['number 1e999 (Infinity)', new RawJson('1e999')],
  ['number 2^53+1', new RawJson('9007199254740993')],
  ['deeply nested arrays (1,000)', new RawJson('['.repeat(1000) + ']'.repeat(1000))],
]

/** Strings too long for any field: the member API's 16 KiB limit refuses the second whole. */
export const TOO_LONG: [string, string][] = [
  ['10,000 chars', 'x'.repeat(10_000)],
  ['10,000 kana', 'ア'.repeat(10_000)],
  ['100,000 chars', 'y'.repeat(100_000)],
]

/** Prototype keys as values, and objects carrying them as own keys (as JSON.parse makes them). */
export const PROTO_VALUES: [string, unknown][] = [
  ['"__proto__"', '__proto__'],
  ['"constructor"', 'constructor'],
  ['"prototype"', 'prototype'],
  ['object with own __proto__', withOwnKey({}, '__proto__', { polluted: true })],
  ['object with constructor.prototype', { constructor: { prototype: { polluted: true } } }],
]

/** `target` with an own enumerable `key` (so JSON.stringify writes it, even for "__proto__"). */
export function withOwnKey<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
  return target
}

// ---------------------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------------------

const RAW_MARK = '@@fuzz-raw-'

/**
 * JSON text of a body in which RawJson values are spliced in as written. Each RawJson is first
 * stood in for by a marker string, then the quoted marker is replaced by its text.
 */
export function toJson(body: unknown): string {
  const raws: string[] = []
  const text = JSON.stringify(body, (_key, value: unknown) => {
    if (value instanceof RawJson) {
      raws.push(value.text)
      return `${RAW_MARK}${raws.length - 1}@@`
    }
    return value
  })
  return text.replace(new RegExp(`"${RAW_MARK}(\\d+)@@"`, 'g'), (_m, i: string) => raws[Number(i)])
}

const MISSING = Symbol('missing')

/** A copy of `body` with the value at `path` replaced (or removed, for MISSING). */
function setAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = cloneBody(body)
  let node = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (value === MISSING) {
    if (Array.isArray(node)) node.splice(Number(last), 1)
    else delete node[last]
  } else withOwnKey(node, String(last), value)
  return copy
}

/** A deep copy that keeps own "__proto__" keys and RawJson values (JSON round trips drop both). */
function cloneBody(value: unknown): unknown {
  if (value instanceof RawJson || typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(cloneBody)
  const out = {}
  for (const key of Object.keys(value))
    withOwnKey(out, key, cloneBody((value as Record<string, unknown>)[key]))
  return out
}

const label = (path: (string | number)[]) =>
  `body${path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}`

/** A body value to send, with what was varied. */
export interface BodyVariant {
  label: string
  text: string
}

/**
 * For each field of the schema (at any depth), and each of `extraPaths` (array elements past the
 * first, such as each column of a roster row): missing, null and every wrong type, too long, each
 * odd Unicode value, and prototype keys as values. A fresh valid body is made for each variant,
 * so values that must be unique (addresses) stay unique. Fields in `noOddValues` get only the
 * values that are not strings (their strings are tried elsewhere).
 */
export function fieldVariants(
  schema: AnySchema,
  makeBody: () => unknown,
  extraPaths: (string | number)[][] = [],
  noOddValues: string[] = [],
): BodyVariant[] {
  const out: BodyVariant[] = []
  const all: [string, unknown][] = [
    ['missing', MISSING],
    ...WRONG_TYPES,
    ...TOO_LONG,
    ...ODD_UNICODE,
    ...PROTO_VALUES,
  ]
  const fewer: [string, unknown][] = [
    ['missing', MISSING],
    ...WRONG_TYPES,
    ...TOO_LONG,
    ...PROTO_VALUES.filter(([, v]) => typeof v !== 'string'),
  ]
  for (const path of [...fieldPaths(schema, makeBody()).map((f) => f.path), ...extraPaths])
    for (const [what, value] of noOddValues.includes(String(path[0])) ? fewer : all)
      out.push({ label: `${label(path)}: ${what}`, text: toJson(setAt(makeBody(), path, value)) })
  return out
}

/** Prototype keys (`__proto__`, `constructor`, `prototype`) added to the body and to each nested object. */
export function protoKeyVariants(schema: AnySchema, makeBody: () => unknown): BodyVariant[] {
  const out: BodyVariant[] = []
  const at = (body: unknown, path: (string | number)[]) =>
    path.reduce<unknown>(
      (node, key) =>
        isPlainObject(node) || Array.isArray(node)
          ? (node as Record<string | number, unknown>)[key]
          : undefined,
      body,
    )
  // Only the objects the example body has (an optional nested object it leaves out has none to add to).
  for (const path of objectPaths(fieldPaths(schema, makeBody())).filter((p) =>
    isPlainObject(at(makeBody(), p)),
  ))
    for (const key of ['__proto__', 'constructor', 'prototype'])
      for (const [what, value] of [
        ['object', { polluted: true, role: 'admin' }],
        ['null', null],
      ] as [string, unknown][]) {
        const body = makeBody()
        withOwnKey(at(body, path) as object, key, value)
        out.push({ label: `${label(path)} with extra key ${key} (${what})`, text: toJson(body) })
      }
  return out
}

/** Bodies that are not JSON, or JSON of the wrong shape, built from a valid body's text. */
export function malformedBodies(
  makeBody: () => unknown,
): { label: string; body: string | Uint8Array<ArrayBuffer> }[] {
  const json = toJson(makeBody())
  const firstKey = /^\{"([^"]+)"/.exec(json)?.[1] ?? 'x'
  const utf16 = new Uint8Array(json.length * 2)
  for (let i = 0; i < json.length; i++) utf16[i * 2] = json.charCodeAt(i) & 255
  return [
    { label: 'empty body', body: '' },
    { label: 'whitespace only', body: ' \n\t ' },
    { label: 'JSON null', body: 'null' },
    { label: 'JSON true', body: 'true' },
    { label: 'JSON number', body: '0' },
    { label: 'JSON string', body: '"x"' },
    { label: 'JSON empty array', body: '[]' },
    { label: 'array holding the body', body: `[${json}]` },
    { label: 'empty object', body: '{}' },
    { label: 'truncated by half', body: json.slice(0, Math.floor(json.length / 2)) },
    { label: 'truncated by one byte', body: json.slice(0, -1) },
    { label: 'trailing garbage', body: `${json}xyz` },
    { label: 'two bodies', body: `${json}${json}` },
    { label: 'trailing NUL', body: `${json}\u0000` },
    { label: 'UTF-8 BOM before the body', body: `\uFEFF${json}` },
    { label: 'arrays nested 10,000 deep', body: '['.repeat(10_000) + ']'.repeat(10_000) },
    {
      label: 'objects nested 10,000 deep',
      body: '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
    },
    {
      label: `field ${firstKey} nested 10,000 deep`,
      body: json.replace(
        /^\{"[^"]+":/,
        `{"${firstKey}":${'['.repeat(10_000)}${']'.repeat(10_000)},"${firstKey}0":`,
      ),
    },
    {
      label: 'duplicate key of the wrong type last',
      body: `${json.slice(0, -1)},"${firstKey}":{"$ne":null}}`,
    },
    { label: 'single quotes', body: json.replaceAll('"', "'") },
    { label: 'NaN value', body: `{"${firstKey}":NaN}` },
    { label: 'comment', body: `/* x */${json}` },
    { label: 'unescaped control character in a string', body: `{"${firstKey}":"a\u0001\nb"}` },
    { label: 'bad escape', body: `{"${firstKey}":"\\x41\\u12"}` },
    {
      label: 'invalid UTF-8 bytes',
      body: new Uint8Array([
        0x7b, 0x22, 0xff, 0xfe, 0xc0, 0x80, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d,
      ]),
    },
    { label: 'UTF-16LE body', body: utf16 },
    { label: 'form-encoded text under a JSON type', body: `${firstKey}=x&a=b` },
  ]
}

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

/**
 * Would the app accept this body under a JSON content type? Decided on the bytes as the app reads
 * them (Request.json(): UTF-8, a BOM dropped), then by the route's own schema. A route without a
 * schema reads no body, so any body goes.
 */
export async function schemaAccepts(
  schema: AnySchema | undefined,
  body: string | Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  if (!schema) return true
  let parsed: unknown
  try {
    parsed = await new Response(body).json()
  } catch {
    return false
  }
  return v.safeParse(schema, parsed).success
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
  method: 'GET' | 'POST' | 'PATCH'
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
  const hasBody = t.method !== 'GET'
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
