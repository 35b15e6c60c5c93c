/**
 * Staff management (docs/security.md#staff): the list, invitations, role / scope / disable, a platform
 * admin's reset of a password or second factor, the single-use links that enrol a password and a TOTP
 * secret, and the first platform admin's bootstrap. Every limit and single use is decided by the
 * statement that records it.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type * as v from 'valibot'
import { normalizeEmail } from '../../core/email'
import { t, type Lang, type MessageKey } from '../../core/i18n'
import { checkPassword } from '../../core/password'
import { PASSWORD_MESSAGES } from '../../core/password-rules'
import { scopeRule, type StaffRole } from '../../core/staff'
import {
  STAFF_LINK_DAYS,
  type StaffInviteBody,
  type StaffRemoveBody,
  type StaffResetBody,
  type StaffUpdateBody,
} from '../../core/staff-admin'
import { namedRows } from '../../db/open'
import { insurers, staff, staffLinks, staffPasskeys, staffSessions } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit, auditStaff } from './audit'
import { inOneBatch } from './json-chunks'
import { mailTemplates } from './mail-templates'
import type { Mail } from './mail'
import { hashPassword } from './passwords'
import { endAllStaffAccess, type StaffMember } from './staff'
import { hashToken, newId, newToken } from './tokens'
import { acceptedStep, decryptTotpSecret, encryptTotpSecret, newTotpSecret, totpUri } from './totp'

type AdminDeps = Pick<Deps, 'db' | 'now' | 'randomBytes' | 'config'>
const DAY_MS = 86_400_000

/** A 400 naming one field, in the caller's language. */
export const fieldError = (lang: Lang, field: string, key: MessageKey) =>
  new AppError('validation', { fields: { [field]: t(lang, key) } })

/** The roles an insurer admin may give (their own insurer's). */
const INSURER_ADMIN_GIVES: readonly StaffRole[] = ['insurer_admin', 'operator']

/** Whether `actor` may manage `target` at all (the route checked 'staff.manage'). */
function manages(actor: StaffMember, target: { role: StaffRole; insurerId: string | null }) {
  if (actor.role === 'platform_admin') return true
  return (
    actor.insurerId !== null &&
    target.insurerId === actor.insurerId &&
    INSURER_ADMIN_GIVES.includes(target.role)
  )
}

/**
 * `manages` as a condition of the statement that changes the row, so a row moved out of the actor's
 * reach (or removed) between the read and the write is not changed.
 */
function managedRow(actor: StaffMember) {
  if (actor.role === 'platform_admin') return notRemoved
  return and(
    notRemoved,
    actor.insurerId === null ? sql`0` : eq(staff.insurerId, actor.insurerId),
    inArray(staff.role, [...INSURER_ADMIN_GIVES]),
  )
}

/** The staff list: a platform admin's everyone, an insurer admin's their insurer's. */
export async function listStaff(deps: Pick<Deps, 'db'>, actor: StaffMember) {
  const lastSignIn = sql<
    number | null
  >`(select max(${staffSessions.createdAt}) from ${staffSessions} where ${staffSessions.staffId} = ${staff.id})`
  const rows = await deps.db
    .select({
      id: staff.id,
      name: staff.name,
      email: staff.email,
      role: staff.role,
      insurerId: staff.insurerId,
      insurerNumber: insurers.number,
      insurerName: insurers.name,
      passwordSet: sql<number>`${staff.passwordHash} is not null`,
      secondFactorSet: sql<number>`${staff.totpSecret} is not null`,
      disabledAt: staff.disabledAt,
      createdAt: staff.createdAt,
      lastSignInAt: lastSignIn,
    })
    .from(staff)
    .leftJoin(insurers, eq(insurers.id, staff.insurerId))
    .where(
      and(
        actor.role === 'platform_admin'
          ? undefined
          : eq(staff.insurerId, actor.insurerId ?? '\u0000none'),
        notRemoved,
      ),
    )
    .orderBy(asc(staff.name), asc(staff.id))
    .limit(1000)
  return rows.map(({ insurerId, passwordSet, secondFactorSet, ...r }) => ({
    ...r,
    enrolled: Boolean(passwordSet) && Boolean(secondFactorSet),
    passwordSet: Boolean(passwordSet),
    secondFactorSet: Boolean(secondFactorSet),
    disabled: r.disabledAt !== null,
    manageable: manages(actor, { role: r.role, insurerId }) && r.id !== actor.id,
  }))
}

/** The insurer of a number in a staff body: its id, or a field error. */
async function insurerIdOf(deps: Pick<Deps, 'db'>, lang: Lang, number: string) {
  const [row] = await deps.db
    .select({ id: insurers.id })
    .from(insurers)
    .where(eq(insurers.number, number))
  if (!row) throw fieldError(lang, 'insurerNumber', 'staff.admin.insurer.unknown')
  return row.id
}

/**
 * The role and insurer a staff member is to have, checked against the scope rule (core/staff.ts) and
 * what the actor may give: an insurer admin gives insurer_admin/operator of their own insurer only.
 */
async function checkedPlacement(
  deps: Pick<Deps, 'db'>,
  actor: StaffMember,
  lang: Lang,
  role: StaffRole,
  insurerNumber: string | null | undefined,
  currentInsurerId: string | null,
): Promise<string | null> {
  const rule = scopeRule(role)
  let insurerId: string | null
  if (insurerNumber === undefined) insurerId = rule === 'none' ? null : currentInsurerId
  else insurerId = insurerNumber === null ? null : await insurerIdOf(deps, lang, insurerNumber)
  if (rule === 'none' && insurerId !== null)
    throw fieldError(lang, 'insurerNumber', 'staff.admin.insurer.none')
  if (rule === 'required' && insurerId === null)
    throw fieldError(lang, 'insurerNumber', 'staff.admin.insurer.required')
  if (actor.role !== 'platform_admin') {
    if (!INSURER_ADMIN_GIVES.includes(role))
      throw new AppError('forbidden', { fields: { role: t(lang, 'staff.admin.role.not_allowed') } })
    if (insurerId !== actor.insurerId)
      throw new AppError('forbidden', {
        fields: { insurerNumber: t(lang, 'staff.admin.insurer.not_yours') },
      })
  }
  return insurerId
}

/**
 * A new single-use link for a staff member (invitation or re-enrolment): only its SHA-256 is kept,
 * and the member's earlier unused links stop working (only the newest mail's link opens).
 */
async function newStaffLink(
  deps: AdminDeps,
  staffId: string,
  purpose: 'invite' | 'reset',
): Promise<string> {
  const token = newToken(deps.randomBytes)
  const now = deps.now()
  await inOneBatch(deps.db, [
    deps.db
      .update(staffLinks)
      .set({ usedAt: now })
      .where(and(eq(staffLinks.staffId, staffId), isNull(staffLinks.usedAt))),
    deps.db.insert(staffLinks).values({
      tokenHash: await hashToken(token),
      staffId,
      purpose,
      createdAt: now,
      expiresAt: now + STAFF_LINK_DAYS * DAY_MS,
    }),
  ])
  return token
}

const enrolLink = (deps: AdminDeps, token: string) =>
  `${deps.config.appOrigin}/staff/enrol?token=${token}`

/** A staff row as the API shows it: never a hash or a secret. */
const shown = (row: typeof staff.$inferSelect, insurerNumber: string | null) => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  insurerNumber,
  enrolled: row.passwordHash !== null && row.totpSecret !== null,
  disabled: row.disabledAt !== null,
  createdAt: row.createdAt,
})

/** Invites a member of staff: the row (no password yet) and the invitation mail; 409 for a known address. */
export async function inviteStaff(
  deps: AdminDeps,
  actor: StaffMember,
  ip: string,
  lang: Lang,
  body: v.InferOutput<typeof StaffInviteBody>,
): Promise<{ staff: ReturnType<typeof shown>; mail: Mail }> {
  const insurerId = await checkedPlacement(
    deps,
    actor,
    lang,
    body.role,
    body.insurerNumber ?? null,
    null,
  )
  const now = deps.now()
  const [row] = await deps.db
    .insert(staff)
    .values({
      id: newId(deps.randomBytes),
      name: body.name,
      role: body.role,
      insurerId,
      email: body.email,
      emailKey: normalizeEmail(body.email),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning()
  if (!row)
    throw new AppError('conflict', { fields: { email: t(lang, 'staff.admin.email.taken') } })
  const token = await newStaffLink(deps, row.id, 'invite')
  await auditStaff(deps, actor, ip, 'staff.invited', {
    staff: row.id,
    role: row.role,
    insurer: body.insurerNumber ?? '',
  })
  const mail = mailTemplates.staffInvitation(
    lang,
    body.email,
    deps.config.appOrigin,
    enrolLink(deps, token),
    { name: row.name, purpose: 'invite', days: STAFF_LINK_DAYS },
  )
  return { staff: shown(row, body.insurerNumber ?? null), mail }
}

async function targetOf(deps: Pick<Deps, 'db'>, actor: StaffMember, id: string) {
  const [row] = await deps.db
    .select({ staff, insurerNumber: insurers.number })
    .from(staff)
    .leftJoin(insurers, eq(insurers.id, staff.insurerId))
    .where(eq(staff.id, id))
  if (!row) throw new AppError('not_found')
  if (!manages(actor, row.staff)) throw new AppError('forbidden')
  // A removed member of staff is not found (nothing left to change).
  const r = row.staff
  if (r.emailKey === null && r.disabledAt !== null && !r.passwordHash && !r.totpSecret)
    throw new AppError('not_found')
  return row
}

/**
 * The last platform admin keeps the role and stays enabled: a statement that would change that row
 * runs only while another enabled platform admin exists, decided in the statement itself.
 */
const anotherAdmin = (id: string) =>
  sql`exists (select 1 from ${staff} s2 where s2.role = 'platform_admin' and s2.disabled_at is null and s2.id <> ${id})`

/** Role, insurer, disabled: each change with its reason in the audit; disabling ends all access. */
export async function updateStaff(
  deps: AdminDeps,
  actor: StaffMember,
  ip: string,
  lang: Lang,
  id: string,
  body: v.InferOutput<typeof StaffUpdateBody>,
) {
  const { staff: target, insurerNumber } = await targetOf(deps, actor, id)
  if (id === actor.id) throw new AppError('forbidden', { detail: { reason: 'self' } })
  const role = body.role ?? target.role
  const placementChanges = body.role !== undefined || body.insurerNumber !== undefined
  const insurerId = placementChanges
    ? await checkedPlacement(deps, actor, lang, role, body.insurerNumber, target.insurerId)
    : target.insurerId
  const now = deps.now()
  const disabledAt =
    body.disabled === undefined
      ? target.disabledAt
      : body.disabled
        ? (target.disabledAt ?? now)
        : null
  const losesAdmin =
    target.role === 'platform_admin' && (role !== 'platform_admin' || disabledAt !== null)
  const [updated] = await deps.db
    .update(staff)
    .set({ role, insurerId, disabledAt, updatedAt: now })
    .where(and(eq(staff.id, id), managedRow(actor), losesAdmin ? anotherAdmin(id) : undefined))
    .returning()
  if (!updated && !losesAdmin) throw new AppError('not_found')
  if (!updated)
    throw new AppError('wrong_state', {
      fields: { role: t(lang, 'staff.admin.last_admin') },
      detail: { lastPlatformAdmin: true },
    })
  if (disabledAt !== null) await endAllStaffAccess(deps, id)
  const [after] = insurerId
    ? await deps.db
        .select({ number: insurers.number })
        .from(insurers)
        .where(eq(insurers.id, insurerId))
    : []
  const detail: Record<string, string | number | boolean> = { staff: id, reason: body.reason }
  if (role !== target.role) Object.assign(detail, { roleFrom: target.role, roleTo: role })
  if (insurerId !== target.insurerId)
    Object.assign(detail, { insurerFrom: insurerNumber ?? '', insurerTo: after?.number ?? '' })
  if (body.disabled !== undefined && body.disabled !== (target.disabledAt !== null))
    detail.disabled = body.disabled
  await auditStaff(
    deps,
    actor,
    ip,
    body.disabled && target.disabledAt === null ? 'staff.disabled' : 'staff.updated',
    detail,
  )
  return shown(updated, after?.number ?? null)
}

/**
 * A platform admin's reset: clears the password, the second factor or both, ends every session and
 * token of the person, and mails a re-enrolment link.
 */
export async function resetStaff(
  deps: AdminDeps,
  actor: StaffMember,
  ip: string,
  lang: Lang,
  id: string,
  body: v.InferOutput<typeof StaffResetBody>,
): Promise<{ staff: ReturnType<typeof shown>; mail: Mail | null }> {
  const { insurerNumber } = await targetOf(deps, actor, id)
  if (id === actor.id) throw new AppError('forbidden', { detail: { reason: 'self' } })
  const changes: Partial<typeof staff.$inferInsert> = { updatedAt: deps.now() }
  if (body.what !== 'second_factor') changes.passwordHash = null
  if (body.what !== 'password') changes.totpSecret = null
  const [updated] = await deps.db
    .update(staff)
    .set(changes)
    .where(and(eq(staff.id, id), managedRow(actor)))
    .returning()
  if (!updated) throw new AppError('not_found')
  await endAllStaffAccess(deps, id)
  await auditStaff(deps, actor, ip, 'staff.second_factor_reset', {
    staff: id,
    what: body.what,
    reason: body.reason,
  })
  if (!updated.email || updated.disabledAt !== null)
    return { staff: shown(updated, insurerNumber), mail: null }
  const token = await newStaffLink(deps, id, 'reset')
  const mail = mailTemplates.staffInvitation(
    lang,
    updated.email,
    deps.config.appOrigin,
    enrolLink(deps, token),
    { name: updated.name, purpose: 'reset', days: STAFF_LINK_DAYS },
  )
  return { staff: shown(updated, insurerNumber), mail }
}

/** A live link (unused, unexpired) and its staff member, or 410. */
async function liveLink(deps: AdminDeps, token: string) {
  const tokenHash = await hashToken(token)
  const [row] = await deps.db
    .select({ link: staffLinks, staff })
    .from(staffLinks)
    .innerJoin(staff, eq(staff.id, staffLinks.staffId))
    .where(
      and(
        eq(staffLinks.tokenHash, tokenHash),
        isNull(staffLinks.usedAt),
        sql`${staffLinks.expiresAt} > ${deps.now()}`,
        isNull(staff.disabledAt),
      ),
    )
  if (!row || !row.staff.email) throw new AppError('link_expired')
  return { tokenHash, ...row, email: row.staff.email }
}

/**
 * What the enrolment page shows for a link: the name, the address (in full: it is the person's own
 * log-in ID and the link came to that address), whether a password is to be set, and the TOTP secret
 * to scan. The secret is made once per link, by the statement that stores it (concurrent checks all
 * get the same one), and kept encrypted on the link until the link is used.
 */
export async function checkEnrolment(deps: AdminDeps, token: string) {
  const found = await liveLink(deps, token)
  const needsPassword = found.staff.passwordHash === null
  const needsSecondFactor = found.staff.totpSecret === null
  let secret: string | null = null
  if (needsSecondFactor) {
    let stored = found.link.pendingSecret
    if (!stored) {
      const fresh = await encryptTotpSecret(deps, found.staff.id, newTotpSecret(deps.randomBytes))
      await deps.db
        .update(staffLinks)
        .set({ pendingSecret: fresh })
        .where(and(eq(staffLinks.tokenHash, found.tokenHash), isNull(staffLinks.pendingSecret)))
      const [again] = await deps.db
        .select({ pendingSecret: staffLinks.pendingSecret })
        .from(staffLinks)
        .where(eq(staffLinks.tokenHash, found.tokenHash))
      stored = again?.pendingSecret ?? null
    }
    secret = stored ? await decryptTotpSecret(deps, found.staff.id, stored) : null
    if (!secret) throw new AppError('link_expired')
  }
  return {
    name: found.staff.name,
    email: found.email,
    purpose: found.link.purpose,
    needsPassword,
    needsSecondFactor,
    secret,
    otpauthUri: secret ? totpUri(secret, found.email) : null,
    expiresAt: found.link.expiresAt,
  }
}

/**
 * Completes an enrolment: the code must belong to the secret being enrolled (or, when only the password
 * was reset, to the one the person has). One batch: the staff row takes the password hash, the secret
 * and the accepted step only where the link is still live, and the UPDATE … RETURNING that uses the
 * link says whether this request was the one: of 50 at once, one gets its row back.
 */
export async function completeEnrolment(
  deps: AdminDeps,
  ip: string,
  lang: Lang,
  input: { token: string; password?: string; code: string },
): Promise<{ email: string }> {
  const found = await liveLink(deps, input.token)
  const { staff: person } = found
  const changes: Partial<typeof staff.$inferInsert> = { updatedAt: deps.now() }
  if (person.passwordHash === null) {
    if (input.password === undefined)
      throw fieldError(lang, 'password', 'staff.admin.enrol.password_needed')
    const [problem] = checkPassword(input.password, { email: found.email })
    if (problem) throw fieldError(lang, 'password', PASSWORD_MESSAGES[problem])
    changes.passwordHash = await hashPassword(input.password, deps.randomBytes)
  }
  const stored = person.totpSecret ?? found.link.pendingSecret
  const secret = stored ? await decryptTotpSecret(deps, person.id, stored) : null
  const step = secret ? acceptedStep(secret, input.code, deps.now()) : null
  if (step === null || (person.totpSecret !== null && step <= person.totpLastStep))
    throw fieldError(lang, 'code', 'staff.admin.enrol.code_wrong')
  changes.totpLastStep = step
  if (person.totpSecret === null) changes.totpSecret = stored
  const now = deps.now()
  const live = and(
    eq(staffLinks.tokenHash, found.tokenHash),
    isNull(staffLinks.usedAt),
    sql`${staffLinks.expiresAt} > ${now}`,
  )
  const use = deps.db
    .update(staffLinks)
    .set({ usedAt: now })
    .where(live)
    .returning({ staffId: staffLinks.staffId })
  const [, used] = await (
    deps.db as unknown as {
      batch: (q: [PromiseLike<unknown>, typeof use]) => Promise<[unknown, { staffId: string }[]]>
    }
  ).batch([
    deps.db
      .update(staff)
      .set(changes)
      .where(
        and(
          eq(staff.id, person.id),
          isNull(staff.disabledAt),
          sql`exists (select 1 from ${staffLinks} where ${live})`,
        ),
      ),
    use,
  ])
  if (used.length === 0) throw new AppError('link_expired')
  await audit(deps, {
    action: 'staff.enrolled',
    actorType: 'staff',
    actorId: person.id,
    ip,
    detail: {
      purpose: found.link.purpose,
      password: changes.passwordHash !== undefined,
      secondFactor: person.totpSecret === null,
    },
  })
  return { email: found.email }
}

/** Equal strings in time that depends on their digests only (the bootstrap secret). */
async function sameSecret(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([hashToken(a), hashToken(b)])
  let diff = 0
  for (let i = 0; i < x.length; i++) diff |= x.charCodeAt(i) ^ y.charCodeAt(i)
  return diff === 0 && x.length === y.length
}

/**
 * The first platform admin (docs/security.md#staff): only with the bootstrap secret, and only while no
 * platform admin exists, which the INSERT … SELECT … WHERE NOT EXISTS decides (50 at once: one row).
 */
export async function bootstrapAdmin(
  deps: AdminDeps,
  ip: string,
  lang: Lang,
  body: { secret: string; name: string; email: string },
): Promise<{
  staff: { id: string; name: string; email: string; role: 'platform_admin' }
  mail: Mail
}> {
  const configured = deps.config.staffBootstrapSecret
  if (!configured) throw new AppError('not_found')
  if (!(await sameSecret(body.secret, configured))) throw new AppError('forbidden')
  const id = newId(deps.randomBytes)
  const now = deps.now()
  const rows = await deps.db.all(sql`insert into ${staff}
      (id, name, role, insurer_id, created_at, email, email_key, totp_last_step, updated_at)
    select ${id}, ${body.name}, 'platform_admin', null, ${now}, ${body.email}, ${normalizeEmail(body.email)}, 0, ${now}
    where not exists (select 1 from ${staff} where role = 'platform_admin')
    on conflict do nothing
    returning id`)
  if (namedRows(rows, ['id'] as const).length === 0)
    throw new AppError('wrong_state', { detail: { platformAdminExists: true } })
  const token = await newStaffLink(deps, id, 'invite')
  await audit(deps, {
    action: 'staff.bootstrapped',
    actorType: 'system',
    actorId: id,
    ip,
    detail: { staff: id },
  })
  const mail = mailTemplates.staffInvitation(
    lang,
    body.email,
    deps.config.appOrigin,
    enrolLink(deps, token),
    { name: body.name, purpose: 'invite', days: STAFF_LINK_DAYS },
  )
  return { staff: { id, name: body.name, email: body.email, role: 'platform_admin' }, mail }
}

// Removing a member of staff.
/**
 * A removed member of staff: no log-in address, no way to sign in, disabled. The row itself stays, so the
 * audit log and the import history still name who did what.
 */
const notRemoved = sql`not (${staff.emailKey} is null and ${staff.disabledAt} is not null and ${staff.passwordHash} is null and ${staff.totpSecret} is null)`

/**
 * Removes a member of staff (an insurer admin: their insurer's; a platform admin: anyone but the last
 * platform admin), with the reason in the audit: every session, token, passkey and enrolment link ends,
 * the password and second factor go, and the address is freed (it can be invited again). Decided by the
 * one UPDATE that finds the person not yet removed (and, for a platform admin, another one enabled).
 */
export async function removeStaff(
  deps: AdminDeps,
  actor: StaffMember,
  ip: string,
  lang: Lang,
  id: string,
  body: v.InferOutput<typeof StaffRemoveBody>,
): Promise<{ removed: string }> {
  const { staff: target } = await targetOf(deps, actor, id)
  if (id === actor.id) throw new AppError('forbidden', { detail: { reason: 'self' } })
  const now = deps.now()
  const [removed] = await deps.db
    .update(staff)
    .set({
      email: null,
      emailKey: null,
      passwordHash: null,
      totpSecret: null,
      disabledAt: sql`coalesce(${staff.disabledAt}, ${now})`,
      updatedAt: now,
    })
    .where(
      and(
        eq(staff.id, id),
        managedRow(actor),
        target.role === 'platform_admin' ? anotherAdmin(id) : undefined,
      ),
    )
    .returning({ id: staff.id })
  if (!removed) {
    if (target.role === 'platform_admin' && target.emailKey !== null)
      throw new AppError('wrong_state', {
        fields: { role: t(lang, 'staff.admin.last_admin') },
        detail: { lastPlatformAdmin: true },
      })
    throw new AppError('not_found')
  }
  await endAllStaffAccess(deps, id)
  await deps.db
    .update(staffLinks)
    .set({ usedAt: now })
    .where(and(eq(staffLinks.staffId, id), isNull(staffLinks.usedAt)))
  await deps.db.delete(staffPasskeys).where(eq(staffPasskeys.staffId, id))
  await auditStaff(deps, actor, ip, 'staff.removed', {
    staff: id,
    role: target.role,
    reason: body.reason,
  })
  return { removed: id }
}
