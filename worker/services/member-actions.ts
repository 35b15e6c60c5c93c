/**
 * Support's view of a member and its actions on them (docs/security.md#staff): a member found by
 * address, shown with what an identity check needs and the state of their locks, never their health
 * data, viewing code or secret answer; and the actions (re-issue the viewing code, lift a lock, the
 * reset mail, end the sessions, the login-ID notice), each decided by the statement that makes its
 * change and audited on the member's account with the reason.
 *
 * Accounts, sessions, locks and the audit log are portal-wide data (the directory); links, the
 * roster, viewing codes and the health-data lock are an insurer's (its own database, issue 14). The
 * member is found in the directory, and their pointer (`accounts.insurer_id`) names the insurer: its
 * scope is checked on that pointer before that insurer's database is opened, and only for a member
 * whose link is complete (`link_state = 'linked'`). Audit rows about the member go to the directory
 * with the pointer's insurer, so the member sees them in their access log and that insurer's staff
 * in their audit search.
 */
import { and, desc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm'
import { normalizeEmail } from '../../core/email'
import type { Lang } from '../../core/i18n'
import { maskEmail, type MemberAuditAction } from '../../core/member-actions'
import { inScope } from '../../core/staff'
import {
  accounts,
  addressLocks,
  healthAccess,
  inquiries,
  insurers,
  memberLinks,
  riskEvents,
  rosterPersons,
  sessions,
  viewingCodes,
} from '../../db/schema'
import type { Database } from '../../db/open'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { requestPasswordReset } from './accounts'
import { audit, staffAuditOnWhere } from './audit'
import { mailTemplates } from './mail-templates'
import { codeReissuedOutbox, flagNotices } from './notices'
import { admitAttempt } from './risk'
import { insurerDbFor } from './shards'
import { unlinkMember } from './unlink'
import type { StaffMember } from './staff'
import { hmac } from './tokens'
import { liveCodeOf, usableCodeOf } from './viewing-codes'

type MemberDeps = Pick<Deps, 'db' | 'dbFor' | 'now' | 'randomBytes' | 'config' | 'mail'>

/** A mail action (reset mail, login-ID notice) goes out once per member in this window. */
export const MEMBER_MAIL_EVERY_MS = 5 * 60_000

/** Statements run as one batch (one transaction on D1 and libSQL alike); the shared type lacks `batch`. */
const batch = <A, B>(deps: Pick<Deps, 'db'>, a: PromiseLike<A>, b: PromiseLike<B>) =>
  (deps.db as unknown as { batch: (q: [PromiseLike<A>, PromiseLike<B>]) => Promise<[A, B]> }).batch(
    [a, b],
  )

interface Target {
  account: { id: string; email: string; createdAt: number }
  /** The pointer's insurer (any link state): whose staff may act on the member, on every audit row. */
  insurerId: string | null
  /** The complete link, with the insurer's database it is in; null when not linked. */
  link: { insurerId: string; personKey: string; db: Database } | null
}

/** The directory's account row with its pointer. */
const accountColumns = {
  id: accounts.id,
  email: accounts.email,
  createdAt: accounts.createdAt,
  insurerId: accounts.insurerId,
  linkState: accounts.linkState,
}

/**
 * The member of an account id whom this staff member may act on: 404 for no such account and for one
 * out of scope alike (a support agent of an insurer acts only on the members its pointer names; a
 * member linked to no insurer is portal-wide support's). The scope is checked on the directory's
 * pointer before the insurer's database is opened (insurerDbFor), and the link is read there by
 * account: a pointer in any state but 'linked' has no link to show.
 */
export async function memberForStaff(
  deps: Pick<Deps, 'db' | 'dbFor'>,
  staff: StaffMember,
  accountId: string,
): Promise<Target> {
  const [account] = await deps.db
    .select(accountColumns)
    .from(accounts)
    .where(eq(accounts.id, accountId))
  if (!account) throw new AppError('not_found')
  const insurerId = account.insurerId ?? null
  if (!inScope(staff, insurerId)) throw new AppError('not_found')
  const { insurerId: _, linkState, ...kept } = account
  if (!insurerId || linkState !== 'linked') return { account: kept, insurerId, link: null }
  const db = await insurerDbFor(deps, staff, insurerId)
  const [row] = await db
    .select({ personKey: memberLinks.personKey })
    .from(memberLinks)
    .where(and(eq(memberLinks.accountId, account.id), eq(memberLinks.insurerId, insurerId)))
  return {
    account: kept,
    insurerId,
    link: row ? { insurerId, personKey: row.personKey, db } : null,
  }
}

/** Members of an address (matched normalised), those in the staff member's scope, masked. */
export async function findMembersByEmail(
  deps: Pick<Deps, 'db' | 'now'>,
  staff: StaffMember,
  ip: string,
  email: string,
): Promise<{ id: string; maskedEmail: string }[]> {
  // The directory alone: the scope is the pointer's insurer, no insurer database is opened.
  const rows = await deps.db
    .select({ id: accounts.id, email: accounts.email, insurerId: accounts.insurerId })
    .from(accounts)
    .where(eq(accounts.emailKey, normalizeEmail(email)))
  const found = rows.filter((row) => inScope(staff, row.insurerId ?? null))
  // Who looked up whom (never the address typed): the member found, if any, and their insurer.
  const one = found.length === 1 ? found[0] : null
  await audit(deps, {
    action: 'member.looked_up',
    actorType: 'staff',
    actorId: staff.id,
    accountId: one?.id ?? null,
    insurerId: one?.insurerId ?? null,
    ip,
    detail: { found: found.length },
  })
  return found.map((row) => ({ id: row.id, maskedEmail: maskEmail(row.email) }))
}

/** The counter key of an address's level-3 lock (services/risk.ts subjectsFor, `addr`). */
const addressSubject = async (deps: Pick<Deps, 'config'>, email: string) =>
  `addr:${await hmac(deps.config.subjectKey, normalizeEmail(email))}`

type CodeState = 'live' | 'used' | 'locked' | 'none'

/**
 * What support sees of a member: the masked address, when the account was made, the link with the
 * roster's identity-check data (kana name, birth date), the locks, the viewing code's state (never
 * the code), the number of live sessions. Reading it writes `member.viewed`.
 */
export async function memberDetail(
  deps: MemberDeps,
  staff: StaffMember,
  ip: string,
  accountId: string,
) {
  const { account, link, insurerId } = await memberForStaff(deps, staff, accountId)
  const now = deps.now()
  let linked = null
  let code: CodeState = 'none'
  let healthLocked = false
  if (link) {
    const [insurer] = await deps.db
      .select({ number: insurers.number, name: insurers.name })
      .from(insurers)
      .where(eq(insurers.id, link.insurerId))
    const [person] = await link.db
      .select({ nameKana: rosterPersons.nameKana, birthDate: rosterPersons.birthDate })
      .from(rosterPersons)
      .where(
        and(
          eq(rosterPersons.insurerId, link.insurerId),
          eq(rosterPersons.personKey, link.personKey),
        ),
      )
    const [live] = await link.db
      .select({ usedAt: viewingCodes.usedAt, lockedAt: viewingCodes.lockedAt })
      .from(viewingCodes)
      .where(usableCodeOf(link.insurerId, link.personKey))
    code = !live ? 'none' : live.lockedAt ? 'locked' : live.usedAt ? 'used' : 'live'
    const [health] = await link.db
      .select({ lockedAt: healthAccess.lockedAt })
      .from(healthAccess)
      .where(eq(healthAccess.accountId, account.id))
    healthLocked = !!health?.lockedAt
    linked = {
      insurerNumber: insurer?.number ?? null,
      insurerName: insurer?.name ?? null,
      personKey: link.personKey,
      nameKana: person?.nameKana ?? null,
      birthDate: person?.birthDate ?? null,
    }
  }
  const [lock] = await deps.db
    .select({ until: addressLocks.until })
    .from(addressLocks)
    .where(
      and(
        eq(addressLocks.subject, await addressSubject(deps, account.email)),
        gt(addressLocks.until, now),
      ),
    )
  const [live] = await deps.db
    .select({ n: sql<number>`count(*)` })
    .from(sessions)
    .where(liveSessionsOf(account.id, now))
  await audit(deps, {
    action: 'member.viewed',
    actorType: 'staff',
    actorId: staff.id,
    accountId: account.id,
    insurerId,
    ip,
  })
  return {
    id: account.id,
    maskedEmail: maskEmail(account.email),
    createdAt: new Date(account.createdAt).toISOString(),
    link: linked,
    locks: {
      address: { locked: !!lock, until: lock ? new Date(lock.until).toISOString() : null },
      health: { locked: healthLocked },
      viewingCode: code,
    },
    liveSessions: Number(live?.n ?? 0),
  }
}

const liveSessionsOf = (accountId: string, now: number) =>
  and(
    eq(sessions.accountId, accountId),
    isNull(sessions.endedAt),
    gt(sessions.idleExpiresAt, now),
    gt(sessions.absoluteExpiresAt, now),
  )

interface ActionContext {
  staff: StaffMember
  ip: string
  reason: string
}

/** Why an action changed nothing (the error's detail.state; the console words it). */
type NothingTo =
  'not_linked' | 'no_live_code' | 'not_address_locked' | 'not_health_locked' | 'no_live_sessions'

const nothingTo = (state: NothingTo) => new AppError('wrong_state', { detail: { state } })

/**
 * Re-issues the member's viewing code: the live code is revoked at once (its STEP1 fails from now on),
 * so the person has no live code and the operator's next `codes issue` run gives them a new one on its
 * postcard print file. The new code is never shown on a screen. Decided by the revoke (UPDATE … WHERE
 * revoked_at IS NULL RETURNING): of 50 at once one revokes and audits, the rest find nothing live.
 * The audit row is written after the revoke, not in its batch: viewing codes are in the insurer's
 * database, the member-visible audit row in the directory (a stop between them loses the row, never
 * the revoke).
 */
async function reissueCode(deps: MemberDeps, t: Target, a: ActionContext) {
  if (!t.link) throw nothingTo('not_linked')
  const revoked = await t.link.db
    .update(viewingCodes)
    .set({ revokedAt: deps.now() })
    .where(liveCodeOf(t.link.insurerId, t.link.personKey))
    .returning({ id: viewingCodes.id })
  if (!revoked.length) throw nothingTo('no_live_code')
  // お知らせ for the linked member, through the outbox (the job mails and pushes it).
  await codeReissuedOutbox({ ...deps, db: t.link.db }, t.link.insurerId, t.link.personKey)
  await flagNotices(deps, t.link.insurerId)
  await audit(deps, {
    action: 'member.code_reissued',
    actorType: 'staff',
    actorId: a.staff.id,
    accountId: t.account.id,
    insurerId: t.insurerId,
    ip: a.ip,
    detail: { reason: a.reason, personKey: t.link.personKey },
  })
  return {}
}

/**
 * Lifts the level-3 lock of the member's address (address_locks, services/risk.ts) and forgets its
 * failures, as the owner's unlock link does. The lock's delete and its audit row are one batch under
 * one condition (both portal-wide): one of many at once deletes, the rest get 409.
 */
async function unlockAddressOf(deps: MemberDeps, t: Target, a: ActionContext) {
  const subject = await addressSubject(deps, t.account.email)
  const locked = and(eq(addressLocks.subject, subject), gt(addressLocks.until, deps.now()))
  const [, deleted] = await batch(
    deps,
    staffAuditOnWhere(
      deps,
      a.staff,
      a.ip,
      'member.address_unlocked',
      t.account.id,
      { reason: a.reason },
      addressLocks,
      locked,
      { insurerId: t.insurerId },
    ),
    deps.db.delete(addressLocks).where(locked).returning({ subject: addressLocks.subject }),
  )
  if (!deleted.length) throw nothingTo('not_address_locked')
  await deps.db.delete(riskEvents).where(eq(riskEvents.subject, subject))
  return {}
}

/**
 * Clears the health-data lock and its wrong answers (health_access, in the insurer's database). The
 * UPDATE … WHERE locked RETURNING decides (of 50 at once one clears); its audit row follows in the
 * directory, where the member's access log and the insurer's audit search read member.* rows (a stop
 * between them loses the row, never the unlock).
 */
async function unlockHealth(deps: MemberDeps, t: Target, a: ActionContext) {
  if (!t.link) throw nothingTo('not_health_locked')
  const locked = and(eq(healthAccess.accountId, t.account.id), isNotNull(healthAccess.lockedAt))
  const cleared = await t.link.db
    .update(healthAccess)
    .set({ lockedAt: null, answerFailures: '[]' })
    .where(locked)
    .returning({ accountId: healthAccess.accountId })
  if (!cleared.length) throw nothingTo('not_health_locked')
  await auditAction(deps, t, a, 'member.health_unlocked')
  return {}
}

/** Ends every live session of the member (as endAllSessions does), with its audit row in one batch. */
async function endSessions(deps: MemberDeps, t: Target, a: ActionContext) {
  const now = deps.now()
  const live = liveSessionsOf(t.account.id, now)
  const [, ended] = await batch(
    deps,
    staffAuditOnWhere(
      deps,
      a.staff,
      a.ip,
      'member.sessions_ended',
      t.account.id,
      { reason: a.reason },
      // One row, however many sessions: the condition is whether any is live.
      accounts,
      and(eq(accounts.id, t.account.id), sql`exists (select 1 from ${sessions} where ${live})`),
      { insurerId: t.insurerId },
    ),
    deps.db.update(sessions).set({ endedAt: now }).where(live).returning({ id: sessions.id }),
  )
  if (!ended.length) throw nothingTo('no_live_sessions')
  return { ended: ended.length }
}

/** The member's language as far as known: that of their latest inquiry, else Japanese. */
async function langOf(deps: Pick<Deps, 'db'>, accountId: string): Promise<Lang> {
  const [row] = await deps.db
    .select({ lang: inquiries.lang })
    .from(inquiries)
    .where(eq(inquiries.accountId, accountId))
    .orderBy(desc(inquiries.createdAt))
    .limit(1)
  return row?.lang ?? 'ja'
}

/**
 * A mail action goes out once per member and kind in MEMBER_MAIL_EVERY_MS, decided by the statement
 * that records it (risk.ts admitAttempt): of 50 at once one mails, the rest are refused with 429.
 */
async function admitMail(deps: MemberDeps, kind: string, accountId: string) {
  if (!(await admitAttempt(deps, `staff-mail:${kind}:${accountId}`, 1, MEMBER_MAIL_EVERY_MS)))
    throw new AppError('too_many_attempts')
}

/** Sends the password reset mail to the registered address, through the member's own reset path. */
async function resetMail(deps: MemberDeps, t: Target, a: ActionContext) {
  await admitMail(deps, 'reset', t.account.id)
  const mail = await requestPasswordReset(
    deps,
    t.account.email,
    await langOf(deps, t.account.id),
    a.ip,
  )
  // The audit row first: a mail that went out always has its row.
  await auditAction(deps, t, a, 'member.reset_mail_sent')
  await deps.mail.send(mail)
  return { sentTo: maskEmail(t.account.email) }
}

/** Mails the registered address "your login ID is this address"; support sees it masked only. */
async function loginIdNotice(deps: MemberDeps, t: Target, a: ActionContext) {
  await admitMail(deps, 'login-id', t.account.id)
  const lang = await langOf(deps, t.account.id)
  await auditAction(deps, t, a, 'member.login_id_notice_sent')
  await deps.mail.send(mailTemplates.loginIdNotice(lang, t.account.email, deps.config.appOrigin))
  return { sentTo: maskEmail(t.account.email) }
}

const auditAction = (deps: MemberDeps, t: Target, a: ActionContext, action: MemberAuditAction) =>
  audit(deps, {
    action,
    actorType: 'staff',
    actorId: a.staff.id,
    accountId: t.account.id,
    insurerId: t.insurerId,
    ip: a.ip,
    detail: { reason: a.reason },
  })

/**
 * 紐付け解除 (issue 14, re-link): ends the member's link to their insurer so they may link another
 * card (a new insurer, or a corrected card), through unlinkMember (services/unlink.ts): the pointer
 * goes `unlinking` and every session's step-up ends, the link and step-up row leave the insurer's
 * database, the pointer is freed, and it writes the one `member.unlinked` row with the reason. Decided
 * by its UPDATE … RETURNING: of 50 at once one unlinks; the rest, and a member linked to nothing (or
 * whose unlink another call is finishing), get 409 not_linked. The scope was checked on the pointer
 * (memberForStaff) before any insurer database is opened.
 */
async function unlinkAction(deps: MemberDeps, t: Target, a: ActionContext) {
  if (!t.insurerId) throw new AppError('not_linked')
  const { unlinked } = await unlinkMember(deps, {
    accountId: t.account.id,
    // The insurer the scope was checked on: a member re-linked elsewhere meanwhile is not touched.
    insurerId: t.insurerId,
    staff: a.staff,
    reason: a.reason,
    ip: a.ip,
  })
  if (!unlinked) throw new AppError('not_linked')
  return {}
}

const ACTIONS = {
  'reissue-code': reissueCode,
  'unlock-address': unlockAddressOf,
  'unlock-health': unlockHealth,
  'reset-mail': resetMail,
  'end-sessions': endSessions,
  'login-id-notice': loginIdNotice,
  unlink: unlinkAction,
} as const

/** Runs one action on a member in the staff member's scope (404 otherwise); see each action. */
export async function actOnMember(
  deps: MemberDeps,
  staff: StaffMember,
  ip: string,
  accountId: string,
  action: keyof typeof ACTIONS,
  reason: string,
): Promise<{ sentTo?: string; ended?: number }> {
  const target = await memberForStaff(deps, staff, accountId)
  return ACTIONS[action](deps, target, { staff, ip, reason })
}
