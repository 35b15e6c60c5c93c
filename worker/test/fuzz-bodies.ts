/**
 * Bodies for the fuzz test of the member and operator APIs (worker/fuzz.test.ts), derived from the routes'
 * valibot schemas: each field missing, null, of the wrong type, too long, of odd Unicode and prototype
 * keys, and malformed JSON built from a valid body. The requests that carry them: fuzz.ts.
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

export function isPlainObject(value: unknown): value is Record<string, unknown> {
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
