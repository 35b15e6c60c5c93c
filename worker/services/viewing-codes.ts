/**
 * Viewing codes (閲覧用コード): drawn, stored hashed like a password, issued to an insurer's roster
 * persons for the postcard print file (the plain code exists only there), and counted.
 */
import { and, eq, isNull, sql } from 'drizzle-orm'
import { formatViewingCode, VIEWING_CODE_ALPHABET } from '../../core/health-access'
import { rosterPersons, viewingCodes } from '../../db/schema'
import type { Deps } from '../deps'
import { hashPassword } from './passwords'
import { codeReissuedOutbox } from './notices'
import { newId } from './tokens'
import { CODES_PER_REQUEST } from '../../core/viewing-codes'

type CodeDeps = Pick<Deps, 'db' | 'now' | 'randomBytes'>

/** A fresh viewing code (12 characters without look-alikes), uniformly drawn. */
export function newViewingCode(randomBytes: (n: number) => Uint8Array): string {
  let code = ''
  while (code.length < 12) {
    for (const b of randomBytes(16)) {
      // 248 = 8 × 31: bytes above it would favour the first characters.
      if (b < 248 && code.length < 12)
        code += VIEWING_CODE_ALPHABET[b % VIEWING_CODE_ALPHABET.length]
    }
  }
  return code
}

/** Where a person's live viewing code is: of their insurer, not revoked (one at most). */
export const liveCodeOf = (insurerId: string, personKey: string) =>
  and(
    eq(viewingCodes.insurerId, insurerId),
    eq(viewingCodes.personKey, personKey),
    isNull(viewingCodes.revokedAt),
  )

/**
 * Stores a person's viewing code (hashed like a password): the plain code exists only in the print
 * file. A re-issue revokes the live code first; a first issue stores nothing when the person already
 * has a live code (another run was first), and says so by returning false.
 */
export async function storeViewingCode(
  deps: CodeDeps,
  insurerId: string,
  personKey: string,
  code: string,
  reissue = true,
): Promise<boolean> {
  const now = deps.now()
  const codeHash = await hashPassword(code, deps.randomBytes)
  const revoked = reissue
    ? await deps.db
        .update(viewingCodes)
        .set({ revokedAt: now })
        .where(liveCodeOf(insurerId, personKey))
        .returning({ id: viewingCodes.id })
    : []
  const stored = await deps.db
    .insert(viewingCodes)
    .values({ id: newId(deps.randomBytes), insurerId, personKey, codeHash, issuedAt: now })
    .onConflictDoNothing()
    .returning({ id: viewingCodes.id })
  // A live code replaced: お知らせ for the linked member, if any (the job finds them).
  if (revoked.length && stored.length) await codeReissuedOutbox(deps, insurerId, personKey)
  return stored.length > 0
}

/**
 * Issues a viewing code to up to `limit` roster persons of the insurer who have no live one (or to
 * the given persons), for the postcard print file: the plain codes are returned once and only their
 * hashes are kept. Each code costs a password hash, so a request issues at most 50.
 */
export async function issueViewingCodes(
  deps: CodeDeps,
  insurerId: string,
  options: { personKeys?: string[]; limit?: number; reissue?: boolean },
) {
  const limit = Math.min(options.limit ?? CODES_PER_REQUEST, CODES_PER_REQUEST)
  const live = sql`exists (select 1 from viewing_codes v where v.insurer_id = ${rosterPersons.insurerId} and v.person_key = ${rosterPersons.personKey} and v.revoked_at is null)`
  const persons = await deps.db
    .select()
    .from(rosterPersons)
    .where(
      and(
        eq(rosterPersons.insurerId, insurerId),
        options.personKeys
          ? sql`${rosterPersons.personKey} in (select value from json_each(${JSON.stringify(options.personKeys)}))`
          : undefined,
        options.reissue ? undefined : sql`not ${live}`,
      ),
    )
    .orderBy(rosterPersons.personKey)
    .limit(limit)
  const issued = []
  for (const p of persons) {
    const code = newViewingCode(deps.randomBytes)
    if (!(await storeViewingCode(deps, insurerId, p.personKey, code, options.reissue ?? false)))
      continue
    issued.push({
      personKey: p.personKey,
      symbol: p.symbol,
      number: p.number,
      branch: p.branch,
      nameKana: p.nameKana,
      postalCode: p.postalCode,
      address: p.address,
      code: formatViewingCode(code),
      issuedAt: new Date(deps.now()).toISOString(),
    })
  }
  return issued
}

/** Codes of an insurer: live ones issued, used, locked; persons without one. */
export async function viewingCodeStatus(deps: CodeDeps, insurerId: string) {
  const [codes] = await deps.db
    .select({
      issued: sql<number>`count(*)`,
      used: sql<number>`coalesce(sum(${viewingCodes.usedAt} is not null), 0)`,
      locked: sql<number>`coalesce(sum(${viewingCodes.lockedAt} is not null), 0)`,
    })
    .from(viewingCodes)
    .where(and(eq(viewingCodes.insurerId, insurerId), isNull(viewingCodes.revokedAt)))
  const [persons] = await deps.db
    .select({ n: sql<number>`count(*)` })
    .from(rosterPersons)
    .where(
      and(
        eq(rosterPersons.insurerId, insurerId),
        sql`not exists (select 1 from viewing_codes v where v.insurer_id = ${rosterPersons.insurerId} and v.person_key = ${rosterPersons.personKey} and v.revoked_at is null)`,
      ),
    )
  return {
    issued: Number(codes.issued),
    used: Number(codes.used),
    locked: Number(codes.locked),
    withoutCode: Number(persons.n),
  }
}
