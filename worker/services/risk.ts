import { eq, inArray, sql, type SQL } from 'drizzle-orm'
import { addressLocks, emailTokens, insurers, riskEvents } from '../../db/schema'
import { namedRows } from '../../db/open'
import { normalizeEmail } from '../../core/email'
import type { Deps } from '../deps'
import type { RiskThresholds } from '../config'
import { hmac } from './tokens'
import { ipCounterKey, ipInCidr } from '../../core/ip'

export type CaptchaLevel = 0 | 1 | 2 | 3

/** The counter keys of one request: never the address or IP itself, only their HMAC. */
export interface Subjects {
  ip: string
  address: string | null
  /** The insurers whose allow-listed ranges hold the IP: one failure counter per insurer, with its limit. */
  ranges: { subject: string; limit: number }[]
}

/** The counts a gated request is judged by, as the statement that recorded it saw them (before it). */
interface Seen {
  /** Attempts from the IP in the level-2 and level-3 windows. */
  ip2: number
  ip3: number
  /** Failures of the address in the level-2 and level-3 windows (tries still being checked included). */
  a2: number
  a3: number
  /** 1 when an allow-listed range of the IP is under its insurer's failure limit. */
  allow: number
}

type RiskDeps = Pick<Deps, 'db' | 'config' | 'now'>

/**
 * The counters of a request. `counter` names the address's: `addr` for log-in and the forms that
 * lead to it, `signup-code` for the 6-digit code, whose wrong tries must never lock anyone's log-in
 * (anyone can send a code for any address; the code has its own 5 tries).
 */
export async function subjectsFor(
  deps: RiskDeps,
  ip: string,
  email?: string,
  counter: 'addr' | 'signup-code' | 'staff' = 'addr',
): Promise<Subjects> {
  const key = deps.config.subjectKey
  const allowLists = await deps.db
    .select({
      id: insurers.id,
      cidrs: insurers.allowedCidrs,
      limit: insurers.allowlistFailureLimit,
    })
    .from(insurers)
    .where(sql`${insurers.allowedCidrs} <> '[]'`)
  const ranges = allowLists
    .filter((row) => (JSON.parse(row.cidrs) as string[]).some((cidr) => ipInCidr(ip, cidr)))
    .map((row) => ({ subject: `range:${row.id}`, limit: row.limit }))
  // A staff address counts per network (docs/decisions.md, issue 11): a stranger who knows it cannot lock
  // its owner out of the console from elsewhere; the second factor keeps guessing hopeless anyway.
  const addressKey =
    email === undefined
      ? null
      : counter === 'staff'
        ? `${normalizeEmail(email)}|${ipCounterKey(ip)}`
        : normalizeEmail(email)
  return {
    ip: `ip:${await hmac(key, ipCounterKey(ip))}`,
    address: addressKey === null ? null : `${counter}:${await hmac(key, addressKey)}`,
    ranges,
  }
}

/** The captcha level a request's counts call for (docs/security.md, anti-automation). */
function levelOf(t: RiskThresholds, seen: Seen): CaptchaLevel {
  const allowListed = seen.allow > 0
  if (seen.a3 >= t.addressFailuresLevel3 || (!allowListed && seen.ip3 >= t.ipAttemptsLevel3))
    return 3
  if (seen.a2 >= t.addressFailuresLevel2 || (!allowListed && seen.ip2 >= t.ipAttemptsLevel2))
    return 2
  return allowListed ? 0 : 1
}

/**
 * The counts of a request's subjects at `now`, as one row of SQL (used inside the recording
 * statement, and alone for the level shown before a submit): the Seen counts, plus the address's
 * lock (`lock_until`, 0 when none) and its failures since that lock ended (`since_lock`).
 */
function countsSql(t: RiskThresholds, s: Subjects, now: number): SQL {
  const addr = s.address ?? ''
  const n = (subject: string, kind: 'attempt' | 'failure', windowMs: number, extra: SQL = sql``) =>
    sql`(select count(*) from ${riskEvents} where ${riskEvents.subject} = ${subject} and ${riskEvents.kind} = ${kind} and ${riskEvents.at} > ${now - windowMs} ${extra})`
  const lockUntil = sql`coalesce((select ${addressLocks.until} from ${addressLocks} where ${addressLocks.subject} = ${addr}), 0)`
  const allow = s.ranges.length
    ? sql.join(
        s.ranges.map((r) => sql`${n(r.subject, 'failure', t.addressWindowLevel3Ms)} < ${r.limit}`),
        sql` or `,
      )
    : sql`0`
  return sql`select
    ${n(s.ip, 'attempt', t.ipWindowLevel2Ms)} as ip2,
    ${n(s.ip, 'attempt', t.ipWindowLevel3Ms)} as ip3,
    ${n(addr, 'failure', t.addressWindowLevel2Ms)} as a2,
    ${n(addr, 'failure', t.addressWindowLevel3Ms)} as a3,
    ${n(addr, 'failure', t.addressWindowLevel3Ms, sql`and ${riskEvents.at} >= ${lockUntil}`)} as since_lock,
    ${lockUntil} as lock_until,
    (${allow}) as allow`
}

const SEEN_COLUMNS = ['ip2', 'ip3', 'a2', 'a3', 'since_lock', 'lock_until', 'allow'] as const

/**
 * The level the next submit will meet, for the form to draw the right widget (POST /api/captcha and
 * the hint in a refusal). Only a hint: the submit is judged by the statement that records it.
 */
export async function previewLevel(deps: RiskDeps, s: Subjects): Promise<CaptchaLevel> {
  const [row] = namedRows(
    await deps.db.all(countsSql(deps.config.risk, s, deps.now())),
    SEEN_COLUMNS,
  )
  const seen = Object.fromEntries(
    SEEN_COLUMNS.map((k) => [k, Number(row?.[k] ?? 0)]),
  ) as unknown as Seen
  return levelOf(deps.config.risk, seen)
}

/** A gated request as recorded: refused, or admitted at a level with the rows of its pending failure. */
export type Recorded =
  { admitted: false } | { admitted: true; level: CaptchaLevel; seen: Seen; pending: number[] }

/**
 * Records a gated request and decides it in one statement (docs/security.md, limits hold under
 * concurrency): the attempt from the IP, and for a guess (a password or code checked against the
 * address) a failure of the address and of its allow-listed insurers, counted before the guess is
 * checked and taken back if it proves right. The statement inserts nothing, and the request is
 * refused, when the IP is over its level-3 limit, the address is locked, or a guess would pass the
 * address's level-3 line: of 50 guesses at once, no more than the limit are admitted. After a lock
 * ends, one guess is let through; if it fails, the address is locked again.
 */
export async function recordGatedAttempt(
  deps: RiskDeps,
  s: Subjects,
  opts: { guess: boolean },
): Promise<Recorded> {
  const t = deps.config.risk
  const now = deps.now()
  const failures = opts.guess
    ? [...(s.address ? [s.address] : []), ...s.ranges.map((r) => r.subject)]
    : []
  const rows = sql.join(
    [
      sql`select ${s.ip} as subject, 'attempt' as kind`,
      ...failures.map((subject) => sql`select ${subject}, 'failure'`),
    ],
    sql` union all `,
  )
  // An allow-listed range is spared the IP's limit for guesses (an office's members behind one NAT
  // log in), never for the forms that send mail (sign-up, resend, reset): no range mails without end.
  const ipUnder = sql`c.ip3 < ${t.ipAttemptsLevel3}`
  const admitted = sql`${opts.guess ? sql`(c.allow or ${ipUnder})` : ipUnder} and c.lock_until <= ${now}
    ${opts.guess ? sql`and (c.a3 < ${t.addressFailuresLevel3} or c.since_lock = 0)` : sql``}`
  const statement = sql`with c as (${countsSql(t, s, now)})
    insert into ${riskEvents} (subject, kind, at, seen)
    select v.subject, v.kind, ${now},
      case when v.kind = 'attempt' then json_object('ip2', c.ip2, 'ip3', c.ip3, 'a2', c.a2, 'a3', c.a3, 'allow', c.allow) end
    from c, (${rows}) v
    where ${admitted}
    returning id, kind, seen`
  const inserted = namedRows(await deps.db.all(statement), ['id', 'kind', 'seen'] as const)
  const attempt = inserted.find((r) => r.kind === 'attempt')
  if (!attempt) return { admitted: false }
  const seen = JSON.parse(String(attempt.seen)) as Seen
  return {
    admitted: true,
    level: levelOf(t, seen),
    seen,
    pending: inserted.filter((r) => r.kind === 'failure').map((r) => Number(r.id)),
  }
}

/**
 * Settles a recorded guess. Right, or never checked (a refused captcha): its pending failure rows
 * go. Wrong: they stay, and when this failure reached the address's level-3 line the address is
 * locked (`lockedNow`: the caller mails its owner the unlock link).
 */
export async function settleGuess(
  deps: RiskDeps,
  s: Subjects,
  recorded: Extract<Recorded, { admitted: true }>,
  result: 'right' | 'wrong' | 'unchecked',
): Promise<{ lockedNow: boolean }> {
  if (result !== 'wrong') {
    if (recorded.pending.length)
      await deps.db.delete(riskEvents).where(inArray(riskEvents.id, recorded.pending))
    return { lockedNow: false }
  }
  const t = deps.config.risk
  if (!s.address || recorded.seen.a3 + 1 < t.addressFailuresLevel3) return { lockedNow: false }
  const now = deps.now()
  const locked = await deps.db
    .insert(addressLocks)
    .values({ subject: s.address, until: now + t.lockMs, createdAt: now })
    .onConflictDoUpdate({
      target: addressLocks.subject,
      set: { until: now + t.lockMs, createdAt: now },
      setWhere: sql`${addressLocks.until} <= ${now}`,
    })
    .returning({ subject: addressLocks.subject })
  return { lockedNow: locked.length > 0 }
}

/**
 * A plain limit on one subject (for example a member's tries at the health step-up), decided by
 * the statement that records the try: it is inserted only while fewer than `limit` were recorded
 * in the window, and admitted only when it was.
 */
export async function admitAttempt(
  deps: Pick<Deps, 'db' | 'now'>,
  subject: string,
  limit: number,
  windowMs: number,
): Promise<boolean> {
  const now = deps.now()
  const rows = await deps.db.all(sql`insert into ${riskEvents} (subject, kind, at)
    select ${subject}, 'attempt', ${now}
    where (select count(*) from ${riskEvents} where ${riskEvents.subject} = ${subject} and ${riskEvents.kind} = 'attempt' and ${riskEvents.at} > ${now - windowMs}) < ${limit}
    returning id`)
  return rows.length > 0
}

/** The unlock link lifts the lock and forgets the address's failures. */
export async function unlockAddress(deps: RiskDeps, subject: string): Promise<void> {
  await deps.db.delete(addressLocks).where(eq(addressLocks.subject, subject))
  await deps.db.delete(riskEvents).where(eq(riskEvents.subject, subject))
}

/**
 * Daily clean-up (cron): counters older than the longest window are of no use, nor are links that
 * expired a day ago (reset links asked for free addresses among them: rows no one holds a token of).
 */
export async function pruneRiskEvents(deps: RiskDeps): Promise<void> {
  const t = deps.config.risk
  const now = deps.now()
  await deps.db
    .delete(riskEvents)
    .where(sql`${riskEvents.at} < ${now - 2 * Math.max(t.ipWindowLevel3Ms, 86_400_000)}`)
  await deps.db.delete(addressLocks).where(sql`${addressLocks.until} < ${now}`)
  await deps.db.delete(emailTokens).where(sql`${emailTokens.expiresAt} < ${now - 86_400_000}`)
}

export function siteKeyFor(config: Deps['config'], level: CaptchaLevel): string | null {
  if (level === 0) return null
  return level >= 2 ? config.turnstile.siteKeyInteractive : config.turnstile.siteKey
}
