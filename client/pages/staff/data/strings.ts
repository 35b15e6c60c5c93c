import { lazyStrings } from '../../../lib/i18n'

/** Strings of the insurer's data home (/staff/data) and the parts the insurer's data screens share. */
export const ja = {
  dataTitle: '健保組合のデータ',
  dataLead: '名簿・健診結果の取り込み、健診閲覧コード、取り込み履歴、設定を扱います。',
  dataLeadOwn: '{name}({number})のデータを扱います。',
  chooseLead: 'まず健保組合を選んでください。',
  insurer: '健保組合',
  insurerPrompt: '健保組合を選択してください',
  noInsurer: '担当の健保組合がありません。',
  imports: '名簿・健診結果の取り込み',
  importsHint: 'CSV、XML、zip ファイルをブラウザから取り込みます',
  codes: '健診閲覧コード',
  codesHint: '発行、再発行待ち、状況、はがき印刷用ファイル',
  history: '取り込み履歴',
  historyHint: '誰が、いつ、何を取り込んだか(90日間)',
  settings: '健保組合の設定',
  settingsHint: '利用制限、メンテナンス(お知らせと終了予定)',
  staffLink: 'スタッフ',
  staffHint: 'スタッフの招待、役割の変更、削除',
  insurerOf: '{name}(保険者番号 {number})',
  refusedTitle: 'この健保組合のデータは扱えません',
  refused:
    'この健保組合のデータを扱う権限がないか、健保組合が見つかりません。担当の健保組合から開いてください。',
  toData: '健保組合のデータへ',
  loadFailed: '読み込めませんでした。',
  retry: '再読み込み',
}

export const s = lazyStrings(ja, () => import('./strings.en'))
