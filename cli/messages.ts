/**
 * Messages of the operator command line, Japanese first, English with `--lang en` or LANG=en*.
 * One flat catalogue per language; `{name}` placeholders are filled by `t()`.
 */

export type Lang = 'ja' | 'en'

const ja = {
  // usage (exit 2)
  unknown_command: '不明なコマンドです: {command}',
  unknown_flag: '不明なオプションです: {flag}',
  flag_needs_value: 'オプション {flag} には値が必要です',
  flag_takes_no_value: 'オプション {flag} は値を取りません',
  unexpected_argument: '余分な引数があります: {arg}',
  missing_argument: '{what}を指定してください',
  missing_flag: 'オプション {flag} を指定してください',
  bad_flag_value: 'オプション {flag} の値が正しくありません: {value}({expected})',
  nothing_to_change: '変更する項目を 1 つ以上指定してください(--name、--insured-only など)',
  see_help: '使い方: npm run ops -- {command}--help',
  arg_file: 'ファイル',
  arg_number: '保険者番号',
  as_needs_dev_token:
    '--as は開発用トークン(.wrangler/state/dev-ops-tokens.json)を使うときだけ指定できます',
  bad_url: 'URL が正しくありません: {url}',

  // connection (exit 1)
  no_token: 'トークンがありません。--token か環境変数 KENSHIN_TOKEN で指定してください',
  no_dev_token:
    'トークンがありません。{file} を読めませんでした({reason})。npm start で開発サーバーを起動するか、--token を指定してください',
  dev_token_missing_role: '{file} に {role} のトークンがありません',
  plain_http_warning: '注意: {url} は暗号化されていない http です。トークンが平文で送られます',
  unreachable: 'サーバーに接続できません: {url}({detail})',
  timeout: 'サーバーが {seconds} 秒以内に応答しませんでした: {url}',
  unauthenticated: 'トークンが受け付けられませんでした(HTTP 401)。トークンを確認してください',
  unauthenticated_dev:
    '開発用トークンが受け付けられませんでした(HTTP 401)。開発サーバーを起動し直すとトークンは作り直されます(npm start)',
  forbidden: 'この操作の権限がありません(HTTP 403): {message}',
  not_found: '見つかりません(HTTP 404): {message}',
  api_error: 'サーバーがエラーを返しました(HTTP {status} {code}): {message}',
  bad_response: 'サーバーの応答を解釈できません(HTTP {status}, {contentType})',
  too_large: 'サーバーが要求を大きすぎるとして拒否しました(HTTP 413)。--batch を小さくしてください',

  // files and CSV (exit 1)
  file_unreadable: 'ファイルを読めません: {file}({reason})',
  file_is_directory: 'ファイルではなくフォルダです: {file}',
  file_empty: 'ファイルが空です: {file}',
  file_unwritable: 'ファイルに書き込めません: {file}({reason})',
  csv_no_header:
    '1 行目(行 {line})が見出し行ではありません。個人識別番号(person_key)の列を含む見出し行が必要です',
  csv_unclosed_quote:
    '行 {line} で始まる項目の引用符(")が閉じられていないまま、ファイルが終わりました',
  csv_record_too_large:
    '行 {line} で始まる行が {limit} を超えています。引用符(")が閉じられていない可能性があります',
  csv_malformed: '行 {line} の CSV の形式が正しくありません: {detail}',
  encoding_unknown:
    '文字コードを判別できません(UTF-8 でも Shift_JIS でもありません)。UTF-8 か Shift_JIS で保存してください',
  encoding_utf16:
    '文字コードを判別できません(UTF-16 のファイルです)。UTF-8 か Shift_JIS で保存してください',
  encoding_broken_utf8:
    '文字コードを判別できません: UTF-8 のようですが、行 {line}(先頭から {offset} バイト目)に UTF-8 として正しくないバイトがあります',

  // local rejections
  reject_column_count: '列の数が {count} です(見出しは {expected} 列)',
  reject_invalid_bytes: '文字コードとして正しくないバイトがあります',
  reject_field_too_long: '{max} 文字を超える項目があります',

  // import
  import_start: '{file}({size}、{encoding})を保険者 {insurer} に取り込みます',
  import_as: '接続先 {url}({name}、{role})',
  import_progress_line: '取込中: {rows} 行({percent})、{rate} 行/秒',
  import_interrupted:
    '中断しました。同じコマンドをもう一度実行すると、重複も欠落もなく取り込み直せます',
  import_interrupting:
    '中断しています(送信中のバッチの完了を待っています)…もう一度 Ctrl-C で即時終了',
  import_resume_hint:
    '取り込み済みの行はそのまま残っています。原因を直して同じコマンドを実行すると続きを取り込めます',
  report_title: '取込結果: {file}',
  report_encoding: '文字コード',
  report_read: '読み込んだ行',
  report_inserted: '追加',
  report_updated: '更新',
  report_unchanged: '変更なし',
  report_rejected: 'エラー',
  report_blank: '空行(読み飛ばし)',
  report_time: '所要時間',
  report_rate: '{rate} 行/秒',
  report_rejections: 'エラーの行:',
  report_rejection: '行 {line}  列 {column}  {message}',
  report_more: '… ほか {count} 件',
  report_rejected_file: 'エラーの一覧: {file}',
  report_no_rows: 'データ行がありません(見出し行のみ)',
  report_failed: '取り込みは途中で終了しました',
  rejected_csv_header: '行番号,列,理由,コード',
  encoding_utf8: 'UTF-8',
  encoding_utf8_bom: 'UTF-8(BOM 付き)',
  encoding_sjis: 'Shift_JIS(CP932)',
  rows_unit: '行',
  seconds: '{s} 秒',
  minutes: '{m} 分 {s} 秒',

  // checkup import
  documents_unit: '件',
  checkup_progress_line: '取込中: {rows} 件({percent})、{rate} 件/秒',
  checkup_report_rate: '{rate} 件/秒',
  format_csv: '健診結果 CSV({encoding})',
  format_xml: '特定健診情報ファイル(XML)',
  format_zip: '健診データの zip アーカイブ',
  report_format: '形式',
  checkup_report_read: '読み込んだ健診',
  report_replaced: '置き換え',
  checkup_report_rows_rejected: 'エラーの行',
  checkup_report_rejections: 'エラー:',
  checkup_report_none: '健診がありません',
  rejection_line: '行 {line}',
  rejection_column: '列 {column}',
  rejection_item: '項目 {code}',
  checkup_rejected_csv_header: '参照,行番号,列・項目,理由,コード',
  checkup_csv_missing_column: '見出しに {column} の列がありません',
  checkup_csv_duplicate_column: '見出しに {column} の列が 2 つ以上あります',
  archive_not_a_zip: 'zip アーカイブとして読めません: {file}({detail})',
  archive_too_many_entries: 'アーカイブのファイルが多すぎます: {file}({detail})',
  archive_too_large: 'アーカイブを展開すると大きすぎます: {file}({detail})',
  archive_corrupt: 'アーカイブが壊れています: {file}({detail})',
  // checkups and rows rejected here, by reason (the parsers' keys)
  rej_column_count: '列の数が見出しと違います',
  rej_invalid_bytes: '文字コードとして正しくないバイトがあります',
  rej_field_too_long: '長すぎる項目があります',
  rej_missing_person_key: '個人識別番号がありません',
  rej_bad_date: '日付が正しくありません',
  rej_bad_item_code: '項目コードが正しくありません(17 桁の英数字)',
  rej_missing_value: '結果値がありません(実施しなかった項目は「未実施」としてください)',
  rej_duplicate_item: '同じ健診に同じ項目が 2 回あります',
  rej_too_many_items: '1 回の健診の項目が多すぎます',
  rej_checkup_split:
    '同じ健診の行がファイルの中で離れすぎています(個人識別番号と受診日の順に並べてください)',
  rej_checkup_not_sent:
    'エラーの行があるため、この健診は取り込んでいません(行 {lines})。直してから取り込み直してください',
  rej_too_large: '大きすぎます',
  rej_too_many_observations: '検査項目が多すぎます',
  rej_too_deep: '要素の入れ子が深すぎます',
  rej_malformed: 'XML の形式が正しくありません',
  rej_doctype_not_allowed: 'DOCTYPE は使えません',
  rej_wrong_namespace: 'HL7 CDA(urn:hl7-org:v3)の文書ではありません',
  rej_wrong_root: 'ClinicalDocument の文書ではありません',
  rej_bad_encoding: '文字コードが正しくありません(UTF-8 か Shift_JIS にしてください)',
  rej_empty: '中身がありません',
  rej_missing_field: '必要な項目がありません',
  rej_bad_insurer_number: '保険者番号が正しくありません',
  rej_bad_value: '結果値が正しくありません',
  rej_unsupported_value_type: '対応していない値の型です(PQ、CD、CO、ST のみ)',
  rej_read_error: '読めません',
  rej_unsafe_path: '危険な名前のファイルです(絶対パス、.. など)',
  rej_unexpected_file: '健診データ(DATA/h….xml)ではないファイルです',
  rej_encrypted: '暗号化されています',
  rej_unsupported_compression: '対応していない圧縮方式です',
  rej_corrupt: '壊れています',
  rej_insurer_mismatch: '別の保険者({number})の健診です',
  rej_checkup_too_large: '1 件の健診として大きすぎます',
  rej_invalid: 'サーバーが受け付けない値があります({field})',

  // viewing codes
  codes_out_exists:
    '{file} は既にあります。閲覧コードはこのファイルにしかないため、上書きしません。別のファイル名を指定するか、不要なことを確かめてから --force を付けてください',
  codes_start:
    '保険者 {insurer} の閲覧コードを発行します(閲覧コードのない方 {total} 人)。印刷用ファイル: {file}',
  codes_reissue_start:
    '保険者 {insurer} の {total} 人に閲覧コードを再発行します(古いコードは無効になります)。印刷用ファイル: {file}',
  codes_progress_line: '発行中: {done} / {total} 件({percent})、{rate} 件/秒',
  codes_interrupting:
    '中断しています(発行中の閲覧コードをファイルに書き出すまで待っています)…もう一度 Ctrl-C で即時終了(発行中のコードは失われ、再発行が必要になります)',
  codes_interrupted: '中断しました({count} 件を書き出し済み)',
  codes_report_title: '閲覧コードの発行結果: 保険者 {insurer}',
  codes_report_reissue_title: '閲覧コードの再発行結果: 保険者 {insurer}',
  codes_report_issued: '発行した閲覧コード',
  codes_report_reissued: '再発行した閲覧コード',
  codes_report_rate: '{rate} 件/秒',
  codes_report_file: '印刷用ファイル: {file}',
  codes_keep_file:
    '閲覧コードはこのファイルにしかありません(サーバーには照合用の値しか残りません)。はがきの印刷が終わるまで安全に保管してください',
  codes_report_none: '閲覧コードのない方はいません。ファイルは作成・変更していません',
  codes_report_none_reissued: '再発行した方はいません。ファイルは作成・変更していません',
  codes_not_found: '名簿にない個人識別番号です(再発行していません): {keys}',
  codes_unwritten:
    '次の方の閲覧コードは発行されましたが、ファイルに書き出せませんでした。codes reissue で再発行してください: {keys}',
  codes_answer_lost:
    '応答を受け取れなかった要求で、ファイルにない閲覧コードが発行されています({count} 件)。codes status で確認し、該当する方には codes reissue で再発行してください',
  codes_answer_lost_unknown:
    '応答を受け取れなかった要求で、ファイルにない閲覧コードが発行された可能性があります(最大 50 件)。codes status で確認し、該当する方には codes reissue で再発行してください',
  codes_reissue_uncertain:
    '次の方の再発行は確認できませんでした(古い閲覧コードは無効になっている可能性があります)。別の --out で再発行し直してください: {keys}',
  codes_resume_hint:
    '書き出した閲覧コードは有効です。このファイルは保管し、原因を直してから別の --out を指定して同じコマンドを実行すると、残りの方に発行できます',
  codes_status_title: '保険者 {insurer} の閲覧コード',
  codes_status_issued: '発行済み(有効なコード)',
  codes_status_used: 'うち利用済み',
  codes_status_locked: 'うちロック中',
  codes_status_without: '閲覧コードのない方',
  expected_person_key: '1〜64 文字の個人識別番号',

  // insurers
  insurer_number: '保険者番号',
  insurer_name: '名称',
  insurer_eligible: '利用できる人',
  insurer_eligible_insured_only: '本人のみ',
  insurer_eligible_all: '本人と家族',
  insurer_eligible_age: '本人と家族({age} 歳まで)',
  insurer_maintenance: 'メンテナンス',
  insurer_cidrs: '許可 IP 範囲',
  insurer_cidrs_none: 'なし',
  insurer_failure_limit: '失敗上限',
  on: 'オン',
  off: 'オフ',
  insurer_created: '保険者 {number} を作成しました',
  insurer_updated: '保険者 {number} を更新しました',
  insurer_list_empty: '保険者はありません',

  whoami_name: '名前',
  whoami_role: '役割',
  whoami_insurer: '保険者',
  whoami_insurer_all: 'すべて',
  whoami_url: '接続先',

  internal_error: '内部エラー: {message}(詳細は KENSHIN_DEBUG=1 で表示)',
  expected_integer: '0 以上の整数',
  expected_batch: '1〜2000 の整数',
  expected_failure_limit: '1〜1000 の整数',
  expected_checkup_batch: '1〜500 の整数',
  expected_on_off: 'on か off',
  expected_int_or_none: '0 以上の整数か none',
  expected_insurer_number: '6 桁か 8 桁の数字',
  expected_role: 'admin か operator',
  expected_lang: 'ja か en',

  help_main: `Kenshin Portal 運用コマンド

使い方: npm run ops -- <コマンド> [オプション]

コマンド:
  whoami                  トークンの持ち主を表示します
  insurer list            保険者の一覧
  insurer create          保険者を作成します(管理者)
  insurer set <番号>      保険者の設定を変更します
  roster import <ファイル> 名簿 CSV を取り込みます
  checkups import <ファイル> 健診結果(CSV、XML、zip)を取り込みます
  codes issue             閲覧コードを発行し、はがきの印刷用ファイルに書き出します
  codes reissue           指定した方に閲覧コードを再発行します
  codes status            閲覧コードの発行状況

共通オプション:
  --url <URL>             接続先(既定: 環境変数 KENSHIN_URL、なければ http://localhost:8787)
  --token <トークン>      API トークン(既定: 環境変数 KENSHIN_TOKEN)
  --as admin|operator     開発サーバーでどちらの開発用トークンを使うか(既定: admin)
  --lang ja|en            表示言語(既定: 日本語。LANG が en で始まるときは英語)
  --json                  結果を JSON で出力します
  -q, --quiet             進捗と結果の表示を省きます(エラーは表示します)
  -h, --help              使い方を表示します

http://localhost:8787 などローカルの開発サーバーにはトークンなしで接続できます
(npm start が書き出す .wrangler/state/dev-ops-tokens.json を読みます。場所は KENSHIN_DEV_TOKENS で変更可)。

例:
  npm run ops -- whoami
  npm run ops -- insurer list
  npm run ops -- roster import --insurer 06139992 名簿.csv
  npm run ops -- checkups import --insurer 06139992 健診結果.zip
  npm run ops -- codes issue --insurer 06139992 --out はがき-2026.csv
  KENSHIN_URL=https://kenshin.example KENSHIN_TOKEN=… npm run ops -- insurer list --json`,

  help_whoami: `使い方: npm run ops -- whoami [--json]

トークンの持ち主(名前、役割、担当の保険者)と接続先を表示します。

例:
  npm run ops -- whoami
  npm run ops -- whoami --as operator`,

  help_insurer: `使い方: npm run ops -- insurer <list|create|set> [オプション]

  insurer list              保険者の一覧(担当者は自分の保険者のみ)
  insurer create …          保険者を作成します(管理者)
  insurer set <番号> …      保険者の設定を変更します

詳しくは npm run ops -- insurer <サブコマンド> --help`,

  help_insurer_list: `使い方: npm run ops -- insurer list [--json]

保険者の一覧を表で表示します。--json で API と同じ形の JSON を出力します。

例:
  npm run ops -- insurer list
  npm run ops -- insurer list --json`,

  help_insurer_create: `使い方: npm run ops -- insurer create --number <保険者番号> --name <名称> [オプション]

保険者を作成します(管理者のみ)。

  --number <番号>             保険者番号(8 桁、市町村国保は 6 桁。検証番号はサーバーが確かめます)
  --name <名称>               保険者の名称
  --insured-only              本人(被保険者)だけが利用できます
  --dependent-max-age <歳>    家族(被扶養者)が利用できる年齢の上限
  --maintenance               メンテナンス中として作成します
  --cidr <範囲,…>             許可 IP 範囲: ここからの利用者には画像認証を出しません(CIDR、カンマ区切り。
                              繰り返し指定も可。IPv4 は /16、IPv6 は /32 より広い範囲は不可)
  --failure-limit <回数>      許可 IP 範囲からの 1 時間の失敗がこの回数に達すると画像認証に戻します(1〜1000、既定 20)
  --json                      作成した保険者を JSON で出力します

--cidr と --failure-limit はプラットフォーム管理者だけが指定できます(変更は監査ログに残ります)。

例:
  npm run ops -- insurer create --number 06139992 --name 'デモ健康保険組合'
  npm run ops -- insurer create --number 06139992 --name 'デモ健康保険組合' --dependent-max-age 18 \\
      --cidr 203.0.113.0/24,2001:db8::/32 --failure-limit 20`,

  help_insurer_set: `使い方: npm run ops -- insurer set <保険者番号> [オプション]

保険者の設定を変更します。指定した項目だけが変わります。

  --name <名称>                      名称
  --insured-only on|off              本人だけが利用できる
  --dependent-max-age <歳>|none      家族が利用できる年齢の上限(none で上限なし)
  --maintenance on|off               メンテナンス中
  --cidr <範囲,…>|none               許可 IP 範囲を置き換えます(none で範囲なし。IPv4 は /16、IPv6 は /32 まで)
  --failure-limit <回数>             許可 IP 範囲からの 1 時間の失敗の上限(1〜1000)
  --json                             変更後の保険者を JSON で出力します

--cidr と --failure-limit はプラットフォーム管理者だけが変更できます(担当者には 403。変更は監査ログに残ります)。

例:
  npm run ops -- insurer set 06139992 --maintenance on
  npm run ops -- insurer set 06139992 --dependent-max-age none --cidr none`,

  help_roster: `使い方: npm run ops -- roster import --insurer <保険者番号> <ファイル>

詳しくは npm run ops -- roster import --help`,

  help_roster_import: `使い方: npm run ops -- roster import --insurer <保険者番号> [--batch <行数>] <ファイル>

名簿 CSV を取り込みます(個人識別番号ごとに追加・更新。同じファイルを何度取り込んでも結果は同じです)。

  --insurer <番号>    取り込み先の保険者番号
  --batch <行数>      1 回に送る行数(1〜2000、既定 1000)
  --json              結果を JSON で出力します
  -q, --quiet         進捗と結果を表示しません(エラーは表示し、終了コードは同じ)

ファイル: UTF-8(BOM あり・なし)か Shift_JIS(自動判別)、改行は LF か CRLF、1 行目は見出し(日本語か英語)。
ファイルは少しずつ読むので、100 万行でもメモリは一定です。列の数が違う行などのエラーは行番号つきで表示し、
すべてを <ファイル名>.rejected.csv に書き出します(UTF-8 BOM 付き)。エラーの行があっても、他の行は取り込まれます。
途中で止めても、同じコマンドをもう一度実行すれば重複も欠落もなく取り込めます。

終了コード: 0 取り込み完了(エラーの行があっても)、1 取り込めなかった(接続、権限、ファイル)、2 使い方の誤り

例:
  npm run ops -- roster import --insurer 06139992 名簿.csv
  npm run ops -- roster import --insurer 06139992 --batch 500 roster-2026.csv`,

  help_checkups: `使い方: npm run ops -- checkups import --insurer <保険者番号> <ファイル>

詳しくは npm run ops -- checkups import --help`,

  help_checkups_import: `使い方: npm run ops -- checkups import --insurer <保険者番号> [--batch <件数>] <ファイル>

健診結果を取り込みます。ファイルは次のどれかです(拡張子で、なければ中身で判別します)。
  健診結果 CSV(.csv)         1 行に 1 項目。個人識別番号で名簿の方と照合します
  特定健診情報ファイル(.xml)  DATA/h….xml 1 件。保険証の記号・番号・枝番と生年月日で照合します
  zip アーカイブ(.zip)        中の DATA/h….xml をすべて(索引、集計、請求、XSD は読み飛ばします)

  --insurer <番号>    取り込み先の保険者番号
  --batch <件数>      1 回に送る健診の数(1〜500、既定 200)
  --json              結果を JSON で出力します
  -q, --quiet         進捗と結果を表示しません(エラーは表示し、終了コードは同じ)

名簿を先に取り込んでください(名簿にいない方の健診はエラーになります)。同じ方・同じ受診日の健診は丸ごと
置き換わり、同じファイルを何度取り込んでも結果は同じです。結果に 1 つでもエラーがある健診は取り込みません。
CSV でエラーの行がある健診も送りません(保存済みの健診を欠けたもので置き換えないため)。エラーは行番号、
ファイル名、項目コードつきで表示し、すべてを <ファイル名>.rejected.csv に書き出します(UTF-8 BOM 付き)。
途中で止めても、同じコマンドをもう一度実行すれば重複も欠落もなく取り込めます。

終了コード: 0 取り込み完了(エラーの健診があっても)、1 取り込めなかった(接続、権限、ファイル)、2 使い方の誤り、
130 中断

例:
  npm run ops -- checkups import --insurer 06139992 健診結果.csv
  npm run ops -- checkups import --insurer 06139992 1310000001_06139992_202606101_1.zip`,
  help_codes: `使い方: npm run ops -- codes <issue|reissue|status> --insurer <保険者番号> [オプション]

  codes issue --out <ファイル> …              閲覧コードのない方全員に発行し、印刷用ファイルに書き出します
  codes reissue --person <個人識別番号> …    指定した方に再発行します(古いコードは無効になります)
  codes status                               発行状況を表示します

詳しくは npm run ops -- codes <サブコマンド> --help`,

  help_codes_issue: `使い方: npm run ops -- codes issue --insurer <保険者番号> --out <ファイル> [--force]

閲覧コードのない名簿の方全員に健診閲覧コードを発行し、はがきの印刷用ファイルに書き出します。

  --insurer <番号>    保険者番号
  --out <ファイル>    印刷用ファイル(CSV、UTF-8 BOM 付き、Excel で開けます)
  --force             既にある --out のファイルを上書きします(発行した閲覧コードがあるときだけ)
  --json              結果を JSON で出力します(閲覧コードそのものは出力しません)
  -q, --quiet         進捗と結果を表示しません(エラーは表示し、終了コードは同じ)

1 回の要求で 50 件ずつ、発行する方がいなくなるまで繰り返します(1 件あたり 0.1〜0.3 秒ほど)。
列: 個人識別番号, 保険者番号, 記号, 番号, 枝番, 氏名カナ, 郵便番号, 住所, 健診閲覧コード, 発行日(日本時間)。

大切: 閲覧コードはこのファイルにしかありません(サーバーには照合用の値しか残りません)。発行した閲覧コードは
届くたびにファイルに書き出すので、途中で止めても書き出した分は失われません。ただし、その方々には有効な
閲覧コードがあるため、もう一度実行しても発行されません。ファイルは、はがきの印刷が終わるまで必ず保管して
ください。そのため、既にあるファイルは --force を付けない限り上書きしません。続きを発行するときは別の
--out を指定してください。同じ保険者で同時に 2 つ実行しないでください。

終了コード: 0 発行完了、1 失敗(接続、権限、ファイル)、2 使い方の誤り、130 中断

例:
  npm run ops -- codes issue --insurer 06139992 --out はがき-2026.csv`,

  help_codes_reissue: `使い方: npm run ops -- codes reissue --insurer <保険者番号> --person <個人識別番号> [--person …] --out <ファイル> [--force]

指定した方に閲覧コードを再発行し(それまでの閲覧コードは使えなくなります)、印刷用ファイルに書き出します。
はがきの紛失、閲覧コードのロックなどのときに使います。

  --insurer <番号>          保険者番号
  --person <個人識別番号>   再発行する方(繰り返し指定、またはカンマ区切り)
  --out <ファイル>          印刷用ファイル(codes issue と同じ形式)
  --force                   既にある --out のファイルを上書きします
  --json                    結果を JSON で出力します(閲覧コードそのものは出力しません)
  -q, --quiet               進捗と結果を表示しません

名簿にない個人識別番号は表示しますが(JSON では notFound)、他の方の再発行は行います(終了コード 0)。
閲覧コードはこのファイルにしかありません。印刷が終わるまで保管してください。

終了コード: 0 完了、1 失敗(接続、権限、ファイル)、2 使い方の誤り、130 中断

例:
  npm run ops -- codes reissue --insurer 06139992 --person D0000 --out 再発行-D0000.csv`,

  help_codes_status: `使い方: npm run ops -- codes status --insurer <保険者番号> [--json]

閲覧コードの発行状況を表示します: 有効な閲覧コードの数(うち利用済み、ロック中)と、閲覧コードのない方の数。

例:
  npm run ops -- codes status --insurer 06139992
  npm run ops -- codes status --insurer 06139992 --json`,
} as const

export type MessageKey = keyof typeof ja

const en: Record<MessageKey, string> = {
  unknown_command: 'Unknown command: {command}',
  unknown_flag: 'Unknown option: {flag}',
  flag_needs_value: 'Option {flag} needs a value',
  flag_takes_no_value: 'Option {flag} takes no value',
  unexpected_argument: 'Unexpected argument: {arg}',
  missing_argument: 'Missing {what}',
  missing_flag: 'Missing option {flag}',
  bad_flag_value: 'Bad value for {flag}: {value} (expected {expected})',
  nothing_to_change: 'Give at least one setting to change (--name, --insured-only, …)',
  see_help: 'Usage: npm run ops -- {command}--help',
  arg_file: 'the file',
  arg_number: 'the insurer number',
  as_needs_dev_token:
    '--as only applies to the development tokens (.wrangler/state/dev-ops-tokens.json)',
  bad_url: 'Bad URL: {url}',

  no_token: 'No token. Give --token or set KENSHIN_TOKEN',
  no_dev_token:
    'No token: could not read {file} ({reason}). Start the dev server with npm start, or give --token',
  dev_token_missing_role: '{file} has no {role} token',
  plain_http_warning: 'Warning: {url} is plain http; the token is sent unencrypted',
  unreachable: 'Cannot reach the server: {url} ({detail})',
  timeout: 'The server did not answer within {seconds} s: {url}',
  unauthenticated: 'The token was refused (HTTP 401); check it',
  unauthenticated_dev:
    'The development token was refused (HTTP 401); npm start makes new tokens each time it starts',
  forbidden: 'Not allowed (HTTP 403): {message}',
  not_found: 'Not found (HTTP 404): {message}',
  api_error: 'The server answered with an error (HTTP {status} {code}): {message}',
  bad_response: 'Unexpected answer from the server (HTTP {status}, {contentType})',
  too_large: 'The server refused the request as too large (HTTP 413); use a smaller --batch',

  file_unreadable: 'Cannot read the file: {file} ({reason})',
  file_is_directory: 'Not a file but a folder: {file}',
  file_empty: 'The file is empty: {file}',
  file_unwritable: 'Cannot write the file: {file} ({reason})',
  csv_no_header:
    'The first row (line {line}) is not a header row; a header with a person_key (個人識別番号) column is required',
  csv_unclosed_quote:
    'The file ends inside a quoted field that starts on line {line} (a " is not closed)',
  csv_record_too_large:
    'The row starting on line {line} is longer than {limit}; a " is probably not closed',
  csv_malformed: 'Malformed CSV on line {line}: {detail}',
  encoding_unknown:
    'Encoding not recognised (neither UTF-8 nor Shift_JIS); save the file as UTF-8 or Shift_JIS',
  encoding_utf16: 'Encoding not recognised (the file is UTF-16); save it as UTF-8 or Shift_JIS',
  encoding_broken_utf8:
    'Encoding not recognised: the file looks like UTF-8 but has invalid bytes on line {line} (byte {offset})',

  reject_column_count: 'column count {count}, expected {expected}',
  reject_invalid_bytes: 'invalid bytes for the file encoding',
  reject_field_too_long: 'a field longer than {max} characters',

  import_start: 'Importing {file} ({size}, {encoding}) into insurer {insurer}',
  import_as: 'Server {url} ({name}, {role})',
  import_progress_line: 'Importing: {rows} rows ({percent}), {rate} rows/s',
  import_interrupted: 'Interrupted. Run the same command again: nothing is lost or duplicated',
  import_interrupting:
    'Stopping (waiting for the batches in flight)… press Ctrl-C again to quit at once',
  import_resume_hint:
    'Rows already imported stay. Fix the cause and run the same command again to import the rest',
  report_title: 'Import of {file}',
  report_encoding: 'Encoding',
  report_read: 'Rows read',
  report_inserted: 'Inserted',
  report_updated: 'Updated',
  report_unchanged: 'Unchanged',
  report_rejected: 'Rejected',
  report_blank: 'Blank (skipped)',
  report_time: 'Time',
  report_rate: '{rate} rows/s',
  report_rejections: 'Rejected rows:',
  report_rejection: 'line {line}  column {column}  {message}',
  report_more: '… {count} more',
  report_rejected_file: 'All rejections: {file}',
  report_no_rows: 'No data rows (header only)',
  report_failed: 'The import stopped before the end',
  rejected_csv_header: 'line,column,reason,code',
  encoding_utf8: 'UTF-8',
  encoding_utf8_bom: 'UTF-8 (BOM)',
  encoding_sjis: 'Shift_JIS (CP932)',
  rows_unit: 'rows',
  seconds: '{s} s',
  minutes: '{m} min {s} s',

  documents_unit: 'documents',
  checkup_progress_line: 'Importing: {rows} documents ({percent}), {rate} documents/s',
  checkup_report_rate: '{rate} documents/s',
  format_csv: 'checkup CSV, {encoding}',
  format_xml: 'checkup data file (XML)',
  format_zip: 'checkup zip archive',
  report_format: 'Format',
  checkup_report_read: 'Checkups read',
  report_replaced: 'Replaced',
  checkup_report_rows_rejected: 'Rejected rows',
  checkup_report_rejections: 'Rejections:',
  checkup_report_none: 'No checkups in the file',
  rejection_line: 'line {line}',
  rejection_column: 'column {column}',
  rejection_item: 'item {code}',
  checkup_rejected_csv_header: 'ref,line,column or item,reason,code',
  checkup_csv_missing_column: 'The header has no column {column}',
  checkup_csv_duplicate_column: 'The header has the column {column} more than once',
  archive_not_a_zip: 'Not a zip archive: {file} ({detail})',
  archive_too_many_entries: 'The archive holds too many files: {file} ({detail})',
  archive_too_large: 'The archive inflates to too much: {file} ({detail})',
  archive_corrupt: 'The archive is broken: {file} ({detail})',
  rej_column_count: 'wrong column count',
  rej_invalid_bytes: 'invalid bytes for the file encoding',
  rej_field_too_long: 'a field too long',
  rej_missing_person_key: 'no person key',
  rej_bad_date: 'bad date',
  rej_bad_item_code: 'bad item code (17 letters and digits)',
  rej_missing_value: 'no result (write 未実施 for an item not performed)',
  rej_duplicate_item: 'the same item twice in one checkup',
  rej_too_many_items: 'too many items in one checkup',
  rej_checkup_split:
    'rows of one checkup too far apart (sort the file by person key and exam date)',
  rej_checkup_not_sent:
    'checkup not imported: rows of it were rejected (lines {lines}); fix them and import again',
  rej_too_large: 'too large',
  rej_too_many_observations: 'too many observations',
  rej_too_deep: 'elements nested too deep',
  rej_malformed: 'malformed XML',
  rej_doctype_not_allowed: 'a DOCTYPE is not allowed',
  rej_wrong_namespace: 'not an HL7 CDA (urn:hl7-org:v3) document',
  rej_wrong_root: 'not a ClinicalDocument',
  rej_bad_encoding: 'bad encoding (UTF-8 or Shift_JIS)',
  rej_empty: 'empty',
  rej_missing_field: 'a required field is missing',
  rej_bad_insurer_number: 'bad insurer number',
  rej_bad_value: 'bad result value',
  rej_unsupported_value_type: 'unsupported value type (PQ, CD, CO, ST only)',
  rej_read_error: 'cannot be read',
  rej_unsafe_path: 'unsafe file name (absolute, .. …)',
  rej_unexpected_file: 'not a checkup data file (DATA/h….xml)',
  rej_encrypted: 'encrypted',
  rej_unsupported_compression: 'unsupported compression',
  rej_corrupt: 'broken',
  rej_insurer_mismatch: 'a checkup of another insurer ({number})',
  rej_checkup_too_large: 'too large for one checkup',
  rej_invalid: 'a value the server does not take ({field})',

  codes_out_exists:
    '{file} already exists. It may hold the only copy of viewing codes, so it is not overwritten: give another file name, or --force once you are sure it is not needed',
  codes_start:
    'Issuing viewing codes for insurer {insurer} ({total} persons without one). Print file: {file}',
  codes_reissue_start:
    'Re-issuing viewing codes to {total} persons of insurer {insurer} (their old codes stop working). Print file: {file}',
  codes_progress_line: 'Issuing: {done} / {total} codes ({percent}), {rate} codes/s',
  codes_interrupting:
    'Stopping (waiting for the codes being issued to be written to the file)… press Ctrl-C again to quit at once (those codes are then lost and need a re-issue)',
  codes_interrupted: 'Interrupted ({count} codes written)',
  codes_report_title: 'Viewing codes issued for insurer {insurer}',
  codes_report_reissue_title: 'Viewing codes re-issued for insurer {insurer}',
  codes_report_issued: 'Codes issued',
  codes_report_reissued: 'Codes re-issued',
  codes_report_rate: '{rate} codes/s',
  codes_report_file: 'Print file: {file}',
  codes_keep_file:
    'This file holds the only copy of the codes (the server keeps only a hash). Keep it safe until the postcards are printed',
  codes_report_none: 'Everyone already has a viewing code; no file was created or changed',
  codes_report_none_reissued: 'Nobody was re-issued a code; no file was created or changed',
  codes_not_found: 'Not on the roster (nothing re-issued): {keys}',
  codes_unwritten:
    'These persons were issued a code that could not be written to the file; re-issue them (codes reissue): {keys}',
  codes_answer_lost:
    'A request whose answer was lost issued codes that are not in the file ({count}); see codes status, and re-issue those persons (codes reissue)',
  codes_answer_lost_unknown:
    'A request whose answer was lost may have issued codes that are not in the file (up to 50); see codes status, and re-issue those persons (codes reissue)',
  codes_reissue_uncertain:
    'The re-issue of these persons is not confirmed (their old codes may be revoked); re-issue them again with another --out: {keys}',
  codes_resume_hint:
    'The codes written are live: keep this file. Fix the cause and run the same command with another --out to issue codes to the others',
  codes_status_title: 'Viewing codes of insurer {insurer}',
  codes_status_issued: 'Issued (live codes)',
  codes_status_used: 'of them used',
  codes_status_locked: 'of them locked',
  codes_status_without: 'Persons without a code',
  expected_person_key: 'a person key of 1 to 64 characters',

  insurer_number: 'Number',
  insurer_name: 'Name',
  insurer_eligible: 'Who may use it',
  insurer_eligible_insured_only: 'insured only',
  insurer_eligible_all: 'insured and dependents',
  insurer_eligible_age: 'insured and dependents up to {age}',
  insurer_maintenance: 'Maintenance',
  insurer_cidrs: 'Allowed IP ranges',
  insurer_cidrs_none: 'none',
  insurer_failure_limit: 'Failure limit',
  on: 'on',
  off: 'off',
  insurer_created: 'Insurer {number} created',
  insurer_updated: 'Insurer {number} updated',
  insurer_list_empty: 'No insurers',

  whoami_name: 'Name',
  whoami_role: 'Role',
  whoami_insurer: 'Insurer',
  whoami_insurer_all: 'all',
  whoami_url: 'Server',

  internal_error: 'Internal error: {message} (KENSHIN_DEBUG=1 shows details)',
  expected_integer: 'an integer of 0 or more',
  expected_batch: 'an integer from 1 to 2000',
  expected_failure_limit: 'an integer from 1 to 1000',
  expected_checkup_batch: 'an integer from 1 to 500',
  expected_on_off: 'on or off',
  expected_int_or_none: 'an integer of 0 or more, or none',
  expected_insurer_number: '6 or 8 digits',
  expected_role: 'admin or operator',
  expected_lang: 'ja or en',

  help_main: `Kenshin Portal operator command line

Usage: npm run ops -- <command> [options]

Commands:
  whoami                   Show who the token belongs to
  insurer list             List insurers
  insurer create           Create an insurer (admin)
  insurer set <number>     Change an insurer's settings
  roster import <file>     Import a roster CSV
  checkups import <file>   Import checkup results (CSV, XML or zip)
  codes issue              Issue viewing codes and write the postcards' print file
  codes reissue            Re-issue viewing codes to named persons
  codes status             Viewing codes issued, used, locked

Options for every command:
  --url <url>              Server (default: KENSHIN_URL, else http://localhost:8787)
  --token <token>          API token (default: KENSHIN_TOKEN)
  --as admin|operator      Which development token to use against a local dev server (default: admin)
  --lang ja|en             Language (default Japanese; English when LANG starts with en)
  --json                   Print the result as JSON
  -q, --quiet              No progress and no report (errors are still shown)
  -h, --help               Show help

Against a local dev server (http://localhost:8787 …) no token is needed: the command reads
.wrangler/state/dev-ops-tokens.json written by npm start (path: KENSHIN_DEV_TOKENS).

Examples:
  npm run ops -- whoami
  npm run ops -- insurer list
  npm run ops -- roster import --insurer 06139992 roster.csv
  npm run ops -- checkups import --insurer 06139992 checkups.zip
  npm run ops -- codes issue --insurer 06139992 --out postcards-2026.csv
  KENSHIN_URL=https://kenshin.example KENSHIN_TOKEN=… npm run ops -- insurer list --json`,

  help_whoami: `Usage: npm run ops -- whoami [--json]

Shows the token's owner (name, role, insurer) and the server.

Examples:
  npm run ops -- whoami
  npm run ops -- whoami --as operator`,

  help_insurer: `Usage: npm run ops -- insurer <list|create|set> [options]

  insurer list              List insurers (an operator sees their own)
  insurer create …          Create an insurer (admin)
  insurer set <number> …    Change an insurer's settings

More: npm run ops -- insurer <subcommand> --help`,

  help_insurer_list: `Usage: npm run ops -- insurer list [--json]

Lists insurers as a table; --json prints the API's JSON.

Examples:
  npm run ops -- insurer list
  npm run ops -- insurer list --json`,

  help_insurer_create: `Usage: npm run ops -- insurer create --number <number> --name <name> [options]

Creates an insurer (admin only).

  --number <number>           Insurer number (8 digits, 6 for municipal plans; the server checks the check digit)
  --name <name>               Name
  --insured-only              Only insured persons may use the service
  --dependent-max-age <age>   Dependents may use it up to this age
  --maintenance               Create it in maintenance
  --cidr <range,…>            Allowed IP ranges: no captcha for members there (CIDR, comma-separated or
                              repeated; none wider than /16 for IPv4 or /32 for IPv6)
  --failure-limit <count>     Failures from the allowed ranges in an hour before the captcha comes back
                              (1–1000, default 20)
  --json                      Print the new insurer as JSON

Only platform admins may give --cidr and --failure-limit (every change is audited).

Examples:
  npm run ops -- insurer create --number 06139992 --name 'デモ健康保険組合'
  npm run ops -- insurer create --number 06139992 --name 'デモ健康保険組合' --dependent-max-age 18 \\
      --cidr 203.0.113.0/24,2001:db8::/32 --failure-limit 20`,

  help_insurer_set: `Usage: npm run ops -- insurer set <number> [options]

Changes an insurer's settings; only the given ones change.

  --name <name>                      Name
  --insured-only on|off              Only insured persons may use the service
  --dependent-max-age <age>|none     Age limit for dependents (none: no limit)
  --maintenance on|off               Maintenance
  --cidr <range,…>|none              Replace the allowed IP ranges (none: no range; at most /16 IPv4, /32 IPv6)
  --failure-limit <count>            Failures from the allowed ranges in an hour before the captcha (1–1000)
  --json                             Print the insurer as JSON

Only platform admins may change --cidr and --failure-limit (an operator gets 403; every change is audited).

Examples:
  npm run ops -- insurer set 06139992 --maintenance on
  npm run ops -- insurer set 06139992 --dependent-max-age none --cidr none`,

  help_roster: `Usage: npm run ops -- roster import --insurer <number> <file>

More: npm run ops -- roster import --help`,

  help_roster_import: `Usage: npm run ops -- roster import --insurer <number> [--batch <rows>] <file>

Imports a roster CSV (upsert by person_key; importing the same file again changes nothing).

  --insurer <number>   Insurer to import into
  --batch <rows>       Rows per request (1–2000, default 1000)
  --json               Print the result as JSON
  -q, --quiet          No progress and no report (errors are still shown; same exit codes)

The file: UTF-8 (with or without BOM) or Shift_JIS, detected; LF or CRLF; a header row (Japanese or English).
It is read as a stream, so a million rows take constant memory. Rejected rows (wrong column count, invalid
values …) are shown with their line and all written to <file>.rejected.csv (UTF-8 with BOM); the other rows
are imported. An interrupted import is finished by running the same command again.

Exit codes: 0 the import ran (even with rejected rows), 1 it could not (server, permission, file), 2 usage

Examples:
  npm run ops -- roster import --insurer 06139992 roster.csv
  npm run ops -- roster import --insurer 06139992 --batch 500 roster-2026.csv`,

  help_checkups: `Usage: npm run ops -- checkups import --insurer <number> <file>

More: npm run ops -- checkups import --help`,

  help_checkups_import: `Usage: npm run ops -- checkups import --insurer <number> [--batch <count>] <file>

Imports checkup results. The file is one of (told by its extension, else by its content):
  a checkup CSV (.csv)       one item a row; people matched by person_key
  a checkup data file (.xml) one DATA/h….xml; people matched by card (symbol, number, branch) and birth date
  a zip archive (.zip)       every DATA/h….xml in it (index, summary, claims and XSD are skipped)

  --insurer <number>   Insurer to import into
  --batch <count>      Checkups per request (1–500, default 200)
  --json               Print the result as JSON
  -q, --quiet          No progress and no report (errors are still shown; same exit codes)

Import the roster first (a checkup of someone not on it is rejected). A checkup replaces the stored one of the
same person and exam date whole; importing the same file again changes nothing. A checkup with any bad result
is rejected whole, and a CSV checkup with a rejected row is not sent (it would replace a stored checkup with an
incomplete one). Rejections are shown with their line, file and item code and all written to
<file>.rejected.csv (UTF-8 with BOM). An interrupted import is finished by running the same command again.

Exit codes: 0 the import ran (even with rejected checkups), 1 it could not (server, permission, file), 2 usage,
130 interrupted

Examples:
  npm run ops -- checkups import --insurer 06139992 checkups.csv
  npm run ops -- checkups import --insurer 06139992 1310000001_06139992_202606101_1.zip`,
  help_codes: `Usage: npm run ops -- codes <issue|reissue|status> --insurer <number> [options]

  codes issue --out <file> …          Issue a code to everyone without one; write the print file
  codes reissue --person <key> …      Re-issue to named persons (their old codes stop working)
  codes status                        Codes issued, used, locked; persons without one

More: npm run ops -- codes <subcommand> --help`,

  help_codes_issue: `Usage: npm run ops -- codes issue --insurer <number> --out <file> [--force]

Issues a viewing code (健診閲覧コード) to every roster person without one and writes the postcards' print file.

  --insurer <number>   Insurer
  --out <file>         The print file (CSV, UTF-8 with BOM; opens in Excel)
  --force              Overwrite an existing --out file (only when codes are issued)
  --json               Print the result as JSON (never the codes themselves)
  -q, --quiet          No progress and no report (errors are still shown; same exit codes)

Codes are issued 50 a request until nobody is left (about 0.1–0.3 s a code).
Columns: 個人識別番号, 保険者番号, 記号, 番号, 枝番, 氏名カナ, 郵便番号, 住所, 健診閲覧コード, 発行日 (Japan time).

Important: the codes exist only in this file (the server keeps only a hash). Each answer is written to it as
it arrives, so stopping midway loses no code already written; but those persons now have a live code and
will not get another from a new run. Keep the file until the postcards are printed. That is why an existing
file is not overwritten without --force: to issue the rest, give another --out. Do not run two at once for
the same insurer.

Exit codes: 0 done, 1 failed (server, permission, file), 2 usage, 130 interrupted

Examples:
  npm run ops -- codes issue --insurer 06139992 --out postcards-2026.csv`,

  help_codes_reissue: `Usage: npm run ops -- codes reissue --insurer <number> --person <person_key> [--person …] --out <file> [--force]

Re-issues viewing codes to the named persons (their old codes stop working) and writes the print file: for a
lost postcard, a locked code …

  --insurer <number>        Insurer
  --person <person_key>     A person to re-issue to (repeat, or separate with commas)
  --out <file>              The print file (the same format as codes issue)
  --force                   Overwrite an existing --out file
  --json                    Print the result as JSON (never the codes themselves)
  -q, --quiet               No progress and no report

Person keys not on the roster are listed (notFound in JSON); the others are re-issued all the same (exit 0).
The codes exist only in this file: keep it until the postcards are printed.

Exit codes: 0 done, 1 failed (server, permission, file), 2 usage, 130 interrupted

Examples:
  npm run ops -- codes reissue --insurer 06139992 --person D0000 --out reissue-D0000.csv`,

  help_codes_status: `Usage: npm run ops -- codes status --insurer <number> [--json]

Shows the insurer's viewing codes: live codes (of them used, locked) and persons without one.

Examples:
  npm run ops -- codes status --insurer 06139992
  npm run ops -- codes status --insurer 06139992 --json`,
}

const catalogues: Record<Lang, Record<MessageKey, string>> = { ja, en }

export type Params = Record<string, string | number>

export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  const template = catalogues[lang][key] ?? catalogues.ja[key] ?? key
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}

/** `--lang` wins; otherwise LANG starting with "en" means English; Japanese by default. */
export function pickLang(
  flag: string | undefined,
  env: Record<string, string | undefined> = process.env,
): Lang {
  if (flag === 'en' || flag === 'ja') return flag
  return (env.LANG ?? '').toLowerCase().startsWith('en') ? 'en' : 'ja'
}

/**
 * An error meant for the operator: a message key and its parameters, and the exit code (1 fatal, 2 usage).
 * Never shown with a stack trace.
 */
export class OpsError extends Error {
  key: MessageKey
  params: Params
  exitCode: number

  constructor(key: MessageKey, params: Params = {}, exitCode = 1) {
    super(t('en', key, params))
    this.name = 'OpsError'
    this.key = key
    this.params = params
    this.exitCode = exitCode
  }

  text(lang: Lang): string {
    return t(lang, this.key, this.params)
  }
}

export class UsageError extends OpsError {
  command: string

  constructor(key: MessageKey, params: Params = {}, command = '') {
    super(key, params, 2)
    this.name = 'UsageError'
    this.command = command
  }
}

export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`
}

export function formatDuration(lang: Lang, ms: number): string {
  const total = Math.max(0, ms) / 1000
  if (total < 60)
    return t(lang, 'seconds', { s: total < 10 ? total.toFixed(1) : Math.round(total) })
  const m = Math.floor(total / 60)
  return t(lang, 'minutes', { m, s: Math.round(total - m * 60) })
}

/** Columns a string takes in a terminal: East Asian wide and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number
    const wide =
      cp >= 0x1100 &&
      (cp <= 0x115f ||
        cp === 0x2329 ||
        cp === 0x232a ||
        (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
        (cp >= 0xac00 && cp <= 0xd7a3) ||
        (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) ||
        (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) ||
        (cp >= 0x1f300 && cp <= 0x1faff) ||
        (cp >= 0x20000 && cp <= 0x3fffd))
    w += wide ? 2 : 1
  }
  return w
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)))
}
