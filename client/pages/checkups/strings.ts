import { lazyStrings } from '../../lib/i18n'
import type { OfflineRefusal } from '../../lib/offline-store'

/**
 * Strings of the way to the results (manual 「特定健診結果の閲覧手順」 STEP1–STEP4, FAQ Q4): the
 * viewing code, the secret question, the notice, and the lock panels. API and field messages come
 * from core/i18n.ts. The results and the grading table have their own (results-strings.ts).
 * Japanese here, English in strings.en.ts (fetched only when English is shown): a new key goes in
 * both, and the type check names a missing one.
 */
export const ja = {
  title: '特定健診結果',
  stepsLabel: '健診結果を見るための手順',
  steps1: '本人確認の情報送信',
  steps2: '秘密の質問設定',
  steps3: '秘密の質問設定確認',
  steps4: '注意事項',

  loadFailedTitle: '読み込めませんでした',
  retry: 'もう一度読み込む',
  notLinked: '特定健診結果は、保険証情報の登録後にご覧いただけます。',
  registerCard: '保険証情報を登録する',
  toHome: 'ホームへ',
  inquiry: 'お問い合わせ',

  codeTitle: '本人確認の情報送信',
  codeIntro:
    'ご本人様確認のため、健康保険組合から届いたハガキに記載の健診閲覧コードを入力して、「送信する」を押してください。',
  viewingCode: '健診閲覧コード',
  viewingCodeHint: '健康保険組合から届いたハガキに記載の12桁のコードです(例: ABCD-EFGH-JKMN)',
  codeLookAlike:
    '健診閲覧コードには、数字の0・1と英字のO・I・Lは使われていません。ハガキの文字をご確認ください。',
  codeAttemptsNote: '健診閲覧コードを続けて5回間違えると、コードがロックされます。',
  send: '送信する',
  sending: '送信しています…',
  lostCodeLead: 'ハガキが見当たらない場合は、',
  lostCodeLink: 'よくある質問(Q4)',
  lostCodeTail: 'をご覧ください。',
  codeLockedTitle: '健診閲覧コードがロックされています',
  noCodeTitle: '健診閲覧コードが発行されていません',
  reissueText:
    'お客様サポートまでご連絡ください。ご本人様確認を実施した上で、再発行の手続きを行います。お問い合わせの種類は「健診閲覧コード(旧パスコード)」をお選びください。',
  reissueWait:
    'コードの再発行については、印刷を依頼する関係でお手元に届くまで半月〜1か月程度お時間がかかりますのでご了承ください。後日、健康保険組合よりハガキをお届けいたします。',

  setupTitle: '秘密の質問設定',
  codeDone:
    '健診閲覧コード(旧パスコード)による本人確認が完了しました。続いて、秘密の質問の設定へお進みください。',
  setupIntro: 'セキュリティ向上のため、秘密の質問を設定してください。',
  caseNote: '※アルファベットの大文字と小文字は区別されます。',
  question: '秘密の質問',
  questionPrompt: '秘密の質問を選択してください',
  answer: '秘密の質問の回答',
  answerHint: '答えを入力してください(50文字以内)',
  toConfirm: '確認',

  confirmTitle: '秘密の質問設定確認',
  confirmIntro:
    '以下の内容で秘密の質問を設定します。間違いなければ、「設定完了」を押してください。',
  confirmAnswer: '秘密の質問の答え',
  masked: '●●●●',
  maskedWords: '(非表示)',
  maskedNote: '(セキュリティ上の観点から回答を非表示にしております)',
  complete: '設定完了',
  saving: '設定しています…',
  back: '戻る',

  noticeTitle: '健診結果に関する注意事項',
  noticeIntro:
    '本ページ「健診結果に関する注意事項」をご確認の上、「健診結果を見る」ボタンを押して健診結果ページへお進みください。',
  bandsHeading: '健診項目の基準値区分',
  bandsText: '各健診項目は、以下に定めた基準値をもとに判定をしております。',
  criteriaLink: '判定基準の一覧を見る',
  bandsSource:
    '基準値区分は下記の学会や検査機関団体等が公表している基準値範囲、基準値、判定値とされる数値をもとに医師の監修により作成しております。',
  gradesLead: '判定は次の4段階で、A<B<C<Dの順で基準範囲からの乖離が大きいことを表します。',
  refsHeading: '参考文献:ガイドライン',
  ref1: '標準的な健診・保健指導プログラム(確定版),厚生労働省保険局,2007',
  ref2: '日本糖尿病学会編集,科学的根拠に基づく糖尿病診療ガイドライン2013,南江堂,2013',
  ref3: '日本糖尿病学会編著,糖尿病治療ガイド2014-2015,文光堂,2014',
  ref4: '日本臨床検査医学会包括医療検討委員会 厚生労働省編集,臨床検査のガイドライン2005/2006症候編・疾患編・検査編,2005',
  ref5: '日本腎臓学会編集,エビデンスに基づくCKD診療ガイドライン2013,東京医学社,2013',
  ref6: '判定区分(2014年4月1日改定),日本人間ドック学会,2014',
  cautionsHeading: 'ご利用にあたっての注意事項',
  caution1:
    '「基準値区分」や「関連性の高い疾患」その他本サービス上で表示する内容は、あなたの健康状態の判断や疾患の診断をしているものではありません。',
  caution2:
    '本サービスで用いる基準値区分は、厚生労働省、日本糖尿病学会、日本人間ドック学会その他健診項目に関連する学会や検査機関団体等が公表している基準範囲、基準値、判定値とされる数値を基に、医師の監修を受けて設定しております。',
  caution3Lead: '基準値区分は、健診結果の数値と基準範囲',
  caution3Mark: '※注1',
  caution3Tail:
    'を比較した結果、あなたの健診結果の数値が、基準範囲からどれほど乖離しているかをレベル分けして表示したものであり、A<B<C<Dの順で乖離が大きいことを表現しています。',
  caution4:
    '基準範囲は健診を実施する医療機関あるいは検査機関又は検査方法によって異なる場合があります。本サービス上で表示する基準値区分と各機関等における判定結果は、その根拠及び表現において異なる場合があります。',
  caution5: '本サービス上の健診結果の表示は、健康診断を受診された日から2〜3ヶ月程度かかります。',
  caution6:
    '本サービスで表示する健診結果の項目は、実際に受診した健診項目以外の項目も表示される場合がございます。医師の判断で個別に実施された健診項目は表示されない場合がございます。',
  note1Mark: '※注1 ',
  note1:
    '一般的に健康な人の大多数が含まれるとされる数値の範囲をいい、検査データを見る際の目安として用いられるもの。',
  viewResults: '健診結果を見る',
  opening: '健診結果を開いています…',

  questionTitle: '秘密の質問',
  questionIntro: 'ご本人様確認のため、設定した秘密の質問の回答を入力してください。',
  answerAttemptsNote: '24時間以内に5回続けて間違えると、健診結果の閲覧が停止されます。',
  confirm: '確認',
  checking: '確認しています…',
  forgotAnswer: '回答をお忘れの場合は、お客様サポートへお問い合わせください。',
  healthLockedTitle: '健診結果の閲覧を停止しています',
  healthLockedNext:
    'メールでパスワードを再設定すると、閲覧の停止が解除されます。「パスワードの再設定」から、ご登録のメールアドレスを入力してください。',
  resetPassword: 'パスワードの再設定',

  offlineRefusedTitle: '保存した健診結果を表示できません',
  offlineClock:
    'この端末の時計が、最後にサーバーと通信した時刻より前になっています。この端末に保存した健診結果のコピーは安全に扱えないため削除しました。端末の日時を正しく合わせ、インターネットに接続してからご覧ください。',
  offlineStale:
    'インターネットに接続して本人確認をしてから7日を過ぎたため、この端末に保存した健診結果のコピーを削除しました。インターネットに接続してからご覧ください。',
  offlineToLogin: 'ログイン画面へ',
}

export const s = lazyStrings(ja, () => import('./strings.en'))

/** Why the offline copy was refused and deleted, in the UI language (offline-store.ts's refusals). */
export const refusalMessage = (reason: OfflineRefusal): string =>
  s(reason === 'clock' ? 'offlineClock' : 'offlineStale')
