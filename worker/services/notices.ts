/**
 * お知らせ (journey 11): the outbox the checkup import and a code re-issue write to, the scheduled job
 * that turns it into notices, mails and pushes, and the member's list (push subscriptions: push-subscriptions.ts).
 * Portal-wide rows (accounts, sessions, notices, push_subscriptions) and an insurer's rows
 * (member_links is read by insurer and person) are read by separate queries and joined here.
 */
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm'
import type { NoticeKind } from '../../core/notices'
import {
  accounts,
  memberLinks,
  notices,
  noticeOutbox,
  pushSubscriptions,
  sessions,
} from '../../db/schema'
import { runBatch } from '../../db/open'
import type { Deps } from '../deps'
import { AppError, errorName } from '../errors'
import { mailTemplates } from './mail-templates'
import { newId } from './tokens'
import { sendPush } from './web-push'

type NoticeDeps = Pick<Deps, 'db' | 'now' | 'randomBytes'>
type JobDeps = Pick<Deps, 'db' | 'now' | 'randomBytes' | 'mail' | 'config' | 'fetch' | 'log'>

/** A claim older than this is taken again (the run that made it died before finishing). */
export const CLAIM_TIMEOUT_MS = 10 * 60_000
/** Outbox rows one claim takes. */
export const CLAIM_BATCH = 100
/**
 * Claims one run of the job makes: each row can cost a mail and pushes (a Worker's subrequests are
 * counted per invocation), and the cron runs every minute, so a long outbox drains over a few runs.
 */
export const CLAIMS_PER_RUN = 10
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
 * replaced, with the newest exam date touched.
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
    sql`select null, ${insurerId}, json_extract(value, '$[0]'), 'results', json_extract(value, '$[1]'), ${now}, null
        from json_each(${rows}) where true`,
  )
}

/** A viewing code re-issued for a person (services/member-actions.ts): an outbox row for the job. */
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

type Claimed = typeof noticeOutbox.$inferSelect

/**
 * Claims up to `limit` outbox rows by ONE statement (docs/security.md, limits hold under
 * concurrency): the UPDATE marks them and RETURNING says which, so two runs at once never take the
 * same row. A claim older than CLAIM_TIMEOUT_MS is taken again.
 */
async function claim(deps: JobDeps, limit: number): Promise<Claimed[]> {
  const now = deps.now()
  const free = or(
    isNull(noticeOutbox.claimedAt),
    lt(noticeOutbox.claimedAt, now - CLAIM_TIMEOUT_MS),
  )
  return deps.db
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
  claimed: number
  notices: number
  mails: number
  pushes: number
  pushesGone: number
  failures: number
}

/**
 * The scheduled job (worker/index.ts, every minute; POST /dev/jobs/notices in development): claimed
 * outbox rows become notices for the persons' linked accounts, and the outbox rows are deleted in the
 * same batch (a notice is written exactly once). Then, best effort: a mail to members who chose mail,
 * a push to each subscription of a live session (404/410: deleted; a dead session's: deleted unsent).
 * Never throws: failures are logged by name and counted.
 */
export async function processNotices(
  deps: JobDeps,
  options: { batch?: number; claims?: number } = {},
): Promise<JobReport> {
  const report: JobReport = {
    claimed: 0,
    notices: 0,
    mails: 0,
    pushes: 0,
    pushesGone: 0,
    failures: 0,
  }
  const fail = (message: string, err: unknown) => {
    report.failures++
    deps.log('error', message, { name: errorName(err) })
  }
  for (let i = 0; i < (options.claims ?? CLAIMS_PER_RUN); i++) {
    let rows: Claimed[]
    try {
      rows = await claim(deps, options.batch ?? CLAIM_BATCH)
    } catch (err) {
      fail('notice outbox not claimed', err)
      break
    }
    if (!rows.length) break
    report.claimed += rows.length
    try {
      await deliver(deps, rows, report, fail)
    } catch (err) {
      // The rows stay claimed and are taken again after CLAIM_TIMEOUT_MS.
      fail('notices not written', err)
    }
  }
  return report
}

async function deliver(
  deps: JobDeps,
  rows: Claimed[],
  report: JobReport,
  fail: (message: string, err: unknown) => void,
) {
  const now = deps.now()
  // The insurer's side: who is linked to these persons (a separate query; joined in code).
  const persons = JSON.stringify(rows.map((r) => [r.insurerId, r.personKey]))
  const links = await deps.db
    .select({
      accountId: memberLinks.accountId,
      insurerId: memberLinks.insurerId,
      personKey: memberLinks.personKey,
    })
    .from(memberLinks)
    .where(
      sql`(${memberLinks.insurerId}, ${memberLinks.personKey}) in (select json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(${persons}))`,
    )
  const accountOf = new Map(links.map((l) => [`${l.insurerId} ${l.personKey}`, l.accountId]))
  // In outbox order (RETURNING's order is unspecified): the list shows a run's later rows first.
  const made = [...rows]
    .sort((a, b) => a.id - b.id)
    .flatMap((r) => {
      const accountId = accountOf.get(`${r.insurerId} ${r.personKey}`)
      if (!accountId) return []
      return [
        {
          id: newId(deps.randomBytes),
          accountId,
          kind: r.kind as NoticeKind,
          link: noticeLink(r.kind, r.ref),
          createdAt: now,
        },
      ]
    })
  const ids = JSON.stringify(rows.map((r) => r.id))
  const done = deps.db
    .delete(noticeOutbox)
    .where(sql`${noticeOutbox.id} in (select value from json_each(${ids}))`)
  const json = JSON.stringify(made)
  const write = deps.db.insert(notices).select(
    sql`select json_extract(value, '$.id'), json_extract(value, '$.accountId'), json_extract(value, '$.kind'),
        json_extract(value, '$.link'), json_extract(value, '$.createdAt'), null from json_each(${json}) where true`,
  )
  await runBatch(deps.db, made.length ? [write, done] : [done])
  report.notices += made.length
  if (!made.length) return

  // Portal-wide: the accounts (mail preference) and their subscriptions with their sessions' state.
  // Lists bound as one JSON value each (json_each): D1 binds at most 100 values per statement.
  const accountIds = JSON.stringify([...new Set(made.map((n) => n.accountId))])
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
