import { and, desc, eq, gt, isNull, lt, sql, type SQL } from 'drizzle-orm'
import { accounts, emailTokens, pendingSignups } from '../../db/schema'
import { normalizeEmail } from '../../core/email'
import type { Lang } from '../../core/i18n'
import type { Deps } from '../deps'
import { audit } from './audit'
import type { Mail } from './mail'
import { mailTemplates } from './mail-templates'
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords'
import type { ClientMode } from './sessions'
import { hashToken, hmac, newId, newNumericCode, newToken } from './tokens'

/** The manual's two figures: 1 hour from a browser, 24 hours from the installed app. */
export const SIGNUP_LINK_MS: Record<ClientMode, number> = { browser: 3_600_000, app: 24 * 3_600_000 }
export const SIGNUP_CODE_MS = 10 * 60_000
export const SIGNUP_CODE_TRIES = 5
/** Tries of the sign-up password where a link or code is used outside the browser that began it. */
export const SIGNUP_PASSWORD_TRIES = 5
export const RESET_LINK_MS = 30 * 60_000
export const UNLOCK_LINK_MS = 60 * 60_000

type AccountDeps = Pick<Deps, 'db' | 'now' | 'randomBytes' | 'config'>

export interface Member {
  id: string
  email: string
}

const codeDigest = (deps: AccountDeps, pendingId: string, code: string) =>
  hmac(deps.config.subjectKey, `signup-code:${pendingId}:${code}`)

async function findAccount(deps: AccountDeps, email: string) {
  const [row] = await deps.db.select().from(accounts).where(eq(accounts.emailKey, normalizeEmail(email)))
  return row ?? null
}

/** A pending row's code digest that no code has: the stand-in of a registered address can never be completed. */
const STAND_IN_CODE = 'stand-in'

/** What proves that a link or code is used where its sign-up began (the `__Host-signup` cookie's hash). */
export interface SignupProof {
  bindingHash: string | null
  /** The password chosen at sign-up, asked for where the binding does not match. */
  password?: string
}

export type SignupVerification =
  | { result: 'ok'; member: Member }
  | { result: 'invalid' | 'expired' | 'password_required' | 'wrong_password' }

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
  // Re-sending kills every earlier link and code of the address (security.md). Inserted first, then
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
  if (input.registered) return mailTemplates.alreadyRegistered(input.lang, input.registered.email, origin)
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
 * the answers of sign-up, resend and verify-code tell a stranger nothing (security.md).
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
    })
    .onConflictDoNothing({ target: accounts.emailKey })
    .returning({ id: accounts.id, email: accounts.email })
  await deps.db
    .update(pendingSignups)
    .set({ revokedAt: now })
    .where(and(eq(pendingSignups.emailKey, pending.emailKey), isNull(pendingSignups.usedAt), isNull(pendingSignups.revokedAt)))
  if (!created.length) return null
  await audit(deps, { action: 'account.created', actorType: 'member', actorId: id, accountId: id, ip, detail: { via: pending.mode } })
  return created[0]
}

const livePending = (now: number) =>
  and(isNull(pendingSignups.usedAt), isNull(pendingSignups.revokedAt), gt(pendingSignups.expiresAt, now))

/**
 * Where the link or code is used outside the browser or app that began the sign-up, the password
 * chosen at sign-up must be given too (security.md: a link alone never creates an account a
 * stranger knows the password of). Each try is counted by the statement that admits it (5 per
 * sign-up, then its link and code are dead), before the hash is checked.
 */
async function proveSignup(deps: AccountDeps, pending: { id: string; bindingHash: string | null }, proof: SignupProof) {
  if (proof.bindingHash && pending.bindingHash === proof.bindingHash) return 'ok' as const
  if (!proof.password) return 'password_required' as const
  const [admitted] = await deps.db
    .update(pendingSignups)
    .set({ passwordAttempts: sql`${pendingSignups.passwordAttempts} + 1` })
    .where(and(eq(pendingSignups.id, pending.id), livePending(deps.now()), lt(pendingSignups.passwordAttempts, SIGNUP_PASSWORD_TRIES)))
    .returning({ passwordHash: pendingSignups.passwordHash })
  if (!admitted) return 'expired' as const
  const { ok } = await verifyPassword(admitted.passwordHash, proof.password)
  return ok ? ('ok' as const) : ('wrong_password' as const)
}

/** Uses a pending sign-up up (one conditional UPDATE: of two concurrent uses one wins) and creates the account. */
async function completeSignup(deps: AccountDeps, pendingId: string, ip: string, also?: SQL): Promise<SignupVerification> {
  const now = deps.now()
  const [consumed] = await deps.db
    .update(pendingSignups)
    .set({ usedAt: now })
    .where(and(eq(pendingSignups.id, pendingId), livePending(now), also))
    .returning()
  const member = consumed ? await createAccountFrom(deps, consumed, ip) : null
  return member ? { result: 'ok', member } : { result: 'expired' }
}

/** 本登録 by the mailed link: at once where the sign-up began, elsewhere with its password too. */
export async function verifySignupLink(deps: AccountDeps, token: string, proof: SignupProof, ip: string): Promise<SignupVerification> {
  const [pending] = await deps.db
    .select({ id: pendingSignups.id, bindingHash: pendingSignups.bindingHash })
    .from(pendingSignups)
    .where(and(eq(pendingSignups.tokenHash, await hashToken(token)), livePending(deps.now())))
  if (!pending) return { result: 'expired' }
  const proven = await proveSignup(deps, pending, proof)
  if (proven !== 'ok') return { result: proven }
  return completeSignup(deps, pending.id, ip)
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
): Promise<SignupVerification> {
  const now = deps.now()
  const emailKey = normalizeEmail(email)
  const latest = deps.db
    .select({ id: pendingSignups.id })
    .from(pendingSignups)
    .where(and(eq(pendingSignups.emailKey, emailKey), isNull(pendingSignups.usedAt), isNull(pendingSignups.revokedAt)))
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
    .returning({ id: pendingSignups.id, codeHash: pendingSignups.codeHash, codeAttempts: pendingSignups.codeAttempts, bindingHash: pendingSignups.bindingHash })
  if (!tried) return { result: 'expired' }
  if (!timingSafeEqualText(await codeDigest(deps, tried.id, code), tried.codeHash))
    return { result: tried.codeAttempts < SIGNUP_CODE_TRIES ? 'invalid' : 'expired' }
  const proven = await proveSignup(deps, tried, proof)
  if (proven !== 'ok') return { result: proven }
  return completeSignup(deps, tried.id, ip, gt(pendingSignups.codeExpiresAt, now))
}

/** Compares two digests in time that does not depend on where they differ. */
function timingSafeEqualText(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/**
 * Checks a log-in. An unknown address is verified against a dummy hash, so both cost one hash and
 * answer alike. Old hash parameters are upgraded on success.
 */
export async function authenticate(
  deps: AccountDeps,
  email: string,
  password: string,
): Promise<Member | null> {
  const account = await findAccount(deps, email)
  const { ok, rehash } = await verifyPassword(account?.passwordHash ?? DUMMY_PASSWORD_HASH, password)
  if (!account || !ok) return null
  if (rehash)
    await deps.db
      .update(accounts)
      .set({ passwordHash: await hashPassword(password, deps.randomBytes), updatedAt: deps.now() })
      .where(eq(accounts.id, account.id))
  return { id: account.id, email: account.email }
}

export async function accountExists(deps: AccountDeps, email: string): Promise<Member | null> {
  const account = await findAccount(deps, email)
  return account ? { id: account.id, email: account.email } : null
}

export async function getMember(deps: AccountDeps, accountId: string): Promise<Member | null> {
  const [row] = await deps.db
    .select({ id: accounts.id, email: accounts.email })
    .from(accounts)
    .where(eq(accounts.id, accountId))
  return row ?? null
}

async function issueEmailToken(
  deps: AccountDeps,
  input: { purpose: 'reset' | 'unlock'; accountId: string | null; subjectKey?: string; ttlMs: number },
): Promise<string> {
  const token = newToken(deps.randomBytes)
  const now = deps.now()
  const id = newId(deps.randomBytes)
  await deps.db.insert(emailTokens).values({
    id,
    purpose: input.purpose,
    accountId: input.accountId,
    subjectKey: input.subjectKey ?? null,
    tokenHash: await hashToken(token),
    createdAt: now,
    expiresAt: now + input.ttlMs,
  })
  // One live link per purpose and account: a new request kills the earlier links. Inserted first,
  // then the ones inserted before it revoked, so two requests at once leave one live link (for a
  // stand-in row without an account the same statement matches nothing).
  await deps.db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        sql`${emailTokens.accountId} = ${input.accountId}`,
        eq(emailTokens.purpose, input.purpose),
        isNull(emailTokens.usedAt),
        sql`rowid < (select rowid from ${emailTokens} where ${emailTokens.id} = ${id})`,
      ),
    )
  return token
}

/**
 * パスワード再設定. A free address gets the same work as a registered one (security.md: the writes
 * after the answer must not tell them apart): a link row no one holds the token of, an audit row
 * without an account, and a mail saying no account uses the address.
 */
export async function requestPasswordReset(
  deps: AccountDeps,
  email: string,
  lang: Lang,
  ip: string,
): Promise<Mail> {
  const account = await findAccount(deps, email)
  const token = await issueEmailToken(deps, { purpose: 'reset', accountId: account?.id ?? null, ttlMs: RESET_LINK_MS })
  await audit(deps, { action: 'password.reset_requested', actorType: 'anonymous', accountId: account?.id ?? null, ip })
  const origin = deps.config.appOrigin
  if (!account) return mailTemplates.resetNoAccount(lang, email, origin)
  return mailTemplates.passwordReset(lang, account.email, origin, `${origin}/password/reset?token=${token}`)
}

/** Reads a live link without using it up (the reset form checks it before asking for a password). */
export async function peekEmailToken(
  deps: AccountDeps,
  purpose: 'reset' | 'unlock',
  token: string,
): Promise<{ accountId: string; email: string; subjectKey: string | null } | null> {
  const [row] = await deps.db
    .select({ accountId: accounts.id, email: accounts.email, subjectKey: emailTokens.subjectKey })
    .from(emailTokens)
    .innerJoin(accounts, eq(accounts.id, emailTokens.accountId))
    .where(
      and(
        eq(emailTokens.tokenHash, await hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, deps.now()),
      ),
    )
  return row ?? null
}

/** Uses a link up atomically: of two concurrent uses, exactly one gets the row. */
export async function consumeEmailToken(
  deps: AccountDeps,
  purpose: 'reset' | 'unlock',
  token: string,
): Promise<{ accountId: string | null; subjectKey: string | null } | null> {
  const now = deps.now()
  const [row] = await deps.db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.tokenHash, await hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .returning({ accountId: emailTokens.accountId, subjectKey: emailTokens.subjectKey })
  return row ?? null
}

/** Sets a new password after a reset link; the caller ends every session and mails a notice. */
export async function setPassword(deps: AccountDeps, accountId: string, password: string): Promise<void> {
  const now = deps.now()
  await deps.db
    .update(accounts)
    .set({ passwordHash: await hashPassword(password, deps.randomBytes), updatedAt: now, passwordChangedAt: now })
    .where(eq(accounts.id, accountId))
}

export async function issueUnlockLink(
  deps: AccountDeps,
  account: Member,
  subjectKey: string,
  lang: Lang,
): Promise<Mail> {
  const token = await issueEmailToken(deps, { purpose: 'unlock', accountId: account.id, subjectKey, ttlMs: UNLOCK_LINK_MS })
  const origin = deps.config.appOrigin
  return mailTemplates.addressLocked(lang, account.email, origin, `${origin}/unlock?token=${token}`)
}
