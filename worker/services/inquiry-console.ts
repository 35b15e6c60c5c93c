/**
 * The staff console's お問い合わせ (issue 11): the list with its counts, the detail with its
 * candidates, identity-check notes, replies (mailed once per idempotency key), status moves and the
 * assignee. Scope (docs/security.md#staff): a scoped support agent works on their insurer's inquiries
 * only, a portal-wide one on all; an inquiry out of scope is `not_found`, so its id is not confirmed.
 * Portal-wide data (inquiries, accounts, staff, insurers) and an insurer's data (roster_persons,
 * member_links) are read by separate queries and joined here.
 */
import {
  and,
  asc,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  not,
  or,
  sql,
  type SQL,
} from 'drizzle-orm'
import { normalizeEmail } from '../../core/email'
import type { Lang } from '../../core/i18n'
import { INQUIRY_STATUSES, type InquiryStatus, type InquiryType } from '../../core/inquiry'
import {
  AGE_MS,
  canMove,
  INQUIRY_PAGE_SIZE,
  maskEmail,
  type IdentityCheck,
  type InquiryListFilters,
} from '../../core/inquiry-console'
import { normalizeKanaName } from '../../core/kana'
import { inScope } from '../../core/staff'
import {
  accounts,
  auditLog,
  inquiries,
  notices,
  inquiryEvents,
  insurers,
  memberLinks,
  rosterPersons,
  staff,
} from '../../db/schema'
import { runBatch } from '../../db/open'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { staffAuditWhere } from './audit'
import { insurerDbFor } from './shards'
import { newId } from './tokens'
import type { StaffMember } from './staff'

type ConsoleDeps = Pick<Deps, 'db' | 'dbFor' | 'now' | 'randomBytes'>
type Agent = Pick<StaffMember, 'id' | 'role' | 'insurerId'>

/** The inquiries an agent may see: all for portal-wide support, else their insurer's. */
function scopeOf(agent: Agent): SQL | undefined {
  if (inScope(agent, null)) return undefined
  return agent.insurerId === null ? sql`0` : eq(inquiries.insurerId, agent.insurerId)
}

export interface InquiryListItem {
  receiptNo: string
  createdAt: number
  type: InquiryType
  status: InquiryStatus
  insurerName: string
  nameKana: string
  assigneeName: string | null
}

/**
 * One page of the list, newest first, and the counts per status for the same filters but status.
 * Keyset pagination on (created_at, rowid), which every index of inquiries ends with, so a page reads
 * 51 index entries whatever the filters; the cursor is the last item's `createdAt.rowid`.
 */
export async function listInquiries(
  deps: ConsoleDeps,
  agent: Agent,
  filters: InquiryListFilters,
): Promise<{
  items: InquiryListItem[]
  counts: Record<InquiryStatus, number>
  nextCursor: string | null
}> {
  const empty = { new: 0, in_progress: 0, answered: 0, closed: 0 }
  const common: (SQL | undefined)[] = [scopeOf(agent)]
  if (filters.type) common.push(eq(inquiries.type, filters.type))
  if (filters.insurer) {
    const [insurer] = await deps.db
      .select({ id: insurers.id })
      .from(insurers)
      .where(eq(insurers.number, filters.insurer))
    if (!insurer || !inScope(agent, insurer.id))
      return { items: [], counts: empty, nextCursor: null }
    common.push(eq(inquiries.insurerId, insurer.id))
  }
  if (filters.age) common.push(lt(inquiries.createdAt, deps.now() - AGE_MS[filters.age]))
  if (filters.assignee === 'me') common.push(eq(inquiries.assigneeId, agent.id))
  if (filters.assignee === 'none') common.push(isNull(inquiries.assigneeId))

  const page: (SQL | undefined)[] = [...common]
  if (filters.cursor) {
    const [at, rowid] = filters.cursor.split('.').map(Number)
    page.push(
      lte(inquiries.createdAt, at),
      not(and(eq(inquiries.createdAt, at), sql`${inquiries}.rowid >= ${rowid}`)!),
    )
  }
  // With an insurer (the filter, or a scoped agent) and no status, one query per status: the index
  // inquiries_insurer (insurer_id, status, created_at) gives each in created_at order, 51 entries read,
  // where one query over all statuses would sort every row of the insurer. Merged here.
  const byInsurer = filters.insurer !== undefined || !inScope(agent, null)
  const statuses: (InquiryStatus | undefined)[] = filters.status
    ? [filters.status]
    : byInsurer
      ? [...INQUIRY_STATUSES]
      : [undefined]
  const pageOf = (status: InquiryStatus | undefined) =>
    deps.db
      .select({
        rowid: sql<number>`${inquiries}.rowid`,
        receiptNo: inquiries.receiptNo,
        createdAt: inquiries.createdAt,
        type: inquiries.type,
        status: inquiries.status,
        insurerName: inquiries.insurerName,
        nameKana: inquiries.nameKana,
        assigneeId: inquiries.assigneeId,
      })
      .from(inquiries)
      .where(and(...page, status ? eq(inquiries.status, status) : undefined))
      .orderBy(desc(inquiries.createdAt), desc(sql`${inquiries}.rowid`))
      .limit(INQUIRY_PAGE_SIZE + 1)
  const [countRows, ...pages] = await Promise.all([
    deps.db
      .select({ status: inquiries.status, n: sql<number>`count(*)` })
      .from(inquiries)
      .where(and(...common))
      .groupBy(inquiries.status),
    ...statuses.map(pageOf),
  ])
  const rows = pages
    .flat()
    .sort((a, b) => b.createdAt - a.createdAt || b.rowid - a.rowid)
    .slice(0, INQUIRY_PAGE_SIZE + 1)
  const more = rows.length > INQUIRY_PAGE_SIZE
  const shown = rows.slice(0, INQUIRY_PAGE_SIZE)
  const names = await staffNames(
    deps,
    shown.map((r) => r.assigneeId),
  )
  const counts = { ...empty }
  for (const r of countRows) counts[r.status] = Number(r.n)
  const last = shown[shown.length - 1]
  return {
    items: shown.map(({ rowid: _rowid, assigneeId, ...r }) => ({
      ...r,
      assigneeName: assigneeId ? (names.get(assigneeId) ?? null) : null,
    })),
    counts,
    nextCursor: more && last ? `${last.createdAt}.${last.rowid}` : null,
  }
}

async function staffNames(
  deps: Pick<Deps, 'db'>,
  ids: (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))]
  if (wanted.length === 0) return new Map()
  const rows = await deps.db
    .select({ id: staff.id, name: staff.name })
    .from(staff)
    .where(inArray(staff.id, wanted))
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** The inquiry of a receipt number, if the agent may see it; otherwise `not_found`. */
async function inquiryInScope(deps: Pick<Deps, 'db'>, agent: Agent, receiptNo: string) {
  const [row] = await deps.db.select().from(inquiries).where(eq(inquiries.receiptNo, receiptNo))
  if (!row || !inScope(agent, row.insurerId)) throw new AppError('not_found')
  return row
}

export interface AccountCandidate {
  accountId: string
  maskedEmail: string
  createdAt: number
  /** The account's link, or null; `insurerName` null when the link is out of the agent's scope. */
  link: { insurerName: string | null; personKey: string | null } | null
}

export interface PersonCandidate {
  insurerName: string
  personKey: string
  nameKana: string
  birthDate: string
  /** The account linked to this person, if any (its address masked). */
  account: { accountId: string; maskedEmail: string } | null
}

/**
 * Who the inquirer may be, never shown to them: accounts with the inquiry's address (normalised),
 * and roster persons with its kana name and birth date in the insurer chosen (if it is one of ours),
 * else the agent's own insurer.
 *
 * Databases (issue 14): accounts and their pointers are the directory's; the roster and the links
 * are each insurer's own database, opened only for an insurer in the agent's scope (insurerDbFor).
 * A portal-wide agent's search of every insurer's roster is not offered (one query per insurer
 * database, over D1's 1,000 queries per invocation): without an insurer on the inquiry, no roster
 * persons are proposed. An account's link is found through its pointer, in its insurer's database.
 */
async function candidatesOf(
  deps: Pick<Deps, 'db' | 'dbFor'>,
  agent: Agent,
  row: { email: string; nameKana: string; birthDate: string; insurerId: string | null },
): Promise<{ accounts: AccountCandidate[]; persons: PersonCandidate[] }> {
  const insurerRows = await deps.db.select({ id: insurers.id, name: insurers.name }).from(insurers)
  const insurerName = new Map(insurerRows.map((r) => [r.id, r.name]))

  // Portal-wide (the directory): the accounts of the address, with their pointers.
  const byAddress = await deps.db
    .select({
      id: accounts.id,
      email: accounts.email,
      createdAt: accounts.createdAt,
      insurerId: accounts.insurerId,
      linkState: accounts.linkState,
    })
    .from(accounts)
    .where(eq(accounts.emailKey, normalizeEmail(row.email)))
    .limit(5)

  // The links of those accounts, in their insurers' databases: only where the agent may see them.
  const accountLinks = new Map<string, { insurerId: string; personKey: string | null }>()
  for (const a of byAddress) {
    if (!a.insurerId || a.linkState !== 'linked') continue
    if (!inScope(agent, a.insurerId)) {
      accountLinks.set(a.id, { insurerId: a.insurerId, personKey: null })
      continue
    }
    const db = await insurerDbFor(deps, agent, a.insurerId)
    const [link] = await db
      .select({ personKey: memberLinks.personKey })
      .from(memberLinks)
      .where(and(eq(memberLinks.accountId, a.id), eq(memberLinks.insurerId, a.insurerId)))
    accountLinks.set(a.id, { insurerId: a.insurerId, personKey: link?.personKey ?? null })
  }

  // Insurer data: roster persons by name key and birth date, in one insurer's database.
  const nameKey = normalizeKanaName(row.nameKana)
  const insurerId = row.insurerId ?? (inScope(agent, null) ? null : agent.insurerId)
  const searched =
    nameKey === '' || insurerId === null || !inScope(agent, insurerId)
      ? null
      : await insurerDbFor(deps, agent, insurerId).catch(() => null)
  const persons = !searched
    ? []
    : await searched
        .select({
          insurerId: rosterPersons.insurerId,
          personKey: rosterPersons.personKey,
          nameKana: rosterPersons.nameKana,
          birthDate: rosterPersons.birthDate,
        })
        .from(rosterPersons)
        .where(
          and(
            eq(rosterPersons.insurerId, insurerId!),
            eq(rosterPersons.nameKey, nameKey),
            eq(rosterPersons.birthDate, row.birthDate),
          ),
        )
        .limit(20)

  // The persons' links (same database), then their accounts' addresses (the directory), masked.
  const personLinks =
    !searched || persons.length === 0
      ? []
      : await searched
          .select({ accountId: memberLinks.accountId, personKey: memberLinks.personKey })
          .from(memberLinks)
          .where(
            and(
              eq(memberLinks.insurerId, insurerId!),
              inArray(
                memberLinks.personKey,
                persons.map((p) => p.personKey),
              ),
            ),
          )
  const linkedAccounts =
    personLinks.length === 0
      ? []
      : await deps.db
          .select({ id: accounts.id, email: accounts.email })
          .from(accounts)
          .where(
            inArray(
              accounts.id,
              personLinks.map((l) => l.accountId),
            ),
          )
  const emailOf = new Map(linkedAccounts.map((a) => [a.id, a.email]))

  return {
    accounts: byAddress.map((a) => {
      const link = accountLinks.get(a.id)
      const visible = link ? inScope(agent, link.insurerId) : false
      return {
        accountId: a.id,
        maskedEmail: maskEmail(a.email),
        createdAt: a.createdAt,
        link: link
          ? {
              insurerName: visible ? (insurerName.get(link.insurerId) ?? null) : null,
              personKey: visible ? link.personKey : null,
            }
          : null,
      }
    }),
    persons: persons.map((p) => {
      const link = personLinks.find((l) => l.personKey === p.personKey)
      const email = link ? emailOf.get(link.accountId) : undefined
      return {
        insurerName: insurerName.get(p.insurerId) ?? '',
        personKey: p.personKey,
        nameKana: p.nameKana,
        birthDate: p.birthDate,
        account:
          link && email !== undefined
            ? { accountId: link.accountId, maskedEmail: maskEmail(email) }
            : null,
      }
    }),
  }
}

export interface InquiryEventView {
  id: number
  at: number
  kind: 'status' | 'note' | 'reply' | 'assign'
  staffName: string | null
  fromStatus: string | null
  toStatus: string | null
  body: string
  checks: string[]
  template: string | null
  assigneeName: string | null
}

/** The inquiry as typed, its history, its assignee and its candidates; audited as `inquiry.viewed`. */
export async function inquiryDetail(
  deps: ConsoleDeps,
  agent: Agent,
  ip: string,
  receiptNo: string,
) {
  const row = await inquiryInScope(deps, agent, receiptNo)
  const [events, candidates] = await Promise.all([
    deps.db
      .select()
      .from(inquiryEvents)
      .where(eq(inquiryEvents.inquiryId, row.id))
      .orderBy(asc(inquiryEvents.at), asc(inquiryEvents.id)),
    candidatesOf(deps, agent, row),
  ])
  const names = await staffNames(deps, [
    row.assigneeId,
    ...events.map((e) => e.staffId),
    ...events.filter((e) => e.kind === 'assign').map((e) => e.body || null),
  ])
  const [insurer] = row.insurerId
    ? await deps.db
        .select({ number: insurers.number, name: insurers.name })
        .from(insurers)
        .where(eq(insurers.id, row.insurerId))
    : []
  await deps.db.insert(auditLog).values({
    at: deps.now(),
    action: 'inquiry.viewed',
    actorType: 'staff',
    actorId: agent.id,
    ip,
    detail: JSON.stringify({ inquiry: row.receiptNo }),
  })
  return {
    inquiry: {
      receiptNo: row.receiptNo,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      type: row.type,
      status: row.status,
      lang: row.lang,
      nameKana: row.nameKana,
      email: row.email,
      insurerName: row.insurerName,
      birthDate: row.birthDate,
      message: row.message,
      appVersion: row.appVersion,
      device: row.device,
      osVersion: row.osVersion,
      browser: row.browser,
      /** The insurer matched from the name typed, if any. */
      insurer: insurer ?? null,
      /** Sent while logged in: the account it came from. */
      accountId: row.accountId,
    },
    assignee: row.assigneeId
      ? { id: row.assigneeId, name: names.get(row.assigneeId) ?? row.assigneeId }
      : null,
    events: events.map((e): InquiryEventView => {
      const meta = parseMeta(e.meta)
      return {
        id: e.id,
        at: e.at,
        kind: e.kind,
        staffName: e.staffId ? (names.get(e.staffId) ?? e.staffId) : null,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        body: e.kind === 'assign' ? '' : e.body,
        checks: Array.isArray(meta.checks) ? meta.checks.map(String) : [],
        template: typeof meta.template === 'string' ? meta.template : null,
        assigneeName: e.kind === 'assign' && e.body ? (names.get(e.body) ?? e.body) : null,
      }
    }),
    candidates,
  }
}

function parseMeta(meta: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(meta)
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** The support agents who may be assigned this inquiry (and so see it). */
export async function assignableAgents(deps: Pick<Deps, 'db'>, agent: Agent, receiptNo: string) {
  const row = await inquiryInScope(deps, agent, receiptNo)
  const rows = await deps.db
    .select({ id: staff.id, name: staff.name, insurerId: staff.insurerId })
    .from(staff)
    .where(and(eq(staff.role, 'support'), isNull(staff.disabledAt)))
    .orderBy(asc(staff.name))
  return rows
    .filter((s) => inScope({ role: 'support', insurerId: s.insurerId }, row.insurerId))
    .map(({ id, name }) => ({ id, name }))
}

/** An identity-check note: what was checked, and what was found. Audited with the note, in one batch. */
export async function addNote(
  deps: ConsoleDeps,
  agent: Agent,
  ip: string,
  receiptNo: string,
  note: { checks: IdentityCheck[]; note: string },
): Promise<void> {
  const row = await inquiryInScope(deps, agent, receiptNo)
  const checks = [...new Set(note.checks)]
  await runBatch(deps.db, [
    deps.db.insert(inquiryEvents).values({
      inquiryId: row.id,
      at: deps.now(),
      staffId: agent.id,
      kind: 'note',
      body: note.note,
      meta: JSON.stringify({ checks }),
    }),
    staffAuditWhere(
      deps,
      agent,
      ip,
      'inquiry.note_added',
      { inquiry: row.receiptNo, checks: checks.join(',') },
      inquiries,
      eq(inquiries.id, row.id),
    ),
  ])
}

export interface ReplyOutcome {
  /** True only for the request whose insert took place: it sends the mail. */
  sent: boolean
  reply: { id: number; at: number; template: string }
  inquiry: { receiptNo: string; email: string; lang: Lang; status: InquiryStatus }
}

/**
 * A reply, once per idempotency key: ONE statement inserts the reply event only while the inquiry is
 * not closed (INSERT … SELECT … WHERE status <> 'closed' ON CONFLICT DO NOTHING RETURNING). The request
 * whose insert took place moves the inquiry to 回答済 (with a status event, unless it already was) and
 * is told to send the mail; a repeat of the key gets the first reply back and sends nothing; a closed
 * inquiry is `wrong_state`.
 */
export async function replyToInquiry(
  deps: ConsoleDeps,
  agent: Agent,
  ip: string,
  receiptNo: string,
  input: { idempotencyKey: string; template: string; body: string; lang: Lang },
): Promise<ReplyOutcome> {
  const row = await inquiryInScope(deps, agent, receiptNo)
  const now = deps.now()
  const value = <T>(v: T | null, name: string) => sql<T>`${v}`.as(name)
  const inserted = await deps.db
    .insert(inquiryEvents)
    .select(
      deps.db
        .select({
          id: value<number>(null, 'id'),
          inquiryId: inquiries.id,
          at: value(now, 'at'),
          staffId: value(agent.id, 'staff_id'),
          kind: value('reply', 'kind'),
          fromStatus: inquiries.status,
          toStatus: value('answered', 'to_status'),
          body: value(input.body, 'body'),
          meta: value(JSON.stringify({ template: input.template, lang: input.lang }), 'meta'),
          idempotencyKey: value(input.idempotencyKey, 'idempotency_key'),
        })
        .from(inquiries)
        .where(and(eq(inquiries.id, row.id), ne(inquiries.status, 'closed'))),
    )
    .onConflictDoNothing()
    .returning({ id: inquiryEvents.id, at: inquiryEvents.at })
  const summary = { receiptNo: row.receiptNo, email: row.email, lang: row.lang }
  if (inserted.length === 0) {
    const [first] = await deps.db
      .select({ id: inquiryEvents.id, at: inquiryEvents.at, meta: inquiryEvents.meta })
      .from(inquiryEvents)
      .where(
        and(
          eq(inquiryEvents.inquiryId, row.id),
          eq(inquiryEvents.idempotencyKey, input.idempotencyKey),
        ),
      )
    if (!first) throw new AppError('wrong_state', { detail: { reason: 'inquiry_closed' } })
    const [current] = await deps.db
      .select({ status: inquiries.status })
      .from(inquiries)
      .where(eq(inquiries.id, row.id))
    const template = parseMeta(first.meta).template
    return {
      sent: false,
      reply: { id: first.id, at: first.at, template: typeof template === 'string' ? template : '' },
      inquiry: { ...summary, status: current?.status ?? row.status },
    }
  }
  // To 回答済 with its status event, in one batch, both only if it was 新規 or 対応中.
  const open = and(eq(inquiries.id, row.id), inArray(inquiries.status, ['new', 'in_progress']))
  await runBatch(deps.db, [
    deps.db.insert(inquiryEvents).select(
      deps.db
        .select({
          id: value<number>(null, 'id'),
          inquiryId: inquiries.id,
          at: value(now, 'at'),
          staffId: value(agent.id, 'staff_id'),
          kind: value('status', 'kind'),
          fromStatus: inquiries.status,
          toStatus: value('answered', 'to_status'),
          body: value('', 'body'),
          meta: value('{}', 'meta'),
          idempotencyKey: value<string>(null, 'idempotency_key'),
        })
        .from(inquiries)
        .where(open),
    ),
    deps.db.update(inquiries).set({ status: 'answered', updatedAt: now }).where(open),
    // お知らせ for the member who was logged in when they asked (their お問い合わせ履歴 is on /inquiry):
    // in the reply's batch, so a reply and its notice are stored together. The reply mail is the mail.
    deps.db.insert(notices).select(
      deps.db
        .select({
          id: value(newId(deps.randomBytes), 'id'),
          accountId: sql<string>`${inquiries.accountId}`.as('account_id'),
          kind: value('inquiry_reply', 'kind'),
          link: value('/inquiry', 'link'),
          createdAt: value(now, 'created_at'),
          readAt: value<number>(null, 'read_at'),
        })
        .from(inquiries)
        .where(and(eq(inquiries.id, row.id), isNotNull(inquiries.accountId))),
    ),
    staffAuditWhere(
      deps,
      agent,
      ip,
      'inquiry.replied',
      { inquiry: row.receiptNo, template: input.template, lang: input.lang },
      inquiries,
      eq(inquiries.id, row.id),
    ),
  ])
  return {
    sent: true,
    reply: { id: inserted[0].id, at: inserted[0].at, template: input.template },
    inquiry: { ...summary, status: 'answered' },
  }
}

/**
 * A status move, decided by UPDATE … WHERE status = <from>: the event and the audit row go in the same
 * batch under the same condition, so a move made meanwhile by someone else changes nothing (409).
 */
export async function moveStatus(
  deps: ConsoleDeps,
  agent: Agent,
  ip: string,
  receiptNo: string,
  input: { status: InquiryStatus; reason?: string },
): Promise<{ from: InquiryStatus; status: InquiryStatus }> {
  const row = await inquiryInScope(deps, agent, receiptNo)
  const from = row.status
  if (!canMove(from, input.status))
    throw new AppError('wrong_state', {
      detail: { reason: from === 'closed' ? 'inquiry_closed' : 'status_move', from },
    })
  const now = deps.now()
  const still = and(eq(inquiries.id, row.id), eq(inquiries.status, from))
  const value = <T>(v: T | null, name: string) => sql<T>`${v}`.as(name)
  const [, , updated] = (await runBatch(deps.db, [
    deps.db.insert(inquiryEvents).select(
      deps.db
        .select({
          id: value<number>(null, 'id'),
          inquiryId: inquiries.id,
          at: value(now, 'at'),
          staffId: value(agent.id, 'staff_id'),
          kind: value('status', 'kind'),
          fromStatus: inquiries.status,
          toStatus: value(input.status, 'to_status'),
          body: value(input.reason ?? '', 'body'),
          meta: value('{}', 'meta'),
          idempotencyKey: value<string>(null, 'idempotency_key'),
        })
        .from(inquiries)
        .where(still),
    ),
    staffAuditWhere(
      deps,
      agent,
      ip,
      'inquiry.status_changed',
      {
        inquiry: row.receiptNo,
        from,
        to: input.status,
        ...(input.reason ? { reason: input.reason } : {}),
      },
      inquiries,
      still,
    ),
    deps.db
      .update(inquiries)
      .set({ status: input.status, updatedAt: now })
      .where(still)
      .returning({ status: inquiries.status }),
  ])) as [unknown, unknown, { status: InquiryStatus }[]]
  if (updated.length === 0)
    throw new AppError('wrong_state', { detail: { reason: 'status_changed' } })
  return { from, status: input.status }
}

/** The assignee: a support agent who may see the inquiry, or nobody. Event and audit in one batch. */
export async function assignInquiry(
  deps: ConsoleDeps,
  agent: Agent,
  ip: string,
  receiptNo: string,
  staffId: string | null,
): Promise<{ assignee: { id: string; name: string } | null }> {
  const row = await inquiryInScope(deps, agent, receiptNo)
  let assignee: { id: string; name: string } | null = null
  if (staffId !== null) {
    const [target] = await deps.db
      .select({ id: staff.id, name: staff.name, role: staff.role, insurerId: staff.insurerId })
      .from(staff)
      .where(and(eq(staff.id, staffId), isNull(staff.disabledAt)))
    if (
      !target ||
      target.role !== 'support' ||
      !inScope({ role: 'support', insurerId: target.insurerId }, row.insurerId)
    )
      throw new AppError('validation', { detail: { reason: 'assignee' } })
    assignee = { id: target.id, name: target.name }
  }
  const now = deps.now()
  const where = eq(inquiries.id, row.id)
  await runBatch(deps.db, [
    deps.db.update(inquiries).set({ assigneeId: staffId, updatedAt: now }).where(where),
    deps.db.insert(inquiryEvents).values({
      inquiryId: row.id,
      at: now,
      staffId: agent.id,
      kind: 'assign',
      body: staffId ?? '',
    }),
    staffAuditWhere(
      deps,
      agent,
      ip,
      'inquiry.assigned',
      { inquiry: row.receiptNo, assignee: staffId ?? '' },
      inquiries,
      where,
    ),
  ])
  return { assignee }
}
