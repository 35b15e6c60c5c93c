import type { EnglishOf } from '../../lib/i18n'
import type { ja } from './strings'

/** English of the insurance-card wizard's strings (strings.ts): fetched only when English is shown. */
export default {
  steps1: 'Insurance card',
  steps2: 'Symbol and number',
  steps3: 'Confirm',
  steps4: 'Done',

  helpSummary: 'What are the card details?',
  helpIntro:
    'These items are printed on each of the health insurance card (保険証), the eligibility certificate (資格確認書) and the eligibility notice (資格情報のお知らせ). Any one of them will do.',
  helpName: 'Name: the name in the “氏名” field, typed in its katakana reading.',
  helpBirth:
    'Date of birth: the “生年月日” field. If it is in a Japanese era (Showa, Heisei…), convert it to the Western year.',
  helpInsurer:
    'Insurer number: the 6- or 8-digit “保険者番号”, near the bottom of the card or certificate, or in its row of the notice.',
  helpSymbol:
    'Symbol and number: the “記号” and “番号” fields near the top of the card or certificate, or their rows of the notice.',
  helpBranch:
    'Branch number: the 2 digits marked “(枝番)” to the right of the number (the “枝番” row of the notice). Some have none.',
  helpMyna:
    'If you use your My Number card as your health insurance card, your insurer has sent you an eligibility notice (資格情報のお知らせ); if you do not, an eligibility certificate (資格確認書). Both carry the same items as the insurance card.',
  helpPortal:
    'If you use your My Number card as your health insurance card, you can also see your insurer number, symbol, number and branch number in Mynaportal (マイナポータル), under “健康保険証” (health insurance card).',
  picCardTitle: 'Health insurance card (健康保険証)',
  picCardLabel:
    'A drawn sample of a health insurance card. Frame 1 marks the symbol, number and branch number fields near the top; frame 2 marks the insurer number field near the bottom.',
  picCardSymbol:
    'Symbol, number, branch number: near the top, the “記号”, “番号” and “(枝番)” fields (frame 1)',
  picCardInsurer: 'Insurer number: near the bottom, the “保険者番号” field (frame 2)',
  picCertTitle: 'Eligibility certificate (資格確認書)',
  picCertLabel:
    'A drawn sample of an eligibility certificate. As on the card, frame 1 marks the symbol, number and branch number fields near the top; frame 2 marks the insurer number field near the bottom.',
  picCertSymbol:
    'Symbol, number, branch number: near the top, the “記号”, “番号” and “(枝番)” fields (frame 1)',
  picCertInsurer: 'Insurer number: near the bottom, the “保険者番号” field (frame 2)',
  picNoticeTitle: 'Eligibility notice (資格情報のお知らせ)',
  picNoticeLabel:
    'A drawn sample of an eligibility notice. Frame 1 marks the symbol, number and branch number rows; frame 2 marks the insurer number row.',
  picNoticeSymbol: 'Symbol, number, branch number: the “記号”, “番号” and “枝番” rows (frame 1)',
  picNoticeInsurer: 'Insurer number: the “保険者番号” row (frame 2)',
  picSample:
    'A sample (a made-up person and numbers). The real forms differ from one insurer to another.',
  faqLead: 'If anything is unclear, please see the ',
  faq: 'FAQ',
  faqTail: '.',

  personTitle: 'Enter your insurance card details',
  personIntro:
    'Please have your health insurance card, eligibility certificate (資格確認書) or eligibility notice (資格情報のお知らせ) at hand.',
  personLead:
    'Please enter your full name (in katakana), your date of birth and the insurer number.',
  nameKana: 'Full name (full-width katakana)',
  nameKanaHint: 'Example: ケンコウ タロウ. Half-width katakana is converted to full width',
  nameConverted: 'Converted to “{name}”',
  birthDate: 'Date of birth',
  birthDateHint: 'If the card shows a Japanese era (Showa, Heisei…), please enter the Western year',
  insurerNumber: 'Insurer number',
  insurerNumberOrg:
    'You signed up with an organisation code, so the number of {name} is filled in (it cannot be changed)',
  insurerNumberHint: 'The 6- or 8-digit number on your insurance card',
  retireeNote:
    'If you hold the card of a special retired insured person (特例退職被保険者) or of their dependant, you can register with either the card from before or after retirement.',
  toNumber: 'Continue to symbol and number',
  linkedAlready: 'Your insurance card is already registered.',
  linkedAlreadyNext: 'Please use your checkup results and other services from Home.',

  numberTitle: 'Enter the symbol and number',
  numberLead:
    'Please enter the symbol and number printed on your insurance card, eligibility certificate or eligibility notice.',
  symbol: 'Symbol',
  symbolHint:
    'If the symbol contains a hyphen, enter the digits after the hyphen. (Example) If the symbol is "71-1234", enter "1234"',
  symbolNone: 'If your card has no symbol, leave this empty.',
  queryAs: 'We will check it as "{value}"',
  number: 'Number',
  numberHint:
    'If the number has 8 digits or more, enter its last 7 digits. (Example) If the number is "12345678", enter "2345678".',
  queryAsLast7: 'The number has 8 digits or more, so we will check its last 7 digits, "{value}"',
  branch: 'Branch number',
  branchHint: 'Only if your card has a 2-digit branch number',
  toConfirm: 'Continue to confirmation',
  back: 'Back',

  confirmTitle: 'Confirm your details',
  confirmIntro: 'Please check that everything is correct, then press “Check my eligibility”.',
  entered: 'Card details to check',
  notEntered: '(not entered)',
  attemptsNote: 'Card details can be checked up to 5 times in 24 hours.',
  query: 'Check my eligibility',
  querying: 'Checking…',

  notFoundTitle: 'We could not confirm your insurance card details',
  notFoundLead: 'Possible reasons:',
  cause1: 'Something entered from the health insurance card is not correct.',
  cause2: 'Your health insurance society has not yet sent us the data of your card.',
  cause2Wait: 'It can take about 1–2 months before you can use the service.',
  cause2Changed: 'Your card details changed because of a transfer, a re-issue or similar.',
  cause2New: 'You joined recently and have only just received your card.',
  cause3: 'Your health insurance society restricts who can use the service.',
  cause3Example:
    'For example: dependants can use it only up to a certain age, or only insured persons can use it.',
  notFoundNext:
    'Please check what you entered and correct any mistake. If that does not help, please contact support.',
  fix: 'Correct the details',
  inquiry: 'Contact us',

  cardLinkedTitle: 'This insurance card is already registered',
  cardLinkedText:
    'Each person can register their insurance card with one account only. Please log in with the email address and password you registered before.',
  loginEarlier: 'Log in with the email address you registered before',
  loginEarlierNote: 'This logs you out of the current account and opens the log-in screen.',
  forgotPassword: 'Forgot your password?',
  forgotEmail: 'If you do not know the earlier email address, please contact us',

  accountLinkedTitle: 'Your insurance card is already registered',
  accountLinkedNext: 'You can use the service with the card already registered to this account.',
  toHome: 'Go to Home',

  endedTitle: 'The coverage of this card has ended',
  endedNext:
    'If you have a new insurance card, please register with its details. If anything is unclear, please contact support.',

  restrictedTitle: 'You cannot use the service',
  restrictedExample:
    'For example: dependants can use it only up to a certain age, or only insured persons can use it.',
  restrictedNext: 'If anything is unclear, please contact support.',

  maintenanceTitle: 'Under maintenance',
  maintenanceNext:
    'Please press “Check my eligibility” again a little later. If the maintenance continues, please contact support.',

  tooManyTitle: 'You have reached the limit of checks',
  tooManyNext: 'If you contact us, we will look into it after confirming your identity.',

  doneTitle: 'Registration complete',
  doneText: 'The insurance card of {name} has been registered.',
  doneNext: 'You can view your specific health checkup results from Home.',
  // The insurer's maintenance message and end time
  maintenanceMessage: 'A message from your health insurance society:',
  maintenanceUntil: 'Expected to end: {at} (Japan time)',
} satisfies EnglishOf<typeof ja>
