/**
 * Viewing codes (閲覧用コード): drawn, stored hashed like a password, issued to an insurer's roster
 * persons for the postcard print file (the plain code exists only there), and counted.
 */
import { and, desc, eq, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import { formatViewingCode, VIEWING_CODE_ALPHABET } from '../../core/health-access'
import { namedRows, runBatch, type Database } from '../../db/open'
import { codeRuns, rosterPersons, staff, viewingCodes } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { insurerAudit, insurerStaffAudit } from './audit'
import { shardSlice } from './shard-jobs'
import { hashPassword } from './passwords'
import { codeReissuedOutbox, flagNotices } from './notices'
import { newId } from './tokens'
import { CODES_PER_REQUEST } from '../../core/viewing-codes'

type CodeDeps = Pick<Deps, 'db' | 'dbFor' | 'now' | 'randomBytes'>

/**
 * Codes and runs live in the insurer's database (issue 14). Each exported function takes an insurer id
 * that the route's staff guard (insurers.ts insurerForStaff: inScope first) or a trusted caller (the
 * seed, a test's fixture, the job) gives, and works on that insurer's database: `db` below is it.
 * `directory` stays the directory (staff names, the notices flag).
 */
async function onInsurer<D extends Pick<Deps, 'db' | 'dbFor' | 'now'>>(
  deps: D,
  insurerId: string,
): Promise<D & { directory: Database }> {
  return { ...deps, directory: deps.db, db: await deps.dbFor(insurerId) }
}

/** A fresh viewing code (12 characters without look-alikes), uniformly drawn. */
export function newViewingCode(randomBytes: (n: number) => Uint8Array): string {
  let code = ''
  while (code.length < 12) {
    for (const b of randomBytes(16)) {
      // 248 = 8 × 31: bytes above it would favour the first characters.
      if (b < 248 && code.length < 12)
        code += VIEWING_CODE_ALPHABET[b % VIEWING_CODE_ALPHABET.length]
    }
  }
  return code
}

/**
 * Where a person's live viewing code is: of their insurer, not revoked (one at most). Live is for
 * uniqueness and for revoking; a code the member may use is also confirmed (usableCodeOf).
 */
export const liveCodeOf = (insurerId: string, personKey: string) =>
  and(
    eq(viewingCodes.insurerId, insurerId),
    eq(viewingCodes.personKey, personKey),
    isNull(viewingCodes.revokedAt),
  )

/**
 * Where a person's usable viewing code is: live and its print file confirmed saved (issue 13). An
 * unconfirmed code (「未印刷」) is as no code to every reader that means "the member's code".
 */
export const usableCodeOf = (insurerId: string, personKey: string) =>
  and(liveCodeOf(insurerId, personKey), isNotNull(viewingCodes.confirmedAt))

/**
 * Stores a person's viewing code (hashed like a password), usable at once: the seed's demo postcards
 * and tests. The console and the CLI issue through a run instead (issueViewingCodes). A re-issue
 * revokes the live code first; a first issue stores nothing when the person already has a live code
 * (another run was first), and says so by returning false.
 */
export async function storeViewingCode(
  outer: CodeDeps,
  insurerId: string,
  personKey: string,
  code: string,
  reissue = true,
): Promise<boolean> {
  const deps = await onInsurer(outer, insurerId)
  const now = deps.now()
  const codeHash = await hashPassword(code, deps.randomBytes)
  const revoked = reissue
    ? await deps.db
        .update(viewingCodes)
        .set({ revokedAt: now })
        .where(liveCodeOf(insurerId, personKey))
        .returning({ id: viewingCodes.id })
    : []
  const stored = await deps.db
    .insert(viewingCodes)
    .values({
      id: newId(deps.randomBytes),
      insurerId,
      personKey,
      codeHash,
      issuedAt: now,
      confirmedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: viewingCodes.id })
  // A live code replaced: お知らせ for the linked member, if any (the job finds them).
  // (Not flagged for the notices job: the seed and tests only; the job's slow sweep finds it.)
  if (revoked.length && stored.length) await codeReissuedOutbox(deps, insurerId, personKey)
  return stored.length > 0
}

/** Runs left unconfirmed this long are revoked (by a new run, or the every-minute sweep). */
export const RUN_STALE_MS = 30 * 60_000
/** Runs and queue entries a page holds. */
export const CODES_PAGE = 50

type RunRow = typeof codeRuns.$inferSelect
export interface RunView {
  id: string
  kind: 'issue' | 'reissue'
  createdAt: string
  confirmedAt: string | null
  revokedAt: string | null
  issued: number
  staffName?: string | null
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
const presentRun = (r: RunRow, issued: number, staffName?: string | null): RunView => ({
  id: r.id,
  kind: r.kind as RunView['kind'],
  createdAt: iso(r.createdAt) as string,
  confirmedAt: iso(r.confirmedAt),
  revokedAt: iso(r.revokedAt),
  issued,
  ...(staffName !== undefined ? { staffName } : {}),
})

/**
 * An open run's live codes, counted from viewing_codes: what its confirm compares with the print file's
 * rows. Not code_runs.issued, which a request that failed part-way never updated. An open run's codes are
 * all unconfirmed, so `confirmed_at is null` changes nothing but lets the partial index viewing_codes_run
 * answer. Table-qualified by hand: in a select list the builder names a column without its table.
 */
const liveOfRun = (runId: SQL) =>
  sql`(select count(*) from viewing_codes v where v.run_id = ${runId} and v.confirmed_at is null and v.revoked_at is null)`

/**
 * How many codes a run shows: an open run's counted (liveOfRun); a closed run's as recorded (a confirmed
 * run's count was checked by its confirm; counting a closed run's codes would read every code, as the
 * index holds open ones only).
 */
const runCodes = sql<number>`(case when code_runs.confirmed_at is null and code_runs.revoked_at is null then ${liveOfRun(sql`code_runs.id`)} else code_runs.issued end)`

/** The run as shown, with its codes counted. */
async function viewOf(deps: Pick<Deps, 'db'>, run: RunRow): Promise<RunView> {
  const [n] = await deps.db.select({ n: runCodes }).from(codeRuns).where(eq(codeRuns.id, run.id))
  return presentRun(run, Number(n?.n ?? run.issued))
}

/**
 * A run's last activity: its newest code's issue, or its start. A run is stale 30 minutes after it,
 * so a long first issue (50 hashed codes a request) is never voided while it still issues.
 */
const lastActivity = sql`coalesce((select max(v.issued_at) from viewing_codes v where v.run_id = code_runs.id and v.confirmed_at is null and v.revoked_at is null), code_runs.created_at)`

/** An open run: not confirmed, not revoked, of this insurer. */
const openRun = (insurerId: string, runId: string) =>
  sql`exists (select 1 from code_runs r where r.id = ${runId} and r.insurer_id = ${insurerId} and r.confirmed_at is null and r.revoked_at is null)`

/** The run of this insurer, or 404 (also for another insurer's id). */
async function runOf(deps: Pick<Deps, 'db'>, insurerId: string, runId: string): Promise<RunRow> {
  const [run] = await deps.db
    .select()
    .from(codeRuns)
    .where(and(eq(codeRuns.id, runId), eq(codeRuns.insurerId, insurerId)))
  if (!run) throw new AppError('not_found')
  return run
}

/**
 * Revokes an unconfirmed run and its codes, in one batch: the run's UPDATE … WHERE confirmed_at IS NULL
 * AND revoked_at IS NULL RETURNING decides (a confirm and a revoke at once: exactly one wins); the
 * codes follow only when the run is revoked. Their persons go back to the re-issue queue.
 */
async function revokeRun(deps: Pick<Deps, 'db' | 'now'>, insurerId: string, runId: string) {
  const now = deps.now()
  const [won, codes] = (await runBatch(deps.db, [
    deps.db
      .update(codeRuns)
      .set({ revokedAt: now })
      .where(
        and(
          eq(codeRuns.id, runId),
          eq(codeRuns.insurerId, insurerId),
          isNull(codeRuns.confirmedAt),
          isNull(codeRuns.revokedAt),
        ),
      )
      .returning({ id: codeRuns.id }),
    deps.db
      .update(viewingCodes)
      .set({ revokedAt: now })
      .where(
        and(
          eq(viewingCodes.runId, runId),
          eq(viewingCodes.insurerId, insurerId),
          isNull(viewingCodes.confirmedAt),
          isNull(viewingCodes.revokedAt),
          sql`(select revoked_at from code_runs where id = ${runId}) is not null`,
        ),
      )
      .returning({ id: viewingCodes.id }),
  ])) as [unknown[], unknown[]]
  return { won: won.length > 0, revoked: codes.length }
}

/**
 * Revokes the runs left unconfirmed and idle (no code issued, nor started) for more than 30 minutes: of
 * one insurer (a new run starts), or of all (the every-minute sweep). Each is audited as the system's
 * act, in the insurer's database. How many runs it revoked.
 *
 * The sweep walks the insurer databases (issue 14): one query each, at most 100 per call, the slice
 * chosen by the minute (shard-jobs.ts); with 1,380 databases a stale run is revoked within 14 minutes
 * of its 30. A run left so is harmless meanwhile: its codes are unusable until confirmed.
 */
export async function revokeStaleRuns(
  deps: Pick<Deps, 'db' | 'dbFor' | 'databases' | 'now'>,
  insurerId?: string,
  options: { perCall?: number } = {},
): Promise<number> {
  if (insurerId) return revokeStaleIn(await deps.dbFor(insurerId), deps.now, insurerId)
  const shards = shardSlice(await deps.databases.shards(), deps.now(), 60_000, options.perCall)
  let n = 0
  for (const { db, state } of shards) if (state === 'active') n += await revokeStaleIn(db, deps.now)
  return n
}

/** revokeStaleRuns in one insurer database (of one insurer in it, or of all it holds). */
async function revokeStaleIn(db: Database, clock: () => number, insurerId?: string) {
  const deps = { db, now: clock }
  const stale = await deps.db
    .select({ id: codeRuns.id, insurerId: codeRuns.insurerId })
    .from(codeRuns)
    .where(
      and(
        insurerId ? eq(codeRuns.insurerId, insurerId) : undefined,
        isNull(codeRuns.confirmedAt),
        isNull(codeRuns.revokedAt),
        sql`${lastActivity} < ${deps.now() - RUN_STALE_MS}`,
      ),
    )
    .limit(200)
  let n = 0
  for (const run of stale) {
    const { won, revoked } = await revokeRun(deps, run.insurerId, run.id)
    if (!won) continue
    n++
    await insurerAudit(db, deps.now(), {
      action: 'codes.run_revoked',
      actorType: 'system',
      insurerId: run.insurerId,
      detail: { run: run.id, count: revoked, reason: 'unconfirmed' },
    })
  }
  return n
}

/** Starts a run (one print file), after revoking this insurer's runs left unconfirmed. */
export async function startRun(
  outer: CodeDeps,
  who: { id: string },
  ip: string,
  insurer: { id: string; number: string },
  kind: 'issue' | 'reissue',
): Promise<RunView> {
  const deps = await onInsurer(outer, insurer.id)
  await revokeStaleIn(deps.db, deps.now, insurer.id)
  const [run] = await deps.db
    .insert(codeRuns)
    .values({
      id: newId(deps.randomBytes),
      insurerId: insurer.id,
      staffId: who.id,
      kind,
      createdAt: deps.now(),
    })
    .returning()
  await insurerStaffAudit(deps.db, deps.now(), who, ip, 'codes.run_started', insurer.id, {
    insurer: insurer.number,
    run: run.id,
    kind,
  })
  return presentRun(run, 0)
}

/**
 * Confirms a run once its print file is saved: its codes become usable. Decided by the run's UPDATE …
 * WHERE confirmed_at IS NULL AND revoked_at IS NULL AND (its live codes) = `count` RETURNING, in one
 * batch with the codes' update (which follows only a confirmed run). `count` is the rows of the print
 * file: a code in no file (inserted by a request whose answer was lost or that failed part-way) makes
 * the counts differ, and nothing is confirmed (409 wrong_state count_mismatch; the client revokes the
 * run). A repeat answers `repeated`; a revoked run 409 run_revoked.
 */
export async function confirmRun(
  outer: CodeDeps,
  who: { id: string },
  ip: string,
  insurer: { id: string; number: string },
  runId: string,
  count: number,
): Promise<{ run: RunView; confirmed: number; repeated?: true }> {
  const deps = await onInsurer(outer, insurer.id)
  await runOf(deps, insurer.id, runId)
  const now = deps.now()
  const [won, codes] = (await runBatch(deps.db, [
    deps.db
      .update(codeRuns)
      .set({ confirmedAt: now })
      .where(
        and(
          eq(codeRuns.id, runId),
          eq(codeRuns.insurerId, insurer.id),
          isNull(codeRuns.confirmedAt),
          isNull(codeRuns.revokedAt),
          sql`${liveOfRun(sql`${runId}`)} = ${count}`,
        ),
      )
      .returning({ id: codeRuns.id }),
    deps.db
      .update(viewingCodes)
      .set({ confirmedAt: sql`(select confirmed_at from code_runs where id = ${runId})` })
      .where(
        and(
          eq(viewingCodes.runId, runId),
          eq(viewingCodes.insurerId, insurer.id),
          isNull(viewingCodes.confirmedAt),
          isNull(viewingCodes.revokedAt),
          sql`(select confirmed_at from code_runs where id = ${runId}) is not null`,
        ),
      )
      .returning({ id: viewingCodes.id }),
  ])) as [unknown[], unknown[]]
  const run = await runOf(deps, insurer.id, runId)
  if (won.length) {
    await insurerStaffAudit(deps.db, deps.now(), who, ip, 'codes.run_confirmed', insurer.id, {
      insurer: insurer.number,
      run: runId,
      count: codes.length,
    })
    return { run: await viewOf(deps, run), confirmed: codes.length }
  }
  if (run.revokedAt !== null)
    throw new AppError('wrong_state', { detail: { state: 'run_revoked' } })
  // Open still: the only condition left is the count.
  if (run.confirmedAt === null)
    throw new AppError('wrong_state', { detail: { state: 'count_mismatch' } })
  const [n] = await deps.db
    .select({ n: sql<number>`count(*)` })
    .from(viewingCodes)
    .where(and(eq(viewingCodes.runId, runId), isNotNull(viewingCodes.confirmedAt)))
  return { run: await viewOf(deps, run), confirmed: Number(n.n), repeated: true }
}

/** Revokes a run whose print file could not be saved (the console's 破棄, the CLI's write failure). */
export async function revokeRunOf(
  outer: CodeDeps,
  who: { id: string },
  ip: string,
  insurer: { id: string; number: string },
  runId: string,
): Promise<{ run: RunView; revoked: number; repeated?: true }> {
  const deps = await onInsurer(outer, insurer.id)
  await runOf(deps, insurer.id, runId)
  const { won, revoked } = await revokeRun(deps, insurer.id, runId)
  const run = await runOf(deps, insurer.id, runId)
  if (won) {
    await insurerStaffAudit(deps.db, deps.now(), who, ip, 'codes.run_revoked', insurer.id, {
      insurer: insurer.number,
      run: runId,
      count: revoked,
    })
    return { run: await viewOf(deps, run), revoked }
  }
  if (run.confirmedAt !== null)
    throw new AppError('wrong_state', { detail: { state: 'run_confirmed' } })
  return { run: await viewOf(deps, run), revoked: 0, repeated: true }
}

/** One page of the insurer's runs, newest first, with who started each; the cursor is `createdAt.id`. */
export async function listRuns(
  outer: Pick<Deps, 'db' | 'dbFor' | 'now'>,
  insurerId: string,
  cursor?: string,
) {
  const deps = await onInsurer(outer, insurerId)
  const [at, id] = splitCursor(cursor)
  const rows = await deps.db
    .select({ r: codeRuns, issued: runCodes })
    .from(codeRuns)
    .where(
      and(
        eq(codeRuns.insurerId, insurerId),
        at !== null
          ? or(lt(codeRuns.createdAt, at), and(eq(codeRuns.createdAt, at), lt(codeRuns.id, id)))
          : undefined,
      ),
    )
    .orderBy(desc(codeRuns.createdAt), desc(codeRuns.id))
    .limit(CODES_PAGE + 1)
  const last = rows.length > CODES_PAGE ? rows[CODES_PAGE - 1].r : null
  // Who started each run: the directory's staff, by id (one query).
  const ids = [...new Set(rows.flatMap((x) => (x.r.staffId ? [x.r.staffId] : [])))]
  const names = new Map(
    ids.length
      ? (
          await deps.directory
            .select({ id: staff.id, name: staff.name })
            .from(staff)
            .where(sql`${staff.id} in (select value from json_each(${JSON.stringify(ids)}))`)
        ).map((r) => [r.id, r.name])
      : [],
  )
  return {
    runs: rows
      .slice(0, CODES_PAGE)
      .map((x) =>
        presentRun(x.r, Number(x.issued), x.r.staffId ? (names.get(x.r.staffId) ?? null) : null),
      ),
    next: last ? `${last.createdAt}.${last.id}` : null,
  }
}

/** A cursor `number.text` as its parts, or [null, ''] when absent or malformed. */
function splitCursor(cursor?: string): [number | null, string] {
  const m = cursor ? /^(\d{1,16})\.(.{1,100})$/.exec(cursor) : null
  return m ? [Number(m[1]), m[2]] : [null, '']
}

/**
 * Issues a viewing code to up to `limit` roster persons of the insurer who have no live one (or to
 * the given persons) into an open run, for the postcard print file: the plain codes are returned once
 * and only their hashes are kept. Each code is inserted unconfirmed (unusable until the run is) and only
 * while the run is open: the INSERT … SELECT … WHERE EXISTS (the open run) decides, so a run revoked or
 * confirmed meanwhile issues nothing more (409 wrong_state run_closed). A re-issue revokes the person's
 * live code first, in the same batch and under the same condition. Each code costs a password hash, so
 * a request issues at most 50.
 */
export async function issueViewingCodes(
  outer: CodeDeps,
  insurerId: string,
  options: { runId: string; personKeys?: string[]; limit?: number; reissue?: boolean },
) {
  const deps = await onInsurer(outer, insurerId)
  const run = await runOf(deps, insurerId, options.runId)
  const closed = () => new AppError('wrong_state', { detail: { state: 'run_closed' } })
  if (run.confirmedAt !== null || run.revokedAt !== null) throw closed()
  const limit = Math.min(options.limit ?? CODES_PER_REQUEST, CODES_PER_REQUEST)
  const live = sql`exists (select 1 from viewing_codes v where v.insurer_id = ${rosterPersons.insurerId} and v.person_key = ${rosterPersons.personKey} and v.revoked_at is null)`
  const persons = await deps.db
    .select()
    .from(rosterPersons)
    .where(
      and(
        eq(rosterPersons.insurerId, insurerId),
        options.personKeys
          ? sql`${rosterPersons.personKey} in (select value from json_each(${JSON.stringify(options.personKeys)}))`
          : undefined,
        options.reissue ? undefined : sql`not ${live}`,
      ),
    )
    .orderBy(rosterPersons.personKey)
    .limit(limit)
  const issued = []
  // This request's codes, revoked again when the run closes part-way: they are in no answer, so in no
  // print file. Confirmed ones too: a confirm that landed between two persons (its count matching by
  // chance, with these included) must not leave a usable code that nobody received.
  const inserted: string[] = []
  const isOpen = openRun(insurerId, options.runId)
  for (const p of persons) {
    const code = newViewingCode(deps.randomBytes)
    const codeHash = await hashPassword(code, deps.randomBytes)
    const now = deps.now()
    const insert = deps.db
      .insert(viewingCodes)
      .select(
        sql`select ${newId(deps.randomBytes)}, ${insurerId}, ${p.personKey}, ${codeHash}, ${now}, null, 0, null, null, ${options.runId}, null where ${isOpen}`,
      )
      .onConflictDoNothing()
      .returning({ id: viewingCodes.id })
    const results = options.reissue
      ? ((await runBatch(deps.db, [
          deps.db
            .update(viewingCodes)
            .set({ revokedAt: now })
            .where(and(liveCodeOf(insurerId, p.personKey), isOpen))
            .returning({ id: viewingCodes.id, confirmedAt: viewingCodes.confirmedAt }),
          insert,
        ])) as [{ confirmedAt: number | null }[], { id: string }[]])
      : ([[], await insert] as [{ confirmedAt: number | null }[], { id: string }[]])
    const [revoked, stored] = results
    if (!stored.length) {
      // Nothing stored: the run closed meanwhile (stop, the request's codes are void), or the person
      // was given a code by another run (skip them).
      const [now] = await deps.db
        .select({ ok: sql<number>`${isOpen}` })
        .from(codeRuns)
        .where(eq(codeRuns.id, options.runId))
      if (!Number(now?.ok)) {
        if (inserted.length)
          await deps.db
            .update(viewingCodes)
            .set({ revokedAt: deps.now() })
            .where(
              and(
                sql`${viewingCodes.id} in (select value from json_each(${JSON.stringify(inserted)}))`,
                isNull(viewingCodes.revokedAt),
              ),
            )
        throw closed()
      }
      continue
    }
    // A usable code replaced: お知らせ for the linked member, if any (the job finds them).
    inserted.push(stored[0].id)
    if (revoked.some((r) => r.confirmedAt !== null)) {
      await codeReissuedOutbox(deps, insurerId, p.personKey)
      await flagNotices(outer, insurerId)
    }
    issued.push({
      personKey: p.personKey,
      symbol: p.symbol,
      number: p.number,
      branch: p.branch,
      nameKana: p.nameKana,
      postalCode: p.postalCode,
      address: p.address,
      code: formatViewingCode(code),
      issuedAt: new Date(now).toISOString(),
    })
  }
  // Kept up to date for the record; what the runs show and confirm checks is counted from viewing_codes.
  if (issued.length)
    await deps.db
      .update(codeRuns)
      .set({ issued: sql`${codeRuns.issued} + ${issued.length}` })
      .where(eq(codeRuns.id, options.runId))
  return issued
}

/** The codes of live persons: usable ones issued, used, locked; not printed; and persons without one. */
export async function viewingCodeStatus(outer: CodeDeps, insurerId: string) {
  const deps = await onInsurer(outer, insurerId)
  const [codes] = await deps.db
    .select({
      issued: sql<number>`coalesce(sum(${viewingCodes.confirmedAt} is not null), 0)`,
      notPrinted: sql<number>`coalesce(sum(${viewingCodes.confirmedAt} is null), 0)`,
      used: sql<number>`coalesce(sum(${viewingCodes.confirmedAt} is not null and ${viewingCodes.usedAt} is not null), 0)`,
      locked: sql<number>`coalesce(sum(${viewingCodes.confirmedAt} is not null and ${viewingCodes.lockedAt} is not null), 0)`,
    })
    .from(viewingCodes)
    .where(and(eq(viewingCodes.insurerId, insurerId), isNull(viewingCodes.revokedAt)))
  const [persons] = await deps.db
    .select({
      // Table-qualified by hand: in a select list the builder names a column without its table, which
      // inside the subquery would be the code's own column.
      queue: sql<number>`coalesce(sum(exists (select 1 from viewing_codes v where v.insurer_id = roster_persons.insurer_id and v.person_key = roster_persons.person_key)), 0)`,
      n: sql<number>`count(*)`,
    })
    .from(rosterPersons)
    .where(
      and(
        eq(rosterPersons.insurerId, insurerId),
        sql`not exists (select 1 from viewing_codes v where v.insurer_id = ${rosterPersons.insurerId} and v.person_key = ${rosterPersons.personKey} and v.revoked_at is null)`,
      ),
    )
  const reissueQueue = Number(persons.queue)
  const withoutCode = Number(persons.n)
  return {
    issued: Number(codes.issued),
    used: Number(codes.used),
    locked: Number(codes.locked),
    withoutCode,
    notPrinted: Number(codes.notPrinted),
    reissueQueue,
    neverIssued: withoutCode - reissueQueue,
  }
}

/**
 * The re-issue queue: persons without a live code who had one (support's re-issues, revoked runs),
 * oldest first by when their last code was revoked; the cursor is `since.personKey`.
 */
export async function codeQueue(
  outer: Pick<Deps, 'db' | 'dbFor' | 'now'>,
  insurerId: string,
  cursor?: string,
) {
  const deps = await onInsurer(outer, insurerId)
  const [at, key] = splitCursor(cursor)
  const rows = namedRows(
    await deps.db.all(sql`
      select p.person_key as personKey, p.name_kana as nameKana, max(v.revoked_at) as since
      from roster_persons p
      join viewing_codes v on v.insurer_id = p.insurer_id and v.person_key = p.person_key
      where p.insurer_id = ${insurerId}
        and not exists (select 1 from viewing_codes l where l.insurer_id = p.insurer_id and l.person_key = p.person_key and l.revoked_at is null)
      group by p.person_key, p.name_kana
      ${at !== null ? sql`having max(v.revoked_at) > ${at} or (max(v.revoked_at) = ${at} and p.person_key > ${key})` : sql``}
      order by since, p.person_key
      limit ${CODES_PAGE + 1}`),
    ['personKey', 'nameKana', 'since'] as const,
  )
  const persons = rows.slice(0, CODES_PAGE).map((r) => ({
    personKey: String(r.personKey),
    nameKana: String(r.nameKana),
    since: new Date(Number(r.since)).toISOString(),
  }))
  const last = rows.length > CODES_PAGE ? rows[CODES_PAGE - 1] : null
  return { persons, next: last ? `${Number(last.since)}.${String(last.personKey)}` : null }
}
