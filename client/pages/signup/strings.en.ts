import type { EnglishOf } from '../../lib/i18n'
import type { ja } from './strings'

/** English of the sign-up journey's strings (strings.ts): fetched only when English is shown. */
export default {
  steps1: 'Email address',
  steps2: 'Terms',
  steps3: 'Email check',
  steps4: 'Insurance card',

  signupTitle: 'Register your email address',
  signupIntro: 'Please set the following yourself.',
  email: 'Email address',
  emailHint: 'This will be your login ID. Upper and lower case are treated the same',
  emailConfirm: 'Email address (confirmation)',
  emailConfirmHint: 'Please type it in without copying and pasting',
  pasteBlocked: 'Pasting is not possible here. Please type the address with the keyboard.',
  password: 'Password',
  passwordHint:
    '8 to 128 characters. Avoid passwords that are easy to guess, such as ones containing 123 or abc, and passwords you use on other websites.',
  inviteCode: 'Invitation code',
  inviteCodeHint:
    'Enter it if you have one (optional; 8 characters, e.g. ABCD-EFGH). It is not the same as the checkup viewing code',
  orgCode: 'Organisation code',
  orgCodeHint:
    'Only for people referred by a checkup institution. Not needed if your health insurance society referred you.',
  mailNote:
    'Kenshin Portal will send mail to this address. Please check your mail filter settings beforehand.',
  toConfirm: 'Continue to confirmation',
  alreadyMember: 'Already registered?',
  login: 'Log in',

  confirmTitle: 'Confirm your details and the terms',
  confirmIntro:
    'A provisional registration e-mail will be sent with the details below. Please check them and agree to the Terms of Membership and the Privacy Policy.',
  entered: 'Your details',
  notEntered: '(not entered)',
  passwordNotShown: '(not shown, for your security)',
  termsHeading: 'Terms',
  termsLead: 'Before you register, please read:',
  terms: 'Terms of Membership',
  privacy: 'Privacy Policy',
  agree: 'I agree to the Terms of Membership and the Privacy Policy',
  agreeLabel: 'Agreement to the terms',
  send: 'Send the provisional registration e-mail',
  back: 'Back',
  sending: 'Sending…',

  sentTitle: 'We have sent a provisional registration e-mail',
  sentLead: 'Please click the URL in the e-mail within {duration} to continue your registration.',
  hours: '{n} hours',
  minutes: '{n} minutes',
  sentTo: 'Sent to',
  notArrived: 'If the e-mail has not arrived after a few minutes',
  hintSpam: 'Please check your spam folder.',
  hintDomain: "Please allow mail from the sender's domain in your mail filter settings.",
  hintAddress: 'Please check that the e-mail address was entered correctly.',
  resendHeading: 'If the e-mail does not arrive',
  resendLead: 'If it still has not arrived, press the resend button.',
  resend: 'Resend the provisional registration e-mail',
  resendNote:
    'Each time you press this button, the links and codes in e-mails sent earlier stop working',
  resent: 'The provisional registration e-mail has been sent again',
  codeHeading: 'Register with a confirmation code',
  codeLead: 'If you use the app, you can also enter the 6-digit confirmation code in the e-mail',
  codeLink: 'Enter the confirmation code',
  fixAddress: 'If the address is wrong, please start again from the registration screen.',
  toSignup: 'Go to registration',

  codeTitle: 'Enter the confirmation code',
  codeIntro:
    'Please enter the 6-digit confirmation code in the provisional registration e-mail. The code is valid for 10 minutes.',
  code: 'Confirmation code',
  codeHint: '6 digits',
  verify: 'Confirm',
  resendInstead: 'Resend the provisional registration e-mail',

  verifyTitle: 'Checking your email address',
  verifying: 'Checking your email address…',
  expired: 'This URL has expired or has already been used.',
  expiredHelp: 'Please start again from the registration screen.',
  elsewhereIntro:
    'This URL was opened on a different device or browser from the one where you signed up. To complete your registration, enter the password you chose when you signed up.',
  elsewhereCodeIntro:
    'The code was entered on a different device or browser from the one where you signed up. To complete your registration, also enter the password you chose when you signed up.',
  elsewhereNotMe: 'If you did not sign up yourself, close this page: no account will be created.',
  signupPassword: 'The password you chose when you signed up',
  completeSignup: 'Complete registration',

  doneTitle: 'Your registration is complete',
  doneText:
    'Your email address has been confirmed and your Kenshin Portal registration is complete.',
  doneNext:
    'Next, you will enter the details of your health insurance card (name, date of birth, insurer number, symbol and number) to confirm that you are a member of your health insurance society.',
  toCard: 'Continue to your insurance card details',
  toHome: 'Go to Home',
} satisfies EnglishOf<typeof ja>
