/**
 * What only the server says, in Japanese: the API's error answers and the operator API's messages (roster
 * rows, checkup imports, insurer settings). The worker and the command line use them; the member app shows
 * the answers' `message` as it comes, so its build leaves these out. Keys: `ServerMessageKey`.
 */
export const serverJa = {
  // API error answers (docs/api.md, `error.<code>`), in the language the request asked for.
  'error.validation': '入力内容に誤りがあります。各項目のメッセージをご確認ください。',
  'error.inquiry_limit':
    'お問い合わせの送信回数が上限に達しました。1時間ほど時間をおいてお試しください。',
  'error.too_many_attempts':
    '試行回数が上限に達したため、しばらくの間ご利用いただけません。時間をおいてお試しください。',
  'error.invalid_staff_credentials':
    'メールアドレス、パスワードまたは確認コードが正しくありません。確認コードは一度しか使えません。',
  'error.passkey_refused':
    'パスキーを登録できませんでした。同じパスキーは二度登録できません。もう一度お試しください。',
  'error.invalid_credentials': 'メールアドレスまたはパスワードが正しくありません。',
  'error.link_expired': 'このURLは有効期限が切れているか、すでに使用されています。',
  'error.signup_password_required':
    'このURLは、仮登録を行った端末・ブラウザとは別の場所で開かれました。本登録を完了するには、仮登録時に設定したパスワードを入力してください。',
  'error.signup_password_wrong':
    'パスワードが正しくありません。仮登録時に設定したパスワードを入力してください。',
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
  'error.service_unavailable':
    'ただいまサービスを利用できません。しばらくしてからもう一度お試しください。',
  'error.forbidden': 'この操作を行う権限がありません。',
  'error.conflict': 'すでに登録されています。',
  'error.roster_header': '名簿の見出し行が正しくありません。必須の列がないか、不明な列があります。',
  'error.card_not_found': 'ご入力の保険証情報で利用資格を確認できませんでした。',
  'error.card_already_linked': 'この保険証情報は、すでに別のメールアドレスで登録されています。',
  'error.account_already_linked': 'このアカウントには、すでに保険証情報が登録されています。',
  'error.qualification_ended':
    'この保険証の資格は喪失しているため、新たに登録することはできません。',
  'error.card_restricted': 'ご所属の健康保険組合の利用条件により、ご利用いただけません。',
  'error.insurer_maintenance':
    'ご所属の健康保険組合は、ただいまメンテナンス中です。しばらくしてからお試しください。',
  'error.card_too_many_attempts':
    '保険証情報の照会回数が上限(24時間に5回)に達しました。お客様サポートへお問い合わせください。',
  'error.not_linked': '保険証情報の登録がお済みでないため、ご利用いただけません。',
  'error.invalid_viewing_code':
    '健診閲覧コードが正しくありません。ハガキに記載のコードをご確認ください。',
  'error.no_viewing_code':
    '健診閲覧コードが発行されていません。お客様サポートへお問い合わせください。',
  'error.batch_too_many_rejections':
    'この回のデータは不合格が多すぎて記録できません。何も取り込まれていません。ファイルの誤り(列の並びや形式)を直してから取り込み直すか、コマンドラインでは --batch で一度に送る件数を減らしてください。',
  'error.wrong_state': 'この手続きは現在行えません。画面を読み込み直してください。',
  'error.wrong_answer': '秘密の質問の回答が正しくありません。大文字と小文字は区別されます。',
  'error.step_up_required': '健診結果を見るには、本人確認が必要です。',
  'error.checkup_not_found': 'この日付の健診結果はありません。',

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
  'roster.person_key.duplicate':
    '同じ個人識別番号が同じ取込単位に複数あります(後の行を採用しました)',
  'ops.insurer.number': '保険者番号が正しくありません(6桁または8桁、検証番号を含む)',
  'ops.insurer.name': '組合名は1〜100文字で指定してください',
  'ops.insurer.flag': 'on または off で指定してください',
  'ops.insurer.age': '年齢は0〜120の整数で指定してください',
  'ops.insurer.cidr': 'IPアドレスの範囲(CIDR)が正しくありません',
  'ops.insurer.limit': '失敗回数の上限は1〜1000の整数で指定してください',
  'ops.roster.header': '見出し行がありません',
  'ops.roster.rows': '1回に送れる行は1〜2000行です',
  'checkup.date.invalid': '日付の形式が正しくありません(YYYY-MM-DD)',
  'checkup.code.invalid': '項目コードは17桁の英数字です',
  'checkup.results.empty': '結果が1件もありません',
  'checkup.results.too_large':
    '結果が大きすぎて保存できません(1件の健診の結果は合わせて約1.5MBまでです)',
  'checkup.person_not_found':
    '名簿に該当する方がいません(個人識別番号、または保険証と生年月日が一致しません)',
  'checkup.value.number': '数値の項目に数値でない結果があります',
  'checkup.value.required': '結果値がありません(実施しなかった項目は「未実施」としてください)',
  'checkup.unit.mismatch': '単位が項目の単位と一致しません',
  'checkup.answer.invalid': 'コード項目の結果が選択肢にありません',
  // アカウント設定 (issue 12)
  'error.wrong_password': '現在のパスワードが正しくありません。',
  'error.email_taken':
    'このメールアドレスは、ほかのアカウントで使われているため変更できませんでした。別のメールアドレスで、もう一度変更のお手続きをしてください。',
  'error.password_tries_exceeded':
    '現在のパスワードを続けて間違えたため、しばらく受け付けません。1時間ほどおいてから、もう一度お試しください。',
  // パスキー (issue 12)
  'error.passkey_reauth_required':
    'ログインから10分以上たっているため、パスキーを追加するにはパスワードをもう一度入力してください。',
  'error.passkey_password_wrong': 'パスワードが正しくありません。',
  'error.passkey_login_failed':
    'パスキーでログインできませんでした。もう一度お試しいただくか、メールアドレスとパスワードでログインしてください。',
  'error.passkey_step_up_failed':
    'パスキーで確認できませんでした。もう一度お試しいただくか、秘密の質問に回答してください。',
  'error.no_passkey': 'パスキーが登録されていません。',
  // お知らせ and Web Push (issue 12)
  'error.push_endpoint_not_allowed':
    'この通知サービスには対応していません。お使いのブラウザーの通知はご利用いただけません。',
  'error.push_subscriptions_full':
    '通知を受け取る端末は10台までです。使っていない端末の通知を解除してから、もう一度お試しください。',
  'field.endpoint.invalid': '通知の宛先が正しくありません。',
  'field.keys.invalid': '通知の暗号鍵が正しくありません。',
  'field.mail.invalid': 'メールで受け取るかどうかを選んでください。',
  'ops.imports.rejected_csv_header': '行番号,列,理由,コード',
  'ops.imports.checkup_rejected_csv_header': '参照,行番号,列・項目,理由,コード',
  'ops.insurer.maintenance_message': 'メンテナンスのお知らせは500文字以内で入力してください',
  'ops.insurer.maintenance_until':
    '終了予定日時は日時(例: 2026-12-24T18:00+09:00)で指定してください',
  // issue 14, operator
  'error.checkups_span_databases':
    'この一括には、別々のデータベースに保管される年度の健診が含まれるため、取り込みませんでした。年度(4月〜翌3月)ごとに分けて送ってください。',
  'ops.insurer.database':
    'データベース名は英小文字・数字・「-」「_」の40文字以内で指定してください',
  'error.unknown_database':
    'そのデータベースはありません(または受け付けていません)。名前を確かめてください。',
  // issue 14, F
  'error.insurer_busy': 'ただいまデータを移行中です。少し待ってからもう一度お試しください。',
  'ops.shards.database': 'データベース名が正しくありません(英小文字・数字・_・-、40文字以内)。',
  'ops.shards.from_fy': '年度は1990から2200までの整数で指定してください。',
  // issue 14, I
  'error.database_exists': 'その名前のデータベースはすでに登録されています。',
  'error.database_unreachable':
    'Worker がそのデータベースを開けません({binding})。wrangler.toml に追加する(または URL とトークンを確かめる)・デプロイしてから登録してください。',
  'error.database_not_migrated':
    'そのデータベースは最新の保険者用マイグレーションまで適用されていません。先にマイグレーションしてから(docs/scale.md「保険者の追加」)登録してください。',
  'ops.shards.new_database':
    'データベース名は英小文字で始まり、英小文字・数字・_ を続けた2〜31文字で指定してください。',
  'ops.shards.kind': '種類は d1 か libsql で指定してください。',
  'ops.shards.url':
    'libsql のデータベースには libsql://・https://・http:// の URL が必要です(d1 には指定しません)。',
} as const satisfies Record<string, string>
