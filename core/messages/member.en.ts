import type { AppMessageKey } from '../i18n.ts'

/**
 * The member app's messages in English, exactly the keys of member.ja.ts. A module of its own so that the
 * browser fetches it only when English is shown (client/lib/i18n.ts).
 */
export const memberEn: Record<AppMessageKey, string> = {
  'field.invalid': 'Please check this field.',

  'field.email.required': 'Please enter your e-mail address.',
  'field.email.fullwidth':
    'Your e-mail address contains full-width characters. Please type it in half-width characters.',
  'field.email.fullwidth_at': 'The ＠ is full-width. Please type a half-width @.',
  'field.email.space': 'Your e-mail address contains a space. Please remove it.',
  'field.email.format':
    'This e-mail address is not valid. Please enter it like "example@example.com".',
  'field.email.too_long': 'Your e-mail address must be 254 characters or fewer.',

  'field.emailConfirm.required': 'Please enter your e-mail address again to confirm it.',
  'field.emailConfirm.mismatch': 'The confirmation does not match the e-mail address.',

  'field.password.required': 'Please enter a password.',
  'field.password.too_short': 'Your password must be at least 8 characters long.',
  'field.password.too_long': 'Your password must be 128 characters or fewer.',
  'field.password.common': 'This password is too commonly used. Please choose another one.',
  'field.password.contains_email': 'Your password must not contain part of your e-mail address.',
  'field.password.contains_service':
    'Your password must not contain the service name (Kenshin Portal).',
  'field.password.sequence':
    'Your password must not contain easy sequences such as 123, abc or qwerty.',

  'field.agreeTerms.required': 'Please agree to the Terms of Membership and the Privacy Policy.',

  'field.code.required': 'Please enter the confirmation code.',
  'field.code.format': 'The confirmation code is 6 digits (0–9).',

  'field.token.required': 'This URL is not valid. Please open the URL in the e-mail again.',
  'field.token.invalid': 'This URL is not valid. Please open the URL in the e-mail again.',

  'field.inviteCode.format':
    'The invitation code consists of letters, digits and hyphens (up to 32 characters).',
  'field.orgCode.format':
    'The organisation code consists of letters, digits and hyphens (up to 32 characters).',
  'field.orgCode.unknown':
    'This organisation code cannot be used (it does not exist or was retired). Please check the code you were given; you can also sign up without one.',
  'field.captchaToken.invalid': 'Please complete the verification again.',
  'field.action.invalid': 'This kind of operation is not valid.',

  'error.captcha_required': 'Please complete the verification.',

  'password.checklist.length': 'At least 8 characters',
  'password.checklist.kinds': 'At least 2 of: letters, digits, symbols',

  'strength.meter': 'Password strength: {level}',
  'strength.score.0': 'Very weak',
  'strength.score.1': 'Weak',
  'strength.score.2': 'Fair',
  'strength.score.3': 'Strong',
  'strength.score.4': 'Very strong',

  'field.nameKana.required': 'Please enter your full name in full-width katakana.',
  'field.nameKana.katakana': 'Please enter your name in full-width katakana.',
  'field.nameKana.too_long': 'Your name must be 64 characters or fewer.',
  'field.birthDate.required': 'Please enter your date of birth.',
  'field.birthDate.invalid': 'This date of birth is not valid. Please enter a correct date.',
  'field.insurerNumber.required': 'Please enter the insurer number.',
  'field.insurerNumber.format': 'The insurer number is 6 or 8 digits.',
  'field.insurerNumber.check_digit':
    'This insurer number is not correct. Please check your insurance card.',
  'field.symbol.too_long': 'The symbol must be 20 characters or fewer.',
  'field.number.required': 'Please enter the number.',
  'field.number.too_long': 'The number must be 20 characters or fewer.',
  'field.branch.format': 'The branch number is 2 digits.',

  'grade.A': 'Normal',
  'grade.B': 'Slightly abnormal',
  'grade.C': 'Follow-up',
  'grade.D': 'See a doctor',
  'grade.none': 'Not graded',
  'grade.label': '{letter} ({word})',
  'grade.meaning.C': 'Slightly outside the reference range. We recommend reviewing your lifestyle.',
  'grade.meaning.D': 'Well outside the reference range. We recommend seeing a doctor.',
  'grade.verify': 'Sources differ on this criterion; it is being checked.',
  'grade.range': 'Reference range',
  'grade.change.better': 'Better',
  'grade.change.worse': 'Worse',
  'grade.change.same': 'Same',
  'grade.mhlw.guidance': 'Health guidance level (MHLW)',
  'grade.mhlw.referral': 'Referral level (MHLW)',
  'field.viewingCode.required': 'Enter your viewing code.',
  'field.viewingCode.format': 'The viewing code has 12 characters. Please check your postcard.',
  'field.questionId.required': 'Choose a secret question.',
  'field.answer.required': 'Enter the answer to your secret question.',
  'field.answer.too_long': 'The answer must be 50 characters or fewer.',
  'error.viewing_code_locked':
    'The viewing code was entered wrongly too often and is locked. Please ask support to re-issue it.',
  'error.health_locked':
    'The secret answer was wrong too often, so checkup results are locked. Resetting your password by e-mail unlocks them.',
  // アカウント設定 (issue 12)
  'field.currentPassword.required': 'Enter your current password.',
  'field.currentPassword.wrong': 'The current password is not correct.',
  'field.email.same': 'This is your current address. Enter a new address.',
  'field.sessionId.invalid': 'Choose the device again.',
  // 招待コード (issue 12)
  'field.inviteCode.unknown':
    'This invitation code was not found. Please check the code with the person who invited you. You can also sign up without one.',
  // パスキー (issue 12)
  'field.passkeyName.invalid': 'Please name the passkey (60 characters or fewer).',
}
