/**
 * A member's Web Push subscriptions (journey 11): one per device, owned by the account, tied to the
 * session that made it, for the known push services only (web-push.ts). The notices job sends to them.
 */
import { and, eq, sql } from 'drizzle-orm'
import { pushSubscriptions } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { newId } from './tokens'
import { isAllowedPushEndpoint } from './web-push'

/** Devices one account may receive pushes on (each is a request per notice). */
export const MAX_PUSH_SUBSCRIPTIONS = 10

/**
 * Stores this device's subscription for the session's owner (an endpoint already stored, maybe for
 * another account on the same device, moves to this one). Only the known push services' endpoints;
 * at most MAX_PUSH_SUBSCRIPTIONS per account, decided by the insert itself (INSERT … SELECT … WHERE
 * count < max), so 50 at once store exactly the allowed number.
 */
export async function subscribePush(
  deps: Pick<Deps, 'db' | 'now' | 'randomBytes' | 'config'>,
  owner: { accountId: string; sessionId: string },
  input: { endpoint: string; keys: { p256dh: string; auth: string } },
): Promise<void> {
  if (!isAllowedPushEndpoint(input.endpoint, deps.config))
    throw new AppError('push_endpoint_not_allowed')
  const p = pushSubscriptions
  const stored = await deps.db
    .insert(p)
    .select(
      sql`select ${newId(deps.randomBytes)}, ${owner.accountId}, ${owner.sessionId}, ${input.endpoint}, ${input.keys.p256dh}, ${input.keys.auth}, ${deps.now()}
        where (select count(*) from ${p} where ${p.accountId} = ${owner.accountId} and ${p.endpoint} <> ${input.endpoint}) < ${MAX_PUSH_SUBSCRIPTIONS}`,
    )
    .onConflictDoUpdate({
      target: p.endpoint,
      set: {
        accountId: sql`excluded.account_id`,
        sessionId: sql`excluded.session_id`,
        p256dh: sql`excluded.p256dh`,
        auth: sql`excluded.auth`,
        createdAt: sql`excluded.created_at`,
      },
    })
    .returning({ id: p.id })
  if (!stored.length) throw new AppError('push_subscriptions_full')
}

/** Removes one of the member's subscriptions (turned off on the device); unknown: nothing to do. */
export async function unsubscribePush(deps: Pick<Deps, 'db'>, accountId: string, endpoint: string) {
  await deps.db
    .delete(pushSubscriptions)
    .where(
      and(eq(pushSubscriptions.accountId, accountId), eq(pushSubscriptions.endpoint, endpoint)),
    )
}

/** At log-out: the session's subscriptions go with it. */
export async function removeSessionPush(deps: Pick<Deps, 'db'>, sessionId: string) {
  await deps.db.delete(pushSubscriptions).where(eq(pushSubscriptions.sessionId, sessionId))
}
