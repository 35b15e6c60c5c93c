/**
 * The step-up before health data (journey 6): STEP1 the postcard's viewing code, STEP2–3 the secret
 * question, STEP4 the notice, and each session's secret question. Every try is admitted by the
 * statement that records it, before a hash runs; the step-up is recorded on the session.
 */
import { and, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm'
import { normalizeViewingCode, SECRET_QUESTIONS } from '../../core/health-access'
import { runBatch, type Database } from '../../db/open'
import { healthAccess, memberLinks, rosterPersons, sessions, viewingCodes } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit, insurerAudit } from './audit'
import { linkedPerson } from './card'
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords'
import { admitAttempt } from './risk'
import { memberDb } from './shards'
import { usableCodeOf } from './viewing-codes'

export const VIEWING_CODE_TRIES = 5
export const ANSWER_TRIES_PER_DAY = 5
/** Later visits ask the secret question when the last check is older than this. */
export const ANSWER_CHECK_MS = 24 * 3_600_000
const DAY_MS = 86_400_000

export type AccessState =
  'code' | 'question_setup' | 'notice' | 'question' | 'ready' | 'code_locked' | 'locked'

type AccessDeps = Pick<Deps, 'db' | 'dbFor' | 'now' | 'randomBytes'>

/**
 * The member's link, roster name and step-up row in one query of the insurer's database (the one the
 * directory's pointer names: memberDb), with that database; null when the account is not linked.
 */
async function linkOf(deps: AccessDeps, accountId: string) {
  const mine = await memberDb(deps, accountId)
  if (!mine) return null
  const [link] = await mine.db
    .select({
      insurerId: memberLinks.insurerId,
      personKey: memberLinks.personKey,
      name: rosterPersons.nameKana,
      sex: rosterPersons.sex,
      access: healthAccess,
    })
    .from(memberLinks)
    .leftJoin(rosterPersons, linkedPerson())
    .leftJoin(healthAccess, eq(healthAccess.accountId, memberLinks.accountId))
    .where(and(eq(memberLinks.accountId, accountId), eq(memberLinks.insurerId, mine.insurerId)))
  return link ? { ...link, db: mine.db } : null
}

async function liveCode(insurerDb: Database, insurerId: string, personKey: string) {
  const [row] = await insurerDb
    .select()
    .from(viewingCodes)
    .where(usableCodeOf(insurerId, personKey))
    .orderBy(desc(viewingCodes.issuedAt))
    .limit(1)
  return row ?? null
}

/** The state a step-up row puts the member in, once the viewing code is known to be proven. */
export function stateOf(
  row: Pick<typeof healthAccess.$inferSelect, 'lockedAt' | 'answerHash' | 'noticeAcceptedAt'>,
  stepUpAt: number | null,
  now: number,
): AccessState {
  if (row.lockedAt) return 'locked'
  if (!row.answerHash) return 'question_setup'
  if (!row.noticeAcceptedAt) return 'notice'
  if (!stepUpAt || now - stepUpAt > ANSWER_CHECK_MS) return 'question'
  return 'ready'
}

/** A member's session as the step-up sees it: the step-up is recorded on the session (docs/security.md). */
export interface StepUpSession {
  accountId: string
  /** The session row's id (the SHA-256 of its token). */
  sessionId: string
  stepUpAt: number | null
}

/** Where the member stands on the way to their results (STEP1–4, or this session's secret question). */
export async function accessState(
  deps: AccessDeps,
  session: StepUpSession,
): Promise<{ state: AccessState; questionId: string | null } | null> {
  const found = await accessOf(deps, session)
  return found && { state: found.state, questionId: found.questionId }
}

/** accessState with the member's insurer database, where the step-up row is. */
async function accessOf(deps: AccessDeps, session: StepUpSession) {
  const link = await linkOf(deps, session.accountId)
  if (!link) return null
  const row = link.access
  const { db, insurerId } = link
  if (row?.lockedAt)
    return { state: 'locked' as AccessState, questionId: row.questionId, db, insurerId }
  if (!row?.codeVerifiedAt) {
    const code = await liveCode(link.db, link.insurerId, link.personKey)
    const state: AccessState = code?.lockedAt ? 'code_locked' : 'code'
    return { state, questionId: null, db, insurerId }
  }
  const state = stateOf(row, session.stepUpAt, deps.now())
  return { state, questionId: row.questionId, db, insurerId }
}

/**
 * accessState for the routes, which answer a member without a linked card 409 (not_linked).
 */
export async function linkedAccessState(deps: AccessDeps, session: StepUpSession) {
  const state = await accessState(deps, session)
  if (!state) throw new AppError('not_linked')
  return state
}

/** A secret question by its id, or null. */
export const questionById = (id: string | null) => SECRET_QUESTIONS.find((q) => q.id === id) ?? null

/**
 * Tries of the step-up (viewing code and secret answer together) per account and hour, beyond their
 * own locks: each try costs a password hash, so a member's session cannot keep a Worker busy.
 */
export const STEP_UP_TRIES_PER_HOUR = 20
async function admitStepUpTry(deps: AccessDeps, accountId: string) {
  if (!(await admitAttempt(deps, `step-up:${accountId}`, STEP_UP_TRIES_PER_HOUR, 3_600_000)))
    throw new AppError('too_many_attempts')
}

/** Marks this session as having passed the step-up now. */
async function stepUp(deps: AccessDeps, sessionId: string, now: number) {
  await deps.db.update(sessions).set({ stepUpAt: now }).where(eq(sessions.id, sessionId))
}

/**
 * STEP1 本人確認: the postcard's code, 5 wrong tries and it locks until support re-issues it. The try
 * is counted by the statement that admits it (a conditional UPDATE … RETURNING), before the hash is
 * checked: of 50 guesses at once, no more than 5 are looked at.
 */
export async function submitViewingCode(
  deps: AccessDeps,
  session: StepUpSession,
  raw: string,
  ip: string,
): Promise<void> {
  const { accountId } = session
  await admitStepUpTry(deps, accountId)
  const link = await linkOf(deps, accountId)
  if (!link) throw new AppError('wrong_state')
  const code = await liveCode(link.db, link.insurerId, link.personKey)
  if (!code) throw new AppError('no_viewing_code')
  const [tried] = await link.db
    .update(viewingCodes)
    .set({ failedAttempts: sql`${viewingCodes.failedAttempts} + 1` })
    .where(
      and(
        eq(viewingCodes.id, code.id),
        isNull(viewingCodes.lockedAt),
        isNull(viewingCodes.revokedAt),
        // Only a confirmed code is usable (issue 13): one unconfirmed meanwhile counts no try.
        isNotNull(viewingCodes.confirmedAt),
        lt(viewingCodes.failedAttempts, VIEWING_CODE_TRIES),
      ),
    )
    .returning({ failedAttempts: viewingCodes.failedAttempts, codeHash: viewingCodes.codeHash })
  if (!tried) throw new AppError('viewing_code_locked')
  const typed = normalizeViewingCode(raw)
  const ok = typed !== null && (await verifyPassword(tried.codeHash, typed)).ok
  const now = deps.now()
  if (!ok) {
    if (tried.failedAttempts < VIEWING_CODE_TRIES) throw new AppError('invalid_viewing_code')
    await link.db
      .update(viewingCodes)
      .set({ lockedAt: now })
      .where(and(eq(viewingCodes.id, code.id), isNull(viewingCodes.lockedAt)))
    throw new AppError('viewing_code_locked')
  }
  // The code used, the step-up row and its audit row: one batch of the insurer's database.
  await runBatch(link.db, [
    link.db
      .update(viewingCodes)
      .set({ usedAt: code.usedAt ?? now, failedAttempts: 0 })
      .where(eq(viewingCodes.id, code.id)),
    link.db
      .insert(healthAccess)
      .values({ accountId, codeVerifiedAt: now })
      .onConflictDoUpdate({ target: healthAccess.accountId, set: { codeVerifiedAt: now } }),
    insurerAudit(link.db, now, {
      action: 'health.code_verified',
      actorType: 'member',
      actorId: accountId,
      accountId,
      insurerId: link.insurerId,
      ip,
    }),
  ])
}

/**
 * STEP2–3: the secret question and its answer (case-sensitive, stored as a password hash). Set once:
 * the UPDATE only takes a row without an answer. Setting it passes this session's step-up.
 */
export async function setSecretQuestion(
  deps: AccessDeps,
  session: StepUpSession,
  questionId: string,
  answer: string,
): Promise<void> {
  await admitStepUpTry(deps, session.accountId)
  const state = await accessOf(deps, session)
  if (state?.state !== 'question_setup') throw new AppError('wrong_state')
  const now = deps.now()
  const set = await state.db
    .update(healthAccess)
    .set({
      questionId,
      answerHash: await hashPassword(answer, deps.randomBytes),
      answerSetAt: now,
      answerFailures: '[]',
    })
    .where(
      and(
        eq(healthAccess.accountId, session.accountId),
        isNull(healthAccess.answerHash),
        isNull(healthAccess.lockedAt),
      ),
    )
    .returning({ accountId: healthAccess.accountId })
  if (!set.length) throw new AppError('wrong_state')
  await stepUp(deps, session.sessionId, now)
}

/** STEP4: the member has read 健診結果に関する注意事項. */
export async function acceptNotice(deps: AccessDeps, session: StepUpSession): Promise<void> {
  const state = await accessOf(deps, session)
  if (state?.state !== 'notice') throw new AppError('wrong_state')
  await state.db
    .update(healthAccess)
    .set({ noticeAcceptedAt: deps.now() })
    .where(eq(healthAccess.accountId, session.accountId))
}

/**
 * This session's check: 5 wrong answers in 24 hours lock health data until a password reset by
 * e-mail. The try is recorded as a failure by the statement that admits it (one conditional UPDATE
 * … RETURNING over the row's failure times) and cleared when the answer proves right, so 50 answers
 * at once get no more than 5 looks at the hash.
 */
export async function answerSecretQuestion(
  deps: AccessDeps,
  session: StepUpSession,
  answer: string,
): Promise<void> {
  const { accountId } = session
  await admitStepUpTry(deps, accountId)
  const state = await accessOf(deps, session)
  if (state?.state === 'locked') throw new AppError('health_locked')
  if (state?.state !== 'question' && state?.state !== 'ready') throw new AppError('wrong_state')
  const insurerDb = state.db
  const now = deps.now()
  const since = now - DAY_MS
  const recent = sql`(select value from json_each(${healthAccess.answerFailures}) where value > ${since})`
  const [tried] = await insurerDb
    .update(healthAccess)
    .set({
      answerFailures: sql`(select json_group_array(value) from (select value from ${recent} union all select ${now}))`,
    })
    .where(
      and(
        eq(healthAccess.accountId, accountId),
        isNull(healthAccess.lockedAt),
        isNotNull(healthAccess.answerHash),
        sql`(select count(*) from ${recent}) < ${ANSWER_TRIES_PER_DAY}`,
      ),
    )
    .returning({ answerHash: healthAccess.answerHash, failures: healthAccess.answerFailures })
  if (!tried) throw new AppError('health_locked')
  if ((await verifyPassword(tried.answerHash ?? DUMMY_PASSWORD_HASH, answer)).ok) {
    await insurerDb
      .update(healthAccess)
      .set({ answerFailures: '[]' })
      .where(eq(healthAccess.accountId, accountId))
    await stepUp(deps, session.sessionId, now)
    return
  }
  if ((JSON.parse(tried.failures) as number[]).length < ANSWER_TRIES_PER_DAY)
    throw new AppError('wrong_answer')
  await insurerDb
    .update(healthAccess)
    .set({ lockedAt: now })
    .where(and(eq(healthAccess.accountId, accountId), isNull(healthAccess.lockedAt)))
  throw new AppError('health_locked')
}

/**
 * The states in which a passkey may stand in for the secret question: a later visit's check (or a
 * re-check within the 24 hours). Never the first visit: STEP1's viewing code proves the person on
 * the card, which a passkey (proof of the account only) cannot, and STEP2 sets the question up.
 */
const PASSKEY_STATES: ReadonlySet<AccessState> = new Set(['question', 'ready'])

/**
 * Whether this session may ask for a passkey step-up now: health data not locked (5 wrong answers lock
 * it until a reset by e-mail, and a passkey does not lift that), past the first visit. Counts as a try
 * of the step-up (20 an hour per account).
 */
export async function admitPasskeyStepUp(deps: AccessDeps, session: StepUpSession) {
  const state = await accessOf(deps, session)
  if (!state) throw new AppError('not_linked')
  if (state.state === 'locked') throw new AppError('health_locked')
  if (!PASSKEY_STATES.has(state.state)) throw new AppError('wrong_state')
  return state
}

/**
 * A passkey instead of the secret answer: `verify` checks the assertion (bound to this account). The
 * step-up row (in the insurer's database) is read after the assertion: not locked, question set,
 * notice read; then the session (directory) records the step-up. A lock by a wrong answer at the same
 * moment is not passed over either way: every health read's gate checks the lock itself, in the
 * insurer's database, beside the read. A failed assertion is not a wrong answer (it is no guess at the
 * secret): it counts only among the step-up's tries.
 */
export async function passkeyStepUp(
  deps: AccessDeps,
  session: StepUpSession,
  verify: () => Promise<boolean>,
  ip: string,
): Promise<void> {
  await admitStepUpTry(deps, session.accountId)
  const { db: insurerDb, insurerId } = await admitPasskeyStepUp(deps, session)
  if (!(await verify())) throw new AppError('passkey_step_up_failed')
  const now = deps.now()
  const [access] = await insurerDb
    .select({ accountId: healthAccess.accountId })
    .from(healthAccess)
    .where(
      and(
        eq(healthAccess.accountId, session.accountId),
        isNull(healthAccess.lockedAt),
        isNotNull(healthAccess.answerHash),
        isNotNull(healthAccess.noticeAcceptedAt),
      ),
    )
  if (!access) throw new AppError('health_locked')
  const passed = await deps.db
    .update(sessions)
    .set({ stepUpAt: now })
    .where(eq(sessions.id, session.sessionId))
    .returning({ id: sessions.id })
  if (!passed.length) throw new AppError('health_locked')
  await audit(deps, {
    action: 'health.passkey_step_up',
    actorType: 'member',
    actorId: session.accountId,
    accountId: session.accountId,
    insurerId,
    ip,
  })
}

/**
 * A password reset by e-mail lifts the health-data lock (docs/security.md), in the insurer's database
 * of the member's link (none: nothing to lift); it also ends every session, and with them their step-ups.
 */
export async function unlockHealthData(
  deps: Pick<Deps, 'db' | 'dbFor'>,
  accountId: string,
): Promise<void> {
  const mine = await memberDb(deps, accountId)
  if (!mine) return
  await mine.db
    .update(healthAccess)
    .set({ lockedAt: null, answerFailures: '[]' })
    .where(eq(healthAccess.accountId, accountId))
}
