// reflect-metadata first: @simplewebauthn/server's certificate parsing (@peculiar/x509 → tsyringe)
// needs the Reflect polyfill loaded before its modules run, which Workers do not have.
import 'reflect-metadata'
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server'
import { and, desc, eq, lt, sql } from 'drizzle-orm'
import { staff, staffPasskeys, webauthnChallenges } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { base64url } from './tokens'
import {
  CHALLENGE_MS,
  fromBase64url,
  RP_NAME,
  rpOf,
  storeChallenge,
  useChallenge,
  type ChallengeDeps,
} from './webauthn'

/**
 * Staff passkeys (WebAuthn, through @simplewebauthn/server): a second factor besides TOTP
 * (docs/security.md#staff). Registration in a console session, its challenge stored in
 * `webauthn_challenges` and used by the statement that marks it used. Log-in with the password and a
 * passkey assertion: its options are signed (no row for an anonymous request), and the INSERT that
 * records a challenge's use decides, so each works once. Log-in options list no credentials
 * (discoverable passkeys): they say nothing about whether an address is on staff.
 */
type PasskeyDeps = ChallengeDeps

/** Uses a staff registration challenge once: its value, or null (see useChallenge). */
async function useStaffChallenge(
  deps: PasskeyDeps,
  id: string,
  staffId: string,
): Promise<string | null> {
  const row = await useChallenge(deps, id, 'staff_register')
  if (!row || row.staffId !== staffId) return null
  return row.challenge
}

/** Registration options for a signed-in staff member (their existing passkeys excluded). */
export async function passkeyRegistrationOptions(deps: PasskeyDeps, staffId: string) {
  const [member] = await deps.db
    .select({ email: staff.email, name: staff.name })
    .from(staff)
    .where(eq(staff.id, staffId))
  if (!member) throw new AppError('unauthenticated')
  const existing = await deps.db
    .select({ id: staffPasskeys.id, transports: staffPasskeys.transports })
    .from(staffPasskeys)
    .where(eq(staffPasskeys.staffId, staffId))
  const { rpID } = rpOf(deps)
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID,
    userName: member.email ?? staffId,
    userDisplayName: member.name,
    userID: new TextEncoder().encode(`staff:${staffId}`),
    challenge: new Uint8Array(deps.randomBytes(32)),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({
      id: p.id,
      transports: JSON.parse(p.transports) as string[],
    })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  })
  const challengeId = await storeChallenge(deps, 'staff_register', options.challenge, { staffId })
  return { challengeId, options }
}

/** Verifies a registration and keeps the passkey; false when it does not verify. */
export async function registerPasskey(
  deps: PasskeyDeps,
  staffId: string,
  input: { challengeId: string; name: string; response: RegistrationResponseJSON },
): Promise<{ id: string; name: string } | null> {
  const challenge = await useStaffChallenge(deps, input.challengeId, staffId)
  if (!challenge) return null
  const { rpID, origin } = rpOf(deps)
  const verified = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
  }).catch(() => null)
  if (!verified?.verified) return null
  const { credential } = verified.registrationInfo
  const inserted = await deps.db
    .insert(staffPasskeys)
    .values({
      id: credential.id,
      staffId,
      publicKey: base64url(credential.publicKey),
      counter: credential.counter,
      transports: JSON.stringify(credential.transports ?? []),
      name: input.name,
      createdAt: deps.now(),
    })
    .onConflictDoNothing()
    .returning({ id: staffPasskeys.id })
  return inserted.length ? { id: credential.id, name: input.name } : null
}

/**
 * A log-in challenge that needs no row until it is used: 16 random bytes, the expiry, and an HMAC of
 * both with the app's subject key. Anonymous requests for options then write nothing.
 */
async function signedChallenge(deps: PasskeyDeps): Promise<Uint8Array<ArrayBuffer>> {
  const body = new Uint8Array(24)
  body.set(deps.randomBytes(16))
  new DataView(body.buffer).setFloat64(16, deps.now() + CHALLENGE_MS)
  const mac = new Uint8Array(await hmacBytes(deps.config.subjectKey, body))
  const out = new Uint8Array(24 + 16)
  out.set(body)
  out.set(mac.slice(0, 16), 24)
  return out
}

async function hmacBytes(key: string, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  const k = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(`webauthn:${key}`),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return crypto.subtle.sign('HMAC', k, data)
}

/** Whether a challenge (base64url) is one of ours and not expired. */
async function challengeIsOurs(deps: PasskeyDeps, challenge: string): Promise<boolean> {
  let bytes: Uint8Array<ArrayBuffer>
  try {
    bytes = fromBase64url(challenge)
  } catch {
    return false
  }
  if (bytes.length !== 40) return false
  const body = bytes.slice(0, 24)
  const mac = new Uint8Array(await hmacBytes(deps.config.subjectKey, body)).slice(0, 16)
  let diff = 0
  for (let i = 0; i < 16; i++) diff |= mac[i] ^ bytes[24 + i]
  return diff === 0 && new DataView(body.buffer).getFloat64(16) > deps.now()
}

/** Log-in options: a signed challenge and no credential list (discoverable passkeys). */
export async function passkeyLoginOptions(deps: PasskeyDeps) {
  const { rpID } = rpOf(deps)
  return generateAuthenticationOptions({
    rpID,
    challenge: await signedChallenge(deps),
    userVerification: 'required',
  })
}

/** The challenge an assertion answers (from its clientDataJSON), or null. */
function challengeOf(response: AuthenticationResponseJSON): string | null {
  try {
    const json = new TextDecoder().decode(fromBase64url(response.response.clientDataJSON))
    const challenge = (JSON.parse(json) as { challenge?: unknown }).challenge
    return typeof challenge === 'string' && challenge.length <= 128 ? challenge : null
  } catch {
    return null
  }
}

/**
 * Checks a log-in assertion for the staff member whose password was right: the passkey must be theirs,
 * the challenge ours, unexpired and used now for the first time (the INSERT that records its use
 * decides), the signature good. The counter moves on.
 */
export async function verifyPasskeyLogin(
  deps: PasskeyDeps,
  staffId: string,
  response: AuthenticationResponseJSON,
): Promise<boolean> {
  const challenge = challengeOf(response)
  if (!challenge || !(await challengeIsOurs(deps, challenge))) return false
  const [key] = await deps.db
    .select()
    .from(staffPasskeys)
    .where(and(eq(staffPasskeys.id, response.id), eq(staffPasskeys.staffId, staffId)))
  if (!key) return false
  const now = deps.now()
  const recorded = await deps.db
    .insert(webauthnChallenges)
    .values({
      id: base64url(
        new Uint8Array(await crypto.subtle.digest('SHA-256', fromBase64url(challenge))),
      ),
      purpose: 'staff_login',
      staffId,
      challenge: '',
      createdAt: now,
      expiresAt: now + CHALLENGE_MS,
      usedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: webauthnChallenges.id })
  if (!recorded.length) return false
  const { rpID, origin } = rpOf(deps)
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
    credential: {
      id: key.id,
      publicKey: fromBase64url(key.publicKey),
      counter: key.counter,
      transports: JSON.parse(key.transports),
    },
  }).catch(() => null)
  if (!verified?.verified) return false
  // The counter only moves forward (authenticators that keep none report 0 every time).
  const newCounter = verified.authenticationInfo.newCounter
  const moved = await deps.db
    .update(staffPasskeys)
    .set({ counter: newCounter, lastUsedAt: now })
    .where(
      and(
        eq(staffPasskeys.id, key.id),
        newCounter === 0 ? eq(staffPasskeys.counter, 0) : lt(staffPasskeys.counter, newCounter),
      ),
    )
    .returning({ id: staffPasskeys.id })
  return moved.length > 0
}

export async function listPasskeys(deps: Pick<Deps, 'db'>, staffId: string) {
  return deps.db
    .select({
      id: staffPasskeys.id,
      name: staffPasskeys.name,
      createdAt: staffPasskeys.createdAt,
      lastUsedAt: staffPasskeys.lastUsedAt,
    })
    .from(staffPasskeys)
    .where(eq(staffPasskeys.staffId, staffId))
    .orderBy(desc(staffPasskeys.createdAt))
}

/**
 * Removes one of a staff member's passkeys, unless it is their last second factor (no TOTP and no
 * other passkey): they could no longer sign in. False when it is not theirs.
 */
export async function removePasskey(
  deps: Pick<Deps, 'db'>,
  staffId: string,
  id: string,
): Promise<{ name: string } | null> {
  // One statement decides: two removals at once cannot both see "another factor is left".
  const [removed] = await deps.db
    .delete(staffPasskeys)
    .where(
      and(
        eq(staffPasskeys.id, id),
        eq(staffPasskeys.staffId, staffId),
        sql`(exists (select 1 from staff where id = ${staffId} and totp_secret is not null)
          or (select count(*) from staff_passkeys where staff_id = ${staffId}) > 1)`,
      ),
    )
    .returning({ name: staffPasskeys.name })
  if (removed) return removed
  const keys = await listPasskeys(deps, staffId)
  if (keys.some((k) => k.id === id)) throw new AppError('wrong_state')
  return null
}
