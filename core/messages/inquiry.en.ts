import type { InquiryMessageKey } from '../i18n.ts'

/** お問い合わせ's messages in English (inquiry.ja.ts), fetched with the page when English is shown. */
export const inquiryEn: Record<InquiryMessageKey, string> = {
  'field.insurerName.required': 'Please enter the name of your health insurance society.',
  'field.insurerName.too_long': 'The insurer name must be 100 characters or fewer.',
  'field.type.required': 'Please choose the kind of inquiry.',
  'field.message.required': 'Please enter your inquiry.',
  'field.message.too_long': 'Your inquiry must be 1,000 characters or fewer.',
  'field.appVersion.too_long': 'The app version must be 50 characters or fewer.',
  'field.device.too_long': 'The device name must be 50 characters or fewer.',
  'field.osVersion.too_long': 'The OS version must be 50 characters or fewer.',
  'field.browser.too_long': 'The browser name must be 50 characters or fewer.',
  'field.agreePrivacy.required': 'Please agree to the handling of personal information.',
  'inquiry.type.signup': 'About signing up',
  'inquiry.type.login': 'About logging in',
  'inquiry.type.viewing_code': 'Checkup viewing code (formerly passcode)',
  'inquiry.type.results': 'About checkup results',
  'inquiry.type.withdrawal': 'About leaving the service',
  'inquiry.type.other': 'Other',
  'inquiry.status.new': 'New',
  'inquiry.status.in_progress': 'In progress',
  'inquiry.status.answered': 'Answered',
  'inquiry.status.closed': 'Closed',
}
