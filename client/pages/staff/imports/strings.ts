import { lazyStrings } from '../../../lib/i18n'

/** 取り込み (pages/staff/imports): Japanese here, English in strings.en.ts. */
export const ja = {
  title: '名簿・健診結果の取り込み',
  lead: 'ファイルはこのブラウザの中で読み込まれ、少しずつサーバーに送られます。途中でタブを閉じたりネットワークが切れたりしても、同じファイルを選べば続きから再開できます。',
  rosterTitle: '名簿の取り込み',
  rosterLead:
    '名簿のCSVファイル(UTF-8 または Shift_JIS、見出し行は日本語または英語)を選んでください。',
  checkupsTitle: '健診結果の取り込み',
  checkupsLead:
    '健診結果のCSV、国の標準様式のXMLファイル1件、またはそれらをまとめたzipファイルを選んでください。',
  chooseRoster: '名簿のファイル',
  chooseCheckups: '健診結果のファイル',
  drop: 'ここにファイルをドロップすることもできます。',
  fileChosen: '選んだファイル: {name}({size})',
  start: '取り込みを開始',
  resume: '前回の取り込みを再開({count} 行 送信済み)',
  resumeUnits: '前回の取り込みを再開({count} 件 送信済み)',
  resumeBatches: '前回の取り込みを再開({count} 回分まで送信済み)',
  restart: '最初から取り込む',
  resumeFound: 'このファイルの取り込みが途中で止まっています。',
  checking: 'ファイルを確認しています…',
  opening: 'サーバーに取り込みを登録しています…',
  detected: '文字コード: {label}',
  detectedFormat: '形式: {label}',
  progressLabel: '取り込みの進み具合',
  progressRows: '{done} 行 処理済み・{rate} 行/秒',
  progressDocuments: '{done} 件 処理済み・{rate} 件/秒',
  progressRowsOf: '{done} / 約 {total} 行 処理済み・{rate} 行/秒',
  progressDocumentsOf: '{done} / 約 {total} 件 処理済み・{rate} 件/秒',
  timeLeft: '残り約 {time}',
  timeLeftUnknown: '残り時間を計算しています',
  percent: '{percent}%',
  hours: '{h}時間{m}分',
  minutes: '{m}分{s}秒',
  seconds: '{s}秒',
  cancel: '中止',
  cancelling: '中止しています(送信中の分を待っています)…',
  skipping: '送信済みの {count} 回分を読み飛ばしています…',
  done: '取り込みが終わりました。',
  interrupted:
    '取り込みを中止しました。ここまでに送った分は取り込まれています。同じファイルを選ぶと続きから再開できます。',
  stopped:
    'サーバーに届かなくなったため、取り込みを止めました。ここまでに送った分は取り込まれています。',
  resumeNow: '再開',
  failed: 'このファイルは取り込めません。何も変更していません。',
  failedPartly: '取り込みを途中で止めました。止まる前の分は取り込まれています。',
  reportTitle: '取り込み結果',
  reportFile: 'ファイル: {name}',
  rejectionsTitle: 'エラーの行',
  downloadRejected: 'エラーの一覧(CSV)をダウンロード',
  downloadRejectedHint: '行番号・列・理由の一覧です(CSV、UTF-8 BOM付き)。',
  downloadFailed: 'ダウンロードできませんでした: {message}',
  another: '別のファイルを取り込む',
  forbidden: 'この画面を使う権限がありません(保険者の担当者のみ)。',
  workerFailed:
    'このブラウザでは取り込みを実行できませんでした。ページを再読み込みしてお試しください。',
  noStorage: 'このブラウザでは再開用の記録を保存できません(取り込み自体はできます)。',
  historyLink: '取り込み履歴を見る',
} as const

export const s = lazyStrings(ja, () => import('./strings.en'))
