/**
 * 団体連携コード (product.md, journey 1): issued by a platform admin for an organisation and tied to one
 * insurer; a member who signs up with one has that insurer's 保険者番号 filled in. A code is random,
 * unique by the primary key (a clash is retried), and retired rather than deleted.
 */
import { and, desc, eq, isNull } from 'drizzle-orm'
import { t, type Lang } from '../../core/i18n'
import {
  isOrgCodeShaped,
  normalizeOrgCode,
  ORG_CODE_ALPHABET,
  ORG_CODE_LENGTH,
} from '../../core/staff-admin'
import { insurers, orgCodes } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { auditStaff } from './audit'
import type { StaffMember } from './staff'

/** 8 symbols of 32: each random byte's low 5 bits (256 is a multiple of 32, so no bias). */
export function newOrgCode(randomBytes: (n: number) => Uint8Array): string {
  return Array.from(randomBytes(ORG_CODE_LENGTH), (b) => ORG_CODE_ALPHABET[b & 31]).join('')
}

const shown = (
  row: typeof orgCodes.$inferSelect,
  insurer: { number: string; name: string } | null,
) => ({
  code: row.code,
  organisation: row.organisation,
  insurerNumber: insurer?.number ?? '',
  insurerName: insurer?.name ?? '',
  createdAt: row.createdAt,
  retiredAt: row.retiredAt,
})

export async function listOrgCodes(deps: Pick<Deps, 'db'>) {
  const rows = await deps.db
    .select({ code: orgCodes, number: insurers.number, name: insurers.name })
    .from(orgCodes)
    .leftJoin(insurers, eq(insurers.id, orgCodes.insurerId))
    .orderBy(desc(orgCodes.createdAt), orgCodes.code)
    .limit(1000)
  return rows.map((r) => shown(r.code, r.number ? { number: r.number, name: r.name ?? '' } : null))
}

/** A new code for an organisation of an insurer; a clash of random codes takes another. */
export async function issueOrgCode(
  deps: Pick<Deps, 'db' | 'now' | 'randomBytes'>,
  actor: StaffMember,
  ip: string,
  lang: Lang,
  body: { insurerNumber: string; organisation: string },
) {
  const [insurer] = await deps.db
    .select()
    .from(insurers)
    .where(eq(insurers.number, body.insurerNumber))
  if (!insurer)
    throw new AppError('validation', {
      fields: { insurerNumber: t(lang, 'staff.admin.insurer.unknown') },
    })
  for (let attempt = 0; attempt < 10; attempt++) {
    const [row] = await deps.db
      .insert(orgCodes)
      .values({
        code: newOrgCode(deps.randomBytes),
        insurerId: insurer.id,
        organisation: body.organisation,
        createdBy: actor.id,
        createdAt: deps.now(),
      })
      .onConflictDoNothing()
      .returning()
    if (!row) continue
    await auditStaff(deps, actor, ip, 'orgcode.issued', {
      code: row.code,
      insurer: insurer.number,
      organisation: row.organisation,
    })
    return shown(row, insurer)
  }
  throw new AppError('conflict')
}

/** Retires a code: sign-ups with it are refused from now on. */
export async function retireOrgCode(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: StaffMember,
  ip: string,
  code: string,
) {
  const [row] = await deps.db
    .update(orgCodes)
    .set({ retiredAt: deps.now() })
    .where(and(eq(orgCodes.code, code), isNull(orgCodes.retiredAt)))
    .returning()
  if (!row) {
    const [exists] = await deps.db
      .select({ code: orgCodes.code })
      .from(orgCodes)
      .where(eq(orgCodes.code, code))
    throw new AppError(exists ? 'wrong_state' : 'not_found')
  }
  await auditStaff(deps, actor, ip, 'orgcode.retired', { code })
  const [insurer] = await deps.db
    .select({ number: insurers.number, name: insurers.name })
    .from(insurers)
    .where(eq(insurers.id, row.insurerId))
  return shown(row, insurer ?? null)
}

/**
 * The live code a member typed at sign-up (spaces and hyphens dropped, upper-cased), or null when
 * there is none such: unknown or retired (product.md, journey 1: refused at once).
 */
export async function liveOrgCode(deps: Pick<Deps, 'db'>, raw: string): Promise<string | null> {
  const code = normalizeOrgCode(raw)
  if (!isOrgCodeShaped(code)) return null
  const [row] = await deps.db
    .select({ code: orgCodes.code })
    .from(orgCodes)
    .where(and(eq(orgCodes.code, code), isNull(orgCodes.retiredAt)))
  return row?.code ?? null
}
