/**
 * The member account: log-in checks, the reset and unlock links, the password. Sign-up (the pending
 * row, its binding, 本登録) is signup.ts's.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { accounts, emailTokens } from '../../db/schema'
import { normalizeEmail } from '../../core/email'
import type { Lang } from '../../core/i18n'
import type { Deps } from '../deps'
import { audit } from './audit'
import type { Mail } from './mail'
import { mailTemplates } from './mail-templates'
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords'
import { hashToken, newId, newToken } from './tokens'

export const RESET_LINK_MS = 30 * 60_000
export const UNLOCK_LINK_MS = 60 * 60_000

export type AccountDeps = Pick<Deps, 'db' | 'now' | 'randomBytes' | 'config'>

export interface Member {
  id: string
  email: string
}

/** The account of an address (matched lower-cased), or null. */
export async function findAccount(deps: AccountDeps, email: string) {
  const [row] = await deps.db
    .select()
    .from(accounts)
    // An account being withdrawn (withdrawal.ts, step 1 done) is no account: no log-in, no reset.
    .where(and(eq(accounts.emailKey, normalizeEmail(email)), isNull(accounts.withdrawingAt)))
  return row ?? null
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
  const { ok, rehash } = await verifyPassword(
    account?.passwordHash ?? DUMMY_PASSWORD_HASH,
    password,
  )
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
  input: {
    purpose: 'reset' | 'unlock'
    accountId: string | null
    subjectKey?: string
    ttlMs: number
  },
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
 * パスワード再設定. A free address gets the same work as a registered one (docs/security.md: the writes
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
  const token = await issueEmailToken(deps, {
    purpose: 'reset',
    accountId: account?.id ?? null,
    ttlMs: RESET_LINK_MS,
  })
  await audit(deps, {
    action: 'password.reset_requested',
    actorType: 'anonymous',
    accountId: account?.id ?? null,
    ip,
  })
  const origin = deps.config.appOrigin
  if (!account) return mailTemplates.resetNoAccount(lang, email, origin)
  return mailTemplates.passwordReset(
    lang,
    account.email,
    origin,
    `${origin}/password/reset?token=${token}`,
  )
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
export async function setPassword(
  deps: AccountDeps,
  accountId: string,
  password: string,
): Promise<void> {
  const now = deps.now()
  await deps.db
    .update(accounts)
    .set({
      passwordHash: await hashPassword(password, deps.randomBytes),
      updatedAt: now,
      passwordChangedAt: now,
    })
    .where(eq(accounts.id, accountId))
}

export async function issueUnlockLink(
  deps: AccountDeps,
  account: Member,
  subjectKey: string,
  lang: Lang,
): Promise<Mail> {
  const token = await issueEmailToken(deps, {
    purpose: 'unlock',
    accountId: account.id,
    subjectKey,
    ttlMs: UNLOCK_LINK_MS,
  })
  const origin = deps.config.appOrigin
  return mailTemplates.addressLocked(lang, account.email, origin, `${origin}/unlock?token=${token}`)
}

/**
 * A reset link to an address the caller names (the e-mail change's 「心当たりがない」: the restored old
 * address), revoking the account's earlier reset links.
 */
export async function issueResetLink(
  deps: AccountDeps,
  account: Member,
  lang: Lang,
): Promise<Mail> {
  const token = await issueEmailToken(deps, {
    purpose: 'reset',
    accountId: account.id,
    ttlMs: RESET_LINK_MS,
  })
  const origin = deps.config.appOrigin
  return mailTemplates.passwordReset(
    lang,
    account.email,
    origin,
    `${origin}/password/reset?token=${token}`,
  )
}
