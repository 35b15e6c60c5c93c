/**
 * The reads of a member's checkups (journey 6), each behind the step-up's gate in SQL and each
 * with its audit row in the same batch: the list, one checkup with the earlier ones, and all of
 * them for the FHIR download. The step-up itself is step-up.ts's.
 */
import { and, desc, eq, fillPlaceholders, gte, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import {
  accounts,
  checkups,
  healthAccess,
  insurerAuditLog,
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

type AccessDeps = Pick<Deps, 'db' | 'databases' | 'now' | 'randomBytes'>

/** The values a health read binds at each request (its statements are prepared once: prepareRead). */
type ReadValue =
  'account' | 'insurer' | 'stepUpAt' | 'now' | 'checkSince' | 'ip' | 'detail' | 'examDate'
const value = (name: ReadValue) => sql.placeholder(name)

/**
 * The gate of every health read, in SQL over the insurer database's `member_links ⋈ health_access`,
 * with the session's values BOUND (round trip 1 read them from the directory): the step-up 'ready' as
 * `stateOf` has it (code proven, not locked, question set, notice read, the session's last check
 * within 24 hours: since `checkSince`).
 */
const gateSql = () =>
  and(
    eq(memberLinks.accountId, value('account')),
    eq(memberLinks.insurerId, value('insurer')),
    isNotNull(healthAccess.codeVerifiedAt),
    isNull(healthAccess.lockedAt),
    isNotNull(healthAccess.answerHash),
    isNotNull(healthAccess.noticeAcceptedAt),
    sql`${value('stepUpAt')} >= ${value('checkSince')}`,
  )!

/** What a read reads: the list, one checkup (by date, or the newest: 'latest'), or everything for FHIR. */
export type HealthRead = { via: 'list' } | { via: 'detail'; examDate: string } | { via: 'fhir' }

/**
 * The kinds of statement pair a read needs (the newest checkup is found by SQL, a date is bound).
 * 'range' is the read of an insurer split by fiscal years: the home database's audit row and gate
 * without checkups (they are read from every range).
 */
type ReadShape = 'list' | 'latest' | 'date' | 'fhir' | 'range'
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
 * The two statements of one shape of read in the member's insurer database, built by drizzle and
 * prepared once per database: drizzle builds a query's SQL anew at every call, and for these joins
 * that was about a tenth of a read's cost in workerd (bench/README.md); a request only binds its values.
 * - The audit row (`health.read`, with what was read), INSERT … SELECT behind the gate.
 * - The member's link and step-up row, and the checkups left-joined behind the same gate: one row
 *   per checkup, or one row with no checkup when the gate is shut (or there is none).
 * Data never leaves without its row; the step-up columns only tell which refusal to give. All but the
 * list add the results (the stored JSON, as text); a date narrows the checkups to it and those before
 * it, and is the checkup that must exist for the read to count (nothing read, no audit row).
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
    .insert(insurerAuditLog)
    // Every column in table order (the id null: SQLite numbers it).
    .select(
      sql`select null, ${value('now')}, 'member', ${memberLinks.accountId}, 'health.read', ${memberLinks.accountId}, ${memberLinks.insurerId}, ${value('ip')}, ${detail}, null from ${memberLinks} inner join ${healthAccess} on ${healthAccess.accountId} = ${memberLinks.accountId} where ${gate} ${exists}`,
    )
    .prepare()
  const select = db
    // Every column a name of its own: D1 hands a batch's rows back keyed by column name.
    .select({
      linked: memberLinks.personKey,
      name: rosterPersons.nameKana,
      sex: rosterPersons.sex,
      codeVerifiedAt: healthAccess.codeVerifiedAt,
      lockedAt: healthAccess.lockedAt,
      answerHash: healthAccess.answerHash,
      noticeAcceptedAt: healthAccess.noticeAcceptedAt,
      examDate: checkups.examDate,
      institution: checkups.institution,
      tableVersion: checkups.tableVersion,
      grades: checkups.grades,
      results:
        shape === 'list' || shape === 'range'
          ? sql<string | null>`null`.as('results')
          : checkups.results,
    })
    .from(memberLinks)
    .leftJoin(rosterPersons, linkedPerson())
    .leftJoin(healthAccess, eq(healthAccess.accountId, memberLinks.accountId))
    .leftJoin(
      checkups,
      shape === 'range'
        ? sql`false`
        : and(mine, gate, shape === 'date' ? lte(checkups.examDate, value('examDate')) : undefined),
    )
    .where(
      and(eq(memberLinks.accountId, value('account')), eq(memberLinks.insurerId, value('insurer'))),
    )
    .orderBy(desc(checkups.examDate))
    .prepare()
  return { audit, select }
}

/** Round trip 1, in the directory: the live session and the account's pointer (prepared once). */
function prepareSession(db: Database) {
  return db
    .select({
      accountId: sessions.accountId,
      mode: sessions.mode,
      lastSeenAt: sessions.lastSeenAt,
      stepUpAt: sessions.stepUpAt,
      insurerId: accounts.insurerId,
      linkState: accounts.linkState,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(liveSession(sql.placeholder('session'), sql.placeholder('now')))
    .prepare()
}

const preparedReads = new WeakMap<Database, Map<ReadShape, ReturnType<typeof prepareRead>>>()
const preparedSessions = new WeakMap<Database, ReturnType<typeof prepareSession>>()

function statementsFor(db: Database, shape: ReadShape) {
  let byShape = preparedReads.get(db)
  if (!byShape) preparedReads.set(db, (byShape = new Map()))
  let statements = byShape.get(shape)
  if (!statements) byShape.set(shape, (statements = prepareRead(db, shape)))
  return statements
}

/** A range's checkups of the person (an insurer split by fiscal years), after the gate let the read in. */
function rangeCheckups(db: Database, insurerId: string, personKey: string, read: HealthRead) {
  const shape = shapeOf(read)
  return db
    .select({
      examDate: checkups.examDate,
      institution: checkups.institution,
      tableVersion: checkups.tableVersion,
      grades: checkups.grades,
      results: shape === 'list' ? sql<string | null>`null`.as('results') : checkups.results,
    })
    .from(checkups)
    .where(
      and(
        eq(checkups.insurerId, insurerId),
        eq(checkups.personKey, personKey),
        shape === 'date' && read.via === 'detail'
          ? lte(checkups.examDate, read.examDate)
          : undefined,
      ),
    )
}

/**
 * One read of health data, in two sequential round trips: (1) the directory: the session, its
 * step-up time and the account's pointer to its insurer; (2) ONE batch in the insurer's database:
 * the audit row and the read, both behind the gate with the session's values bound, while the
 * session's idle deadline moves in the directory at the same time. An insurer split by fiscal years
 * reads its other ranges after the gate opened (a third trip, for those insurers only).
 * A refusal throws: no session (401), no linked card (409), the step-up not passed (403).
 */
async function guardedRead(deps: AccessDeps, token: string, ip: string, read: HealthRead) {
  const now = deps.now()
  const sessionId = await hashToken(token)
  let session = preparedSessions.get(deps.db)
  if (!session) preparedSessions.set(deps.db, (session = prepareSession(deps.db)))
  const [seen] = await session.all({ session: sessionId, now })
  if (!seen) throw new AppError('unauthenticated')
  // Reads treat a link not yet complete (pending, unlinking) as none.
  if (seen.linkState !== 'linked' || !seen.insurerId) {
    await touchSession(deps, sessionId, seen, now)
    throw new AppError('not_linked')
  }
  const insurerId = seen.insurerId
  // The shard map is cached (db/open.ts): no round trip in the steady state.
  const ranges = await deps.databases.rangesFor(insurerId)
  const split = ranges.length > 1
  const home = (ranges.find((r) => r.fromFy === 0) ?? ranges[0]).db
  const shape = split ? 'range' : shapeOf(read)
  const statements = statementsFor(home, shape)
  const values: Record<ReadValue, unknown> = {
    account: seen.accountId,
    insurer: insurerId,
    stepUpAt: seen.stepUpAt,
    now,
    checkSince: now - ANSWER_CHECK_MS,
    ip,
    detail: JSON.stringify(read),
    examDate: read.via === 'detail' ? read.examDate : null,
  }
  type Row = Awaited<ReturnType<typeof statements.select.all>>[number]
  const [[, rows]] = await Promise.all([
    (home as unknown as Batchable).batch<[unknown, Row[]]>([
      withValues(statements.audit, values),
      withValues(statements.select, values),
    ]),
    touchSession(deps, sessionId, seen, now),
  ])
  const [row] = rows
  if (!row?.linked) throw new AppError('not_linked')
  if (!row.codeVerifiedAt || stateOf(row, seen.stepUpAt, now) !== 'ready')
    throw new AppError('step_up_required')
  type Found = Pick<Row, 'institution' | 'grades' | 'results'> & {
    examDate: string
    tableVersion: string
  }
  let found: Found[] = rows.flatMap((r) =>
    r.examDate
      ? [
          {
            examDate: r.examDate,
            institution: r.institution,
            tableVersion: r.tableVersion!,
            grades: r.grades,
            results: r.results,
          },
        ]
      : [],
  )
  if (split) {
    const parts = await Promise.all(
      ranges.map((r) => rangeCheckups(r.db, insurerId, row.linked!, read)),
    )
    found = parts.flat().sort((a, b) => (a.examDate < b.examDate ? 1 : -1))
  }
  return {
    /** When this session passed the step-up: the offline copy counts its 7 days from it (docs/security.md). */
    stepUpAt: seen.stepUpAt!,
    person: { name: row.name ?? null, sex: row.sex ?? null },
    checkups: found.map((r) => ({
      examDate: r.examDate,
      institution: r.institution,
      tableVersion: r.tableVersion,
      grades: r.grades!,
      results: r.results,
    })),
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
