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

  // The audit log.
  'staff.audit.none': '',

  // Staff and platform administration.
  'staff.admin.none': '',
}
