import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm'
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

async function newPendingSignup(
  deps: AccountDeps,
  input: {
    email: string
    passwordHash: string
    mode: ClientMode
    lang: Lang
    inviteCode?: string | null
    orgCode?: string | null
  },
): Promise<Mail> {
  const now = deps.now()
  const emailKey = normalizeEmail(input.email)
  const token = newToken(deps.randomBytes)
  const code = newNumericCode(deps.randomBytes)
  const id = newId(deps.randomBytes)
  // Re-sending kills every earlier link and code of the address (security.md).
  await deps.db
    .update(pendingSignups)
    .set({ revokedAt: now })
    .where(and(eq(pendingSignups.emailKey, emailKey), isNull(pendingSignups.usedAt), isNull(pendingSignups.revokedAt)))
  await deps.db.insert(pendingSignups).values({
    id,
    email: input.email,
    emailKey,
    passwordHash: input.passwordHash,
    tokenHash: await hashToken(token),
    codeHash: await codeDigest(deps, id, code),
    mode: input.mode,
    inviteCode: input.inviteCode ?? null,
    orgCode: input.orgCode ?? null,
    lang: input.lang,
    createdAt: now,
    expiresAt: now + SIGNUP_LINK_MS[input.mode],
    codeExpiresAt: now + SIGNUP_CODE_MS,
  })
  const origin = deps.config.appOrigin
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
 * 仮登録. An address that already has an account gets the same answer and costs the same work; its
 * owner is told by mail instead, so the answer tells a stranger nothing.
 */
export async function requestSignup(
  deps: AccountDeps,
  input: {
    email: string
    password: string
    mode: ClientMode
    lang: Lang
    inviteCode?: string
    orgCode?: string
  },
): Promise<Mail> {
  const passwordHash = await hashPassword(input.password, deps.randomBytes)
  const existing = await findAccount(deps, input.email)
  if (existing) return mailTemplates.alreadyRegistered(input.lang, existing.email, deps.config.appOrigin)
  return newPendingSignup(deps, { ...input, passwordHash })
}

/** 仮登録メールの再送信: a new link and code for the latest sign-up of the address; older ones die. */
export async function resendSignup(
  deps: AccountDeps,
  input: { email: string; mode: ClientMode; lang: Lang },
): Promise<Mail | null> {
  const existing = await findAccount(deps, input.email)
  if (existing) return mailTemplates.alreadyRegistered(input.lang, existing.email, deps.config.appOrigin)
  const [latest] = await deps.db
    .select()
    .from(pendingSignups)
    .where(and(eq(pendingSignups.emailKey, normalizeEmail(input.email)), isNull(pendingSignups.usedAt)))
    .orderBy(desc(pendingSignups.createdAt))
    .limit(1)
  if (!latest) return null
  return newPendingSignup(deps, {
    email: latest.email,
    passwordHash: latest.passwordHash,
    mode: input.mode,
    lang: input.lang,
    inviteCode: latest.inviteCode,
    orgCode: latest.orgCode,
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

/** 本登録 by the mailed link. One conditional UPDATE consumes it, so it works once even when raced. */
export async function verifySignupLink(deps: AccountDeps, token: string, ip: string): Promise<Member | null> {
  const now = deps.now()
  const [pending] = await deps.db
    .update(pendingSignups)
    .set({ usedAt: now })
    .where(
      and(
        eq(pendingSignups.tokenHash, await hashToken(token)),
        isNull(pendingSignups.usedAt),
        isNull(pendingSignups.revokedAt),
        gt(pendingSignups.expiresAt, now),
      ),
    )
    .returning()
  return pending ? createAccountFrom(deps, pending, ip) : null
}

/** 本登録 by the 6-digit code typed into the installed app: 10 minutes, 5 tries. */
export async function verifySignupCode(
  deps: AccountDeps,
  email: string,
  code: string,
  ip: string,
): Promise<{ result: 'ok'; member: Member } | { result: 'invalid' | 'expired' }> {
  const now = deps.now()
  const [pending] = await deps.db
    .select()
    .from(pendingSignups)
    .where(
      and(
        eq(pendingSignups.emailKey, normalizeEmail(email)),
        isNull(pendingSignups.usedAt),
        isNull(pendingSignups.revokedAt),
      ),
    )
    .orderBy(desc(pendingSignups.createdAt))
    .limit(1)
  if (!pending || pending.codeExpiresAt <= now || pending.codeAttempts >= SIGNUP_CODE_TRIES)
    return { result: 'expired' }
  if ((await codeDigest(deps, pending.id, code)) !== pending.codeHash) {
    const [after] = await deps.db
      .update(pendingSignups)
      .set({ codeAttempts: sql`${pendingSignups.codeAttempts} + 1` })
      .where(and(eq(pendingSignups.id, pending.id), lt(pendingSignups.codeAttempts, SIGNUP_CODE_TRIES)))
      .returning({ attempts: pendingSignups.codeAttempts })
    return { result: after && after.attempts < SIGNUP_CODE_TRIES ? 'invalid' : 'expired' }
  }
  const [consumed] = await deps.db
    .update(pendingSignups)
    .set({ usedAt: now })
    .where(
      and(
        eq(pendingSignups.id, pending.id),
        isNull(pendingSignups.usedAt),
        isNull(pendingSignups.revokedAt),
        lt(pendingSignups.codeAttempts, SIGNUP_CODE_TRIES),
        gt(pendingSignups.codeExpiresAt, now),
      ),
    )
    .returning()
  if (!consumed) return { result: 'expired' }
  const member = await createAccountFrom(deps, consumed, ip)
  return member ? { result: 'ok', member } : { result: 'expired' }
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
  input: { purpose: 'reset' | 'unlock'; accountId: string; subjectKey?: string; ttlMs: number },
): Promise<string> {
  const token = newToken(deps.randomBytes)
  const now = deps.now()
  // One live link per purpose and account: a new request kills the earlier link.
  await deps.db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.accountId, input.accountId), eq(emailTokens.purpose, input.purpose), isNull(emailTokens.usedAt)))
  await deps.db.insert(emailTokens).values({
    id: newId(deps.randomBytes),
    purpose: input.purpose,
    accountId: input.accountId,
    subjectKey: input.subjectKey ?? null,
    tokenHash: await hashToken(token),
    createdAt: now,
    expiresAt: now + input.ttlMs,
  })
  return token
}

/** パスワード再設定: a mail only when the address has an account; the caller answers the same either way. */
export async function requestPasswordReset(
  deps: AccountDeps,
  email: string,
  lang: Lang,
  ip: string,
): Promise<Mail | null> {
  const account = await findAccount(deps, email)
  if (!account) return null
  const token = await issueEmailToken(deps, { purpose: 'reset', accountId: account.id, ttlMs: RESET_LINK_MS })
  await audit(deps, { action: 'password.reset_requested', actorType: 'anonymous', accountId: account.id, ip })
  const origin = deps.config.appOrigin
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
