/**
 * The member app's own messages in Japanese (field errors, guidance, grades): the source language, the
 * manual's wording, and the set of keys (`AppMessageKey`, core/i18n.ts): member.en.ts must have exactly
 * these keys. The only messages the browser starts with (client/lib/catalogues.ts).
 */
export const memberJa = {
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
  'field.orgCode.unknown':
    'この団体連携コードは使えません(登録がないか、廃止されています)。お勤め先などから届いたコードをご確認ください。コードがなくても登録できます。',
  'field.captchaToken.invalid': '画像認証をもう一度行ってください。',
  'field.action.invalid': '操作の種類が正しくありません。',

  // API error codes (docs/api.md, `error.<code>`) that the app says itself, before asking; the
  // others, the server's answers, are in serverJa.
  'error.captcha_required': '画像認証を完了してください。',

  // The manual's on-screen password guidance (passwordChecklist).
  'password.checklist.length': '8文字以上',
  'password.checklist.kinds': '英字・数字・記号のうち2種類以上',

  // Strength meter (passwordStrength): score labels; zxcvbn's warnings and suggestions are in
  // strength.ja.ts.
  'strength.meter': 'パスワードの強度: {level}',
  'strength.score.0': 'とても弱い',
  'strength.score.1': '弱い',
  'strength.score.2': '普通',
  'strength.score.3': '強い',
  'strength.score.4': 'とても強い',

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

  // The way to the results (worker/services/step-up.ts): viewing code, secret question, locks.
  'field.viewingCode.required': '健診閲覧コードを入力してください。',
  'field.viewingCode.format': '健診閲覧コードは12桁です。ハガキをご確認ください。',
  'field.questionId.required': '秘密の質問を選択してください。',
  'field.answer.required': '秘密の質問の回答を入力してください。',
  'field.answer.too_long': '回答は50文字以内で入力してください。',
  'error.viewing_code_locked':
    '健診閲覧コードを続けて間違えたため、ロックしました。お客様サポートへ再発行をお申し込みください。',
  'error.health_locked':
    '秘密の質問の回答を続けて間違えたため、健診結果の閲覧を停止しました。パスワードの再設定(メール)で解除できます。',
  // アカウント設定 (issue 12)
  'field.currentPassword.required': '現在のパスワードを入力してください。',
  'field.currentPassword.wrong': '現在のパスワードが正しくありません。',
  'field.email.same': '現在のメールアドレスと同じです。新しいメールアドレスを入力してください。',
  'field.sessionId.invalid': '端末を選び直してください。',
  // 招待コード (issue 12)
  'field.inviteCode.unknown':
    'この招待コードは見つかりません。招待してくれた方にコードをご確認ください。コードがなくても登録できます。',
  // パスキー (issue 12)
  'field.passkeyName.invalid': 'パスキーの名前を60文字以内で入力してください。',
} as const satisfies Record<string, string>
