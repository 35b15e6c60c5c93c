import type { StrengthMessageKey } from './i18n.ts'

/**
 * The strength meter's feedback (core/password-strength.ts): zxcvbn's warnings and suggestions, in
 * both languages. Part of the shared catalogue (core/i18n.ts), in a module of its own so that the
 * browser fetches it with the estimator, on the first keystroke of a new password, never before.
 */
export const strengthJa = {
  'strength.warning.straightRow': 'キーボードの同じ列に並んだキーは推測されやすいです。',
  'strength.warning.keyPattern': '短いキーボードのパターンは推測されやすいです。',
  'strength.warning.simpleRepeat': '「aaa」のような同じ文字の繰り返しは推測されやすいです。',
  'strength.warning.extendedRepeat': '「abcabcabc」のような文字列の繰り返しは推測されやすいです。',
  'strength.warning.sequences': '「abc」のような文字の並びは推測されやすいです。',
  'strength.warning.recentYears': '最近の年は推測されやすいです。',
  'strength.warning.dates': '日付は推測されやすいです。',
  'strength.warning.topTen': '非常によく使われているパスワードです。',
  'strength.warning.topHundred': 'よく使われているパスワードです。',
  'strength.warning.common': 'よく使われているパスワードです。',
  'strength.warning.similarToCommon': 'よく使われているパスワードに似ています。',
  'strength.warning.wordByItself': '単語1つだけでは推測されやすいです。',
  'strength.warning.namesByThemselves': '名前や名字だけでは推測されやすいです。',
  'strength.warning.commonNames': 'よくある名前や名字は推測されやすいです。',
  'strength.warning.userInputs':
    'メールアドレスやサービス名など、あなたやこのサイトに関する言葉は含めないでください。',
  'strength.warning.pwned': 'このパスワードは過去のデータ漏えいで流出しています。',
  'strength.suggestion.l33t': '「a」を「@」にするような予測しやすい置き換えは避けてください。',
  'strength.suggestion.reverseWords': 'よくある単語を逆から綴っただけのものは避けてください。',
  'strength.suggestion.allUppercase': 'すべてではなく、一部の文字を大文字にしてください。',
  'strength.suggestion.capitalization': '先頭以外の文字も大文字にしてください。',
  'strength.suggestion.dates': 'ご自身に関係のある日付や年は避けてください。',
  'strength.suggestion.recentYears': '最近の年は避けてください。',
  'strength.suggestion.associatedYears': 'ご自身に関係のある年は避けてください。',
  'strength.suggestion.sequences': 'よくある文字の並びは避けてください。',
  'strength.suggestion.repeated': '単語や文字の繰り返しは避けてください。',
  'strength.suggestion.longerKeyboardPattern':
    'キーボードのパターンを使う場合は、長くして打つ向きを何度か変えてください。',
  'strength.suggestion.anotherWord': 'あまり使われない単語を加えてください。',
  'strength.suggestion.useWords': '複数の単語を組み合わせ、よくある言い回しは避けてください。',
  'strength.suggestion.noNeed': '記号・数字・大文字を使わなくても、強いパスワードを作れます。',
  'strength.suggestion.pwned': 'このパスワードを他でも使っている場合は変更してください。',
} as const satisfies Record<string, string>

/** English of the strength feedback. */
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
