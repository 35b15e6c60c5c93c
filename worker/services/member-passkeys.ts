// reflect-metadata first: @simplewebauthn/server's certificate parsing needs the Reflect polyfill
// loaded before its modules run, which Workers do not have (see passkeys.ts).
import 'reflect-metadata'
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server'
import { and, desc, eq, lt, sql } from 'drizzle-orm'
import { accounts, memberPasskeys, sessions } from '../../db/schema'
import type { Deps } from '../deps'
import { ipCounterKey } from '../../core/ip'
import { AppError } from '../errors'
import { verifyPassword } from './passwords'
import { admitAttempt } from './risk'
import { ANSWER_CHECK_MS } from './step-up'
import { base64url, hmac } from './tokens'
import {
  fromBase64url,
  RP_NAME,
  rpOf,
  storeChallenge,
  useChallenge,
  type ChallengeDeps,
} from './webauthn'

/**
 * A member's passkeys (journey 10, docs/security.md): added in a session with a recent proof, used to
 * log in (a button, or the browser's autofill) and as the step-up before health data. Every
 * challenge is stored in `webauthn_challenges` with its purpose (and, for registration and step-up,
 * its account), lives 5 minutes and is used once (webauthn.ts useChallenge). User verification is
 * asked for ('preferred') and required in every answer: a passkey stands in for the password, and at
 * the step-up for the secret answer, so possession alone must never do.
 */
type PasskeyDeps = ChallengeDeps

/** A log-in older than this needs the password again before a passkey is added. */
export const RECENT_LOGIN_MS = 10 * 60_000
/** Password tries before adding a passkey, per account and 15 minutes (each costs a hash). */
export const REAUTH_TRIES = 5
const REAUTH_WINDOW_MS = 15 * 60_000

const transportsOf = (stored: string) => JSON.parse(stored) as AuthenticatorTransport[]

/**
 * The WebAuthn user handle of an account: an HMAC of its id with the app's subject key. Stable (the
 * same account always gets the same one, so an authenticator replaces rather than piles up its
 * passkeys) and opaque (neither the address nor the row id leaves the server).
 */
async function userHandleOf(deps: Pick<Deps, 'config'>, accountId: string): Promise<Uint8Array> {
  const hex = await hmac(deps.config.subjectKey, `webauthn-user:${accountId}`)
  return Uint8Array.from(hex.match(/../g) ?? [], (byte) => parseInt(byte, 16))
}

/**
 * Whether the session may add a passkey: its log-in is less than 10 minutes old, or the password is
 * given again and right. A password try is admitted by the statement that records it (5 per 15
 * minutes per account) before the hash runs.
 */
export async function requireRecentProof(
  deps: PasskeyDeps,
  session: { sessionId: string; accountId: string },
  password: string | undefined,
): Promise<void> {
  const [row] = await deps.db
    .select({ createdAt: sessions.createdAt, passwordHash: accounts.passwordHash })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.id, session.sessionId))
  if (!row) throw new AppError('unauthenticated')
  if (deps.now() - row.createdAt < RECENT_LOGIN_MS) return
  if (password === undefined) throw new AppError('passkey_reauth_required')
  if (
    !(await admitAttempt(
      deps,
      `passkey-reauth:${session.accountId}`,
      REAUTH_TRIES,
      REAUTH_WINDOW_MS,
    ))
  )
    throw new AppError('too_many_attempts')
  const { ok } = await verifyPassword(row.passwordHash, password)
  if (!ok) throw new AppError('passkey_password_wrong')
}

/** Registration options for the member (their passkeys excluded, so one authenticator is not added twice). */
export async function memberRegistrationOptions(
  deps: PasskeyDeps,
  account: { accountId: string; email: string },
) {
  const existing = await deps.db
    .select({ id: memberPasskeys.id, transports: memberPasskeys.transports })
    .from(memberPasskeys)
    .where(eq(memberPasskeys.accountId, account.accountId))
  const { rpID } = rpOf(deps)
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID,
    userName: account.email,
    userDisplayName: account.email,
    userID: new Uint8Array(await userHandleOf(deps, account.accountId)),
    challenge: new Uint8Array(deps.randomBytes(32)),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p.transports) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  })
  const challengeId = await storeChallenge(deps, 'member_register', options.challenge, {
    accountId: account.accountId,
  })
  return { challengeId, options }
}

/**
 * Verifies a registration and keeps the passkey; null when it does not verify (nothing is kept). The
 * passkey may stand in for the secret question only when this session has passed the step-up (its
 * answer within 24 hours): otherwise the password alone would lead to health data.
 */
export async function addMemberPasskey(
  deps: PasskeyDeps,
  session: { accountId: string; stepUpAt: number | null },
  input: { challengeId: string; name: string; response: RegistrationResponseJSON },
): Promise<{ id: string; name: string; createdAt: number; forStepUp: boolean } | null> {
  const accountId = session.accountId
  const used = await useChallenge(deps, input.challengeId, 'member_register')
  if (!used || used.accountId !== accountId) return null
  const { rpID, origin } = rpOf(deps)
  const verified = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: used.challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
  }).catch(() => null)
  if (!verified?.verified) return null
  const { credential } = verified.registrationInfo
  const now = deps.now()
  const forStepUp = session.stepUpAt !== null && now - session.stepUpAt <= ANSWER_CHECK_MS
  const inserted = await deps.db
    .insert(memberPasskeys)
    .values({
      id: credential.id,
      accountId,
      publicKey: base64url(credential.publicKey),
      counter: credential.counter,
      transports: JSON.stringify(credential.transports ?? []),
      name: input.name,
      createdAt: now,
      forStepUp,
    })
    .onConflictDoNothing()
    .returning({ id: memberPasskeys.id })
  return inserted.length ? { id: credential.id, name: input.name, createdAt: now, forStepUp } : null
}

/** Log-in options: a stored challenge (purpose member_login) and no credential list (discoverable passkeys). */
export async function memberLoginOptions(deps: PasskeyDeps) {
  const { rpID } = rpOf(deps)
  const options = await generateAuthenticationOptions({
    rpID,
    challenge: new Uint8Array(deps.randomBytes(32)),
    userVerification: 'preferred',
  })
  const challengeId = await storeChallenge(deps, 'member_login', options.challenge, {})
  return { challengeId, options }
}

/** Step-up options: the member's own passkeys only, the challenge bound to the account. */
export async function memberStepUpOptions(deps: PasskeyDeps, accountId: string) {
  const keys = await deps.db
    .select({ id: memberPasskeys.id, transports: memberPasskeys.transports })
    .from(memberPasskeys)
    .where(and(eq(memberPasskeys.accountId, accountId), eq(memberPasskeys.forStepUp, true)))
  if (!keys.length) throw new AppError('no_passkey')
  const { rpID } = rpOf(deps)
  const options = await generateAuthenticationOptions({
    rpID,
    challenge: new Uint8Array(deps.randomBytes(32)),
    userVerification: 'preferred',
    allowCredentials: keys.map((k) => ({ id: k.id, transports: transportsOf(k.transports) })),
  })
  const challengeId = await storeChallenge(deps, 'member_step_up', options.challenge, { accountId })
  return { challengeId, options }
}

/** The passkey an assertion names, with its account: read before the gate, to find the address it counts for. */
export async function passkeyOwner(deps: Pick<Deps, 'db'>, credentialId: string) {
  const [row] = await deps.db
    .select({ accountId: memberPasskeys.accountId, email: accounts.email })
    .from(memberPasskeys)
    .innerJoin(accounts, eq(accounts.id, memberPasskeys.accountId))
    .where(eq(memberPasskeys.id, credentialId))
  return row ?? null
}

/**
 * Checks an assertion: the challenge (used now, by the statement that marks it used, of this purpose
 * and, for a step-up, this account's), the passkey (for a step-up, this account's), origin, rp id, user
 * verification, the signature; then the counter moves forward by a conditional UPDATE (a cloned
 * authenticator replaying an older counter is refused). The account it proves, or null.
 */
export async function verifyMemberAssertion(
  deps: PasskeyDeps,
  input: {
    challengeId: string
    response: AuthenticationResponseJSON
    purpose: 'member_login' | 'member_step_up'
    /** For a step-up: the session's account; the challenge and the passkey must be its. */
    accountId?: string
  },
): Promise<string | null> {
  const used = await useChallenge(deps, input.challengeId, input.purpose)
  if (!used) return null
  if (input.purpose === 'member_step_up' && used.accountId !== input.accountId) return null
  const [key] = await deps.db
    .select()
    .from(memberPasskeys)
    .where(eq(memberPasskeys.id, input.response.id))
  if (!key) return null
  if (input.accountId !== undefined && key.accountId !== input.accountId) return null
  if (input.purpose === 'member_step_up' && !key.forStepUp) return null
  // The user handle, when the authenticator gives one (a discoverable passkey does), must be the
  // passkey owner's (WebAuthn §7.2): a passkey cannot speak for another account's handle.
  const handle = input.response.response.userHandle
  if (handle && handle !== base64url(await userHandleOf(deps, key.accountId))) return null
  const { rpID, origin } = rpOf(deps)
  const verified = await verifyAuthenticationResponse({
    response: input.response,
    expectedChallenge: used.challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
    credential: {
      id: key.id,
      publicKey: fromBase64url(key.publicKey),
      counter: key.counter,
      transports: transportsOf(key.transports),
    },
  }).catch(() => null)
  if (!verified?.verified) return null
  // The counter only moves forward (authenticators that keep none, as synced passkeys, report 0 every time).
  const newCounter = verified.authenticationInfo.newCounter
  const moved = await deps.db
    .update(memberPasskeys)
    .set({ counter: newCounter, lastUsedAt: deps.now() })
    .where(
      and(
        eq(memberPasskeys.id, key.id),
        newCounter === 0 ? eq(memberPasskeys.counter, 0) : lt(memberPasskeys.counter, newCounter),
      ),
    )
    .returning({ id: memberPasskeys.id })
  return moved.length ? key.accountId : null
}

export async function listMemberPasskeys(deps: Pick<Deps, 'db'>, accountId: string) {
  return deps.db
    .select({
      id: memberPasskeys.id,
      name: memberPasskeys.name,
      createdAt: memberPasskeys.createdAt,
      lastUsedAt: memberPasskeys.lastUsedAt,
      forStepUp: memberPasskeys.forStepUp,
    })
    .from(memberPasskeys)
    .where(eq(memberPasskeys.accountId, accountId))
    .orderBy(desc(memberPasskeys.createdAt), memberPasskeys.id)
}

/** Whether the member has a passkey that may stand in for the secret question (the step-up offers it then). */
export async function hasMemberPasskey(deps: Pick<Deps, 'db'>, accountId: string) {
  const [row] = await deps.db
    .select({ n: sql<number>`count(*)` })
    .from(memberPasskeys)
    .where(and(eq(memberPasskeys.accountId, accountId), eq(memberPasskeys.forStepUp, true)))
  return Number(row?.n ?? 0) > 0
}

/** Renames one of the member's passkeys; false when it is not theirs. */
export async function renameMemberPasskey(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  id: string,
  name: string,
): Promise<boolean> {
  const renamed = await deps.db
    .update(memberPasskeys)
    .set({ name })
    .where(and(eq(memberPasskeys.id, id), eq(memberPasskeys.accountId, accountId)))
    .returning({ id: memberPasskeys.id })
  return renamed.length > 0
}

/**
 * Removes one of the member's passkeys (the password always remains a way in). Its name, or null when
 * it is not theirs (or already gone: of two removals at once, one gets the row).
 */
export async function removeMemberPasskey(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  id: string,
): Promise<{ name: string } | null> {
  const [removed] = await deps.db
    .delete(memberPasskeys)
    .where(and(eq(memberPasskeys.id, id), eq(memberPasskeys.accountId, accountId)))
    .returning({ name: memberPasskeys.name })
  return removed ?? null
}

/**
 * Log-in options per network and 10 minutes: each writes a challenge row for an anonymous request, so
 * a client cannot fill the table. Generous, as an office's members behind one address open the log-in
 * screen (which asks for options on load, for the autofill).
 */
export const LOGIN_OPTIONS_PER_IP = 300
export async function admitLoginOptions(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  ip: string,
): Promise<void> {
  const subject = `passkey-options:${await hmac(deps.config.subjectKey, ipCounterKey(ip))}`
  if (!(await admitAttempt(deps, subject, LOGIN_OPTIONS_PER_IP, 10 * 60_000)))
    throw new AppError('too_many_attempts')
}
