import type { StaffMessageKey } from '../i18n.ts'

/** The staff console's messages in English (staff.ja.ts). */
export const staffEn: Record<StaffMessageKey, string> = {
  'staff.field.email.required': 'Please enter your e-mail address.',
  'staff.field.password.required': 'Please enter your password.',
  'staff.field.code.required': 'Please enter the 6-digit code.',
  'staff.field.code.format': 'The code is 6 digits.',
  'staff.field.reason.required': 'Please give a reason.',
  'staff.field.reason.too_long': 'The reason must be 500 characters or fewer.',
  'staff.field.label.invalid': 'Please name the token (60 characters or fewer).',
  'staff.field.days.invalid': 'The validity is a whole number of days from 1 to 90.',
  'staff.role.platform_admin': 'Platform admin',
  'staff.role.insurer_admin': 'Insurer admin',
  'staff.role.operator': 'Insurer operator',
  'staff.role.support': 'Support agent',

  // Inquiries.
  'staff.inquiries.none': '',
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
  'staff.members.none': '',

  // The audit log.
  'staff.audit.none': '',

  // Staff and platform administration.
  'staff.admin.none': '',
}
