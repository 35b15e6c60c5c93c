import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm'
import { namedRows, type Database } from '../../db/open'
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
import { memberDb } from './shards'
import { hmac } from './tokens'
import { finishUnlink } from './unlink'

export const CARD_ATTEMPTS_PER_DAY = 5
const DAY_MS = 86_400_000

/** How a card check ended, as its attempt row records it; every end but 'linked' is the error's code. */
type CardOutcome =
  | { outcome: 'linked'; name: string; insurerId: string }
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

type CardDeps = Pick<Deps, 'db' | 'dbFor' | 'now' | 'config'>

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
    insurerId: outcome.insurerId,
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

/** A matched roster person, before the link is written. */
type Match =
  | { outcome: 'matched'; insurerId: string; personKey: string; name: string }
  | Exclude<CardOutcome, { outcome: 'linked' }>

/**
 * The card against the roster (the directory's insurer by number, then the insurer's database): no
 * write anywhere, so a card that does not match leaves the account's pointer untouched.
 */
async function matchCard(
  deps: CardDeps,
  input: CardLinkInput,
  key: string,
  now: number,
): Promise<Match> {
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
  // The insurer is the one the card names, found in the directory: not a value of the request.
  const insurerDb = await deps.dbFor(insurer.id)
  const candidates = await insurerDb
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
  return {
    outcome: 'matched',
    insurerId: insurer.id,
    personKey: person.personKey,
    name: person.nameKana,
  }
}

async function matchAndLink(
  deps: CardDeps,
  accountId: string,
  input: CardLinkInput,
  key: string,
  now: number,
): Promise<CardOutcome> {
  const match = await matchCard(deps, input, key, now)
  if (match.outcome !== 'matched') return match
  const linked = await linkPerson(deps, accountId, match, now)
  return linked === 'linked'
    ? { outcome: 'linked', name: match.name, insurerId: match.insurerId }
    : { outcome: linked }
}

/**
 * Step 1 of a card link (docs/scale.md, "stops half-way"): the directory's pointer claimed for
 * insurer B by ONE conditional UPDATE: free, or already pending for B (a retry, or a check at the
 * same moment). `claimed`, or what stands in the way: the pointer linked (to B or another insurer),
 * pending for another insurer, or an unlink not finished.
 */
export async function claimPointer(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  insurerId: string,
  now: number,
): Promise<
  | { claimed: true }
  | {
      claimed: false
      insurerId: string | null
      linkState: 'pending' | 'linked' | 'unlinking' | null
    }
> {
  const claimed = await deps.db
    .update(accounts)
    .set({ insurerId, linkState: 'pending', linkChangedAt: now })
    .where(
      and(
        eq(accounts.id, accountId),
        isNull(accounts.withdrawingAt),
        or(
          isNull(accounts.insurerId),
          and(eq(accounts.insurerId, insurerId), eq(accounts.linkState, 'pending')),
        ),
      ),
    )
    .returning({ id: accounts.id })
  if (claimed.length) return { claimed: true }
  const [row] = await deps.db
    .select({ insurerId: accounts.insurerId, linkState: accounts.linkState })
    .from(accounts)
    .where(eq(accounts.id, accountId))
  return { claimed: false, insurerId: row?.insurerId ?? null, linkState: row?.linkState ?? null }
}

/**
 * Step 2: the link in the insurer's database, decided by its primary key and the one-link-per-person
 * index (INSERT … ON CONFLICT DO NOTHING RETURNING). `linked` when this account's link to this person
 * is there (written now, or by an earlier try); `account_already_linked` when the account holds a link
 * to another person of this database; `card_already_linked` when the person is another account's.
 */
export async function writeLink(
  insurerDb: Database,
  accountId: string,
  person: { insurerId: string; personKey: string },
  now: number,
): Promise<'linked' | 'account_already_linked' | 'card_already_linked'> {
  const inserted = await insurerDb
    .insert(memberLinks)
    .values({ accountId, insurerId: person.insurerId, personKey: person.personKey, linkedAt: now })
    .onConflictDoNothing()
    .returning({ accountId: memberLinks.accountId })
  if (inserted.length) return 'linked'
  const [existing] = await insurerDb
    .select()
    .from(memberLinks)
    .where(eq(memberLinks.accountId, accountId))
  if (!existing) return 'card_already_linked'
  return existing.insurerId === person.insurerId && existing.personKey === person.personKey
    ? 'linked'
    : 'account_already_linked'
}

/**
 * Step 3: the pointer says linked. Conditioned on the pointer being free or this insurer's (pending
 * or linked): a check of another card at the same moment that released it (card_already_linked) leaves
 * it free, and this takes it back; another insurer's claim in between wins, and this link is undone.
 */
export async function confirmPointer(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  insurerId: string,
  now: number,
): Promise<boolean> {
  const done = await deps.db
    .update(accounts)
    .set({ insurerId, linkState: 'linked', linkChangedAt: now })
    .where(
      and(
        eq(accounts.id, accountId),
        isNull(accounts.withdrawingAt),
        or(
          isNull(accounts.insurerId),
          and(
            eq(accounts.insurerId, insurerId),
            inArray(accounts.linkState, ['pending', 'linked']),
          ),
        ),
      ),
    )
    .returning({ id: accounts.id })
  return done.length > 0
}

/** Gives the pointer back (nothing linked in B): only while it is still this insurer's pending claim. */
export async function releasePointer(deps: Pick<Deps, 'db'>, accountId: string, insurerId: string) {
  await deps.db
    .update(accounts)
    .set({ insurerId: null, linkState: null, linkChangedAt: null })
    .where(
      and(
        eq(accounts.id, accountId),
        eq(accounts.insurerId, insurerId),
        eq(accounts.linkState, 'pending'),
      ),
    )
}

/**
 * The three steps of a card link across the directory and the insurer's database (contract, "card
 * link"): claim the pointer, write the link, confirm. Each is idempotent; a stop between them is
 * finished by the member's retry or by reconcileLinks. An unlink left half-way is finished first.
 */
async function linkPerson(
  deps: CardDeps,
  accountId: string,
  person: { insurerId: string; personKey: string },
  now: number,
): Promise<'linked' | 'account_already_linked' | 'card_already_linked'> {
  let claim = await claimPointer(deps, accountId, person.insurerId, now)
  if (!claim.claimed && claim.linkState === 'unlinking') {
    await finishUnlink(deps, accountId)
    claim = await claimPointer(deps, accountId, person.insurerId, now)
  }
  const insurerDb = await deps.dbFor(person.insurerId)
  if (!claim.claimed) {
    // Linked to this insurer already: the same person again is a retry (linked), another is not.
    if (claim.insurerId === person.insurerId && claim.linkState === 'linked') {
      const [existing] = await insurerDb
        .select({ personKey: memberLinks.personKey, insurerId: memberLinks.insurerId })
        .from(memberLinks)
        .where(eq(memberLinks.accountId, accountId))
      return existing?.insurerId === person.insurerId && existing.personKey === person.personKey
        ? 'linked'
        : 'account_already_linked'
    }
    return 'account_already_linked'
  }
  const written = await writeLink(insurerDb, accountId, person, now)
  if (written === 'card_already_linked') {
    await releasePointer(deps, accountId, person.insurerId)
    return written
  }
  // The account's own link (this person or another found there): the pointer says what is there.
  if (await confirmPointer(deps, accountId, person.insurerId, now)) return written
  // Another insurer claimed the pointer in between: this link is undone, theirs goes on.
  if (written === 'linked')
    await insurerDb
      .delete(memberLinks)
      .where(
        and(
          eq(memberLinks.accountId, accountId),
          eq(memberLinks.insurerId, person.insurerId),
          eq(memberLinks.personKey, person.personKey),
        ),
      )
  return 'account_already_linked'
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
  deps: Pick<Deps, 'db' | 'dbFor'>,
  accountId: string,
): Promise<MemberProfile> {
  // The directory: the account, its pointer and the insurer's name; a pending link is no link yet.
  const [row] = await deps.db
    .select({
      id: accounts.id,
      email: accounts.email,
      insurerId: accounts.insurerId,
      linkState: accounts.linkState,
      insurerNumber: insurers.number,
      insurerName: insurers.name,
    })
    .from(accounts)
    .leftJoin(insurers, eq(insurers.id, accounts.insurerId))
    .where(eq(accounts.id, accountId))
  if (!row) throw new AppError('unauthenticated')
  const linked = row.linkState === 'linked' && row.insurerId !== null
  // Then the insurer's database: the roster's name of the linked person.
  const person = linked ? await linkedPersonOf(await deps.dbFor(row.insurerId!), accountId) : null
  return {
    id: row.id,
    email: row.email,
    linked,
    name: person?.name ?? null,
    insurer:
      linked && row.insurerNumber
        ? { number: row.insurerNumber, name: row.insurerName ?? '' }
        : null,
    orgInsurer: linked ? null : await orgInsurerOf(deps, accountId),
  }
}

/** The account's link and its roster person, in the insurer's database; null without a link. */
export async function linkedPersonOf(insurerDb: Database, accountId: string) {
  const [row] = await insurerDb
    .select({
      insurerId: memberLinks.insurerId,
      personKey: memberLinks.personKey,
      name: rosterPersons.nameKana,
      birthDate: rosterPersons.birthDate,
      sex: rosterPersons.sex,
    })
    .from(memberLinks)
    .leftJoin(rosterPersons, linkedPerson())
    .where(eq(memberLinks.accountId, accountId))
  return row ?? null
}

/** The member's linked person through the directory's pointer (memberDb), or null. */
export async function memberPerson(deps: Pick<Deps, 'db' | 'dbFor'>, accountId: string) {
  const mine = await memberDb(deps, accountId)
  return mine ? await linkedPersonOf(mine.db, accountId) : null
}
