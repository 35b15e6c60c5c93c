import * as v from 'valibot'
import { normalizeEmail } from './email'
import { ReasonField } from './staff'

/**
 * Support's actions on a member (routes/ops.members.ts), in the URL's words, each with its audit
 * action: every one is shown to the member in their access log (GET /api/account/access-log).
 */
export const MEMBER_ACTIONS = {
  'reissue-code': 'member.code_reissued',
  'unlock-address': 'member.address_unlocked',
  'unlock-health': 'member.health_unlocked',
  'reset-mail': 'member.reset_mail_sent',
  'end-sessions': 'member.sessions_ended',
  'login-id-notice': 'member.login_id_notice_sent',
} as const
export type MemberAction = keyof typeof MEMBER_ACTIONS
export type MemberAuditAction = (typeof MEMBER_ACTIONS)[MemberAction]

/** What the member's access log lists of staff: the member.* rows (never who, never the reason). */
export const MEMBER_VISIBLE_ACTIONS = ['member.viewed', ...Object.values(MEMBER_ACTIONS)] as const

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
