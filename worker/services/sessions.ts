import { and, eq, gt, isNull, sql, type Placeholder } from 'drizzle-orm'
import { accounts, sessions } from '../../db/schema'
import type { Deps } from '../deps'
import { hashToken, newToken } from './tokens'

export type ClientMode = 'browser' | 'app'

/** docs/security.md: browser 30 min idle / 12 h at most; installed app 30 days idle / 90 days at most. */
export const SESSION_LIMITS: Record<ClientMode, { idleMs: number; absoluteMs: number }> = {
  browser: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
  app: { idleMs: 30 * 86_400_000, absoluteMs: 90 * 86_400_000 },
}

/** Extending the idle deadline on every request would write on every read; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000

export interface SessionMember {
  sessionId: string
  accountId: string
  email: string
  mode: ClientMode
  /** The session's absolute deadline (ms since the epoch); the idle one moves with use. */
  absoluteExpiresAt: number
  /** When this session last passed the step-up before health data, or null. */
  stepUpAt: number | null
}

type SessionDeps = Pick<Deps, 'db' | 'now' | 'randomBytes'>

export async function startSession(
  deps: SessionDeps,
  input: {
    accountId: string
    mode: ClientMode
    ip: string
    userAgent: string | null
    method?: 'password' | 'passkey'
  },
): Promise<{ token: string; maxAgeSeconds: number }> {
  const token = newToken(deps.randomBytes)
  const now = deps.now()
  const limits = SESSION_LIMITS[input.mode]
  await deps.db.insert(sessions).values({
    id: await hashToken(token),
    accountId: input.accountId,
    mode: input.mode,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: now + limits.idleMs,
    absoluteExpiresAt: now + limits.absoluteMs,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 256) ?? null,
    method: input.method ?? 'password',
  })
  return { token, maxAgeSeconds: Math.floor(limits.absoluteMs / 1000) }
}

/**
 * A session that is neither ended nor past either deadline, in SQL (also the health reads' gate, whose
 * prepared statements pass placeholders).
 */
export const liveSession = (id: string | Placeholder, now: number | Placeholder) =>
  and(
    eq(sessions.id, id),
    isNull(sessions.endedAt),
    gt(sessions.idleExpiresAt, now),
    gt(sessions.absoluteExpiresAt, now),
  )

/** Moves the idle deadline of a session seen more than a minute ago (never past the absolute one). */
export async function touchSession(
  deps: SessionDeps,
  id: string,
  seen: { mode: ClientMode; lastSeenAt: number },
  now: number,
) {
  if (now - seen.lastSeenAt < TOUCH_EVERY_MS) return
  const idleMs = SESSION_LIMITS[seen.mode].idleMs
  await deps.db
    .update(sessions)
    .set({
      lastSeenAt: now,
      idleExpiresAt: sql`min(${now + idleMs}, ${sessions.absoluteExpiresAt})`,
    })
    .where(eq(sessions.id, id))
}

/** The member behind a session cookie, or null when it is unknown, ended or past either deadline. */
export async function readSession(deps: SessionDeps, token: string): Promise<SessionMember | null> {
  const id = await hashToken(token)
  const now = deps.now()
  const [row] = await deps.db
    .select({
      accountId: sessions.accountId,
      email: accounts.email,
      mode: sessions.mode,
      lastSeenAt: sessions.lastSeenAt,
      absoluteExpiresAt: sessions.absoluteExpiresAt,
      stepUpAt: sessions.stepUpAt,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(liveSession(id, now))
  if (!row) return null
  await touchSession(deps, id, row, now)
  return {
    sessionId: id,
    accountId: row.accountId,
    email: row.email,
    mode: row.mode,
    absoluteExpiresAt: row.absoluteExpiresAt,
    stepUpAt: row.stepUpAt,
  }
}

/** Ends a session; the account it belonged to, when it was live. */
export async function endSession(deps: SessionDeps, token: string): Promise<string | null> {
  const [ended] = await deps.db
    .update(sessions)
    .set({ endedAt: deps.now() })
    .where(and(eq(sessions.id, await hashToken(token)), isNull(sessions.endedAt)))
    .returning({ accountId: sessions.accountId })
  return ended?.accountId ?? null
}

/** Ends every session of an account (password reset, later: e-mail change). */
export async function endAllSessions(deps: SessionDeps, accountId: string): Promise<void> {
  await deps.db
    .update(sessions)
    .set({ endedAt: deps.now() })
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.endedAt)))
}
