/**
 * The staff console's お問い合わせ (issue 11): the bodies its routes take (valibot, messages in
 * core/messages/staff.*.ts), the status moves allowed, the identity checks a note may record, and the
 * masking of a candidate's address. Shared by the Worker, which enforces them, and the console.
 */
import * as v from 'valibot'
import type { InquiryStatus } from './inquiry.ts'
import { INQUIRY_STATUSES, INQUIRY_TYPES } from './inquiry.ts'
import { REPLY_TEMPLATE_IDS } from './inquiry-replies.ts'

/** One page of the list. */
export const INQUIRY_PAGE_SIZE = 50
/** The list's age filter: older than 24 h or 72 h (waiting that long). */
export const INQUIRY_AGES = ['24h', '72h'] as const
export type InquiryAge = (typeof INQUIRY_AGES)[number]
export const AGE_MS: Record<InquiryAge, number> = { '24h': 24 * 3_600_000, '72h': 72 * 3_600_000 }

/** What an identity-check note may say was checked. */
export const IDENTITY_CHECKS = ['name', 'birthDate', 'insurer', 'card', 'address', 'phone'] as const
export type IdentityCheck = (typeof IDENTITY_CHECKS)[number]

export const NOTE_MAX = 1000
export const REPLY_MAX = 4000

/**
 * The moves a support agent may make: 新規→対応中→回答済→完了, 回答済→対応中 (the member wrote again),
 * and closing from any open state. 完了 is final. A reply itself moves the inquiry to 回答済.
 */
export const STATUS_MOVES: Record<InquiryStatus, readonly InquiryStatus[]> = {
  new: ['in_progress', 'closed'],
  in_progress: ['answered', 'closed'],
  answered: ['in_progress', 'closed'],
  closed: [],
}

export function canMove(from: InquiryStatus, to: InquiryStatus): boolean {
  return STATUS_MOVES[from].includes(to)
}

/** An address as support sees a candidate's: the first letter and the domain (t***@example.jp). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return '***'
  return `${email[0]}***${email.slice(at)}`
}

/**
 * An object of the console's: a missing field reads that field's own message (`MISSING`), anything
 * else that is not the object reads `error.validation`.
 */
const MISSING: Record<string, string> = {
  checks: 'staff.inquiries.field.checks',
  note: 'staff.inquiries.field.note.too_long',
  idempotencyKey: 'staff.inquiries.field.idempotency_key',
  template: 'staff.inquiries.field.template',
  body: 'staff.inquiries.field.body.required',
  lang: 'staff.inquiries.field.lang',
  status: 'staff.inquiries.field.status',
  staffId: 'staff.inquiries.field.staff_id',
}
const objectMessage = (issue: v.BaseIssue<unknown>) => {
  const key = issue.path?.[0]?.key
  return typeof key === 'string' && Object.hasOwn(MISSING, key) ? MISSING[key] : 'error.validation'
}

/** GET /api/ops/inquiries's query (all optional; strings as URLs carry them). */
export const InquiryListQuery = v.strictObject(
  {
    status: v.optional(v.picklist(INQUIRY_STATUSES, 'staff.inquiries.field.status')),
    type: v.optional(v.picklist(INQUIRY_TYPES, 'staff.inquiries.field.type')),
    insurer: v.optional(
      v.pipe(
        v.string('staff.inquiries.field.insurer'),
        v.regex(/^\d{8}$/, 'staff.inquiries.field.insurer'),
      ),
    ),
    age: v.optional(v.picklist(INQUIRY_AGES, 'staff.inquiries.field.age')),
    assignee: v.optional(v.picklist(['me', 'none'], 'staff.inquiries.field.assignee')),
    cursor: v.optional(
      v.pipe(
        v.string('staff.inquiries.field.cursor'),
        v.regex(/^\d{1,15}\.[\w-]{1,64}$/, 'staff.inquiries.field.cursor'),
      ),
    ),
  },
  'error.validation',
)
export type InquiryListFilters = v.InferOutput<typeof InquiryListQuery>

export const InquiryNoteBody = v.strictObject(
  {
    checks: v.pipe(
      v.array(
        v.picklist(IDENTITY_CHECKS, 'staff.inquiries.field.checks'),
        'staff.inquiries.field.checks',
      ),
      v.maxLength(IDENTITY_CHECKS.length, 'staff.inquiries.field.checks'),
    ),
    note: v.pipe(
      v.string('staff.inquiries.field.note.too_long'),
      v.trim(),
      v.maxLength(NOTE_MAX, 'staff.inquiries.field.note.too_long'),
    ),
  },
  objectMessage,
)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const InquiryReplyBody = v.strictObject(
  {
    idempotencyKey: v.pipe(
      v.string('staff.inquiries.field.idempotency_key'),
      v.regex(UUID, 'staff.inquiries.field.idempotency_key'),
    ),
    template: v.picklist(REPLY_TEMPLATE_IDS, 'staff.inquiries.field.template'),
    body: v.pipe(
      v.string('staff.inquiries.field.body.required'),
      v.trim(),
      v.nonEmpty('staff.inquiries.field.body.required'),
      v.maxLength(REPLY_MAX, 'staff.inquiries.field.body.too_long'),
    ),
    lang: v.picklist(['ja', 'en'], 'staff.inquiries.field.lang'),
  },
  objectMessage,
)

export const InquiryStatusBody = v.strictObject(
  {
    status: v.picklist(INQUIRY_STATUSES, 'staff.inquiries.field.status'),
    reason: v.optional(
      v.pipe(
        v.string('staff.inquiries.field.reason.too_long'),
        v.trim(),
        v.maxLength(500, 'staff.inquiries.field.reason.too_long'),
      ),
    ),
  },
  objectMessage,
)

export const InquiryAssigneeBody = v.strictObject(
  {
    staffId: v.nullable(
      v.pipe(
        v.string('staff.inquiries.field.staff_id'),
        v.nonEmpty('staff.inquiries.field.staff_id'),
        v.maxLength(64, 'staff.inquiries.field.staff_id'),
      ),
    ),
  },
  objectMessage,
)
