/**
 * The importers' messages in Japanese (core/import/: the command line and the staff console share them):
 * why a file is refused, the rows rejected before sending, the rejection files' headers and the final
 * report. Keys: `ImportMessageKey`; `{name}` placeholders are filled by core/i18n.ts `t`. The worker has
 * them too (the server writes the rejection file of an import record).
 */
export const importJa = {
  // how an import stopped, whoever runs it (the command line words its own hint around them)
  import_stopped: '中断しました',
  import_internal: '取り込み中に予期しないエラーが起きました: {message}',
  // files and CSV
  file_unreadable: 'ファイルを読めません: {file}({reason})',
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
  // rows rejected before sending (roster)
  reject_column_count: '列の数が {count} です(見出しは {expected} 列)',
  reject_invalid_bytes: '文字コードとして正しくないバイトがあります',
  reject_field_too_long: '{max} 文字を超える項目があります',
  // the report (core/import/report.ts) and the rejection files' headers
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
  rejected_csv_header: '行番号,列,理由,コード',
  encoding_utf8: 'UTF-8',
  encoding_utf8_bom: 'UTF-8(BOM 付き)',
  encoding_sjis: 'Shift_JIS(CP932)',
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
} as const satisfies Record<string, string>
