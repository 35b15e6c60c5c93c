/**
 * お知らせ (journey 11): the outbox the checkup import and a code re-issue write to, the scheduled job
 * that turns it into notices, mails and pushes, and the member's list (push subscriptions: push-subscriptions.ts).
 *
 * Across databases (docs/scale.md, "notices"): the outbox and the links are in the insurer's database,
 * the notices, accounts and push subscriptions in the directory. No transaction spans both, so:
 * the import writes its outbox rows in its own batch and then flags the insurer in the directory
 * (`flagNotices`); the job takes a flag (deleting it first), drains that insurer's outbox, and gives
 * each notice an id derived from the outbox row, inserted ON CONFLICT DO NOTHING RETURNING: a run
 * stopped after the notices and before the outbox delete is run again without a second notice, and
 * mail and push go only to the notices the insert returned. A flag lost (an import stopped between
 * its batch and its flag) is found by a slow sweep over every insurer database.
 */
import { and, asc, desc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm'
import type { NoticeKind } from '../../core/notices'
import {
  accounts,
  memberLinks,
  notices,
  noticeOutbox,
  noticePending,
  pushSubscriptions,
  sessions,
} from '../../db/schema'
import { ShardError, type Database } from '../../db/open'
import type { Deps } from '../deps'
import { AppError, errorName } from '../errors'
import { mailTemplates } from './mail-templates'
import { newId } from './tokens'
import { sendPush } from './web-push'

type NoticeDeps = Pick<Deps, 'db' | 'now' | 'randomBytes'>
type JobDeps = Pick<Deps, 'db' | 'databases' | 'now' | 'mail' | 'config' | 'fetch' | 'log'>

/** A claim older than this is taken again (the run that made it died before finishing). */
export const CLAIM_TIMEOUT_MS = 10 * 60_000
/** Outbox rows one claim takes. */
export const CLAIM_BATCH = 100
/**
 * Claims one run of the job makes: each row can cost a mail and pushes (a Worker's subrequests are
 * counted per invocation), and the cron runs every minute, so a long outbox drains over a few runs.
 */
export const CLAIMS_PER_RUN = 10
/**
 * Database queries one run may make. D1 allows 1,000 per Worker invocation (Workers Paid), and the
 * minute's other jobs (code runs, links to reconcile) run in the same invocation: the job stops
 * well short and leaves the rest (its flags) to the next minute.
 */
export const QUERY_BUDGET = 400
/** What draining one claim can cost at most: claim, links, notices, outbox delete, accounts, subscriptions, gone. */
const CLAIM_COST = 8
/**
 * Insurer databases the sweep visits per run, a different slice each minute: with 1,380 insurers in
 * (at most) as many databases, each is visited at least once an hour; up to this many, every minute.
 */
export const SWEEP_PER_RUN = 25
/** Notices a list answer holds (the newest). */
export const NOTICE_LIST_LIMIT = 50

/** What a notice says in a push and on the lock screen: which kind of thing arrived, no health data. */
export const NOTICE_TEXT: Record<NoticeKind, string> = {
  results: '新しい健診結果が届きました',
  code_reissued: '健診閲覧コードが再発行されました',
  inquiry_reply: 'お問い合わせへの回答が届きました',
}

/** The app path a notice opens. Results: that checkup date's own URL. */
export function noticeLink(kind: NoticeKind, ref: string | null): string {
  if (kind === 'results')
    return ref && /^\d{4}-\d{2}-\d{2}$/.test(ref) ? `/checkups/${ref}` : '/checkups'
  if (kind === 'code_reissued') return '/checkups'
  return '/inquiry'
}

/**
 * The checkup import's outbox rows (a query builder for the import's own batch, so the checkups and
 * their notices are stored or refused together): one per person whose checkups were inserted or
 * replaced, with the newest exam date touched. `deps.db` is the database the batch runs on (the
 * insurer's, holding those checkups); after the batch, `flagNotices` on the directory.
 */
export function resultsOutbox(
  deps: Pick<Deps, 'db'>,
  insurerId: string,
  touched: { personKey: string; examDate: string }[],
  now: number,
) {
  const newest = new Map<string, string>()
  for (const t of touched)
    if ((newest.get(t.personKey) ?? '') < t.examDate) newest.set(t.personKey, t.examDate)
  const rows = JSON.stringify([...newest])
  return deps.db.insert(noticeOutbox).select(
    sql`select null, ${insurerId}, json_extract(value, '$[0]'), 'results', json_extract(value, '$[1]'), ${now}, null, null
        from json_each(${rows}) where true`,
  )
}

/**
 * A viewing code re-issued for a person (services/member-actions.ts): an outbox row for the job.
 * `deps.db` is the insurer's database; then `flagNotices` on the directory.
 */
export async function codeReissuedOutbox(
  deps: Pick<Deps, 'db' | 'now'>,
  insurerId: string,
  personKey: string,
) {
  await deps.db
    .insert(noticeOutbox)
    .values({ insurerId, personKey, kind: 'code_reissued', ref: null, createdAt: deps.now() })
}

/**
 * A notice written at once, without the outbox (an inquiry reply to a logged-in member's inquiry: the
 * reply itself is mailed by the console, so this adds the お知らせ and nothing else).
 */
export async function addNotice(
  deps: NoticeDeps,
  accountId: string,
  kind: NoticeKind,
  link: string,
): Promise<void> {
  await deps.db
    .insert(notices)
    .values({ id: newId(deps.randomBytes), accountId, kind, link, createdAt: deps.now() })
}

/**
 * Flags an insurer for the notices job (directory `notice_pending`), after the batch that wrote its
 * outbox rows (the checkup import, a code re-issue). Idempotent: a flag already there stays as it is.
 * `notBefore` delays it (a drain that failed is tried again when its claims have expired).
 */
export async function flagNotices(
  deps: Pick<Deps, 'db' | 'now'>,
  insurerId: string,
  notBefore = deps.now(),
): Promise<void> {
  await deps.db.insert(noticePending).values({ insurerId, since: notBefore }).onConflictDoNothing()
}

/**
 * A notice's id, derived from the outbox row it comes from (the database's name, the row's id and
 * creation time): the same row always gives the same notice, so a second insert of it is a no-op.
 * Shaped as a UUID (version 8: a name-based one of our own).
 */
export async function noticeIdOf(
  database: string,
  row: { id: number; createdAt: number },
): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`notice\n${database}\n${row.id}\n${row.createdAt}`),
  )
  const b = new Uint8Array(digest).slice(0, 16)
  b[6] = (b[6] & 0x0f) | 0x80
  b[8] = (b[8] & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

type Claimed = typeof noticeOutbox.$inferSelect

/**
 * Claims up to `limit` outbox rows of one database (of one insurer, or any) by ONE statement
 * (docs/security.md, limits hold under concurrency): the UPDATE marks them and RETURNING says which,
 * so two runs at once never take the same row. A claim older than CLAIM_TIMEOUT_MS is taken again.
 */
async function claim(
  db: Database,
  insurerId: string | null,
  limit: number,
  now: number,
): Promise<Claimed[]> {
  const free = and(
    or(isNull(noticeOutbox.claimedAt), lt(noticeOutbox.claimedAt, now - CLAIM_TIMEOUT_MS)),
    insurerId === null ? undefined : eq(noticeOutbox.insurerId, insurerId),
  )
  return db
    .update(noticeOutbox)
    .set({ claimedAt: now })
    .where(
      and(
        free,
        sql`${noticeOutbox.id} in (select ${noticeOutbox.id} from ${noticeOutbox} where ${free} order by ${noticeOutbox.id} limit ${limit})`,
      ),
    )
    .returning()
}

export interface JobReport {
  /** Outbox rows claimed. */
  claimed: number
  /** Notices written (rows whose notice was already there, from a stopped run, are not counted). */
  notices: number
  mails: number
  pushes: number
  pushesGone: number
  failures: number
  /** Flags taken, and insurer databases the sweep visited. */
  flags: number
  swept: number
  /** Queries the run made (at most QUERY_BUDGET, give or take one claim's). */
  queries: number
}

export interface JobOptions {
  batch?: number
  claims?: number
  queries?: number
  /** Databases the sweep visits; 0: no sweep. */
  sweep?: number
}

/** One run's state: what it may still spend, and what it did. */
interface Run {
  report: JobReport
  claims: number
  maxClaims: number
  budget: number
  batch: number
  fail(message: string, err: unknown): void
}

const canClaim = (run: Run) =>
  run.claims < run.maxClaims && run.report.queries + CLAIM_COST <= run.budget

/**
 * The scheduled job (worker/index.ts, every minute; POST /dev/jobs/notices in development). First the
 * flagged insurers, oldest flag first: each flag is deleted by the statement that takes it, then
 * that insurer's outbox is drained (in each database holding its years); an insurer with rows left
 * when the run's budget ends is flagged again, one whose drain failed is flagged again for when its
 * claims have expired. Then, with what is left of the budget, the sweep: this minute's slice of all
 * insurer databases, drained whatever their flags. Claimed rows become notices for the persons'
 * linked accounts; mail to members who chose it, a push to each subscription of a live session
 * (404/410: deleted; a dead session's: deleted unsent). Never throws: failures are logged by name.
 */
export async function processNotices(deps: JobDeps, options: JobOptions = {}): Promise<JobReport> {
  const report: JobReport = {
    claimed: 0,
    notices: 0,
    mails: 0,
    pushes: 0,
    pushesGone: 0,
    failures: 0,
    flags: 0,
    swept: 0,
    queries: 0,
  }
  const run: Run = {
    report,
    claims: 0,
    maxClaims: options.claims ?? CLAIMS_PER_RUN,
    budget: options.queries ?? QUERY_BUDGET,
    batch: options.batch ?? CLAIM_BATCH,
    fail: (message, err) => {
      report.failures++
      deps.log('error', message, { name: errorName(err) })
    },
  }
  try {
    await drainFlagged(deps, run)
    await sweep(deps, run, options.sweep ?? SWEEP_PER_RUN)
  } catch (err) {
    run.fail('notices job stopped', err)
  }
  return report
}

/** The flagged insurers, one flag at a time (taken by the DELETE that returns it). */
async function drainFlagged(deps: JobDeps, run: Run) {
  while (canClaim(run)) {
    const now = deps.now()
    run.report.queries++
    const oldest = sql`(select ${noticePending.insurerId} from ${noticePending} where ${noticePending.since} <= ${now} order by ${noticePending.since}, ${noticePending.insurerId} limit 1)`
    const [flag] = await deps.db
      .delete(noticePending)
      .where(and(eq(noticePending.insurerId, oldest), lte(noticePending.since, now)))
      .returning({ insurerId: noticePending.insurerId })
    if (!flag) return
    run.report.flags++
    let places: { database: string; db: Database }[]
    try {
      const ranges = await deps.databases.rangesFor(flag.insurerId)
      places = [...new Map(ranges.map((r) => [r.database, r])).values()]
    } catch (err) {
      // No database for it (an insurer not placed): nothing to drain, the flag is dropped.
      run.fail('notices: insurer without a database', err)
      continue
    }
    let left = false
    for (const place of places) {
      const state = await drain(deps, run, place, flag.insurerId)
      if (state === 'failed') {
        // Its claims are taken again once expired: the flag comes back for then.
        run.report.queries++
        await flagNotices(deps, flag.insurerId, deps.now() + CLAIM_TIMEOUT_MS + 1)
        left = false
        break
      }
      if (state === 'more') left = true
    }
    if (left) {
      run.report.queries++
      await flagNotices(deps, flag.insurerId)
    }
  }
}

/** This minute's slice of every active insurer database, drained whatever the flags say. */
async function sweep(deps: JobDeps, run: Run, perRun: number) {
  if (perRun <= 0 || !canClaim(run)) return
  run.report.queries++
  const all = (await deps.databases.shards()).filter((s) => s.state === 'active')
  if (!all.length) return
  const slices = Math.ceil(all.length / perRun)
  const slice = Math.floor(deps.now() / 60_000) % slices
  for (const place of all.slice(slice * perRun, slice * perRun + perRun)) {
    if (!canClaim(run)) return
    run.report.swept++
    await drain(deps, run, { database: place.name, db: place.db }, null)
  }
}

/**
 * Claims and delivers one database's outbox rows (of one insurer, or of all) until it is empty or
 * the run's budget ends: 'done', 'more' (rows may be left), or 'failed' (logged; the rows stay
 * claimed and are taken again after CLAIM_TIMEOUT_MS).
 */
async function drain(
  deps: JobDeps,
  run: Run,
  place: { database: string; db: Database },
  insurerId: string | null,
): Promise<'done' | 'more' | 'failed'> {
  while (canClaim(run)) {
    let rows: Claimed[]
    try {
      run.report.queries++
      rows = await claim(place.db, insurerId, run.batch, deps.now())
    } catch (err) {
      run.fail('notice outbox not claimed', err)
      return 'failed'
    }
    if (!rows.length) return 'done'
    run.claims++
    run.report.claimed += rows.length
    try {
      if (!(await deliver(deps, run, place, rows))) return 'failed'
    } catch (err) {
      run.fail('notices not written', err)
      return 'failed'
    }
    if (rows.length < run.batch) return 'done'
  }
  return 'more'
}

/**
 * Claimed rows of one database to notices: the persons' links (each insurer's home database), the
 * notices (directory, deterministic ids, ON CONFLICT DO NOTHING RETURNING), the outbox rows deleted,
 * then mail and push for the notices the insert returned. False when the outbox delete failed (the
 * notices stand; the rows are taken again later and make none).
 */
async function deliver(
  deps: JobDeps,
  run: Run,
  place: { database: string; db: Database },
  rows: Claimed[],
): Promise<boolean> {
  const { report } = run
  const now = deps.now()
  // Rows of an insurer this database does not hold (a copy left behind by a move) are left alone.
  const byInsurer = new Map<string, Claimed[]>()
  for (const r of rows) byInsurer.set(r.insurerId, [...(byInsurer.get(r.insurerId) ?? []), r])
  const mine: Claimed[] = []
  const homes = new Map<Database, Claimed[]>()
  for (const [insurerId, list] of byInsurer) {
    let home: Database
    try {
      const ranges = await deps.databases.rangesFor(insurerId)
      if (!ranges.some((r) => r.database === place.database)) continue
      home = (ranges.find((r) => r.fromFy === 0) ?? ranges[0]).db
    } catch (err) {
      if (err instanceof ShardError) continue
      throw err
    }
    mine.push(...list)
    homes.set(home, [...(homes.get(home) ?? []), ...list])
  }
  // The insurer's side: who is linked to these persons (in each insurer's home database).
  const accountOf = new Map<string, string>()
  for (const [home, list] of homes) {
    report.queries++
    const persons = JSON.stringify(list.map((r) => [r.insurerId, r.personKey]))
    const links = await home
      .select({
        accountId: memberLinks.accountId,
        insurerId: memberLinks.insurerId,
        personKey: memberLinks.personKey,
      })
      .from(memberLinks)
      .where(
        sql`(${memberLinks.insurerId}, ${memberLinks.personKey}) in (select json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(${persons}))`,
      )
    for (const l of links) accountOf.set(`${l.insurerId} ${l.personKey}`, l.accountId)
  }
  // In outbox order (RETURNING's order is unspecified): the list shows a run's later rows first.
  const candidates = (
    await Promise.all(
      [...mine]
        .sort((a, b) => a.id - b.id)
        .map(async (r) => {
          const accountId = accountOf.get(`${r.insurerId} ${r.personKey}`)
          if (!accountId) return null
          return {
            id: await noticeIdOf(place.database, r),
            accountId,
            insurerId: r.insurerId,
            kind: r.kind as NoticeKind,
            link: noticeLink(r.kind, r.ref),
            createdAt: now,
          }
        }),
    )
  ).filter((n) => n !== null)
  // The directory's side, in one statement: only accounts still linked (or finishing their link) to
  // that insurer, and not withdrawing (a link read a moment before an unlink or a withdrawal makes
  // no notice; nor a row D1 would refuse for its account gone); a notice already there is skipped.
  let made: typeof candidates = []
  if (candidates.length) {
    report.queries++
    const json = JSON.stringify(candidates)
    const inserted = await deps.db
      .insert(notices)
      .select(
        sql`select json_extract(value, '$.id'), json_extract(value, '$.accountId'), json_extract(value, '$.kind'),
            json_extract(value, '$.link'), json_extract(value, '$.createdAt'), null from json_each(${json})
            where exists (select 1 from ${accounts} where ${accounts.id} = json_extract(value, '$.accountId')
              and ${accounts.insurerId} = json_extract(value, '$.insurerId')
              and ${accounts.linkState} in ('linked', 'pending') and ${accounts.withdrawingAt} is null)`,
      )
      .onConflictDoNothing()
      .returning({ id: notices.id })
    const returned = new Set(inserted.map((n) => n.id))
    made = candidates.filter((n) => returned.has(n.id))
  }
  report.notices += made.length
  // The outbox rows done (stray ones of another insurer's copy stay claimed).
  let deleted = true
  if (mine.length) {
    report.queries++
    const ids = JSON.stringify(mine.map((r) => r.id))
    try {
      await place.db
        .delete(noticeOutbox)
        .where(sql`${noticeOutbox.id} in (select value from json_each(${ids}))`)
    } catch (err) {
      // The notices stand and are sent below; the rows are claimed again later and make none.
      run.fail('notice outbox not cleared', err)
      deleted = false
    }
  }
  if (made.length) await send(deps, run, made, now)
  return deleted
}

/** Mail and push for notices just written (best effort; failures counted and logged by name). */
async function send(
  deps: JobDeps,
  run: Run,
  made: { id: string; accountId: string; kind: NoticeKind; link: string }[],
  now: number,
) {
  const { report, fail } = run
  // Portal-wide: the accounts (mail preference) and their subscriptions with their sessions' state.
  // Lists bound as one JSON value each (json_each): D1 binds at most 100 values per statement.
  const accountIds = JSON.stringify([...new Set(made.map((n) => n.accountId))])
  report.queries += 2
  const people = await deps.db
    .select({ id: accounts.id, email: accounts.email, notifyMail: accounts.notifyMail })
    .from(accounts)
    .where(sql`${accounts.id} in (select value from json_each(${accountIds}))`)
  const subs = await deps.db
    .select({
      id: pushSubscriptions.id,
      accountId: pushSubscriptions.accountId,
      endpoint: pushSubscriptions.endpoint,
      p256dh: pushSubscriptions.p256dh,
      auth: pushSubscriptions.auth,
      live: sql<number>`${sessions.id} is not null and ${sessions.endedAt} is null and ${sessions.idleExpiresAt} > ${now} and ${sessions.absoluteExpiresAt} > ${now}`,
    })
    .from(pushSubscriptions)
    .leftJoin(sessions, eq(sessions.id, pushSubscriptions.sessionId))
    .where(sql`${pushSubscriptions.accountId} in (select value from json_each(${accountIds}))`)
    .orderBy(asc(pushSubscriptions.id))
  const gone = subs.filter((s) => !s.live).map((s) => s.id)
  const mailTo = new Map(people.filter((p) => p.notifyMail).map((p) => [p.id, p.email]))

  const work: Promise<void>[] = []
  for (const n of made) {
    const email = mailTo.get(n.accountId)
    if (email)
      work.push(
        deps.mail
          .send(mailTemplates.notice(email, deps.config.appOrigin, n))
          .then(() => void report.mails++)
          .catch((err: unknown) => fail('notice mail not sent', err)),
      )
    for (const s of subs) {
      if (s.accountId !== n.accountId || !s.live) continue
      const payload = {
        title: 'Kenshin Portal',
        body: NOTICE_TEXT[n.kind],
        link: n.link,
        id: n.id,
      }
      work.push(
        sendPush(deps, s, payload)
          .then((status) => {
            if (status === 404 || status === 410) gone.push(s.id)
            else if (status >= 200 && status < 300) report.pushes++
            else fail('push refused', new PushStatusError(status))
          })
          .catch((err: unknown) => fail('push not sent', err)),
      )
    }
  }
  await Promise.all(work)
  if (gone.length) {
    report.queries++
    await deps.db
      .delete(pushSubscriptions)
      .where(sql`${pushSubscriptions.id} in (select value from json_each(${JSON.stringify(gone)}))`)
    report.pushesGone += gone.length
  }
}

/** A push service's unexpected status, logged by this name only. */
class PushStatusError extends Error {
  constructor(readonly status: number) {
    super(`status ${status}`)
    this.name = `PushStatus${status}`
  }
}

/** The member's notices, newest first, and how many are unread. */
export async function listNotices(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  limit = NOTICE_LIST_LIMIT,
) {
  const rows = await deps.db
    .select({
      id: notices.id,
      kind: notices.kind,
      link: notices.link,
      createdAt: notices.createdAt,
      readAt: notices.readAt,
    })
    .from(notices)
    .where(eq(notices.accountId, accountId))
    // Equal times (one job run): the later row first, so the newest import's notice leads.
    .orderBy(desc(notices.createdAt), sql`rowid desc`)
    .limit(limit)
  const [{ unread }] = await deps.db
    .select({ unread: sql<number>`count(*)` })
    .from(notices)
    .where(and(eq(notices.accountId, accountId), isNull(notices.readAt)))
  return { notices: rows, unread: Number(unread) }
}

/** Marks one of the member's notices read (again: no change) and returns its link; another's is not found. */
export async function readNotice(deps: Pick<Deps, 'db' | 'now'>, accountId: string, id: string) {
  const mine = and(eq(notices.id, id), eq(notices.accountId, accountId))
  await deps.db
    .update(notices)
    .set({ readAt: deps.now() })
    .where(and(mine, isNull(notices.readAt)))
  const [row] = await deps.db.select({ link: notices.link }).from(notices).where(mine)
  if (!row) throw new AppError('not_found')
  return row
}

export async function noticeSettings(deps: Pick<Deps, 'db'>, accountId: string) {
  const [row] = await deps.db
    .select({ mail: accounts.notifyMail })
    .from(accounts)
    .where(eq(accounts.id, accountId))
  if (!row) throw new AppError('unauthenticated')
  return row
}

/** Mail on or off; true when it changed (for the audit row). */
export async function setNoticeMail(
  deps: Pick<Deps, 'db' | 'now'>,
  accountId: string,
  mail: boolean,
): Promise<boolean> {
  const changed = await deps.db
    .update(accounts)
    .set({ notifyMail: mail, updatedAt: deps.now() })
    .where(and(eq(accounts.id, accountId), sql`${accounts.notifyMail} <> ${mail ? 1 : 0}`))
    .returning({ id: accounts.id })
  return changed.length > 0
}
