import * as v from 'valibot'

/** The audit log's page (routes/ops.audit.ts) and the most rows one CSV export holds. */
export const AUDIT_PAGE = 100
export const AUDIT_EXPORT_MAX = 10_000

const id = (message: string) =>
  v.optional(
    v.pipe(
      v.string(message),
      v.trim(),
      v.maxLength(64, message),
      v.regex(/^[A-Za-z0-9_-]*$/, message),
      v.transform((s) => s || undefined),
    ),
  )

/** A day (YYYY-MM-DD, a day of Japan) as the console's date fields send it. */
const day = (message: string) =>
  v.optional(
    v.pipe(
      v.string(message),
      v.trim(),
      v.check(
        (s) => s === '' || (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s))),
        message,
      ),
      v.transform((s) => s || undefined),
    ),
  )

/**
 * The audit search's filters: a member's account id, a staff member's id, an action, a range of days
 * (Japan's, both ends included), and the cursor of the page before (keyset: newest first).
 */
export const AuditQuery = v.strictObject(
  {
    member: id('staff.audit.field.member'),
    staff: id('staff.audit.field.staff'),
    action: v.optional(
      v.pipe(
        v.string('staff.audit.field.action'),
        v.trim(),
        v.maxLength(64, 'staff.audit.field.action'),
        v.regex(/^[a-z_.]*$/, 'staff.audit.field.action'),
        v.transform((s) => s || undefined),
      ),
    ),
    from: day('staff.audit.field.from'),
    to: day('staff.audit.field.to'),
    cursor: v.optional(
      v.pipe(
        v.string('staff.audit.field.cursor'),
        v.regex(/^\d{1,15}\.\d{1,15}$/, 'staff.audit.field.cursor'),
      ),
    ),
  },
  'error.validation',
)
export type AuditFilters = v.InferOutput<typeof AuditQuery>

/** The first millisecond of a day of Japan (UTC+9, no summer time), and the first of the next. */
export const jstDayStart = (day: string) => Date.parse(`${day}T00:00:00+09:00`)
export const jstDayEnd = (day: string) => jstDayStart(day) + 86_400_000
