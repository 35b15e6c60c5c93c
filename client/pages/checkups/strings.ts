import { defineStrings } from '../../lib/i18n'
import type { OfflineRefusal } from '../../lib/offline-store'

/**
 * Strings of the way to the results (manual 「特定健診結果の閲覧手順」 STEP1–STEP4, FAQ Q4): the
 * viewing code, the secret question, the notice, and the lock panels. API and field messages come
 * from core/i18n.ts. The results and the grading table have their own (results-strings.ts).
 */
export const s = defineStrings(
  {
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
    confirmIntro: '以下の内容で秘密の質問を設定します。間違いなければ、「設定完了」を押してください。',
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
    note1: '一般的に健康な人の大多数が含まれるとされる数値の範囲をいい、検査データを見る際の目安として用いられるもの。',
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
  },
  {
    title: 'Specific health checkup results',
    stepsLabel: 'Steps to view your checkup results',
    steps1: 'Identity check',
    steps2: 'Secret question',
    steps3: 'Confirm the question',
    steps4: 'Notes',

    loadFailedTitle: 'Could not load',
    retry: 'Try again',
    notLinked: 'You can view your checkup results after registering your insurance card.',
    registerCard: 'Register your insurance card',
    toHome: 'Go to Home',
    inquiry: 'Contact us',

    codeTitle: 'Confirm your identity',
    codeIntro:
      'To confirm your identity, enter the checkup viewing code printed on the postcard from your health insurance society, then press “Send”.',
    viewingCode: 'Checkup viewing code',
    viewingCodeHint:
      'The 12-character code on the postcard from your health insurance society (example: ABCD-EFGH-JKMN)',
    codeLookAlike:
      'Viewing codes never contain the digits 0 and 1 or the letters O, I and L. Please check the characters on your postcard.',
    codeAttemptsNote: 'After 5 wrong codes in a row, the viewing code is locked.',
    send: 'Send',
    sending: 'Sending…',
    lostCodeLead: 'If you cannot find the postcard, please see ',
    lostCodeLink: 'the FAQ (Q4)',
    lostCodeTail: '.',
    codeLockedTitle: 'Your viewing code is locked',
    noCodeTitle: 'No viewing code has been issued',
    reissueText:
      'Please contact support. After confirming your identity, we will re-issue the code. Choose “Checkup viewing code” as the kind of inquiry.',
    reissueWait:
      'The new code is printed and sent by your health insurance society on a postcard, which takes two weeks to a month to arrive.',

    setupTitle: 'Set a secret question',
    codeDone: 'Your identity was confirmed with the viewing code. Next, please set a secret question.',
    setupIntro: 'For better security, please set a secret question.',
    caseNote: '* Upper and lower case letters are treated as different.',
    question: 'Secret question',
    questionPrompt: 'Choose a secret question',
    answer: 'Answer to the secret question',
    answerHint: 'Type your answer (up to 50 characters)',
    toConfirm: 'Confirm',

    confirmTitle: 'Confirm your secret question',
    confirmIntro: 'Your secret question will be set as follows. If it is correct, press “Finish setting”.',
    confirmAnswer: 'Answer',
    masked: '●●●●',
    maskedWords: '(hidden)',
    maskedNote: '(For security, the answer is not shown)',
    complete: 'Finish setting',
    saving: 'Saving…',
    back: 'Back',

    noticeTitle: 'Notes on your checkup results',
    noticeIntro:
      'Please read these notes on your checkup results, then press “View checkup results” to go to your results.',
    bandsHeading: 'Grades of the checkup items',
    bandsText: 'Each checkup item is graded on the criteria below.',
    criteriaLink: 'View the grading criteria',
    bandsSource:
      'The grades were set under a doctor’s supervision from the reference ranges, reference values and decision limits published by the societies and laboratory organisations below.',
    gradesLead:
      'There are four grades; A < B < C < D means a growing distance from the reference range.',
    refsHeading: 'References: guidelines',
    ref1: '標準的な健診・保健指導プログラム(確定版) (Standard programme of health checkups and health guidance, final edition), MHLW Health Insurance Bureau, 2007',
    ref2: '科学的根拠に基づく糖尿病診療ガイドライン2013 (Evidence-based practice guideline for the treatment of diabetes 2013), Japan Diabetes Society (ed.), Nankodo, 2013',
    ref3: '糖尿病治療ガイド2014-2015 (Treatment guide for diabetes 2014–2015), Japan Diabetes Society, Bunkodo, 2014',
    ref4: '臨床検査のガイドライン2005/2006 (Guidelines for clinical laboratory testing 2005/2006), Japanese Society of Laboratory Medicine, 2005',
    ref5: 'エビデンスに基づくCKD診療ガイドライン2013 (Evidence-based clinical practice guideline for CKD 2013), Japanese Society of Nephrology (ed.), Tokyo Igakusha, 2013',
    ref6: '判定区分 (Grading categories, revised 1 April 2014), Japan Society of Ningen Dock, 2014',
    cautionsHeading: 'Please note',
    caution1:
      'The grades, the “closely related conditions” and everything else shown in this service are not a judgement of your health or a diagnosis of any disease.',
    caution2:
      'The grades used in this service were set under a doctor’s supervision from the reference ranges, reference values and decision limits published by the Ministry of Health, Labour and Welfare, the Japan Diabetes Society, the Japan Society of Ningen Dock and other societies and laboratory organisations related to the checkup items.',
    caution3Lead: 'A grade compares your result with the reference range',
    caution3Mark: ' (note 1)',
    caution3Tail:
      ' and shows in levels how far your value is from it: A < B < C < D means a growing distance.',
    caution4:
      'Reference ranges can differ between the clinics or laboratories that carry out the checkup, and between test methods. The grades shown here and the judgements of each clinic may differ in their basis and wording.',
    caution5: 'Results appear in this service about 2–3 months after the day of the checkup.',
    caution6:
      'Items you were not actually tested for may be shown. Items a doctor decided to test individually may not be shown.',
    note1Mark: 'Note 1: ',
    note1:
      'The range of values that is said to include the great majority of healthy people, used as a guide when reading test data.',
    viewResults: 'View checkup results',
    opening: 'Opening your checkup results…',

    questionTitle: 'Secret question',
    questionIntro: 'To confirm your identity, please enter the answer to the secret question you set.',
    answerAttemptsNote: 'After 5 wrong answers within 24 hours, access to your checkup results is stopped.',
    confirm: 'Confirm',
    checking: 'Checking…',
    forgotAnswer: 'If you have forgotten the answer, please contact support.',
    healthLockedTitle: 'Access to your checkup results is stopped',
    healthLockedNext:
      'Resetting your password by e-mail lifts the stop. Use “Reset your password” and enter your registered email address.',
    resetPassword: 'Reset your password',

    offlineRefusedTitle: 'Your saved results cannot be shown',
    offlineClock:
      "This device's clock is set earlier than the last time it reached the server, so the copy of your results kept on this device could not be trusted and has been deleted. Set the device's date and time correctly, then connect to the internet to view your results.",
    offlineStale:
      'More than 7 days have passed since you last confirmed your identity online, so the copy of your results kept on this device has been deleted. Connect to the internet to view your results.',
    offlineToLogin: 'Go to the login screen',
  },
)

/** Why the offline copy was refused and deleted, in the UI language (offline-store.ts's refusals). */
export const refusalMessage = (reason: OfflineRefusal): string => s(reason === 'clock' ? 'offlineClock' : 'offlineStale')
