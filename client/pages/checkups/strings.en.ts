import type { EnglishOf } from '../../lib/i18n'
import type { ja } from './strings'

/** English of the way to the results's strings (strings.ts): fetched only when English is shown. */
export default {
  title: 'Specific health checkup results',
  stepsLabel: 'Steps to view your checkup results',
  steps1: 'Identity check',
  steps2: 'Secret question',
  steps3: 'Confirm the question',
  steps4: 'Notes',

  loadFailedTitle: 'Could not load',
  retry: 'Try again',
  notLinked: 'You can view your checkup results after registering your insurance card.',
  registerCard: 'Register your insurance card',
  toHome: 'Go to Home',
  inquiry: 'Contact us',

  codeTitle: 'Confirm your identity',
  codeIntro:
    'To confirm your identity, enter the checkup viewing code printed on the postcard from your health insurance society, then press “Send”.',
  viewingCode: 'Checkup viewing code',
  viewingCodeHint:
    'The 12-character code on the postcard from your health insurance society (example: ABCD-EFGH-JKMN)',
  codeLookAlike:
    'Viewing codes never contain the digits 0 and 1 or the letters O, I and L. Please check the characters on your postcard.',
  codeAttemptsNote: 'After 5 wrong codes in a row, the viewing code is locked.',
  send: 'Send',
  sending: 'Sending…',
  lostCodeLead: 'If you cannot find the postcard, please see ',
  lostCodeLink: 'the FAQ (Q4)',
  lostCodeTail: '.',
  codeLockedTitle: 'Your viewing code is locked',
  noCodeTitle: 'No viewing code has been issued',
  reissueText:
    'Please contact support. After confirming your identity, we will re-issue the code. Choose “Checkup viewing code” as the kind of inquiry.',
  reissueWait:
    'The new code is printed and sent by your health insurance society on a postcard, which takes two weeks to a month to arrive.',

  setupTitle: 'Set a secret question',
  codeDone:
    'Your identity was confirmed with the viewing code. Next, please set a secret question.',
  setupIntro: 'For better security, please set a secret question.',
  caseNote: '* Upper and lower case letters are treated as different.',
  question: 'Secret question',
  questionPrompt: 'Choose a secret question',
  answer: 'Answer to the secret question',
  answerHint: 'Type your answer (up to 50 characters)',
  toConfirm: 'Confirm',

  confirmTitle: 'Confirm your secret question',
  confirmIntro:
    'Your secret question will be set as follows. If it is correct, press “Finish setting”.',
  confirmAnswer: 'Answer',
  masked: '●●●●',
  maskedWords: '(hidden)',
  maskedNote: '(For security, the answer is not shown)',
  complete: 'Finish setting',
  saving: 'Saving…',
  back: 'Back',

  noticeTitle: 'Notes on your checkup results',
  noticeIntro:
    'Please read these notes on your checkup results, then press “View checkup results” to go to your results.',
  bandsHeading: 'Grades of the checkup items',
  bandsText: 'Each checkup item is graded on the criteria below.',
  criteriaLink: 'View the grading criteria',
  bandsSource:
    'The grades were set under a doctor’s supervision from the reference ranges, reference values and decision limits published by the societies and laboratory organisations below.',
  gradesLead:
    'There are four grades; A < B < C < D means a growing distance from the reference range.',
  refsHeading: 'References: guidelines',
  ref1: '標準的な健診・保健指導プログラム(確定版) (Standard programme of health checkups and health guidance, final edition), MHLW Health Insurance Bureau, 2007',
  ref2: '科学的根拠に基づく糖尿病診療ガイドライン2013 (Evidence-based practice guideline for the treatment of diabetes 2013), Japan Diabetes Society (ed.), Nankodo, 2013',
  ref3: '糖尿病治療ガイド2014-2015 (Treatment guide for diabetes 2014–2015), Japan Diabetes Society, Bunkodo, 2014',
  ref4: '臨床検査のガイドライン2005/2006 (Guidelines for clinical laboratory testing 2005/2006), Japanese Society of Laboratory Medicine, 2005',
  ref5: 'エビデンスに基づくCKD診療ガイドライン2013 (Evidence-based clinical practice guideline for CKD 2013), Japanese Society of Nephrology (ed.), Tokyo Igakusha, 2013',
  ref6: '判定区分 (Grading categories, revised 1 April 2014), Japan Society of Ningen Dock, 2014',
  cautionsHeading: 'Please note',
  caution1:
    'The grades, the “closely related conditions” and everything else shown in this service are not a judgement of your health or a diagnosis of any disease.',
  caution2:
    'The grades used in this service were set under a doctor’s supervision from the reference ranges, reference values and decision limits published by the Ministry of Health, Labour and Welfare, the Japan Diabetes Society, the Japan Society of Ningen Dock and other societies and laboratory organisations related to the checkup items.',
  caution3Lead: 'A grade compares your result with the reference range',
  caution3Mark: ' (note 1)',
  caution3Tail:
    ' and shows in levels how far your value is from it: A < B < C < D means a growing distance.',
  caution4:
    'Reference ranges can differ between the clinics or laboratories that carry out the checkup, and between test methods. The grades shown here and the judgements of each clinic may differ in their basis and wording.',
  caution5: 'Results appear in this service about 2–3 months after the day of the checkup.',
  caution6:
    'Items you were not actually tested for may be shown. Items a doctor decided to test individually may not be shown.',
  note1Mark: 'Note 1: ',
  note1:
    'The range of values that is said to include the great majority of healthy people, used as a guide when reading test data.',
  viewResults: 'View checkup results',
  opening: 'Opening your checkup results…',

  questionTitle: 'Secret question',
  questionIntro:
    'To confirm your identity, please enter the answer to the secret question you set.',
  answerAttemptsNote:
    'After 5 wrong answers within 24 hours, access to your checkup results is stopped.',
  confirm: 'Confirm',
  checking: 'Checking…',
  forgotAnswer: 'If you have forgotten the answer, please contact support.',
  healthLockedTitle: 'Access to your checkup results is stopped',
  healthLockedNext:
    'Resetting your password by e-mail lifts the stop. Use “Reset your password” and enter your registered email address.',
  resetPassword: 'Reset your password',

  offlineRefusedTitle: 'Your saved results cannot be shown',
  offlineClock:
    "This device's clock is set earlier than the last time it reached the server, so the copy of your results kept on this device could not be trusted and has been deleted. Set the device's date and time correctly, then connect to the internet to view your results.",
  offlineStale:
    'More than 7 days have passed since you last confirmed your identity online, so the copy of your results kept on this device has been deleted. Connect to the internet to view your results.',
  offlineToLogin: 'Go to the login screen',
} satisfies EnglishOf<typeof ja>
