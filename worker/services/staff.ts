import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm'
import { normalizeEmail } from '../../core/email'
import { STAFF_SESSION, STAFF_TOKEN_MAX_DAYS, type StaffRole } from '../../core/staff'
import { insurers, staff, staffSessions, staffTokens } from '../../db/schema'
import type { Deps } from '../deps'
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords'
import { hashToken, newId, newToken } from './tokens'
import type { AuthenticationResponseJSON } from '@simplewebauthn/server'
import { verifyPasskeyLogin } from './passkeys'
import { acceptedStep, decryptTotpSecret, encryptTotpSecret } from './totp'

export type { StaffRole }

/** A signed-in staff member, however they came in (console session or API token). */
export interface StaffMember {
  id: string
  name: string
  role: StaffRole
  insurerId: string | null
  insurerNumber: string | null
  /** The console's session id (hash), or null for an API token. */
  sessionId: string | null
  /** The console session's deadlines (ms since the epoch), or null for an API token. */
  session: { idleExpiresAt: number; absoluteExpiresAt: number } | null
}

type StaffDeps = Pick<Deps, 'db' | 'now'>
const DAY_MS = 86_400_000
/** Extending the idle deadline on every request would write on every read; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000

const staffColumns = {
  id: staff.id,
  name: staff.name,
  role: staff.role,
  insurerId: staff.insurerId,
  insurerNumber: insurers.number,
}

/** The staff member behind an API token (only its SHA-256 is stored): live, unexpired, not disabled. */
export async function authenticateStaffToken(
  deps: StaffDeps,
  token: string,
): Promise<StaffMember | null> {
  const tokenHash = await hashToken(token)
  const now = deps.now()
  const [row] = await deps.db
    .select({ ...staffColumns, lastUsedAt: staffTokens.lastUsedAt })
    .from(staffTokens)
    .innerJoin(staff, eq(staff.id, staffTokens.staffId))
    .leftJoin(insurers, eq(insurers.id, staff.insurerId))
    .where(
      and(
        eq(staffTokens.tokenHash, tokenHash),
        isNull(staffTokens.revokedAt),
        gt(staffTokens.expiresAt, now),
        isNull(staff.disabledAt),
      ),
    )
  if (!row) return null
  if (!row.lastUsedAt || now - row.lastUsedAt > TOUCH_EVERY_MS)
    await deps.db
      .update(staffTokens)
      .set({ lastUsedAt: now })
      .where(eq(staffTokens.tokenHash, tokenHash))
  const { lastUsedAt: _, ...member } = row
  return { ...member, insurerNumber: member.insurerNumber ?? null, sessionId: null, session: null }
}

/**
 * Staff log-in (docs/security.md#staff): the password, then the second factor: a passkey's assertion
 * (services/passkeys.ts), or the TOTP code, whose time step must be later than the last one accepted;
 * the UPDATE that records the step is what accepts the code, so a code replayed (or sent twice at once)
 * is accepted once. Null for any failure, whichever part failed:
 * an unknown address costs a password hash like a known one.
 */
export async function verifyStaffLogin(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'randomBytes'>,
  input: { email: string; password: string; code?: string; passkey?: AuthenticationResponseJSON },
): Promise<{ id: string } | null> {
  const [row] = await deps.db
    .select({
      id: staff.id,
      passwordHash: staff.passwordHash,
      totpSecret: staff.totpSecret,
      disabledAt: staff.disabledAt,
    })
    .from(staff)
    .where(eq(staff.emailKey, normalizeEmail(input.email)))
  const { ok } = await verifyPassword(row?.passwordHash ?? DUMMY_PASSWORD_HASH, input.password)
  const passed = !!row && ok && !!row.passwordHash && row.disabledAt === null
  // The second factor: a passkey of theirs (looked up whether the password was right or not, so the
  // answer's time does not tell), or the authenticator app's code.
  if (input.passkey) {
    const good = await verifyPasskeyLogin(deps, passed ? row.id : '', input.passkey)
    return passed && good ? row : null
  }
  if (!passed) return null
  if (!row.totpSecret || input.code === undefined) return null
  const secret = await decryptTotpSecret(deps, row.id, row.totpSecret)
  const step = secret ? acceptedStep(secret, input.code, deps.now()) : null
  if (step === null) return null
  const [accepted] = await deps.db
    .update(staff)
    .set({ totpLastStep: step })
    .where(and(eq(staff.id, row.id), sql`${staff.totpLastStep} < ${step}`))
    .returning({ id: staff.id })
  return accepted ?? null
}

/**
 * The second factor asked again in a session (issuing an API token): the authenticator app's code,
 * accepted by the same UPDATE as at log-in, so it too works once.
 */
export async function confirmTotp(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  staffId: string,
  code: string,
): Promise<boolean> {
  const [row] = await deps.db
    .select({ totpSecret: staff.totpSecret })
    .from(staff)
    .where(eq(staff.id, staffId))
  const secret = row?.totpSecret ? await decryptTotpSecret(deps, staffId, row.totpSecret) : null
  const step = secret ? acceptedStep(secret, code, deps.now()) : null
  if (step === null) return false
  const accepted = await deps.db
    .update(staff)
    .set({ totpLastStep: step })
    .where(and(eq(staff.id, staffId), sql`${staff.totpLastStep} < ${step}`))
    .returning({ id: staff.id })
  return accepted.length > 0
}

/** The staff member of an address, for the audit row of a failed log-in (after the answer). */
export async function staffIdByEmail(
  deps: Pick<Deps, 'db'>,
  email: string,
): Promise<string | null> {
  const [row] = await deps.db
    .select({ id: staff.id })
    .from(staff)
    .where(eq(staff.emailKey, normalizeEmail(email)))
  return row?.id ?? null
}

/** A new console session; the plain token goes into the cookie only. */
export async function startStaffSession(
  deps: Pick<Deps, 'db' | 'now' | 'randomBytes'>,
  input: { staffId: string; ip: string; userAgent: string | null },
): Promise<{ token: string; maxAgeSeconds: number }> {
  const token = newToken(deps.randomBytes)
  const now = deps.now()
  await deps.db.insert(staffSessions).values({
    id: await hashToken(token),
    staffId: input.staffId,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: now + STAFF_SESSION.idleMs,
    absoluteExpiresAt: now + STAFF_SESSION.absoluteMs,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 256) ?? null,
  })
  return { token, maxAgeSeconds: Math.floor(STAFF_SESSION.absoluteMs / 1000) }
}

/** The staff member of a console session cookie: live, within both deadlines, not disabled. */
export async function readStaffSession(
  deps: StaffDeps,
  token: string,
): Promise<StaffMember | null> {
  const id = await hashToken(token)
  const now = deps.now()
  const [row] = await deps.db
    .select({
      ...staffColumns,
      lastSeenAt: staffSessions.lastSeenAt,
      idleExpiresAt: staffSessions.idleExpiresAt,
      absoluteExpiresAt: staffSessions.absoluteExpiresAt,
    })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .leftJoin(insurers, eq(insurers.id, staff.insurerId))
    .where(
      and(
        eq(staffSessions.id, id),
        isNull(staffSessions.endedAt),
        gt(staffSessions.idleExpiresAt, now),
        gt(staffSessions.absoluteExpiresAt, now),
        isNull(staff.disabledAt),
      ),
    )
  if (!row) return null
  let idleExpiresAt = row.idleExpiresAt
  if (now - row.lastSeenAt >= TOUCH_EVERY_MS) {
    idleExpiresAt = Math.min(now + STAFF_SESSION.idleMs, row.absoluteExpiresAt)
    await deps.db
      .update(staffSessions)
      .set({ lastSeenAt: now, idleExpiresAt })
      .where(eq(staffSessions.id, id))
  }
  const { lastSeenAt: _, idleExpiresAt: __, absoluteExpiresAt, ...member } = row
  return {
    ...member,
    insurerNumber: member.insurerNumber ?? null,
    sessionId: id,
    session: { idleExpiresAt, absoluteExpiresAt },
  }
}

export async function endStaffSession(deps: StaffDeps, sessionId: string): Promise<void> {
  await deps.db
    .update(staffSessions)
    .set({ endedAt: deps.now() })
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.endedAt)))
}

/** Ends every console session and revokes every API token of a staff member (reset, disable). */
export async function endAllStaffAccess(deps: StaffDeps, staffId: string): Promise<void> {
  const now = deps.now()
  await deps.db
    .update(staffSessions)
    .set({ endedAt: now })
    .where(and(eq(staffSessions.staffId, staffId), isNull(staffSessions.endedAt)))
  await deps.db
    .update(staffTokens)
    .set({ revokedAt: now })
    .where(and(eq(staffTokens.staffId, staffId), isNull(staffTokens.revokedAt)))
}

/** An API token for the command line: shown once (the plain value is returned, never stored). */
export async function issueStaffToken(
  deps: Pick<Deps, 'db' | 'now' | 'randomBytes'>,
  staffId: string,
  input: { label: string; days: number },
): Promise<{ id: string; token: string; label: string; expiresAt: number }> {
  const now = deps.now()
  const days = Math.min(Math.max(1, Math.floor(input.days)), STAFF_TOKEN_MAX_DAYS)
  const token = `kp_${newToken(deps.randomBytes)}`
  const id = newId(deps.randomBytes)
  const expiresAt = now + days * DAY_MS
  await deps.db.insert(staffTokens).values({
    tokenHash: await hashToken(token),
    id,
    staffId,
    label: input.label,
    createdAt: now,
    expiresAt,
  })
  return { id, token, label: input.label, expiresAt }
}

/** A staff member's own tokens, newest first (never the hash). */
export async function listStaffTokens(deps: StaffDeps, staffId: string) {
  const now = deps.now()
  const rows = await deps.db
    .select({
      id: staffTokens.id,
      label: staffTokens.label,
      createdAt: staffTokens.createdAt,
      lastUsedAt: staffTokens.lastUsedAt,
      expiresAt: staffTokens.expiresAt,
      revokedAt: staffTokens.revokedAt,
    })
    .from(staffTokens)
    .where(
      and(
        eq(staffTokens.staffId, staffId),
        or(isNull(staffTokens.revokedAt), gt(staffTokens.revokedAt, now - 30 * DAY_MS)),
      ),
    )
    .orderBy(desc(staffTokens.createdAt))
    .limit(100)
  return rows.map((r) => ({
    ...r,
    id: r.id ?? '',
    live: r.revokedAt === null && r.expiresAt !== null && r.expiresAt > now,
  }))
}

/** Revokes one of a staff member's own tokens; false when it is not theirs or already revoked. */
export async function revokeStaffToken(deps: StaffDeps, staffId: string, id: string) {
  const revoked = await deps.db
    .update(staffTokens)
    .set({ revokedAt: deps.now() })
    .where(
      and(eq(staffTokens.id, id), eq(staffTokens.staffId, staffId), isNull(staffTokens.revokedAt)),
    )
    .returning({ id: staffTokens.id })
  return revoked.length > 0
}

/**
 * A staff member who can sign in at once (development seed and tests): e-mail, password and an
 * enrolled TOTP secret. Idempotent by id: an existing row gets these credentials again.
 */
export async function upsertStaffMember(
  deps: Pick<Deps, 'db' | 'now' | 'randomBytes' | 'config'>,
  input: {
    id: string
    name: string
    role: StaffRole
    insurerId: string | null
    email: string
    password: string
    totpSecret: string
  },
  /** The password's hash when the caller already has one (the development seed keeps them). */
  passwordHash?: string,
): Promise<void> {
  const now = deps.now()
  const values = {
    name: input.name,
    role: input.role,
    insurerId: input.insurerId,
    email: input.email,
    emailKey: normalizeEmail(input.email),
    passwordHash: passwordHash ?? (await hashPassword(input.password, deps.randomBytes)),
    totpSecret: await encryptTotpSecret(deps, input.id, input.totpSecret),
    totpLastStep: 0,
    disabledAt: null,
    updatedAt: now,
  }
  await deps.db
    .insert(staff)
    .values({ id: input.id, createdAt: now, ...values })
    .onConflictDoUpdate({ target: staff.id, set: values })
}

/** Creates (or keeps) a staff member and gives them one API token (tests, the development seed). */
export async function createStaffWithToken(
  deps: Pick<Deps, 'db' | 'now' | 'randomBytes'>,
  input: { name: string; role: StaffRole; insurerId: string | null; label: string; id?: string },
): Promise<{ staffId: string; token: string }> {
  const staffId = input.id ?? newId(deps.randomBytes)
  await deps.db
    .insert(staff)
    .values({
      id: staffId,
      name: input.name,
      role: input.role,
      insurerId: input.insurerId,
      createdAt: deps.now(),
    })
    .onConflictDoNothing()
  const { token } = await issueStaffToken(deps, staffId, {
    label: input.label,
    days: STAFF_TOKEN_MAX_DAYS,
  })
  return { staffId, token }
}
