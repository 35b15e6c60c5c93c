import { and, eq, gt, inArray, sql } from 'drizzle-orm'
import { addressLocks, insurers, riskEvents } from '../../db/schema'
import { normalizeEmail } from '../../core/email'
import type { Deps } from '../deps'
import { hmac } from './tokens'
import { ipCounterKey, ipInCidr } from '../../core/ip'

export type CaptchaLevel = 0 | 1 | 2 | 3

/** The counter keys of one request: never the address or IP itself, only their HMAC. */
export interface Subjects {
  ip: string
  address: string | null
  /** Allow-listed insurer ranges the IP is in, with their failure budget. */
  ranges: { subject: string; limit: number }[]
}

export interface RiskAssessment {
  level: CaptchaLevel
  /** Level 3 on the address: refused outright until the lock ends or its owner unlocks it. */
  locked: boolean
  /** Level 3 on the IP: too many attempts from this network. */
  throttled: boolean
}

type RiskDeps = Pick<Deps, 'db' | 'config' | 'now'>

export async function subjectsFor(deps: RiskDeps, ip: string, email?: string): Promise<Subjects> {
  const key = deps.config.subjectKey
  const allowLists = await deps.db
    .select({ id: insurers.id, cidrs: insurers.allowedCidrs, limit: insurers.allowlistFailureLimit })
    .from(insurers)
    .where(sql`${insurers.allowedCidrs} <> '[]'`)
  const ranges: Subjects['ranges'] = []
  for (const row of allowLists) {
    for (const cidr of JSON.parse(row.cidrs) as string[]) {
      if (ipInCidr(ip, cidr)) ranges.push({ subject: `range:${row.id}:${cidr}`, limit: row.limit })
    }
  }
  return {
    ip: `ip:${await hmac(key, ipCounterKey(ip))}`,
    address: email ? `addr:${await hmac(key, normalizeEmail(email))}` : null,
    ranges,
  }
}

/**
 * The captcha level of a request (security.md): the same whether or not the address has an account,
 * since it is computed from counters keyed by the submitted address, never from the account.
 */
export async function assessRisk(deps: RiskDeps, s: Subjects): Promise<RiskAssessment> {
  const t = deps.config.risk
  const now = deps.now()
  const addr = s.address ?? ''
  const since = now - Math.max(t.addressWindowLevel3Ms, t.ipWindowLevel3Ms, t.addressWindowLevel2Ms, t.ipWindowLevel2Ms)
  const rangeSubjects = s.ranges.map((r) => r.subject)
  const count = (subject: string, kind: 'attempt' | 'failure', windowMs: number) =>
    sql<number>`coalesce(sum(${riskEvents.subject} = ${subject} and ${riskEvents.kind} = ${kind} and ${riskEvents.at} > ${now - windowMs}), 0)`
  const [counts] = await deps.db
    .select({
      addr2: count(addr, 'failure', t.addressWindowLevel2Ms),
      addr3: count(addr, 'failure', t.addressWindowLevel3Ms),
      ip2: count(s.ip, 'attempt', t.ipWindowLevel2Ms),
      ip3: count(s.ip, 'attempt', t.ipWindowLevel3Ms),
    })
    .from(riskEvents)
    .where(and(inArray(riskEvents.subject, [addr, s.ip]), gt(riskEvents.at, since)))
  const rangeFailures = rangeSubjects.length
    ? await deps.db
        .select({ subject: riskEvents.subject, n: sql<number>`count(*)` })
        .from(riskEvents)
        .where(
          and(
            inArray(riskEvents.subject, rangeSubjects),
            eq(riskEvents.kind, 'failure'),
            gt(riskEvents.at, now - t.addressWindowLevel3Ms),
          ),
        )
        .groupBy(riskEvents.subject)
    : []
  const lock = s.address
    ? await deps.db
        .select({ until: addressLocks.until })
        .from(addressLocks)
        .where(and(eq(addressLocks.subject, s.address), gt(addressLocks.until, now)))
    : []

  const allowListed = s.ranges.some(
    (r) => (rangeFailures.find((f) => f.subject === r.subject)?.n ?? 0) < r.limit,
  )
  const a2 = Number(counts?.addr2 ?? 0)
  const a3 = Number(counts?.addr3 ?? 0)
  const i2 = Number(counts?.ip2 ?? 0)
  const i3 = Number(counts?.ip3 ?? 0)
  const throttled = !allowListed && i3 >= t.ipAttemptsLevel3
  let level: CaptchaLevel = allowListed ? 0 : 1
  if (a2 >= t.addressFailuresLevel2 || (!allowListed && i2 >= t.ipAttemptsLevel2)) level = 2
  if (a3 >= t.addressFailuresLevel3 || throttled) level = 3
  return { level, locked: lock.length > 0, throttled }
}

/** Counts a submission from this IP (every form submit counts, successful or not). */
export async function recordAttempt(deps: RiskDeps, s: Subjects): Promise<void> {
  await deps.db.insert(riskEvents).values({ subject: s.ip, kind: 'attempt', at: deps.now() })
}

/**
 * Counts a failure against the address and the allow-listed ranges. Returns true when this failure
 * crossed the level-3 line and locked the address (the caller mails the unlock link to its owner).
 */
export async function recordFailure(deps: RiskDeps, s: Subjects): Promise<{ lockedNow: boolean }> {
  const now = deps.now()
  const subjects = [...(s.address ? [s.address] : []), ...s.ranges.map((r) => r.subject)]
  if (subjects.length)
    await deps.db.insert(riskEvents).values(subjects.map((subject) => ({ subject, kind: 'failure' as const, at: now })))
  if (!s.address) return { lockedNow: false }
  const t = deps.config.risk
  const [row] = await deps.db
    .select({ n: sql<number>`count(*)` })
    .from(riskEvents)
    .where(
      and(
        eq(riskEvents.subject, s.address),
        eq(riskEvents.kind, 'failure'),
        gt(riskEvents.at, now - t.addressWindowLevel3Ms),
      ),
    )
  if (Number(row?.n ?? 0) < t.addressFailuresLevel3) return { lockedNow: false }
  const inserted = await deps.db
    .insert(addressLocks)
    .values({ subject: s.address, until: now + t.lockMs, createdAt: now })
    .onConflictDoUpdate({
      target: addressLocks.subject,
      set: { until: now + t.lockMs, createdAt: now },
      setWhere: sql`${addressLocks.until} <= ${now}`,
    })
    .returning({ subject: addressLocks.subject })
  return { lockedNow: inserted.length > 0 }
}

/** The unlock link lifts the lock and forgets the address's failures. */
export async function unlockAddress(deps: RiskDeps, subject: string): Promise<void> {
  await deps.db.delete(addressLocks).where(eq(addressLocks.subject, subject))
  await deps.db.delete(riskEvents).where(eq(riskEvents.subject, subject))
}

/** Daily clean-up (cron): counters older than the longest window are of no use. */
export async function pruneRiskEvents(deps: RiskDeps): Promise<void> {
  const t = deps.config.risk
  await deps.db.delete(riskEvents).where(sql`${riskEvents.at} < ${deps.now() - 2 * t.ipWindowLevel3Ms}`)
  await deps.db.delete(addressLocks).where(sql`${addressLocks.until} < ${deps.now()}`)
}

export function siteKeyFor(config: Deps['config'], level: CaptchaLevel): string | null {
  if (level === 0) return null
  return level >= 2 ? config.turnstile.siteKeyInteractive : config.turnstile.siteKey
}
