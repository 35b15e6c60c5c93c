import type { EnglishOf } from '../../lib/i18n'
import type { ja } from './strings'

/** English of the password-reset journey's strings (strings.ts): fetched only when English is shown. */
export default {
  forgotTitle: 'Reset your password',
  forgotIntro:
    'Please enter your registered email address. We will send you a URL to reset your password; it is valid for 30 minutes.',
  email: 'Email address',
  send: 'Send the reset e-mail',
  sending: 'Sending…',
  sent: 'If the email address you entered is registered, we have sent an e-mail to reset your password.',
  sentHelp:
    'If it does not arrive, please check your spam folder and mail filter settings, then try again.',
  toLogin: 'Go to the login screen',

  resetTitle: 'Set a new password',
  checking: 'Checking the URL…',
  resetIntro: 'Please set a new password for {email}.',
  newPassword: 'New password',
  newPasswordHint:
    '8 to 128 characters. Avoid passwords that are easy to guess, such as ones containing 123 or abc, and passwords you use on other websites.',
  newPasswordConfirm: 'New password (confirmation)',
  confirmRequired: 'Please enter the new password again to confirm it.',
  confirmMismatch: 'The confirmation does not match the new password.',
  reset: 'Reset the password',
  done: 'Your password has been reset.',
  doneHelp:
    'You have been logged out on every device. Please log in with your new password. A notice has been sent to your registered email address.',
  expired: 'This URL has expired or has already been used.',
  expiredHelp: 'Please request a password reset again.',
  forgotLink: 'Reset your password',
} satisfies EnglishOf<typeof ja>
