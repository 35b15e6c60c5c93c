import { and, eq, gt, isNull, lt } from 'drizzle-orm'
import { webauthnChallenges } from '../../db/schema'
import type { Deps } from '../deps'
import { newId } from './tokens'

/**
 * What staff and member passkeys share (WebAuthn through @simplewebauthn/server): the relying party
 * from APP_ORIGIN, base64url decoding, and the challenges kept in `webauthn_challenges`: stored with
 * a purpose and an owner, 5 minutes, and used once by the statement that marks them used.
 */
export type ChallengeDeps = Pick<Deps, 'db' | 'now' | 'randomBytes' | 'config'>

export type ChallengePurpose = (typeof webauthnChallenges.$inferInsert)['purpose']

export const CHALLENGE_MS = 5 * 60_000
export const RP_NAME = 'Kenshin Portal'

/** The relying party: the app origin's host name as the rp id, the origin as the only expected one. */
export const rpOf = (deps: Pick<Deps, 'config'>) => ({
  rpID: new URL(deps.config.appOrigin).hostname,
  origin: deps.config.appOrigin,
})

export const fromBase64url = (s: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0))

/** The owner a challenge is bound to: a staff member or a member's account (none for a member log-in). */
export type ChallengeOwner = { staffId?: string | null; accountId?: string | null }

/** Keeps a challenge for 5 minutes; its id, which the browser sends back with its answer. */
export async function storeChallenge(
  deps: ChallengeDeps,
  purpose: ChallengePurpose,
  challenge: string,
  owner: ChallengeOwner,
): Promise<string> {
  const id = newId(deps.randomBytes)
  const now = deps.now()
  await deps.db.insert(webauthnChallenges).values({
    id,
    purpose,
    staffId: owner.staffId ?? null,
    accountId: owner.accountId ?? null,
    challenge,
    createdAt: now,
    expiresAt: now + CHALLENGE_MS,
  })
  return id
}

/**
 * Uses a challenge once: one `UPDATE … WHERE used_at IS NULL AND expires_at > now RETURNING` decides,
 * so of any number of answers at once only one gets it. Its value and owner, or null when unknown,
 * used, expired or of another purpose. A challenge used by an answer that then fails stays used.
 */
export async function useChallenge(
  deps: ChallengeDeps,
  id: string,
  purpose: ChallengePurpose,
): Promise<{ challenge: string; staffId: string | null; accountId: string | null } | null> {
  const now = deps.now()
  const [row] = await deps.db
    .update(webauthnChallenges)
    .set({ usedAt: now })
    .where(
      and(
        eq(webauthnChallenges.id, id),
        eq(webauthnChallenges.purpose, purpose),
        isNull(webauthnChallenges.usedAt),
        gt(webauthnChallenges.expiresAt, now),
      ),
    )
    .returning({
      challenge: webauthnChallenges.challenge,
      staffId: webauthnChallenges.staffId,
      accountId: webauthnChallenges.accountId,
    })
  return row ?? null
}

/** Challenges that expired a day ago are of no use (for the daily clean-up). */
export async function pruneWebauthnChallenges(deps: Pick<Deps, 'db' | 'now'>): Promise<void> {
  await deps.db
    .delete(webauthnChallenges)
    .where(lt(webauthnChallenges.expiresAt, deps.now() - 86_400_000))
}
