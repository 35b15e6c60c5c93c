/**
 * Sign-up (journeys 1 and 2): the pending row (仮登録), its binding to the browser that began it, the
 * stand-in of a registered address, and 本登録 by the link or the 6-digit code. The account itself,
 * log-in and reset links are accounts.ts's.
 */
import { and, desc, eq, gt, isNull, lt, sql, type SQL } from 'drizzle-orm'
import { accounts, pendingSignups } from '../../db/schema'
import { normalizeEmail } from '../../core/email'
import type { Lang } from '../../core/i18n'
import { AppError } from '../errors'
import { findAccount, type AccountDeps, type Member } from './accounts'
import { audit } from './audit'
import { ensureInviteCode, inviterOf } from './invites'
import type { Mail } from './mail'
import { mailTemplates } from './mail-templates'
import { hashPassword, verifyPassword } from './passwords'
import type { ClientMode } from './sessions'
import { hashToken, hmac, newId, newNumericCode, newToken } from './tokens'

/** The manual's two figures: 1 hour from a browser, 24 hours from the installed app. */
export const SIGNUP_LINK_MS: Record<ClientMode, number> = {
  browser: 3_600_000,
  app: 24 * 3_600_000,
}
export const SIGNUP_CODE_MS = 10 * 60_000
export const SIGNUP_CODE_TRIES = 5
/** Tries of the sign-up password where a link or code is used outside the browser that began it. */
export const SIGNUP_PASSWORD_TRIES = 5

/** The 6-digit code's HMAC, keyed by the server's secret and the row: a million plain hashes are quickly tried. */
const codeDigest = (deps: AccountDeps, pendingId: string, code: string) =>
  hmac(deps.config.subjectKey, `signup-code:${pendingId}:${code}`)

/** A pending row's code digest that no code has: the stand-in of a registered address can never be completed. */
const STAND_IN_CODE = 'stand-in'

/** What proves that a link or code is used where its sign-up began (the `__Host-signup` cookie's hash). */
export interface SignupProof {
  bindingHash: string | null
  /** The password chosen at sign-up, asked for where the binding does not match. */
  password?: string
}

/** How a dead sign-up is answered: by the way it was tried (the link, or the code). */
type Expired = 'link_expired' | 'code_expired'

async function newPendingSignup(
  deps: AccountDeps,
  input: {
    email: string
    passwordHash: string
    /** Tries already spent on the sign-up's password (a resend carries them over). */
    passwordAttempts?: number
    bindingHash: string | null
    mode: ClientMode
    lang: Lang
    inviteCode?: string | null
    orgCode?: string | null
    /** The address has an account: an unusable stand-in row, the same writes, and the owner is told. */
    registered: { email: string } | null
  },
): Promise<Mail> {
  const now = deps.now()
  const emailKey = normalizeEmail(input.email)
  const token = newToken(deps.randomBytes)
  const code = newNumericCode(deps.randomBytes)
  const id = newId(deps.randomBytes)
  const codeHash = await codeDigest(deps, id, code)
  await deps.db.insert(pendingSignups).values({
    id,
    email: input.email,
    emailKey,
    passwordHash: input.passwordHash,
    tokenHash: await hashToken(token),
    codeHash: input.registered ? STAND_IN_CODE : codeHash,
    bindingHash: input.bindingHash,
    passwordAttempts: input.passwordAttempts ?? 0,
    mode: input.mode,
    inviteCode: input.inviteCode ?? null,
    orgCode: input.orgCode ?? null,
    lang: input.lang,
    createdAt: now,
    expiresAt: now + SIGNUP_LINK_MS[input.mode],
    codeExpiresAt: now + SIGNUP_CODE_MS,
  })
  // Re-sending kills every earlier link and code of the address (docs/security.md). Inserted first, then
  // every live row inserted before this one (SQLite's rowid grows with each insert) revoked: of
  // sign-ups raced at once, only the last inserted lives.
  await deps.db
    .update(pendingSignups)
    .set({ revokedAt: now })
    .where(
      and(
        eq(pendingSignups.emailKey, emailKey),
        isNull(pendingSignups.usedAt),
        isNull(pendingSignups.revokedAt),
        sql`rowid < (select rowid from ${pendingSignups} where ${pendingSignups.id} = ${id})`,
      ),
    )
  const origin = deps.config.appOrigin
  if (input.registered)
    return mailTemplates.alreadyRegistered(input.lang, input.registered.email, origin)
  return mailTemplates.provisional(
    input.lang,
    input.email,
    origin,
    `${origin}/verify?token=${token}`,
    code,
    SIGNUP_LINK_MS[input.mode] / 3_600_000,
  )
}

/**
 * 仮登録. An address that already has an account gets the same answer and the same work (a hash and
 * a stand-in pending row that no link or code completes); its owner is told by mail instead, so
 * the answers of sign-up, resend and verify-code tell a stranger nothing (docs/security.md).
 */
export async function requestSignup(
  deps: AccountDeps,
  input: {
    email: string
    password: string
    bindingHash: string
    mode: ClientMode
    lang: Lang
    inviteCode?: string
    orgCode?: string
  },
): Promise<Mail> {
  const passwordHash = await hashPassword(input.password, deps.randomBytes)
  const registered = await findAccount(deps, input.email)
  return newPendingSignup(deps, { ...input, passwordHash, registered })
}

/**
 * 仮登録メールの再送信: a new link and code for the latest sign-up this browser began (its binding
 * cookie); older ones die. The new row keeps that binding and the tries spent on its password, so a
 * resend neither hands the browser another's sign-up (a stranger's, with a password the member never
 * chose) nor resets the password's try limit. A browser that began no sign-up of the address gets
 * the same answer and no mail.
 */
export async function resendSignup(
  deps: AccountDeps,
  input: { email: string; mode: ClientMode; lang: Lang; bindingHash: string | null },
): Promise<Mail | null> {
  if (!input.bindingHash) return null
  const [latest] = await deps.db
    .select()
    .from(pendingSignups)
    .where(
      and(
        eq(pendingSignups.emailKey, normalizeEmail(input.email)),
        eq(pendingSignups.bindingHash, input.bindingHash),
        isNull(pendingSignups.usedAt),
      ),
    )
    .orderBy(desc(pendingSignups.createdAt))
    .limit(1)
  if (!latest) return null
  const registered = await findAccount(deps, input.email)
  return newPendingSignup(deps, {
    email: latest.email,
    passwordHash: latest.passwordHash,
    passwordAttempts: latest.passwordAttempts,
    bindingHash: latest.bindingHash,
    mode: input.mode,
    lang: input.lang,
    inviteCode: latest.inviteCode,
    orgCode: latest.orgCode,
    registered,
  })
}

async function createAccountFrom(
  deps: AccountDeps,
  pending: typeof pendingSignups.$inferSelect,
  ip: string,
): Promise<Member | null> {
  const now = deps.now()
  const id = newId(deps.randomBytes)
  // Who invited whom (journey 1): the code's account as it is now (one that has left since leaves none).
  const invitedBy = pending.inviteCode ? await inviterOf(deps, pending.inviteCode) : null
  const created = await deps.db
    .insert(accounts)
    .values({
      id,
      email: pending.email,
      emailKey: pending.emailKey,
      passwordHash: pending.passwordHash,
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: now,
      invitedBy,
    })
    .onConflictDoNothing({ target: accounts.emailKey })
    .returning({ id: accounts.id, email: accounts.email })
  await deps.db
    .update(pendingSignups)
    .set({ revokedAt: now })
    .where(
      and(
        eq(pendingSignups.emailKey, pending.emailKey),
        isNull(pendingSignups.usedAt),
        isNull(pendingSignups.revokedAt),
      ),
    )
  if (!created.length) return null
  // The account's own 招待コード, set with it (the same statement as for older accounts' first read).
  await ensureInviteCode(deps, id)
  await audit(deps, {
    action: 'account.created',
    actorType: 'member',
    actorId: id,
    accountId: id,
    ip,
    detail: { via: pending.mode },
  })
  return created[0]
}

const livePending = (now: number) =>
  and(
    isNull(pendingSignups.usedAt),
    isNull(pendingSignups.revokedAt),
    gt(pendingSignups.expiresAt, now),
  )

/**
 * Where the link or code is used outside the browser or app that began the sign-up, the password
 * chosen at sign-up must be given too (docs/security.md: a link alone never creates an account a
 * stranger knows the password of). Each try is counted by the statement that admits it (5 per
 * sign-up, then its link and code are dead), before the hash is checked.
 */
async function proveSignup(
  deps: AccountDeps,
  pending: { id: string; bindingHash: string | null },
  proof: SignupProof,
  expired: Expired,
): Promise<void> {
  if (proof.bindingHash && pending.bindingHash === proof.bindingHash) return
  if (!proof.password) throw new AppError('signup_password_required')
  const [admitted] = await deps.db
    .update(pendingSignups)
    .set({ passwordAttempts: sql`${pendingSignups.passwordAttempts} + 1` })
    .where(
      and(
        eq(pendingSignups.id, pending.id),
        livePending(deps.now()),
        lt(pendingSignups.passwordAttempts, SIGNUP_PASSWORD_TRIES),
      ),
    )
    .returning({ passwordHash: pendingSignups.passwordHash })
  if (!admitted) throw new AppError(expired)
  const { ok } = await verifyPassword(admitted.passwordHash, proof.password)
  if (!ok) throw new AppError('signup_password_wrong')
}

/** Uses a pending sign-up up (one conditional UPDATE: of two concurrent uses one wins) and creates the account. */
async function completeSignup(
  deps: AccountDeps,
  pendingId: string,
  ip: string,
  expired: Expired,
  also?: SQL,
): Promise<Member> {
  const now = deps.now()
  const [consumed] = await deps.db
    .update(pendingSignups)
    .set({ usedAt: now })
    .where(and(eq(pendingSignups.id, pendingId), livePending(now), also))
    .returning()
  const member = consumed ? await createAccountFrom(deps, consumed, ip) : null
  if (!member) throw new AppError(expired)
  return member
}

/** 本登録 by the mailed link: at once where the sign-up began, elsewhere with its password too. */
export async function verifySignupLink(
  deps: AccountDeps,
  token: string,
  proof: SignupProof,
  ip: string,
): Promise<Member> {
  const [pending] = await deps.db
    .select({ id: pendingSignups.id, bindingHash: pendingSignups.bindingHash })
    .from(pendingSignups)
    .where(and(eq(pendingSignups.tokenHash, await hashToken(token)), livePending(deps.now())))
  if (!pending) throw new AppError('link_expired')
  await proveSignup(deps, pending, proof, 'link_expired')
  return completeSignup(deps, pending.id, ip, 'link_expired')
}

/**
 * 本登録 by the 6-digit code (10 minutes, 5 tries). The try is counted by the statement that admits
 * it, before the code is compared, so 50 guesses at once get no more than 5 looks at it.
 */
export async function verifySignupCode(
  deps: AccountDeps,
  email: string,
  code: string,
  proof: SignupProof,
  ip: string,
): Promise<Member> {
  const now = deps.now()
  const emailKey = normalizeEmail(email)
  const latest = deps.db
    .select({ id: pendingSignups.id })
    .from(pendingSignups)
    .where(
      and(
        eq(pendingSignups.emailKey, emailKey),
        isNull(pendingSignups.usedAt),
        isNull(pendingSignups.revokedAt),
      ),
    )
    .orderBy(desc(pendingSignups.createdAt))
    .limit(1)
  const [tried] = await deps.db
    .update(pendingSignups)
    .set({ codeAttempts: sql`${pendingSignups.codeAttempts} + 1` })
    .where(
      and(
        sql`${pendingSignups.id} = (${latest})`,
        livePending(now),
        gt(pendingSignups.codeExpiresAt, now),
        lt(pendingSignups.codeAttempts, SIGNUP_CODE_TRIES),
      ),
    )
    .returning({
      id: pendingSignups.id,
      codeHash: pendingSignups.codeHash,
      codeAttempts: pendingSignups.codeAttempts,
      bindingHash: pendingSignups.bindingHash,
    })
  if (!tried) throw new AppError('code_expired')
  if (!timingSafeEqualText(await codeDigest(deps, tried.id, code), tried.codeHash))
    throw new AppError(tried.codeAttempts < SIGNUP_CODE_TRIES ? 'invalid_code' : 'code_expired')
  await proveSignup(deps, tried, proof, 'code_expired')
  return completeSignup(deps, tried.id, ip, 'code_expired', gt(pendingSignups.codeExpiresAt, now))
}

/** Compares two digests in time that does not depend on where they differ. */
function timingSafeEqualText(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
