import type { EnglishOf } from '../../lib/i18n'
import type { ja } from './results-strings'

/** English of the results screen's strings (results-strings.ts): fetched only when English is shown. */
export default {
  title: 'Specific health checkup results',
  person: '{name}',
  intro:
    'Choose a checkup date to see its results. Grades A < B < C < D mean a growing distance from the reference range.',
  empty:
    'There are no checkup results yet. Results appear about 2–3 months after the day of the checkup.',
  retry: 'Try again',
  criteria: 'Grading criteria',
  print: 'Print',
  fhir: 'Download as FHIR',
  fhirNote:
    'Saves all your checkup results in the standard health data format (FHIR R4, a JSON file).',
  accessLog: 'Who viewed your results',
  checkupTabs: 'Checkup date',
  latest: 'Latest',
  checkupHeading: 'Results of the checkup on {date}',
  examDate: 'Checkup date',
  institution: 'Clinic',
  noInstitution: '(not recorded)',
  gradedWith: 'Grading criteria',
  gradedWithValue: 'edition of {date}',
  summary: 'Grades at a glance',
  summaryCount: '{count} items',
  colItem: 'Item',
  colResult: 'Result',
  colRange: 'Reference range',
  colGrade: 'Grade',
  colChange: 'Change',
  notPerformed: 'Not performed',
  notMeasurable: 'Could not be measured',
  below: 'below the measurable range',
  above: 'above the measurable range',
  none: 'none',
  noPrevious: 'No earlier result',
  previous: 'last time {grade}',
  reached: 'reached',
  showTrend: 'Show the trend',
  hideTrend: 'Hide the trend',
  unknownItem: 'Item code {code}',
  meaningFor: '{item}: ',
  disclaimer:
    'Nothing shown in this service is a judgement of your health or a diagnosis of any disease.',
  printedFor: 'Checkup results of {name}',
  offlineCopy: 'You are offline: this is the copy kept on this device (loaded {time}).',
  offlineNotOpened:
    'This checkup has not been opened on this device yet, so it cannot be shown offline. Connect to the internet and try again.',
  offlineNoCopy:
    'You are offline, so the results cannot be loaded. Only checkups already opened on this device can be shown offline.',
  needsNetwork: '(needs an internet connection)',

  trendTitle: '{item} over the years',
  trendSummary: '{item} over the years, {count} checkups. {points}.',
  trendPoint: '{date}: {value} {unit}, grade {grade}',
  trendNoGrade: '{date}: {value} {unit}',
  trendSeparator: '; ',
  trendBand: 'Reference range (grade A) {range}',
  trendTable: 'Show the values as a table',
  colDate: 'Checkup date',

  male: 'men',
  female: 'women',
  criteriaTitle: 'Grading criteria',
  criteriaIntro:
    'Each checkup item is graded A to D on the criteria below. A < B < C < D means a growing distance from the reference range.',
  criteriaSource:
    'Grades: based on the Japan Society of Ningen Dock and Preventive Medical Care grading table (revised {date}).',
  criteriaMhlw:
    'Health guidance and referral levels: the values of the MHLW programme of specific health checkups ({edition}).',
  criteriaRounding: 'A result is rounded to the item’s shown precision before it is graded.',
  criteriaUngraded: 'Items that are not graded, such as height and weight, are not listed.',
  criteriaItem: '{item} ({sex})',
  notApplicable: 'not applicable',
  verifyMark: '*',
  backToResults: 'Back to checkup results',
  unknownDate: 'No checkup results were found for {date}. Showing the latest results ({latest}).',
} satisfies EnglishOf<typeof ja>
