/**
 * Message catalogue shared by the worker and the client, so an error reads the same wherever it is
 * shown. Japanese is the source language (the manual's wording); English is the second language.
 */

export type Lang = 'ja' | 'en'

/**
 * Japanese messages. This object defines the set of keys: `en` must provide exactly the same keys,
 * so a missing or stray translation is a type error.
 */
const ja = {
  // Generic field error, for an issue whose message is not a known key.
  'field.invalid': '入力内容をご確認ください。',

  'field.email.required': 'メールアドレスを入力してください。',
  'field.email.fullwidth': 'メールアドレスに全角文字が含まれています。半角で入力してください。',
  'field.email.fullwidth_at': '＠が全角です。半角の@で入力してください。',
  'field.email.space': 'メールアドレスに空白が含まれています。空白を除いて入力してください。',
  'field.email.format':
    'メールアドレスの形式が正しくありません。「example@example.com」のような形式で入力してください。',
  'field.email.too_long': 'メールアドレスは254文字以内で入力してください。',

  'field.emailConfirm.required': 'メールアドレス(確認用)を入力してください。',
  'field.emailConfirm.mismatch': 'メールアドレス(確認用)がメールアドレスと一致しません。',

  'field.password.required': 'パスワードを入力してください。',
  'field.password.too_short': 'パスワードは8文字以上で入力してください。',
  'field.password.too_long': 'パスワードは128文字以内で入力してください。',
  'field.password.common': 'よく使われているパスワードのため使用できません。',
  'field.password.contains_email': 'メールアドレスの一部を含むパスワードは使用できません。',
  'field.password.contains_service': 'サービス名(Kenshin Portal)を含むパスワードは使用できません。',
  'field.password.sequence': '123、abc、qwertyなどの簡単な並びを含むパスワードは使用できません。',

  'field.agreeTerms.required': '会員規約とプライバシーポリシーに同意してください。',

  'field.code.required': '確認コードを入力してください。',
  'field.code.format': '確認コードは半角数字6桁で入力してください。',

  'field.token.required': 'URLが正しくありません。メールに記載されたURLをもう一度開いてください。',
  'field.token.invalid': 'URLが正しくありません。メールに記載されたURLをもう一度開いてください。',

  'field.inviteCode.format': '招待コードは半角英数字とハイフン(32文字以内)で入力してください。',
  'field.orgCode.format': '団体連携コードは半角英数字とハイフン(32文字以内)で入力してください。',
  'field.captchaToken.invalid': '画像認証をもう一度行ってください。',
  'field.action.invalid': '操作の種類が正しくありません。',

  // API error codes (docs/api.md), keyed `error.<code>`.
  'error.validation': '入力内容に誤りがあります。各項目のメッセージをご確認ください。',
  'error.captcha_required': '画像認証を完了してください。',
  'error.too_many_attempts':
    '試行回数が上限に達したため、しばらくの間ご利用いただけません。時間をおいてお試しください。',
  'error.invalid_credentials': 'メールアドレスまたはパスワードが正しくありません。',
  'error.link_expired': 'このURLは有効期限が切れているか、すでに使用されています。',
  'error.signup_password_required':
    'このURLは、仮登録を行った端末・ブラウザとは別の場所で開かれました。本登録を完了するには、仮登録時に設定したパスワードを入力してください。',
  'error.signup_password_wrong': 'パスワードが正しくありません。仮登録時に設定したパスワードを入力してください。',
  'error.invalid_code':
    '確認コードが正しくありません。メールに記載された6桁の数字をご確認ください。',
  'error.code_expired':
    '確認コードの有効期限が切れているか、入力回数の上限に達しました。仮登録メールを再送信してください。',
  'error.unauthenticated': 'ログインの有効期限が切れました。もう一度ログインしてください。',
  'error.csrf':
    '不正なリクエストのため処理できませんでした。ページを再読み込みしてからお試しください。',
  'error.payload_too_large': '送信されたデータが大きすぎます。入力内容をご確認ください。',
  'error.unsupported_media_type': 'この形式のリクエストには対応していません。',
  'error.not_found': 'お探しのページは見つかりませんでした。',
  'error.internal': 'システムエラーが発生しました。しばらくしてからもう一度お試しください。',
  'error.method_not_allowed': 'この操作には対応していません。',

  // The manual's on-screen password guidance (passwordChecklist).
  'password.checklist.length': '8文字以上',
  'password.checklist.kinds': '英字・数字・記号のうち2種類以上',

  // Strength meter (passwordStrength): score labels, then zxcvbn's warnings and suggestions.
  'strength.meter': 'パスワードの強度: {level}',
  'strength.score.0': 'とても弱い',
  'strength.score.1': '弱い',
  'strength.score.2': '普通',
  'strength.score.3': '強い',
  'strength.score.4': 'とても強い',
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

  // Insurance card wizard (card.ts: CardPersonBody, CardLinkBody).
  'field.nameKana.required': '氏名(フルネーム・全角カナ)を入力してください。',
  'field.nameKana.katakana': '氏名は全角カナで入力してください。',
  'field.nameKana.too_long': '氏名は64文字以内で入力してください。',
  'field.birthDate.required': '生年月日を入力してください。',
  'field.birthDate.invalid': '生年月日が正しくありません。正しい日付を入力してください。',
  'field.insurerNumber.required': '保険者番号を入力してください。',
  'field.insurerNumber.format': '保険者番号は6桁または8桁の数字で入力してください。',
  'field.insurerNumber.check_digit': '保険者番号に誤りがあります。保険証をご確認ください。',
  'field.symbol.too_long': '記号は20文字以内で入力してください。',
  'field.number.required': '番号を入力してください。',
  'field.number.too_long': '番号は20文字以内で入力してください。',
  'field.branch.format': '枝番は2桁の数字で入力してください。',

  // Roster CSV row problems (roster.ts), reported with the line number and the column.
  'roster.row.too_many_fields':
    '列の数が見出し行より多くなっています(値に「,」が含まれていないかご確認ください)',
  'roster.person_key.required': '個人識別番号がありません',
  'roster.person_key.too_long': '個人識別番号は64文字以内にしてください',
  'roster.insurer_number.required': '保険者番号がありません',
  'roster.insurer_number.invalid': '保険者番号が正しくありません(6桁または8桁、検証番号を含む)',
  'roster.insurer_number.mismatch': '取り込み先の保険者の保険者番号と一致しません',
  'roster.symbol.too_long': '記号は20文字以内にしてください',
  'roster.number.required': '番号がありません',
  'roster.number.too_long': '番号は20文字以内にしてください',
  'roster.number.exponent':
    '番号が指数表記(例: 1.23E+11)になっています。表計算ソフトで保存すると変換されることがあります',
  'roster.branch.invalid': '枝番は2桁以内の数字にしてください',
  'roster.name_kana.required': '氏名カナがありません',
  'roster.name_kana.too_long': '氏名カナは64文字以内にしてください',
  'roster.name_kana.katakana': '氏名カナは全角カナ(姓と名の間は空白)にしてください',
  'roster.birth_date.required': '生年月日がありません',
  'roster.birth_date.invalid': '生年月日の形式が正しくありません(YYYY-MM-DD)',
  'roster.sex.invalid': '性別は1(男性)または2(女性)にしてください',
  'roster.relationship.invalid': '続柄は1(本人)または2(家族)にしてください',
  'roster.valid_from.invalid': '資格取得日の形式が正しくありません(YYYY-MM-DD)',
  'roster.valid_to.invalid': '資格喪失日の形式が正しくありません(YYYY-MM-DD)',
  'roster.valid_to.before_valid_from': '資格喪失日が資格取得日より前になっています',
  'roster.postal_code.invalid': '郵便番号の形式が正しくありません(NNN-NNNN)',
  'roster.address.too_long': '住所は200文字以内にしてください',
  'roster.person_key.duplicate': '同じ個人識別番号が同じ取込単位に複数あります(後の行を採用しました)',
  'error.service_unavailable': 'ただいまサービスを利用できません。しばらくしてからもう一度お試しください。',
  'error.forbidden': 'この操作を行う権限がありません。',
  'error.conflict': 'すでに登録されています。',
  'error.roster_header': '名簿の見出し行が正しくありません。必須の列がないか、不明な列があります。',
  'error.card_not_found': 'ご入力の保険証情報で利用資格を確認できませんでした。',
  'error.card_already_linked': 'この保険証情報は、すでに別のメールアドレスで登録されています。',
  'error.account_already_linked': 'このアカウントには、すでに保険証情報が登録されています。',
  'error.qualification_ended': 'この保険証の資格は喪失しているため、新たに登録することはできません。',
  'error.card_restricted': 'ご所属の健康保険組合の利用条件により、ご利用いただけません。',
  'error.insurer_maintenance': 'ご所属の健康保険組合は、ただいまメンテナンス中です。しばらくしてからお試しください。',
  'error.card_too_many_attempts': '保険証情報の照会回数が上限(24時間に5回)に達しました。お客様サポートへお問い合わせください。',
  'ops.insurer.number': '保険者番号が正しくありません(6桁または8桁、検証番号を含む)',
  'ops.insurer.name': '組合名は1〜100文字で指定してください',
  'ops.insurer.flag': 'on または off で指定してください',
  'ops.insurer.age': '年齢は0〜120の整数で指定してください',
  'ops.insurer.cidr': 'IPアドレスの範囲(CIDR)が正しくありません',
  'ops.insurer.limit': '失敗回数の上限は1〜1000の整数で指定してください',
  'ops.roster.header': '見出し行がありません',
  'ops.roster.rows': '1回に送れる行は1〜2000行です',

  // Checkup grades (grading.ts): always the letter and the word, never colour alone.
  'grade.A': '異常なし',
  'grade.B': '軽度異常',
  'grade.C': '要経過観察・生活改善',
  'grade.D': '要医療',
  'grade.none': '判定なし',
  'grade.label': '{letter}({word})',
  'grade.meaning.C': '基準値をやや外れています。生活習慣の見直しをおすすめします。',
  'grade.meaning.D': '基準値から大きく外れています。医療機関の受診をおすすめします。',
  'grade.verify': 'この判定基準は資料によって異なるため、確認中です。',
  'grade.range': '基準範囲',
  'grade.change.better': '改善',
  'grade.change.worse': '悪化',
  'grade.change.same': '変化なし',
  'grade.mhlw.guidance': '保健指導判定値',
  'grade.mhlw.referral': '受診勧奨判定値',
  'checkup.date.invalid': '日付の形式が正しくありません(YYYY-MM-DD)',
  'checkup.code.invalid': '項目コードは17桁の英数字です',
  'checkup.results.empty': '結果が1件もありません',
  'checkup.results.too_large': '結果が大きすぎて保存できません(1件の健診の結果は合わせて約1.5MBまでです)',
  'checkup.person_not_found': '名簿に該当する方がいません(個人識別番号、または保険証と生年月日が一致しません)',
  'checkup.value.number': '数値の項目に数値でない結果があります',
  'checkup.value.required': '結果値がありません(実施しなかった項目は「未実施」としてください)',
  'checkup.unit.mismatch': '単位が項目の単位と一致しません',
  'checkup.answer.invalid': 'コード項目の結果が選択肢にありません',
  'field.viewingCode.required': '健診閲覧コードを入力してください。',
  'field.viewingCode.format': '健診閲覧コードは12桁です。ハガキをご確認ください。',
  'field.questionId.required': '秘密の質問を選択してください。',
  'field.answer.required': '秘密の質問の回答を入力してください。',
  'field.answer.too_long': '回答は50文字以内で入力してください。',
  'error.not_linked': '保険証情報の登録がお済みでないため、ご利用いただけません。',
  'error.invalid_viewing_code': '健診閲覧コードが正しくありません。ハガキに記載のコードをご確認ください。',
  'error.viewing_code_locked': '健診閲覧コードを続けて間違えたため、ロックしました。お客様サポートへ再発行をお申し込みください。',
  'error.no_viewing_code': '健診閲覧コードが発行されていません。お客様サポートへお問い合わせください。',
  'error.wrong_state': 'この手続きは現在行えません。画面を読み込み直してください。',
  'error.wrong_answer': '秘密の質問の回答が正しくありません。大文字と小文字は区別されます。',
  'error.health_locked': '秘密の質問の回答を続けて間違えたため、健診結果の閲覧を停止しました。パスワードの再設定(メール)で解除できます。',
  'error.step_up_required': '健診結果を見るには、本人確認が必要です。',
  'error.checkup_not_found': 'この日付の健診結果はありません。',
} as const satisfies Record<string, string>

/** Every message key. Derived from the Japanese catalogue, which is complete by definition. */
export type MessageKey = keyof typeof ja

const en: Record<MessageKey, string> = {
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
  'field.captchaToken.invalid': 'Please complete the verification again.',
  'field.action.invalid': 'This kind of operation is not valid.',

  'error.validation': 'Some of the information entered is not valid. Please check each field.',
  'error.captcha_required': 'Please complete the verification.',
  'error.too_many_attempts':
    'Too many attempts. This is unavailable for a while; please try again later.',
  'error.invalid_credentials': 'The e-mail address or password is incorrect.',
  'error.link_expired': 'This URL has expired or has already been used.',
  'error.signup_password_required':
    'This URL was opened on a different device or browser from the one where you signed up. To complete your registration, enter the password you chose when you signed up.',
  'error.signup_password_wrong': 'The password is not correct. Enter the password you chose when you signed up.',
  'error.invalid_code':
    'The confirmation code is incorrect. Please check the 6-digit number in the e-mail.',
  'error.code_expired':
    'The confirmation code has expired or has been tried too many times. Please have the provisional registration e-mail sent again.',
  'error.unauthenticated': 'Your session has expired. Please log in again.',
  'error.csrf': 'The request could not be processed. Please reload the page and try again.',
  'error.payload_too_large': 'The data sent is too large. Please check what you entered.',
  'error.unsupported_media_type': 'This type of request is not supported.',
  'error.not_found': 'The page you are looking for was not found.',
  'error.internal': 'A system error occurred. Please try again later.',
  'error.method_not_allowed': 'This operation is not supported.',

  'password.checklist.length': 'At least 8 characters',
  'password.checklist.kinds': 'At least 2 of: letters, digits, symbols',

  'strength.meter': 'Password strength: {level}',
  'strength.score.0': 'Very weak',
  'strength.score.1': 'Weak',
  'strength.score.2': 'Fair',
  'strength.score.3': 'Strong',
  'strength.score.4': 'Very strong',
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

  'roster.row.too_many_fields':
    'The row has more columns than the header (check for a "," inside a value).',
  'roster.person_key.required': 'The person key is missing.',
  'roster.person_key.too_long': 'The person key must be 64 characters or fewer.',
  'roster.insurer_number.required': 'The insurer number is missing.',
  'roster.insurer_number.invalid':
    'The insurer number is not valid (6 or 8 digits, including the check digit).',
  'roster.insurer_number.mismatch': "The insurer number is not the importing insurer's.",
  'roster.symbol.too_long': 'The symbol must be 20 characters or fewer.',
  'roster.number.required': 'The number is missing.',
  'roster.number.too_long': 'The number must be 20 characters or fewer.',
  'roster.number.exponent':
    'The number is in scientific notation (e.g. 1.23E+11); a spreadsheet may convert it on saving.',
  'roster.branch.invalid': 'The branch number must be at most 2 digits.',
  'roster.name_kana.required': 'The name (kana) is missing.',
  'roster.name_kana.too_long': 'The name (kana) must be 64 characters or fewer.',
  'roster.name_kana.katakana':
    'The name (kana) must be full-width katakana (a space between family and given name).',
  'roster.birth_date.required': 'The date of birth is missing.',
  'roster.birth_date.invalid': 'The date of birth is not a valid date (YYYY-MM-DD).',
  'roster.sex.invalid': 'Sex must be 1 (male) or 2 (female).',
  'roster.relationship.invalid': 'Relationship must be 1 (insured person) or 2 (dependent).',
  'roster.valid_from.invalid': 'The qualification start date is not a valid date (YYYY-MM-DD).',
  'roster.valid_to.invalid': 'The qualification end date is not a valid date (YYYY-MM-DD).',
  'roster.valid_to.before_valid_from':
    'The qualification end date is before the qualification start date.',
  'roster.postal_code.invalid': 'The postal code is not valid (NNN-NNNN).',
  'roster.address.too_long': 'The address must be 200 characters or fewer.',
  'roster.person_key.duplicate': 'The same person key appears twice in one batch (the later line was kept).',
  'error.service_unavailable': 'The service is unavailable right now. Please try again in a moment.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.conflict': 'It already exists.',
  'error.roster_header': 'The roster header row is not right: a required column is missing or a column is unknown.',
  'error.card_not_found': 'We could not confirm your eligibility with the card details you entered.',
  'error.card_already_linked': 'This insurance card is already registered with another e-mail address.',
  'error.account_already_linked': 'This account already has an insurance card registered.',
  'error.qualification_ended': 'This card’s coverage has ended, so it can no longer be registered.',
  'error.card_restricted': 'Your health insurance society’s rules do not allow you to use the service.',
  'error.insurer_maintenance': 'Your health insurance society is under maintenance. Please try again later.',
  'error.card_too_many_attempts': 'You have reached the limit of card checks (5 in 24 hours). Please contact support.',
  'ops.insurer.number': 'The insurer number is not valid (6 or 8 digits with its check digit).',
  'ops.insurer.name': 'The name must be 1 to 100 characters.',
  'ops.insurer.flag': 'Give on or off.',
  'ops.insurer.age': 'The age must be a whole number from 0 to 120.',
  'ops.insurer.cidr': 'An IP range (CIDR) is not valid.',
  'ops.insurer.limit': 'The failure limit must be a whole number from 1 to 1000.',
  'ops.roster.header': 'The header row is missing.',
  'ops.roster.rows': 'A batch holds 1 to 2000 rows.',

  'grade.A': 'Normal',
  'grade.B': 'Slightly abnormal',
  'grade.C': 'Follow-up',
  'grade.D': 'See a doctor',
  'grade.none': 'Not graded',
  'grade.label': '{letter} ({word})',
  'grade.meaning.C':
    'Slightly outside the reference range. We recommend reviewing your lifestyle.',
  'grade.meaning.D': 'Well outside the reference range. We recommend seeing a doctor.',
  'grade.verify': 'Sources differ on this criterion; it is being checked.',
  'grade.range': 'Reference range',
  'grade.change.better': 'Better',
  'grade.change.worse': 'Worse',
  'grade.change.same': 'Same',
  'grade.mhlw.guidance': 'Health guidance level (MHLW)',
  'grade.mhlw.referral': 'Referral level (MHLW)',
  'checkup.date.invalid': 'The date is not valid (YYYY-MM-DD).',
  'checkup.code.invalid': 'An item code has 17 letters and digits.',
  'checkup.results.empty': 'The checkup has no results.',
  'checkup.results.too_large': 'The results are too large to store (about 1.5 MB at most for one checkup).',
  'checkup.person_not_found': 'No one on the roster matches (the person key, or the card and date of birth).',
  'checkup.value.number': 'A numeric item has a value that is not a number.',
  'checkup.value.required': 'A result has no value (write 未実施 for an item not performed).',
  'checkup.unit.mismatch': 'The unit differs from the item’s unit.',
  'checkup.answer.invalid': 'A coded item’s value is not one of its answers.',
  'field.viewingCode.required': 'Enter your viewing code.',
  'field.viewingCode.format': 'The viewing code has 12 characters. Please check your postcard.',
  'field.questionId.required': 'Choose a secret question.',
  'field.answer.required': 'Enter the answer to your secret question.',
  'field.answer.too_long': 'The answer must be 50 characters or fewer.',
  'error.not_linked': 'Register your insurance card first.',
  'error.invalid_viewing_code': 'The viewing code is not right. Please check the code on your postcard.',
  'error.viewing_code_locked': 'The viewing code was entered wrongly too often and is locked. Please ask support to re-issue it.',
  'error.no_viewing_code': 'No viewing code has been issued for you. Please contact support.',
  'error.wrong_state': 'This step is not available now. Please reload the page.',
  'error.wrong_answer': 'The answer is not right. Upper and lower case letters differ.',
  'error.health_locked': 'The secret answer was wrong too often, so checkup results are locked. Resetting your password by e-mail unlocks them.',
  'error.step_up_required': 'Please confirm your identity to see checkup results.',
  'error.checkup_not_found': 'There is no checkup result for this date.',
}

export const messages: Record<Lang, Record<MessageKey, string>> = { ja, en }

/** Whether a string (e.g. a valibot issue's message) names a message of the catalogue. */
export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(ja, value)
}

/**
 * The UI language for an `Accept-Language` header: 'en' only when the header prefers English over
 * Japanese (higher q, or equal q and listed first); anything else — no header, neither language,
 * a tie — keeps the default 'ja', the language of the service.
 */
export function pickLang(acceptLanguage: string | null | undefined): Lang {
  if (!acceptLanguage) return 'ja'
  // Best weight per language, and the position it was listed at (to break ties).
  const japanese = { q: 0, order: Infinity }
  const english = { q: 0, order: Infinity }
  const wildcard = { q: 0, order: Infinity }
  acceptLanguage.split(',').forEach((range, order) => {
    const [rawTag, ...params] = range.split(';')
    const tag = rawTag.trim().toLowerCase()
    const base = tag.split('-')[0]
    const slot = base === 'ja' ? japanese : base === 'en' ? english : tag === '*' ? wildcard : null
    if (!slot) return
    const q = qValue(params)
    if (q > slot.q || (q === slot.q && order < slot.order)) {
      slot.q = q
      slot.order = order
    }
  })
  // A language the header does not name takes the wildcard's weight (RFC 9110, 12.5.4).
  const ja = japanese.order === Infinity ? wildcard : japanese
  const en = english.order === Infinity ? wildcard : english
  if (en.q <= 0) return 'ja'
  if (en.q > ja.q) return 'en'
  return en.q === ja.q && en.order < ja.order ? 'en' : 'ja'
}

/** The `q` weight of one language range; 1 when absent, 0 (not acceptable) when malformed. */
function qValue(params: string[]): number {
  for (const param of params) {
    const [name, value = ''] = param.split('=').map((part) => part.trim())
    if (name.toLowerCase() !== 'q') continue
    return /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : 0
  }
  return 1
}

/** A message in the given language, with `{name}` placeholders filled from `params`. */
export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const template = messages[lang]?.[key] ?? messages.ja[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  )
}
