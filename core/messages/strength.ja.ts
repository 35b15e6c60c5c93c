/**
 * The strength meter's feedback (core/password-strength.ts) in Japanese: zxcvbn's warnings and suggestions.
 * A module of its own so that the browser fetches it with the estimator, on the first keystroke of a new
 * password, never before. Keys: `StrengthMessageKey`.
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
