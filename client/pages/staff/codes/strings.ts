import { lazyStrings } from '../../../lib/i18n'

/** Strings of the viewing-codes screen (/staff/insurers/:number/codes). */
export const ja = {
  title: '健診閲覧コード',
  lead: '会員が健診結果を見るためのコードを発行し、はがき印刷用のファイルに保存します。コードはこのファイルにだけ書かれ、画面には表示されません。',
  statusTitle: '発行の状況',
  issued: '発行済',
  issuedHint: '印刷用ファイルの保存を確認したコード',
  used: '使用済',
  usedHint: '会員が一度でも使ったコード',
  locked: 'ロック中',
  lockedHint: '入力の誤りが続いて使えなくなったコード',
  notPrinted: '未印刷',
  notPrintedHint: '発行したが、印刷用ファイルの保存をまだ確認していないコード(使えません)',
  reissueQueue: '再発行待ち',
  reissueQueueHint:
    '以前にコードがあり、今は有効なコードがない人(再発行の依頼、破棄したファイルなど)',
  neverIssued: '未発行',
  neverIssuedHint: '一度もコードを発行していない人',
  people: '{n} 人',
  codesN: '{n} 件',
  issueTitle: 'コードを発行する',
  issueLead:
    '発行すると、はがき印刷用ファイル(CSV、UTF-8 BOM付き)を作ります。ファイルの保存を確認するまで、コードは「未印刷」で使えません。30分以内に確認されないコードは無効になり、再発行待ちに戻ります。',
  issueDirect: 'まず保存先を選び、コードを受け取るたびにそのファイルへ書き込みます。',
  issueDownload:
    '発行が終わったらファイルをダウンロードし、保存したファイルを選び直して確認します。',
  issueAll: '閲覧コードを発行する',
  issueAllCount: '閲覧コードを発行する(コードのない {n} 人)',
  issueQueue: '再発行待ちに発行する',
  issueQueueCount: '再発行待ちに発行する({n} 人)',
  nothingToIssue: 'コードのない人はいません。',
  fileType: 'はがき印刷用ファイル',
  issuing: '発行しています… {n} 件',
  issuingDone: '{n} 件を発行しました。',
  nobody: '発行の対象はいませんでした。',
  saveTitle: '印刷用ファイルを保存して確認する',
  saveLead:
    '{n} 件のコードを書いたファイル「{name}」をダウンロードしました。保存できたら、保存したファイルを選んで確認してください。確認するとコードが使えるようになります。',
  saveAgain: 'もう一度ダウンロードする',
  savedFile: '保存したファイル',
  savedFileHint: 'ダウンロードした印刷用ファイル(CSV)を選んでください。内容が同じか確かめます',
  checkSaved: '保存したファイルを確認する',
  discard: '保存できなかった(破棄する)',
  checking: '確認しています…',
  pickFile: '保存したファイルを選んでください。',
  notSameRows:
    '選んだファイルは今回の印刷用ファイルではありません(件数が違います)。ダウンロードしたファイルを選んでください。',
  notSameChanged:
    '選んだファイルは、ダウンロードした後に内容が変わっています(表計算ソフトで保存し直したなど)。ダウンロードしたままのファイルを選ぶか、もう一度ダウンロードしてください。',
  notPrintFile: '選んだファイルは、はがき印刷用ファイルではありません。',
  confirmed: '{n} 件のコードを確定しました。印刷用ファイル「{name}」を印刷に回してください。',
  discarded:
    '今回のコード {n} 件を無効にしました。対象の人は再発行待ちに戻りました。ダウンロードしたファイルは使わずに削除してください。',
  runClosed:
    'このファイルのコードはすでに無効です(30分以内に確認されなかったなど)。ファイルを削除して、もう一度発行してください。',
  writeFailed:
    'ファイルに書き込めませんでした。今回のコードは無効にしました(再発行待ちに戻ります)。',
  lost: '通信が途切れたため、受け取れなかったコードがあります。今回のコードは無効にしました(再発行待ちに戻ります)。もう一度発行してください。',
  countMismatch:
    'サーバーに、このファイルにないコードがありました(途中で失敗した要求のもの)。今回のコードはすべて無効にしました(再発行待ちに戻ります)。ファイルは使わずに削除して、もう一度発行してください。',
  unconfirmedTitle: '印刷用ファイルを確定する',
  unconfirmedLead:
    '{n} 件のコードをファイル「{name}」に保存しましたが、確定の通信が届きませんでした。確定するまでコードは使えません(30分で無効になります)。',
  confirmAgain: 'もう一度確認する',
  discardedDirect:
    '今回のコード {n} 件を無効にしました。対象の人は再発行待ちに戻りました。保存したファイルは使わずに削除してください。',
  stopped: '途中で止まりました: {message} ここまでの {n} 件はファイルに書かれています。',
  failed: '発行できませんでした: {message}',
  queueTitle: '再発行待ち',
  queueLead: 'サポートの再発行や、破棄した印刷用ファイルの人です(古い順)。',
  queueEmpty: '再発行待ちの人はいません。',
  personKey: '個人識別番号',
  nameKana: '氏名カナ',
  since: '無効になった日時',
  next: '次の50件',
  first: '最初に戻る',
  runsTitle: '発行の記録',
  runsEmpty: 'まだ発行していません。',
  runAt: '発行日時',
  runBy: '発行者',
  runKind: '種類',
  kindIssue: '発行',
  kindReissue: '再発行',
  runCount: '件数',
  runState: '状態',
  stateConfirmed: '確定({at})',
  stateRevoked: '破棄({at})',
  stateOpen: '未印刷',
  runActions: '操作',
  revokeRun: '破棄する',
  revokeRunOf: '{at} の発行を破棄する',
  unknownStaff: '—',
  tableFrame: '{name}の表(横にスクロールできます)',
}

export const s = lazyStrings(ja, () => import('./strings.en'))
