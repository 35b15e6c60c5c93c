// The names alone, without the request schemas (valibot and the staff rules): the member's access log
// imports them, and must not pull the staff console's code into a member screen.

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
  // issue 14, unlink: 紐付け解除 (worker/services/unlink.ts writes the row, with the reason)
  unlink: 'member.unlinked',
} as const
export type MemberAction = keyof typeof MEMBER_ACTIONS
export type MemberAuditAction = (typeof MEMBER_ACTIONS)[MemberAction]

/** What the member's access log lists of staff: the member.* rows (never who, never the reason). */
export const MEMBER_VISIBLE_ACTIONS = ['member.viewed', ...Object.values(MEMBER_ACTIONS)] as const
