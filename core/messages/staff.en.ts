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
  'staff.field.passkeyName.invalid': 'Please name the passkey (60 characters or fewer).',
  'staff.role.platform_admin': 'Platform admin',
  'staff.role.insurer_admin': 'Insurer admin',
  'staff.role.operator': 'Insurer operator',
  'staff.role.support': 'Support agent',

  // Inquiries.
  'staff.inquiries.none': '',

  // Members and their actions.
  'staff.members.none': '',
  'staff.members.field.email': 'Enter an e-mail address of up to 254 characters.',

  // The audit log.
  'staff.audit.none': '',
  'staff.audit.field.member':
    'Enter a member ID: letters, digits, hyphens and underscores, up to 64.',
  'staff.audit.field.staff':
    'Enter a staff ID: letters, digits, hyphens and underscores, up to 64.',
  'staff.audit.field.action': 'Choose an action from the list.',
  'staff.audit.field.from': 'Enter a valid start date.',
  'staff.audit.field.to': 'Enter a valid end date.',
  'staff.audit.field.cursor': 'The next page could not be loaded. Search again.',

  // Staff and platform administration.
  'staff.admin.none': '',
}
