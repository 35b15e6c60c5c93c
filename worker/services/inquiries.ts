import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { accounts, inquiries, inquiryEvents, insurers } from '../../db/schema'
import { namedRows } from '../../db/open'
import type { Lang } from '../../core/i18n'
import { INQUIRIES_PER_HOUR, type InquiryStatus, type InquiryType } from '../../core/inquiry'
import type { InquiryInput } from '../../core/inquiry-body'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { linkedPersonOf } from './card'
import type { Subjects } from './risk'
import { newId } from './tokens'

type InquiryDeps = Pick<Deps, 'db' | 'now' | 'randomBytes'>

const HOUR_MS = 60 * 60_000
/** 受付番号's letters: digits and capitals without the look-alikes (0/O, 1/I/L), read out on the phone. */
const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** A 受付番号: the date in Japan and 8 random letters (40 bits), e.g. 20261207-7KQ3-M9XA. */
export function newReceiptNo(randomBytes: (n: number) => Uint8Array, now: number): string {
  const day = new Date(now + 9 * HOUR_MS).toISOString().slice(0, 10).replaceAll('-', '')
  const letters = [...randomBytes(8)].map((b) => RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length])
  return `${day}-${letters.slice(0, 4).join('')}-${letters.slice(4).join('')}`
}

/** An insurer's name as compared with the one typed: NFKC, without any space. */
export const insurerNameKey = (name: string) => name.normalize('NFKC').replace(/\s+/gu, '')

/**
 * The insurer whose name the inquirer typed, if it is one of ours (NFKC, spaces ignored), for the
 * console's scope. Always looked up, whatever was typed, so the answer does not depend on it.
 */
async function insurerOfName(deps: Pick<Deps, 'db'>, typed: string): Promise<string | null> {
  const key = insurerNameKey(typed)
  const rows = await deps.db.select({ id: insurers.id, name: insurers.name }).from(insurers)
  return rows.find((r) => key !== '' && insurerNameKey(r.name) === key)?.id ?? null
}

export interface StoredInquiry {
  receiptNo: string
  type: InquiryType
  createdAt: number
}

/**
 * Stores an inquiry, and holds the limit of 5 an hour per address and per IP in the same statement
 * (docs/security.md, limits hold under concurrency): the row is inserted only while fewer than 5 of
 * the address's and fewer than 5 of the IP's were stored in the last hour, and the limit is decided by
 * whether it was. The counter keys are the gate's (`subjects`), never the address or IP. The answer is
 * the same whoever the address or person is (docs/security.md, enumeration): nothing is looked up.
 */
export async function storeInquiry(
  deps: InquiryDeps,
  input: {
    form: InquiryInput
    subjects: Subjects
    accountId: string | null
    lang: Lang
  },
): Promise<StoredInquiry> {
  const { form, subjects } = input
  const now = deps.now()
  const since = now - HOUR_MS
  const id = newId(deps.randomBytes)
  const receiptNo = newReceiptNo(deps.randomBytes, now)
  const addressKey = subjects.address ?? ''
  const insurerId = await insurerOfName(deps, form.insurerName)
  const countOf = (column: typeof inquiries.addressKey | typeof inquiries.ipKey, key: string) =>
    sql`(select count(*) from ${inquiries} where ${column} = ${key} and ${inquiries.createdAt} > ${since})`
  const rows = await deps.db.all(sql`insert into ${inquiries}
    (id, receipt_no, account_id, name_kana, email, insurer_name, birth_date, type, message,
     app_version, device, os_version, browser, lang, status, address_key, ip_key, created_at, updated_at,
     insurer_id)
    select ${id}, ${receiptNo}, ${input.accountId}, ${form.nameKana}, ${form.email}, ${form.insurerName},
      ${form.birthDate}, ${form.type}, ${form.message}, ${form.appVersion}, ${form.device},
      ${form.osVersion}, ${form.browser}, ${input.lang}, 'new', ${addressKey}, ${subjects.ip}, ${now}, ${now},
      ${insurerId}
    where ${countOf(inquiries.addressKey, addressKey)} < ${INQUIRIES_PER_HOUR}
      and ${countOf(inquiries.ipKey, subjects.ip)} < ${INQUIRIES_PER_HOUR}
    returning id`)
  if (namedRows(rows, ['id'] as const).length === 0) throw new AppError('inquiry_limit')
  return { receiptNo, type: form.type, createdAt: now }
}

/**
 * What the form starts with for a logged-in member: the account's address and the linked person
 * (the directory's account and pointer, then the roster in the insurer's database).
 */
export async function inquiryPrefill(deps: Pick<Deps, 'db' | 'dbFor'>, accountId: string) {
  const [row] = await deps.db
    .select({
      email: accounts.email,
      insurerId: accounts.insurerId,
      linkState: accounts.linkState,
      insurerName: insurers.name,
    })
    .from(accounts)
    .leftJoin(insurers, eq(insurers.id, accounts.insurerId))
    .where(eq(accounts.id, accountId))
  if (!row) throw new AppError('unauthenticated')
  const linked = row.linkState === 'linked' && row.insurerId !== null
  const person = linked ? await linkedPersonOf(await deps.dbFor(row.insurerId!), accountId) : null
  return {
    email: row.email,
    nameKana: person?.name ?? '',
    birthDate: person?.birthDate ?? '',
    insurerName: linked ? (row.insurerName ?? '') : '',
  }
}

export interface InquirySummary {
  receiptNo: string
  /** Support's replies, as mailed, oldest first. */
  replies: { at: number; body: string }[]
  type: InquiryType
  status: InquiryStatus
  createdAt: number
  updatedAt: number
}

/** お問い合わせ履歴: the member's own inquiries, newest first (those sent while logged in), with replies. */
export async function memberInquiries(
  deps: Pick<Deps, 'db'>,
  accountId: string,
): Promise<InquirySummary[]> {
  const rows = await deps.db
    .select({
      id: inquiries.id,
      receiptNo: inquiries.receiptNo,
      type: inquiries.type,
      status: inquiries.status,
      createdAt: inquiries.createdAt,
      updatedAt: inquiries.updatedAt,
    })
    .from(inquiries)
    .where(eq(inquiries.accountId, accountId))
    .orderBy(desc(inquiries.createdAt))
    .limit(100)
  // The replies of those inquiries, by a subquery rather than a list of ids: 100 ids would be more
  // bound parameters than D1 takes in one statement.
  const listed = deps.db
    .select({ id: inquiries.id })
    .from(inquiries)
    .where(eq(inquiries.accountId, accountId))
    .orderBy(desc(inquiries.createdAt))
    .limit(100)
  const replies =
    rows.length === 0
      ? []
      : await deps.db
          .select({
            inquiryId: inquiryEvents.inquiryId,
            at: inquiryEvents.at,
            body: inquiryEvents.body,
          })
          .from(inquiryEvents)
          .where(and(inArray(inquiryEvents.inquiryId, listed), eq(inquiryEvents.kind, 'reply')))
          .orderBy(asc(inquiryEvents.at), asc(inquiryEvents.id))
  return rows.map(({ id, ...r }) => ({
    ...r,
    replies: replies.filter((e) => e.inquiryId === id).map(({ at, body }) => ({ at, body })),
  }))
}
