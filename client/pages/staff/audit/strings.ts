import { lazyStrings } from '../../../lib/i18n'

/** 監査ログ (pages/staff/audit): Japanese here, English in strings.en.ts. */
export const ja = {
  title: '監査ログ',
  lead: '会員ID・担当者ID・操作・期間で検索できます(新しい順、100件ずつ)。検索とCSV出力も監査ログに記録されます。',
  filters: '検索条件',
  member: '会員ID',
  memberHint: '会員情報の画面に表示される会員IDです。',
  staff: '担当者ID',
  action: '操作',
  anyAction: 'すべての操作',
  from: '開始日',
  to: '終了日',
  dateHint: '日本時間の日付です。',
  idInvalid: '英数字・ハイフン・下線の64文字以内で入力してください。',
  search: '検索する',
  export: 'CSVで出力する(最大10,000件)',
  exported: 'CSVファイルを保存しました。',
  caption: '監査ログの検索結果',
  at: '日時',
  actor: '実行者',
  account: '会員ID',
  ip: 'IPアドレス',
  detail: '内容',
  count: '{count}件を表示しています。',
  countMore: '{count}件を表示しています。続きがあります。',
  none: '条件に合う記録はありません。',
  more: '続きを読み込む',
  searching: '検索中…',
  actor_member: '会員本人',
  actor_staff: 'スタッフ',
  actor_system: 'システム',
  actor_anonymous: '未ログイン',
  loadFailed: '読み込めませんでした。',
  forbidden: 'この画面を使う権限がありません。',
} as const

export const s = lazyStrings(ja, () => import('./strings.en'))
