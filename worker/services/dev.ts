/**
 * Development only (ENVIRONMENT=development): what the /dev/ routes read and clear — the outbox of
 * mails not sent, the risk events and address locks — and the demo data.
 */
import { desc, sql } from 'drizzle-orm'
import { addressLocks, devOutbox, inquiries, riskEvents } from '../../db/schema'
import type { Deps } from '../deps'
import { seedDemo } from '../dev/seed'

/** The newest 200 mails of the development outbox. */
export function listOutbox(deps: Pick<Deps, 'db'>) {
  return deps.db.select().from(devOutbox).orderBy(desc(devOutbox.id)).limit(200)
}

export async function clearOutbox(deps: Pick<Deps, 'db'>): Promise<void> {
  await deps.db.delete(devOutbox)
}

/**
 * Forgets every risk event and address lock (the e2e journeys start from a clean slate), and the
 * inquiries' counter keys (the 5-an-hour limit counts stored inquiries): marked, so no later
 * inquiry's key matches them, while the inquiries stay for the support console.
 */
export async function resetRisk(deps: Pick<Deps, 'db'>): Promise<void> {
  await deps.db.delete(riskEvents)
  await deps.db.delete(addressLocks).where(sql`1 = 1`)
  await deps.db
    .update(inquiries)
    .set({
      ipKey: sql`'reset:' || ${inquiries.ipKey}`,
      addressKey: sql`'reset:' || ${inquiries.addressKey}`,
    })
    .where(sql`${inquiries.ipKey} not like 'reset:%'`)
}

/**
 * The demo data again (idempotent), with the demo postcards' codes: fresh staff tokens. With
 * `second`, the second demo insurer (in the second insurer database) and its postcards' codes.
 */
export function reseedDemo(
  deps: Pick<Deps, 'db' | 'dbFor' | 'databases' | 'now' | 'randomBytes' | 'config'>,
  viewingCodes: { personKey: string; code: string }[],
  second?: { viewingCodes: { personKey: string; code: string }[] },
) {
  return seedDemo(deps, viewingCodes, second)
}
