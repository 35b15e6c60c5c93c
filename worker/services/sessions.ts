import { and, count, desc, eq, gt, isNull, ne, sql, type Placeholder } from 'drizzle-orm'
import { accounts, knownDevices, sessions } from '../../db/schema'
import type { Deps } from '../deps'
import { hashToken, hmac, newToken } from './tokens'

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
    /** SHA-256 of the `__Host-device` cookie (known_devices). */
    deviceKey?: string | null
    /** core/places.ts placeCode: `JP-13`, `JP`, `US` … or null. */
    place?: string | null
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
    deviceKey: input.deviceKey ?? null,
    place: input.place ?? null,
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

/** Ends every session of an account (password reset, e-mail change reverted, withdrawal). */
export async function endAllSessions(deps: SessionDeps, accountId: string): Promise<void> {
  await deps.db
    .update(sessions)
    .set({ endedAt: deps.now() })
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.endedAt)))
}

/**
 * What the sessions screen may call a session (ログイン中の端末): a keyed hash of its id, never the id
 * itself (the id is the SHA-256 of the cookie's token; the client never holds it). Keyed, so no one
 * can compute it from a token they saw elsewhere, and it names one session of one account.
 */
export async function sessionDisplayId(deps: Pick<Deps, 'config'>, sessionId: string) {
  return (await hmac(deps.config.subjectKey, `session-display:${sessionId}`)).slice(0, 32)
}

export interface LiveSession {
  displayId: string
  mode: ClientMode
  userAgent: string | null
  place: string | null
  method: 'password' | 'passkey' | null
  createdAt: number
  lastSeenAt: number
  current: boolean
}

/** The account's live sessions, the last used first. */
export async function listLiveSessions(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  accountId: string,
  currentId: string,
): Promise<LiveSession[]> {
  const now = deps.now()
  const rows = await deps.db
    .select({
      id: sessions.id,
      mode: sessions.mode,
      userAgent: sessions.userAgent,
      place: sessions.place,
      method: sessions.method,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.accountId, accountId),
        isNull(sessions.endedAt),
        gt(sessions.idleExpiresAt, now),
        gt(sessions.absoluteExpiresAt, now),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt))
    .limit(100)
  return Promise.all(
    rows.map(async ({ id, ...row }) => ({
      ...row,
      displayId: await sessionDisplayId(deps, id),
      current: id === currentId,
    })),
  )
}

/**
 * Ends one of the account's sessions named by its display id; true when this request ended it. Only
 * the account's own live sessions are looked at, so another member's id matches nothing.
 */
export async function endSessionByDisplayId(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  accountId: string,
  displayId: string,
): Promise<boolean> {
  const live = await deps.db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.endedAt)))
  for (const { id } of live) {
    if ((await sessionDisplayId(deps, id)) !== displayId) continue
    const [ended] = await deps.db
      .update(sessions)
      .set({ endedAt: deps.now() })
      .where(and(eq(sessions.id, id), eq(sessions.accountId, accountId), isNull(sessions.endedAt)))
      .returning({ id: sessions.id })
    return !!ended
  }
  return false
}

/** Ends every session of the account but `keepId` (password and e-mail changes, 他の端末をすべてログアウト). */
export async function endOtherSessions(
  deps: SessionDeps,
  accountId: string,
  keepId: string | null,
): Promise<number> {
  const ended = await deps.db
    .update(sessions)
    .set({ endedAt: deps.now() })
    .where(
      and(
        eq(sessions.accountId, accountId),
        isNull(sessions.endedAt),
        keepId === null ? undefined : ne(sessions.id, keepId),
      ),
    )
    .returning({ id: sessions.id })
  return ended.length
}

/**
 * Records the device a log-in came from (known_devices). The INSERT … ON CONFLICT DO NOTHING RETURNING
 * decides: no row back, a device seen before; a row back, a new one — `first` when it is the account's
 * only device (the log-in that ends sign-up, or an account older than the device cookie), else `new`.
 */
export async function rememberDevice(
  deps: SessionDeps,
  accountId: string,
  deviceKey: string,
): Promise<'known' | 'first' | 'new'> {
  const [fresh] = await deps.db
    .insert(knownDevices)
    .values({ accountId, deviceKey, firstSeenAt: deps.now() })
    .onConflictDoNothing()
    .returning({ deviceKey: knownDevices.deviceKey })
  if (!fresh) return 'known'
  const [{ devices }] = await deps.db
    .select({ devices: count() })
    .from(knownDevices)
    .where(eq(knownDevices.accountId, accountId))
  return devices > 1 ? 'new' : 'first'
}
