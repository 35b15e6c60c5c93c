/**
 * The reads of a member's checkups (journey 6), each behind the step-up's gate in SQL and each
 * with its audit row in the same batch: the list, one checkup with the earlier ones, and all of
 * them for the FHIR download. The step-up itself is step-up.ts's.
 */
import { and, desc, eq, fillPlaceholders, gte, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import {
  auditLog,
  checkups,
  healthAccess,
  memberLinks,
  rosterPersons,
  sessions,
} from '../../db/schema'
import type { Database } from '../../db/open'
import { gradesJson, parseStoredResults, resultsJson } from '../checkup-json'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { linkedPerson } from './card'
import { liveSession, touchSession } from './sessions'
import { ANSWER_CHECK_MS, stateOf } from './step-up'
import { hashToken } from './tokens'

type AccessDeps = Pick<Deps, 'db' | 'now' | 'randomBytes'>

/** The values a health read binds at each request (its statements are prepared once: prepareRead). */
type ReadValue = 'session' | 'now' | 'checkSince' | 'ip' | 'detail' | 'examDate'
const value = (name: ReadValue) => sql.placeholder(name)

/**
 * The gate of every health read, in SQL, over `sessions ⋈ member_links ⋈ health_access`: a live
 * session (liveSession) of a member whose step-up is 'ready' as `stateOf` has it (code proven, not
 * locked, question set, notice read, last check within 24 hours: since `checkSince`).
 */
const gateSql = () =>
  and(
    liveSession(value('session'), value('now')),
    isNotNull(healthAccess.codeVerifiedAt),
    isNull(healthAccess.lockedAt),
    isNotNull(healthAccess.answerHash),
    isNotNull(healthAccess.noticeAcceptedAt),
    gte(sessions.stepUpAt, value('checkSince')),
  )!

/** What a read reads: the list, one checkup (by date, or the newest: 'latest'), or everything for FHIR. */
export type HealthRead = { via: 'list' } | { via: 'detail'; examDate: string } | { via: 'fhir' }

/** The four kinds of statement pair a read needs (the newest checkup is found by SQL, a date is bound). */
type ReadShape = 'list' | 'latest' | 'date' | 'fhir'
const shapeOf = (read: HealthRead): ReadShape =>
  read.via === 'detail' ? (read.examDate === 'latest' ? 'latest' : 'date') : read.via

type Batchable = { batch: <T extends unknown[]>(q: [...{ [K in keyof T]: unknown }]) => Promise<T> }
type Prepared = { getQuery(): { sql: string; params: unknown[] } }

/**
 * A statement prepared once, with this request's values, as an item of `db.batch` (which takes
 * query builders: it asks each for `_prepare()`, then for its SQL and parameters, and maps the rows
 * with the prepared statement's own fields).
 */
function withValues(prepared: Prepared, values: Record<ReadValue, unknown>) {
  const built = prepared.getQuery()
  const query = { ...built, params: fillPlaceholders(built.params, values) }
  const item: Prepared = Object.create(prepared, { getQuery: { value: () => query } })
  return { _prepare: () => item }
}

/**
 * The two statements of one shape of read, built by drizzle and prepared once per database: drizzle
 * builds a query's SQL anew at every call, and for these joins that was about a tenth of a read's
 * cost in workerd (bench/README.md); a request now only binds its values.
 * - The audit row (`health.read`, with what was read), INSERT … SELECT behind the gate.
 * - The session, the member's link and step-up row, and the checkups left-joined behind the same
 *   gate: one row per checkup, or one row with no checkup when the gate is shut (or there is none).
 * Data never leaves without its row; the session and step-up columns only tell which refusal to
 * give, and whether the session's idle deadline is due to move. All but the list add the results
 * (the stored JSON, as text); a date narrows the checkups to it and those before it, and is the
 * checkup that must exist for the read to count (nothing read, no audit row).
 */
function prepareRead(db: Database, shape: ReadShape) {
  const gate = gateSql()
  const mine = and(
    eq(checkups.insurerId, memberLinks.insurerId),
    eq(checkups.personKey, memberLinks.personKey),
  )
  // The newest checkup's date is known only to the database: the audit row names it there.
  const detail =
    shape === 'latest'
      ? sql`json_object('via', 'detail', 'examDate', (select max(${checkups.examDate}) from ${checkups} where ${mine}))`
      : sql`${value('detail')}`
  const found =
    shape === 'latest'
      ? sql`true`
      : shape === 'date'
        ? eq(checkups.examDate, value('examDate'))
        : undefined
  const exists = found
    ? sql`and exists (select 1 from ${checkups} where ${and(mine, found)})`
    : sql``
  const audit = db
    .insert(auditLog)
    // Every column in table order (the id null: SQLite numbers it).
    .select(
      sql`select null, ${value('now')}, 'member', ${sessions.accountId}, 'health.read', ${sessions.accountId}, ${value('ip')}, ${detail} from ${sessions} inner join ${memberLinks} on ${memberLinks.accountId} = ${sessions.accountId} inner join ${healthAccess} on ${healthAccess.accountId} = ${sessions.accountId} where ${gate} ${exists}`,
    )
    .prepare()
  const select = db
    // Every column a name of its own: D1 hands a batch's rows back keyed by column name.
    .select({
      mode: sessions.mode,
      lastSeenAt: sessions.lastSeenAt,
      linked: memberLinks.personKey,
      name: rosterPersons.nameKana,
      sex: rosterPersons.sex,
      codeVerifiedAt: healthAccess.codeVerifiedAt,
      lockedAt: healthAccess.lockedAt,
      answerHash: healthAccess.answerHash,
      noticeAcceptedAt: healthAccess.noticeAcceptedAt,
      stepUpAt: sessions.stepUpAt,
      examDate: checkups.examDate,
      institution: checkups.institution,
      tableVersion: checkups.tableVersion,
      grades: checkups.grades,
      results: shape === 'list' ? sql<string | null>`null`.as('results') : checkups.results,
    })
    .from(sessions)
    .leftJoin(memberLinks, eq(memberLinks.accountId, sessions.accountId))
    .leftJoin(rosterPersons, linkedPerson())
    .leftJoin(healthAccess, eq(healthAccess.accountId, sessions.accountId))
    .leftJoin(
      checkups,
      and(mine, gate, shape === 'date' ? lte(checkups.examDate, value('examDate')) : undefined),
    )
    .where(liveSession(value('session'), value('now')))
    .orderBy(desc(checkups.examDate))
    .prepare()
  return { audit, select }
}

const preparedReads = new WeakMap<Database, Map<ReadShape, ReturnType<typeof prepareRead>>>()

/**
 * One read of health data: one database batch (one round trip, one transaction) of prepareRead's two
 * statements. A refusal throws: no session (401), no linked card (409), the step-up not passed (403).
 */
async function guardedRead(deps: AccessDeps, token: string, ip: string, read: HealthRead) {
  const now = deps.now()
  const sessionId = await hashToken(token)
  const shape = shapeOf(read)
  let byShape = preparedReads.get(deps.db)
  if (!byShape) preparedReads.set(deps.db, (byShape = new Map()))
  let statements = byShape.get(shape)
  if (!statements) byShape.set(shape, (statements = prepareRead(deps.db, shape)))
  const values: Record<ReadValue, unknown> = {
    session: sessionId,
    now,
    checkSince: now - ANSWER_CHECK_MS,
    ip,
    detail: JSON.stringify(read),
    examDate: read.via === 'detail' ? read.examDate : null,
  }
  type Row = Awaited<ReturnType<typeof statements.select.all>>[number]
  const [, rows] = await (deps.db as unknown as Batchable).batch<[unknown, Row[]]>([
    withValues(statements.audit, values),
    withValues(statements.select, values),
  ])
  const [row] = rows
  if (!row) throw new AppError('unauthenticated')
  await touchSession(deps, sessionId, row, now)
  if (!row.linked) throw new AppError('not_linked')
  if (!row.codeVerifiedAt || stateOf(row, row.stepUpAt, now) !== 'ready')
    throw new AppError('step_up_required')
  return {
    /** When this session passed the step-up: the offline copy counts its 7 days from it (docs/security.md). */
    stepUpAt: row.stepUpAt!,
    person: { name: row.name ?? null, sex: row.sex ?? null },
    checkups: rows.flatMap((r) =>
      r.examDate
        ? [
            {
              examDate: r.examDate,
              institution: r.institution,
              tableVersion: r.tableVersion!,
              grades: r.grades!,
              results: r.results,
            },
          ]
        : [],
    ),
  }
}

const summaryFields = (r: { examDate: string; institution: string | null; tableVersion: string }) =>
  `"examDate":${JSON.stringify(r.examDate)},"institution":${JSON.stringify(r.institution)},"tableVersion":${JSON.stringify(r.tableVersion)}`

/**
 * GET /api/checkups: the member's checkups, newest first, without their results — date,
 * institution, grading table and how many items got each grade (counted at import) — for the list
 * of years. A JSON string spliced from the stored columns.
 */
export async function listCheckupsJson(deps: AccessDeps, token: string, ip: string) {
  const read = await guardedRead(deps, token, ip, { via: 'list' })
  const items = read.checkups.map((r) => `{${summaryFields(r)},"grades":${gradesJson(r.grades)}}`)
  return {
    stepUpAt: read.stepUpAt,
    json: `{"person":${JSON.stringify(read.person)},"checkups":[${items.join(',')}]}`,
  }
}

/**
 * GET /api/checkups/:examDate (or /latest, the newest): that checkup whole, followed by every earlier one (newest first),
 * which the screen needs for the change since the previous year and the trend charts. The answer is
 * spliced from the stored JSON as it is (no parse and re-stringify of the results): a JSON string
 * of `{ person, checkups }`; 404 when the member has no checkup on that date.
 */
export async function checkupDetailJson(
  deps: AccessDeps,
  token: string,
  ip: string,
  examDate: string | 'latest',
) {
  const latest = examDate === 'latest'
  const read = await guardedRead(deps, token, ip, { via: 'detail', examDate })
  if (!read.checkups[0] || (!latest && read.checkups[0].examDate !== examDate))
    throw new AppError('checkup_not_found')
  const items = read.checkups.map(
    (r) => `{${summaryFields(r)},"results":${resultsJson(r.results ?? '[]', r.tableVersion)}}`,
  )
  return {
    stepUpAt: read.stepUpAt,
    json: `{"person":${JSON.stringify(read.person)},"checkups":[${items.join(',')}]}`,
  }
}

/** Every checkup whole, newest first (the FHIR download). */
export async function readAllCheckups(deps: AccessDeps, token: string, ip: string) {
  const read = await guardedRead(deps, token, ip, { via: 'fhir' })
  return {
    person: read.person,
    checkups: read.checkups.map((r) => ({
      examDate: r.examDate,
      institution: r.institution,
      tableVersion: r.tableVersion,
      results: parseStoredResults(r.results ?? '[]', r.tableVersion),
    })),
  }
}
