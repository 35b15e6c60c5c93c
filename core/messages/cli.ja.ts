/**
 * The operator command line's messages in Japanese (cli/): usage errors, connection and file errors, progress,
 * reports and the help texts. Node only: neither the browser nor the member app has them. Keys:
 * `CliMessageKey`; `{name}` placeholders are filled by core/i18n.ts `t`.
 */
export const cliJa = {
  // usage (exit 2)
  unknown_command: '不明なコマンドです: {command}',
  unknown_flag: '不明なオプションです: {flag}',
  flag_needs_value: 'オプション {flag} には値が必要です',
  flag_takes_no_value: 'オプション {flag} は値を取りません',
  unexpected_argument: '余分な引数があります: {arg}',
  missing_argument: '{what}を指定してください',
  missing_flag: 'オプション {flag} を指定してください',
  bad_flag_value: 'オプション {flag} の値が正しくありません: {value}({expected})',
  flag_too_long: 'オプション {flag} の値が長すぎます: {length} 文字({max} 文字まで)',
  nothing_to_change: '変更する項目を 1 つ以上指定してください(--name、--insured-only など)',
  see_help: '使い方: npm run ops -- {command}--help',
  arg_file: 'ファイル',
  arg_number: '保険者番号',
  arg_email: 'メールアドレス',
  as_needs_dev_token:
    '--as は開発用トークン(.wrangler/state/dev-ops-tokens.json)を使うときだけ指定できます',
  bad_url: 'URL が正しくありません: {url}',

  // connection (exit 1)
  no_token: 'トークンがありません。--token か環境変数 KENSHIN_TOKEN で指定してください',
  no_dev_token:
    'トークンがありません。{file} を読めませんでした({reason})。npm start で開発サーバーを起動するか、--token を指定してください',
  dev_token_missing_role: '{file} に {role} のトークンがありません',
  plain_http_warning: '注意: {url} は暗号化されていない http です。トークンが平文で送られます',
  dev_local_only: 'dev コマンドはローカルの開発サーバーでだけ使えます: {url}',
  dev_totp_unknown: '{email} は開発用スタッフではありません(README の開発用ログイン一覧を参照)',
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

  // files (exit 1; the importers' own: core/messages/import.ja.ts)
  file_is_directory: 'ファイルではなくフォルダです: {file}',

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
  report_failed: '取り込みは途中で終了しました',
  rows_unit: '行',
  seconds: '{s} 秒',
  minutes: '{m} 分 {s} 秒',

  // checkup import
  documents_unit: '件',
  checkup_progress_line: '取込中: {rows} 件({percent})、{rate} 件/秒',

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
  insurer_maintenance_message: 'メンテナンス中の案内',
  insurer_maintenance_message_default: '(標準の文言)',
  insurer_maintenance_until: 'メンテナンス終了予定',
  insurer_maintenance_until_none: 'なし',
  insurer_japan_time: '{at}(日本時間)',
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
  expected_datetime_or_none: 'オフセット付きの日時(例: 2026-12-24T18:00+09:00)か none',
  expected_insurer_number: '6 桁か 8 桁の数字',
  expected_role: 'admin か operator',
  expected_lang: 'ja か en',
  codes_run_confirmed: 'このファイルの閲覧コード {count} 件を確定しました(はがきが届けば使えます)',
  codes_run_revoked_write:
    'ファイルに書き出せなかったため、この回に発行した閲覧コードはすべて無効にし、ファイルを削除しました。該当の方は再発行待ちに戻ります。原因を直してからもう一度 codes issue を実行してください',
  codes_run_revoked_lost:
    '応答を受け取れなかった要求があったため、この回に発行した閲覧コードはすべて無効にし、ファイルを削除しました。該当の方は再発行待ちに戻ります。もう一度 codes issue を実行してください',
  codes_run_revoked_count:
    'サーバーにこのファイルにない閲覧コードがあったため(途中で失敗した要求のもの)、この回に発行した閲覧コードはすべて無効にし、ファイルを削除しました。該当の方は再発行待ちに戻ります。もう一度 codes issue を実行してください',
  codes_confirm_failed:
    '印刷用ファイル {file} を確定できませんでした。確定されないままの閲覧コードは 30 分後に無効になり、該当の方は再発行待ちに戻ります。このファイルは印刷せず、codes status で確認してからもう一度 codes issue を実行してください',
  codes_status_not_printed: '未印刷(確定待ちのコード)',
  codes_status_queue: 'うち再発行待ち',
  codes_status_never: 'うち未発行',
  // issue 14, operator
  expected_database: '英小文字・数字・「-」「_」の40文字以内のデータベース名',
  // issue 14, compact
  checkups_compact_database:
    '{database}: {scanned} 件を確認、{converted} 件を書き換え、{compact} 件は書き換え済み、{kept} 件はそのまま、{changed} 件は取り込み直しと重なったため次回',
  checkups_compact_done:
    '{databases} 個のデータベースで {scanned} 件を確認し、{converted} 件を書き換えました({compact} 件は書き換え済み、{kept} 件はそのまま、{changed} 件は取り込み直しと重なったため次回)',
  // issue 14, F
  expected_fiscal_year: '年度(1990〜2200)',
  shards_progress: '{phase} · {step} {table} · {copied} 行コピー · {replayed} 件の変更を反映',
  shards_switched:
    '保険者 {insurer} は {target} で読み書きするようになりました。{source} の旧コピーは shards confirm --insurer {insurer} を実行するまで読み取り専用で残ります(1分以上待ってから: それまでにすべてのサーバーが新しい対応表を読みます)',
  shards_aborted:
    '保険者 {insurer} の移動を中止しました。{source} が再び書き込みを受け付け、{target} のコピーは削除されました',
  shards_confirmed: '確定しました。{source} にあった保険者 {insurer} の旧コピーは削除されました',
  shards_move_id: '移動',
  shards_insurer: '保険者',
  shards_range: '年度',
  shards_source: '移動元',
  shards_target: '移動先',
  shards_phase: '段階',
  shards_copied: 'コピーした行',
  shards_replayed: '反映した変更',
  shards_table: 'テーブル',
  shards_checksum: 'チェックサム',
  shards_database: 'データベース',
  shards_kind: '種類',
  shards_state: '状態',
  shards_epoch: '世代',
  shards_started: '開始',
  // issue 14, I
  shards_database_added:
    'データベース {name}({kind})を登録しました(状態: active)。新しい保険者は insurer add --database {name} で、既存の保険者は shards move --to {name} で配置できます',
  expected_new_database: '英小文字で始まり、英小文字・数字・_ が続く2〜31文字',
  expected_database_kind: 'd1 か libsql',
  expected_database_url: 'libsql://・https://・http:// の URL(libsql のみ。d1 には指定しません)',
} as const satisfies Record<string, string>
