import * as v from 'valibot'
import { checkInsurerNumber } from './card.ts'
import { cidrProblem } from './ip.ts'
import { clipParams } from './clip-params.ts'
import { utf8Length } from './utf8.ts'

/** Allow-listed ranges an insurer may have, each at most this long (an IPv6 CIDR is at most 49). */
export const MAX_ALLOWED_CIDRS = 100
const CIDR_MAX_LENGTH = 64

/**
 * Failures from an insurer's allow-listed ranges in an hour before its members meet the captcha
 * again (docs/security.md, level 0). 1000 is far above an office's honest typos and still a ceiling: a
 * range cannot be made exempt from the captcha for good.
 */
export const FAILURE_LIMIT = { min: 1, max: 1000 } as const

/** The longest maintenance message members may be shown (characters, once trimmed). */
export const MAINTENANCE_MESSAGE_MAX = 500

/** A maintenance end time as the API takes it: an ISO date-time with its offset (Z or ±hh:mm). */
export const MAINTENANCE_UNTIL_PATTERN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * Whether `raw` is a maintenance end time the API takes: the pattern, and a day and time that exist
 * (Date.parse would move 2026-02-30 to 2 March without a word).
 */
export function isMaintenanceUntil(raw: string): boolean {
  if (!MAINTENANCE_UNTIL_PATTERN.test(raw) || !Number.isFinite(Date.parse(raw))) return false
  const [y, m, d] = raw.slice(0, 10).split('-').map(Number)
  const hour = Number(raw.slice(11, 13))
  const minute = Number(raw.slice(14, 16))
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth && hour <= 23 && minute <= 59
}

/** One allow-list entry: a CIDR (or one address) no wider than IPv4 /16 or IPv6 /32 (core/ip.ts). */
const AllowedCidr = v.pipe(
  v.string('ops.insurer.cidr'),
  v.maxLength(CIDR_MAX_LENGTH, 'ops.insurer.cidr'),
  v.check((cidr) => cidrProblem(cidr) === null, 'ops.insurer.cidr'),
)

/** Set by platform admins only (docs/security.md, anti-automation): operator requests naming them get 403. */
export const ADMIN_ONLY_SETTINGS = ['allowedCidrs', 'allowlistFailureLimit'] as const

const settings = {
  name: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.minLength(1, 'ops.insurer.name'),
      v.maxLength(100, 'ops.insurer.name'),
    ),
  ),
  insuredOnly: v.optional(v.boolean('ops.insurer.flag')),
  dependentMaxAge: v.optional(
    v.nullable(
      v.pipe(
        v.number('ops.insurer.age'),
        v.integer('ops.insurer.age'),
        v.minValue(0, 'ops.insurer.age'),
        v.maxValue(120, 'ops.insurer.age'),
      ),
    ),
  ),
  maintenance: v.optional(v.boolean('ops.insurer.flag')),
  /** Shown to members during maintenance (issue 13); '' or null: the standard words. */
  maintenanceMessage: v.optional(
    v.nullable(
      v.pipe(
        v.string('ops.insurer.maintenance_message'),
        v.trim(),
        v.maxLength(MAINTENANCE_MESSAGE_MAX, 'ops.insurer.maintenance_message'),
        v.transform((text) => (text === '' ? null : text)),
      ),
    ),
  ),
  /** When maintenance is planned to end: an ISO date-time with its offset (Z or ±hh:mm), or null. */
  maintenanceUntil: v.optional(
    v.nullable(
      v.pipe(
        v.string('ops.insurer.maintenance_until'),
        v.regex(MAINTENANCE_UNTIL_PATTERN, 'ops.insurer.maintenance_until'),
        v.check(isMaintenanceUntil, 'ops.insurer.maintenance_until'),
        v.transform((raw) => Date.parse(raw)),
      ),
    ),
  ),
  allowedCidrs: v.optional(
    v.pipe(
      v.array(AllowedCidr, 'ops.insurer.cidr'),
      v.maxLength(MAX_ALLOWED_CIDRS, 'ops.insurer.cidr'),
    ),
  ),
  allowlistFailureLimit: v.optional(
    v.pipe(
      v.number('ops.insurer.limit'),
      v.integer('ops.insurer.limit'),
      v.minValue(FAILURE_LIMIT.min, 'ops.insurer.limit'),
      v.maxValue(FAILURE_LIMIT.max, 'ops.insurer.limit'),
    ),
  ),
}

/** An entry as a refusal names it: the text sent (cut to a CIDR's length), or the JSON of a non-string. */
const shownEntry = (entry: unknown) =>
  (typeof entry === 'string' ? entry : String(JSON.stringify(entry))).slice(0, CIDR_MAX_LENGTH)

/**
 * The allow-list entries of a refused body, by problem, so that the 400 names each bad entry (lists of
 * strings, which the command line prints as they are). Empty when the body has no such entries.
 */
export function allowListProblems(body: unknown): {
  cidrTooWide: string[]
  cidrMalformed: string[]
} {
  const found = { cidrTooWide: [] as string[], cidrMalformed: [] as string[] }
  const entries = (body as { allowedCidrs?: unknown } | null)?.allowedCidrs
  if (!Array.isArray(entries)) return found
  for (const entry of entries.slice(0, MAX_ALLOWED_CIDRS)) {
    const problem =
      typeof entry === 'string' && entry.length <= CIDR_MAX_LENGTH
        ? cidrProblem(entry)
        : 'malformed'
    if (problem === 'too_wide') found.cidrTooWide.push(shownEntry(entry))
    else if (problem === 'malformed') found.cidrMalformed.push(shownEntry(entry))
  }
  return found
}

/** An insurer's settings its operator may change (operator API PATCH), but for ADMIN_ONLY_SETTINGS. */
export const InsurerSettingsBody = v.strictObject(settings, 'error.validation')

/** A new insurer (platform admin): its 保険者番号 with a valid check digit, and a name. */
export const InsurerCreateBody = v.strictObject(
  {
    ...settings,
    number: v.pipe(
      v.string('ops.insurer.number'),
      v.check((raw) => checkInsurerNumber(raw).ok, 'ops.insurer.number'),
      v.transform((raw) => {
        const checked = checkInsurerNumber(raw)
        return checked.ok ? checked.number : raw
      }),
    ),
    name: v.pipe(
      v.string('ops.insurer.name'),
      v.trim(),
      v.minLength(1, 'ops.insurer.name'),
      v.maxLength(100, 'ops.insurer.name'),
    ),
    /**
     * The insurer database to place it in (issue 14: a name of the directory's `databases`); absent:
     * the active database holding the fewest insurers.
     */
    database: v.optional(
      v.pipe(
        v.string('ops.insurer.database'),
        v.regex(/^[a-z0-9_-]{1,40}$/, 'ops.insurer.database'),
      ),
    ),
  },
  'error.validation',
)

/** The most UTF-8 bytes a batch's `localRejections` may take as JSON. */
export const MAX_LOCAL_REJECTIONS_BYTES = 1_000_000

/**
 * A batch's place in an import record (issue 13, worker/services/imports.ts): the import's id and the
 * batch's sequence number come together or not at all; `localRejections` are the rows of this batch the
 * client refused itself, exactly as it writes them to its rejection file (line, column, reason, code…).
 */
export const importFields = {
  importId: v.optional(v.pipe(v.string(), v.uuid())),
  seq: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000_000))),
  localRejections: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.array(v.union([v.pipe(v.string(), v.maxLength(1000)), v.pipe(v.number(), v.finite())])),
          v.maxLength(8),
        ),
      ),
      v.maxLength(1000),
      // Stored as one value of the batch's record: D1 refuses a value over 2,000,000 bytes, and a
      // client's clipped rows are far below this (400 validation, not a 500 at the write).
      v.check(
        (rows) => utf8Length(JSON.stringify(rows)) <= MAX_LOCAL_REJECTIONS_BYTES,
        'error.validation',
      ),
    ),
  ),
}

/**
 * The checks of a batch with import fields: importId and seq together (else `seq` is named), and rows
 * (`rowsOk`) may be empty only with an importId (a batch of only local rejections).
 */
export const importChecks = <T extends { importId?: string; seq?: number }>(
  rowsKey: string,
  rowsOk: (body: T) => boolean,
  rowsMessage: string,
) =>
  [
    v.forward(
      v.check<T, string>(
        (b) => (b.importId === undefined) === (b.seq === undefined),
        'error.validation',
      ),
      ['seq' as never],
    ),
    v.forward(
      v.check<T, string>((b) => b.importId !== undefined || rowsOk(b), rowsMessage),
      [rowsKey as never],
    ),
  ] as const

const RosterBatchFields = v.strictObject(
  {
    header: v.pipe(
      v.array(v.pipe(v.string(), v.maxLength(200))),
      v.minLength(1, 'ops.roster.header'),
      v.maxLength(100),
    ),
    rows: v.pipe(
      v.array(
        v.strictObject({
          line: v.pipe(v.number(), v.integer(), v.minValue(1)),
          fields: v.pipe(v.array(v.pipe(v.string(), v.maxLength(1000))), v.maxLength(100)),
        }),
      ),
      v.maxLength(2000, 'ops.roster.rows'),
    ),
    ...importFields,
  },
  'error.validation',
)

/** One batch of roster rows as the CLI reads them: the header and each row's line and fields. */
export const RosterBatchBody = v.pipe(
  RosterBatchFields,
  ...importChecks<v.InferOutput<typeof RosterBatchFields>>(
    'rows',
    (b) => b.rows.length > 0,
    'ops.roster.rows',
  ),
)

/** Viewing codes to issue: to everyone without a live code (up to 50 a request), or to named persons. */
export const CodesIssueBody = v.strictObject({
  /** The run (POST …/codes/runs) the codes belong to: they stay unusable until it is confirmed. */
  runId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  personKeys: v.optional(
    v.pipe(
      v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
      v.minLength(1),
      v.maxLength(50),
    ),
  ),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))),
  reissue: v.optional(v.boolean()),
})

/** An import record to start or find again (issue 13): the id is the client's, so a resume names it. */
export const ImportStartBody = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  kind: v.picklist(['roster', 'checkups']),
  source: v.picklist(['console', 'cli']),
  fileName: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  fileSize: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  fingerprint: v.pipe(v.string(), v.maxLength(200)),
})

const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER))

/** The end of an import: its outcome, the client's own counts, and a whole-file failure's message key. */
export const ImportFinishBody = v.strictObject({
  outcome: v.picklist(['complete', 'failed', 'interrupted']),
  rowsRead: count,
  blank: count,
  detected: v.optional(v.pipe(v.string(), v.maxLength(40))),
  failure: v.optional(
    v.strictObject({
      key: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
      // Clipped, never refused (core/clip-params.ts): a refused finish would leave the import
      // running until it is pruned. The body limit bounds what comes.
      params: v.pipe(
        v.record(v.string(), v.union([v.string(), v.pipe(v.number(), v.finite())])),
        v.transform(clipParams),
      ),
    }),
  ),
})

/** A page of a list: the cursor the previous page gave. */
export const CursorQuery = v.strictObject({
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
})

/** A run of viewing codes (one print file): a first issue to everyone without a code, or a re-issue. */
export const CodesRunBody = v.strictObject({
  kind: v.picklist(['issue', 'reissue']),
})

/** A POST that carries nothing (confirm, revoke): `{}`, as every POST of the operator API is JSON. */
export const EmptyBody = v.strictObject({})
