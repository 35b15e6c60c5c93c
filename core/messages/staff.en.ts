import type { StaffMessageKey } from '../i18n.ts'

/** The staff console's messages in English (staff.ja.ts). */
export const staffEn: Record<StaffMessageKey, string> = {
  'staff.field.email.required': 'Please enter your e-mail address.',
  'staff.field.password.required': 'Please enter your password.',
  'staff.field.code.required': 'Please enter the 6-digit code.',
  'staff.field.code.format': 'The code is 6 digits.',
  'staff.field.code.wrong': 'The code is wrong or was used already. Please enter a new one.',
  'staff.field.reason.required': 'Please give a reason.',
  'staff.field.reason.too_long': 'The reason must be 500 characters or fewer.',
  'staff.field.label.invalid': 'Please name the token (60 characters or fewer).',
  'staff.field.days.invalid': 'The validity is a whole number of days from 1 to 90.',
  'staff.field.passkeyName.invalid': 'Please name the passkey (60 characters or fewer).',
  'staff.role.platform_admin': 'Platform admin',
  'staff.role.insurer_admin': 'Insurer admin',
  'staff.role.operator': 'Insurer operator',
  'staff.role.support': 'Support agent',

  // Inquiries.
  'staff.inquiries.field.status': 'Choose a status from the list.',
  'staff.inquiries.field.type': 'Choose a kind of inquiry from the list.',
  'staff.inquiries.field.insurer': 'Give the insurer number as 8 digits.',
  'staff.inquiries.field.age': 'Choose an age from the list.',
  'staff.inquiries.field.assignee': 'Choose an assignee filter from the list.',
  'staff.inquiries.field.cursor': 'The next-page marker is not valid. Reload the list.',
  'staff.inquiries.field.checks': 'Choose what was checked from the list.',
  'staff.inquiries.field.note.too_long': 'Keep the note within 1,000 characters.',
  'staff.inquiries.field.idempotency_key': 'The form is out of date. Reload the page.',
  'staff.inquiries.field.template': 'Choose a template from the list.',
  'staff.inquiries.field.body.required': 'Write the reply.',
  'staff.inquiries.field.body.too_long': 'Keep the reply within 4,000 characters.',
  'staff.inquiries.field.lang': 'Choose the language of the reply.',
  'staff.inquiries.field.reason.too_long': 'Keep the reason within 500 characters.',
  'staff.inquiries.field.staff_id': 'Choose a support agent who may handle this inquiry.',
  'staff.inquiries.closed': 'This inquiry is closed: it cannot be replied to or change status.',
  'staff.inquiries.bad_move': 'The inquiry cannot move from its status to that one.',
  'staff.inquiries.changed': 'Someone else changed the status. Reload the page.',

  // Members and their actions.
  'staff.members.field.email': 'Enter an e-mail address of up to 254 characters.',

  // The audit log.
  'staff.audit.field.member':
    'Enter a member ID: letters, digits, hyphens and underscores, up to 64.',
  'staff.audit.field.staff':
    'Enter a staff ID: letters, digits, hyphens and underscores, up to 64.',
  'staff.audit.field.action': 'Choose an action from the list.',
  'staff.audit.field.from': 'Enter a valid start date.',
  'staff.audit.field.to': 'Enter a valid end date.',
  'staff.audit.field.cursor': 'The next page could not be loaded. Search again.',

  // Staff and platform administration.
  'staff.admin.field.name': 'Please enter a name of 100 characters or fewer.',
  'staff.admin.field.role': 'Please choose a role.',
  'staff.admin.field.disabled': 'Disabled is yes or no.',
  'staff.admin.field.what': 'Please choose what to reset.',
  'staff.admin.field.token': 'The link is not valid. Please open the link in the mail again.',
  'staff.admin.field.secret': 'Please enter the bootstrap secret.',
  'staff.admin.field.cidrs': 'Please enter 1 to 20 IP address ranges.',
  'staff.admin.field.note': 'Please say what the ranges are for (500 characters or fewer).',
  'staff.admin.field.decision': 'Please choose approve or refuse.',
  'staff.admin.field.organisation': 'Please enter the organisation (100 characters or fewer).',
  'staff.admin.insurer.required': "This role needs the insurer's number (保険者番号).",
  'staff.admin.insurer.none': 'A platform admin belongs to no insurer.',
  'staff.admin.insurer.unknown': 'No insurer has this number.',
  'staff.admin.insurer.not_yours': "You manage your own insurer's staff only.",
  'staff.admin.role.not_allowed':
    'An insurer admin gives only the roles insurer admin and operator.',
  'staff.admin.email.taken': 'This address already belongs to a member of staff.',
  'staff.admin.self': 'You cannot change, disable or reset your own access.',
  'staff.admin.last_admin': 'The last platform admin cannot be disabled or given another role.',
  'staff.admin.enrol.code_wrong':
    'The code is not right. Type the newest 6 digits your authenticator app shows.',
  'staff.admin.enrol.password_needed': 'Please choose a password.',
  'staff.admin.allowlist.too_many':
    'An insurer has at most 100 ranges; approving this would exceed that.',
  'staff.admin.allowlist.pending_limit':
    'An insurer has at most {max} pending requests. Please wait for a platform admin to decide.',
  'staff.admin.allowlist.no_insurer': "Allow-list requests are made by an insurer's staff.",
}
