import * as v from 'valibot'
import { normalizeEmail } from './email'
import { ReasonField } from './staff'

export {
  MEMBER_ACTIONS,
  MEMBER_VISIBLE_ACTIONS,
  type MemberAction,
  type MemberAuditAction,
} from './member-action-names'

/** Every action on a member takes a reason, which goes into its audit row. */
export const MemberActionBody = v.strictObject({ reason: ReasonField }, 'error.validation')

/** An address lookup: the address as typed (matched normalised, core/email.ts). */
export const MemberLookupQuery = v.strictObject(
  {
    email: v.pipe(
      v.string('staff.members.field.email'),
      v.trim(),
      v.nonEmpty('staff.members.field.email'),
      v.maxLength(254, 'staff.members.field.email'),
      v.transform(normalizeEmail),
    ),
  },
  'error.validation',
)

/**
 * An address as support may see it: the first character of the local part, `***`, and the domain
 * (t***@example.jp). Support never sees a member's address whole.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return '***'
  return `${[...email.slice(0, at)][0]}***${email.slice(at)}`
}
