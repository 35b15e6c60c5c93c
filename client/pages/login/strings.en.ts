import type { EnglishOf } from '../../lib/i18n'
import type { ja } from './strings'

/** English of the log-in journey's strings (strings.ts): fetched only when English is shown. */
export default {
  loginTitle: 'Log in',
  email: 'Email address',
  password: 'Password',
  login: 'Log in',
  loggingIn: 'Logging in…',
  cannotLogin: 'Trouble logging in?',
  or: 'or',
  firstTime: 'New to Kenshin Portal?',
  signup: 'Register',
  passkeyLogin: 'Log in with a passkey',
  passkeyLoggingIn: 'Logging in with your passkey…',
  passkeyCancelled:
    'Logging in with a passkey was stopped. Please try again, or log in with your password.',
  passkeyUnavailable:
    'A passkey could not be used on this device. Please log in with your e-mail address and password.',

  helpTitle: 'Trouble logging in',
  helpIntro: 'Please choose what applies to you.',
  forgotPassword: 'Forgot your password?',
  forgotPasswordText: 'We will send an e-mail to reset your password to your registered address.',
  forgotLoginId: 'Forgot your login ID?',
  forgotLoginIdText:
    'Your login ID is your registered email address. If you have forgotten it, our support team will look it up after confirming your identity.',
  lockedText:
    'After repeated failed attempts, logging in is blocked for a while. The e-mail sent to your registered address lets you lift the lock.',
  toLogin: 'Go to the login screen',

  unlockTitle: 'Unlock your account',
  unlocking: 'Unlocking…',
  unlocked: 'Your account has been unlocked. Please log in from the login screen.',
  expired: 'This URL has expired or has already been used.',
  expiredHelp: 'The lock is lifted automatically after 15 minutes. Please try logging in later.',
} satisfies EnglishOf<typeof ja>
