import { and, desc, eq, isNotNull, sql } from 'drizzle-orm'
import { namedRows } from '../../db/open'
import { cardKey, sameBranch, todayInJapan, type CardLinkInput } from '../../core/card'
import { normalizeKanaName } from '../../core/kana'
import { isQualifiedOn } from '../../core/roster'
import {
  accounts,
  cardAttempts,
  insurers,
  memberLinks,
  orgCodes,
  pendingSignups,
  rosterPersons,
} from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit } from './audit'
import { hmac } from './tokens'

export const CARD_ATTEMPTS_PER_DAY = 5
const DAY_MS = 86_400_000

/** How a card check ended, as its attempt row records it; every end but 'linked' is the error's code. */
type CardOutcome =
  | { outcome: 'linked'; name: string }
  | {
      outcome:
        | 'card_not_found'
        | 'card_already_linked'
        | 'account_already_linked'
        | 'qualification_ended'
        | 'card_restricted'
        | 'card_too_many_attempts'
    }
  | {
      outcome: 'insurer_maintenance'
      /** The insurer's words for its members, and when it plans to be back (issue 13). */
      maintenanceMessage: string | null
      maintenanceUntil: number | null
    }

type CardDeps = Pick<Deps, 'db' | 'now' | 'config'>

function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [ty, tm, td] = today.split('-').map(Number)
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}

/**
 * 利用資格を照会する: matches the member's card against the insurer's roster (insurer + normalised
 * 記号/番号, 枝番 when both sides have one, name and birth date) and links the account to the
 * person's `person_key`, so a later re-issued card keeps the link. Every check counts towards the
 * cap of 5 in 24 hours, per account and per card, found or not: a stranger learns no more than the
 * manual's messages tell. A check that does not link throws its outcome as the error's code.
 */
export async function linkCard(
  deps: CardDeps,
  accountId: string,
  input: CardLinkInput,
  ip: string,
): Promise<{ name: string }> {
  const now = deps.now()
  const key = cardKey(input)
  const subject = await hmac(deps.config.subjectKey, `card:${input.insurerNumber}:${key}`)
  const attempt = await recordCardAttempt(deps, accountId, subject, now)
  if (attempt === null) throw new AppError('card_too_many_attempts')
  // Signed up with a 団体連携コード: the card is looked for at that code's insurer only (the form
  // fixes the number; another one sent is a card not found there).
  const org = await orgInsurerOf(deps, accountId)
  const outcome: CardOutcome =
    org && org.number !== input.insurerNumber
      ? { outcome: 'card_not_found' }
      : await matchAndLink(deps, accountId, input, key, now)
  await deps.db
    .update(cardAttempts)
    .set({ outcome: outcome.outcome })
    .where(eq(cardAttempts.id, attempt))
  if (outcome.outcome === 'insurer_maintenance')
    throw new AppError('insurer_maintenance', {
      maintenanceMessage: outcome.maintenanceMessage,
      maintenanceUntil:
        outcome.maintenanceUntil === null ? null : new Date(outcome.maintenanceUntil).toISOString(),
    })
  if (outcome.outcome !== 'linked') throw new AppError(outcome.outcome)
  await audit(deps, {
    action: 'card.linked',
    actorType: 'member',
    actorId: accountId,
    accountId,
    ip,
    detail: { insurer: input.insurerNumber },
  })
  return { name: outcome.name }
}

/**
 * Records a card check before it is made, in the statement that decides it (docs/security.md, limits
 * hold under concurrency): the row is inserted only while the account and the card each have fewer
 * than 5 checks in 24 hours. Its id, or null when the check is refused.
 */
async function recordCardAttempt(
  deps: CardDeps,
  accountId: string,
  subject: string,
  now: number,
): Promise<number | null> {
  const since = now - DAY_MS
  const checks = (
    column: typeof cardAttempts.accountId | typeof cardAttempts.personSubject,
    value: string,
  ) =>
    sql`(select count(*) from ${cardAttempts} where ${column} = ${value} and ${cardAttempts.at} > ${since})`
  const rows = namedRows(
    await deps.db.all(sql`insert into ${cardAttempts} (account_id, person_subject, outcome, at)
      select ${accountId}, ${subject}, 'pending', ${now}
      where ${checks(cardAttempts.accountId, accountId)} < ${CARD_ATTEMPTS_PER_DAY}
        and ${checks(cardAttempts.personSubject, subject)} < ${CARD_ATTEMPTS_PER_DAY}
      returning id`),
    ['id'] as const,
  )
  return rows.length ? Number(rows[0].id) : null
}

async function matchAndLink(
  deps: CardDeps,
  accountId: string,
  input: CardLinkInput,
  key: string,
  now: number,
): Promise<CardOutcome> {
  const [insurer] = await deps.db
    .select()
    .from(insurers)
    .where(eq(insurers.number, input.insurerNumber))
  if (!insurer) return { outcome: 'card_not_found' }
  if (insurer.maintenance)
    return {
      outcome: 'insurer_maintenance',
      maintenanceMessage: insurer.maintenanceMessage,
      maintenanceUntil: insurer.maintenanceUntil,
    }
  const nameKey = normalizeKanaName(input.nameKana)
  const candidates = await deps.db
    .select()
    .from(rosterPersons)
    .where(
      and(
        eq(rosterPersons.insurerId, insurer.id),
        eq(rosterPersons.cardKey, key),
        eq(rosterPersons.nameKey, nameKey),
        eq(rosterPersons.birthDate, input.birthDate),
      ),
    )
  const matches = candidates.filter((p) => sameBranch(p.branch, input.branch))
  if (matches.length !== 1) return { outcome: 'card_not_found' }
  const person = matches[0]
  const today = todayInJapan(new Date(now))
  if (person.validTo !== null && person.validTo <= today) return { outcome: 'qualification_ended' }
  if (!isQualifiedOn(person, today)) return { outcome: 'card_not_found' }
  if (
    person.relationship === 2 &&
    (insurer.insuredOnly ||
      (insurer.dependentMaxAge !== null &&
        ageOn(person.birthDate, today) > insurer.dependentMaxAge))
  )
    return { outcome: 'card_restricted' }

  const [existing] = await deps.db
    .select()
    .from(memberLinks)
    .where(eq(memberLinks.accountId, accountId))
  if (existing) {
    return existing.insurerId === insurer.id && existing.personKey === person.personKey
      ? { outcome: 'linked', name: person.nameKana }
      : { outcome: 'account_already_linked' }
  }
  const inserted = await deps.db
    .insert(memberLinks)
    .values({ accountId, insurerId: insurer.id, personKey: person.personKey, linkedAt: now })
    .onConflictDoNothing()
    .returning({ accountId: memberLinks.accountId })
  return inserted.length
    ? { outcome: 'linked', name: person.nameKana }
    : { outcome: 'card_already_linked' }
}

/** The join of a member link to the roster person it names (insurer and person_key). */
export const linkedPerson = () =>
  and(
    eq(rosterPersons.insurerId, memberLinks.insurerId),
    eq(rosterPersons.personKey, memberLinks.personKey),
  )

export interface MemberProfile {
  id: string
  email: string
  linked: boolean
  name: string | null
  insurer: { number: string; name: string } | null
  /** Before the card is linked: the insurer of the 団体連携コード the member signed up with, if any. */
  orgInsurer: { number: string; name: string } | null
}

/**
 * The insurer of the 団体連携コード this account signed up with (product.md, journey 1), or null: the
 * code of the sign-up that made the account (its used pending row), and that code's insurer.
 */
export async function orgInsurerOf(
  deps: Pick<Deps, 'db'>,
  accountId: string,
): Promise<{ number: string; name: string } | null> {
  const [account] = await deps.db
    .select({ emailKey: accounts.emailKey })
    .from(accounts)
    .where(eq(accounts.id, accountId))
  if (!account) return null
  const [signup] = await deps.db
    .select({ orgCode: pendingSignups.orgCode })
    .from(pendingSignups)
    .where(and(eq(pendingSignups.emailKey, account.emailKey), isNotNull(pendingSignups.usedAt)))
    .orderBy(desc(pendingSignups.usedAt))
    .limit(1)
  if (!signup?.orgCode) return null
  const [row] = await deps.db
    .select({ number: insurers.number, name: insurers.name })
    .from(orgCodes)
    .innerJoin(insurers, eq(insurers.id, orgCodes.insurerId))
    .where(eq(orgCodes.code, signup.orgCode))
  return row ?? null
}

/**
 * The member as the app shows them: the roster's name once the card is linked. An account gone
 * (withdrawn, or the session outlived it) answers as no session would: 401.
 */
export async function memberProfile(
  deps: Pick<Deps, 'db'>,
  accountId: string,
): Promise<MemberProfile> {
  const [row] = await deps.db
    .select({
      id: accounts.id,
      email: accounts.email,
      name: rosterPersons.nameKana,
      insurerNumber: insurers.number,
      insurerName: insurers.name,
      linkedAt: memberLinks.linkedAt,
    })
    .from(accounts)
    .leftJoin(memberLinks, eq(memberLinks.accountId, accounts.id))
    .leftJoin(rosterPersons, linkedPerson())
    .leftJoin(insurers, eq(insurers.id, memberLinks.insurerId))
    .where(eq(accounts.id, accountId))
  if (!row) throw new AppError('unauthenticated')
  return {
    id: row.id,
    email: row.email,
    linked: row.linkedAt !== null,
    name: row.name ?? null,
    insurer: row.insurerNumber ? { number: row.insurerNumber, name: row.insurerName ?? '' } : null,
    orgInsurer: row.linkedAt === null ? await orgInsurerOf(deps, accountId) : null,
  }
}
