import type { StrengthMessageKey } from '../i18n.ts'

/** The strength meter's feedback in English (strength.ja.ts), fetched with it. */
export const strengthEn: Record<StrengthMessageKey, string> = {
  'strength.warning.straightRow': 'Straight rows of keys on your keyboard are easy to guess.',
  'strength.warning.keyPattern': 'Short keyboard patterns are easy to guess.',
  'strength.warning.simpleRepeat': 'Repeated characters like "aaa" are easy to guess.',
  'strength.warning.extendedRepeat':
    'Repeated character patterns like "abcabcabc" are easy to guess.',
  'strength.warning.sequences': 'Common character sequences like "abc" are easy to guess.',
  'strength.warning.recentYears': 'Recent years are easy to guess.',
  'strength.warning.dates': 'Dates are easy to guess.',
  'strength.warning.topTen': 'This is a heavily used password.',
  'strength.warning.topHundred': 'This is a frequently used password.',
  'strength.warning.common': 'This is a commonly used password.',
  'strength.warning.similarToCommon': 'This is similar to a commonly used password.',
  'strength.warning.wordByItself': 'Single words are easy to guess.',
  'strength.warning.namesByThemselves': 'Single names or surnames are easy to guess.',
  'strength.warning.commonNames': 'Common names and surnames are easy to guess.',
  'strength.warning.userInputs':
    'Avoid words about you or this site, such as your e-mail address or the service name.',
  'strength.warning.pwned': 'Your password was exposed by a data breach on the Internet.',
  'strength.suggestion.l33t': "Avoid predictable letter substitutions like '@' for 'a'.",
  'strength.suggestion.reverseWords': 'Avoid reversed spellings of common words.',
  'strength.suggestion.allUppercase': 'Capitalise some, but not all letters.',
  'strength.suggestion.capitalization': 'Capitalise more than the first letter.',
  'strength.suggestion.dates': 'Avoid dates and years that are associated with you.',
  'strength.suggestion.recentYears': 'Avoid recent years.',
  'strength.suggestion.associatedYears': 'Avoid years that are associated with you.',
  'strength.suggestion.sequences': 'Avoid common character sequences.',
  'strength.suggestion.repeated': 'Avoid repeated words and characters.',
  'strength.suggestion.longerKeyboardPattern':
    'Use longer keyboard patterns and change typing direction multiple times.',
  'strength.suggestion.anotherWord': 'Add more words that are less common.',
  'strength.suggestion.useWords': 'Use multiple words, but avoid common phrases.',
  'strength.suggestion.noNeed':
    'You can create strong passwords without using symbols, numbers, or uppercase letters.',
  'strength.suggestion.pwned': 'If you use this password elsewhere, you should change it.',
}
