import { lazyStrings } from '../../lib/i18n'

/**
 * Strings of the insurance-card wizard (manual: STEP2-1 to STEP3, PC STEP3–5, FAQ Q3). Field
 * errors and the server's outcome messages come from core/i18n.ts.
 * Japanese here, English in strings.en.ts (fetched only when English is shown): a new key goes in
 * both, and the type check names a missing one.
 */
export const ja = {
  steps1: '保険証情報の入力',
  steps2: '記号・番号の入力',
  steps3: '入力内容の確認',
  steps4: '登録完了',

  helpSummary: '保険証情報とは?',
  helpIntro:
    '健康保険証(被保険者証)、資格確認書、資格情報のお知らせのいずれにも記載されている、次の項目です。お手元のどれか1つをご覧ください。',
  helpName: '氏名:「氏名」欄のお名前を、フリガナ(全角カナ)で入力します。',
  helpBirth:
    '生年月日:「生年月日」欄の日付です。和暦(昭和・平成など)の場合は西暦に直して入力します。',
  helpInsurer:
    '保険者番号:保険証・資格確認書では下の方にある「保険者番号」欄、資格情報のお知らせでは「保険者番号」の行の、6桁または8桁の数字です。',
  helpSymbol:
    '記号・番号:保険証・資格確認書では上の方にある「記号」「番号」欄、資格情報のお知らせでは「記号」「番号」の行です。',
  helpBranch:
    '枝番:「番号」の右(資格情報のお知らせでは「枝番」の行)に記載された2桁の数字です。記載のないものもあります。',
  helpMyna:
    'マイナ保険証をお使いの方には「資格情報のお知らせ」が、マイナ保険証をお持ちでない方には「資格確認書」が、ご加入の健康保険組合などから届いています。どちらにも保険証と同じ項目が記載されています。',
  helpPortal:
    'マイナ保険証をお使いの方は、マイナポータルにログインし、「健康保険証」のメニューからもご自身の保険者番号・記号・番号・枝番を確認できます。',
  picCardTitle: '健康保険証(被保険者証)',
  picCardLabel:
    '健康保険証の見本の絵。上の方の記号・番号・枝番の欄に枠1、下の方の保険者番号の欄に枠2が付いています。',
  picCardSymbol: '記号・番号・枝番:カードの上の方、「記号」「番号」「(枝番)」の欄(枠1)',
  picCardInsurer: '保険者番号:カードの下の方、「保険者番号」の欄(枠2)',
  picCertTitle: '資格確認書',
  picCertLabel:
    '資格確認書の見本の絵。保険証と同じく、上の方の記号・番号・枝番の欄に枠1、下の方の保険者番号の欄に枠2が付いています。',
  picCertSymbol: '記号・番号・枝番:上の方、「記号」「番号」「(枝番)」の欄(枠1)',
  picCertInsurer: '保険者番号:下の方、「保険者番号」の欄(枠2)',
  picNoticeTitle: '資格情報のお知らせ',
  picNoticeLabel:
    '資格情報のお知らせの見本の絵。記号・番号・枝番の行に枠1、保険者番号の行に枠2が付いています。',
  picNoticeSymbol: '記号・番号・枝番:「記号」「番号」「枝番」の行(枠1)',
  picNoticeInsurer: '保険者番号:「保険者番号」の行(枠2)',
  picSample: '見本です(架空の人物・番号)。実際の様式は、ご加入の健康保険組合などにより異なります。',
  faqLead: 'ご不明点がある場合は、',
  faq: 'よくある質問',
  faqTail: 'をご参照ください。',

  personTitle: '保険証情報の入力',
  personIntro:
    'お手元に健康保険証(被保険者証)、資格確認書、または資格情報のお知らせをご用意ください。',
  personLead: '氏名(フルネーム・全角カナ)、生年月日、保険者番号を入力してください。',
  nameKana: '氏名(フルネーム・全角カナ)',
  nameKanaHint: '例: ケンコウ タロウ 半角カナで入力しても全角に変換されます',
  nameConverted: '「{name}」に変換しました',
  birthDate: '生年月日',
  birthDateHint: '保険証の生年月日が和暦(昭和・平成など)の場合は、西暦でご入力ください',
  insurerNumber: '保険者番号',
  insurerNumberOrg:
    '団体連携コードで登録されたため、{name}の保険者番号が入力されています(変更できません)',
  insurerNumberHint: '保険証に記載の6桁または8桁の番号です',
  retireeNote:
    '特例退職被保険者または特定退職被扶養者の保険証をお持ちの方は、退職前後のいずれの保険証でも登録いただけます。',
  toNumber: '記号・番号入力に進む',
  linkedAlready: '保険証情報はすでに登録されています。',
  linkedAlreadyNext: '特定健診結果などは、ホームからご利用ください。',

  numberTitle: '記号・番号の入力',
  numberLead: '保険証・資格確認書・資格情報のお知らせに記載の記号・番号を入力してください。',
  symbol: '記号',
  symbolHint:
    '記号にハイフンが含まれる場合、ハイフン以降の数字をご入力ください。(例)記号が"71-1234"の場合、"1234"をご入力ください',
  symbolNone: '保険証に記号の記載がない場合は、空欄のままお進みください。',
  queryAs: '"{value}"として照会します',
  number: '番号',
  numberHint:
    '番号が8桁以上の場合は、末尾より7桁の数字をご入力ください。(例)番号が"12345678"の場合、"2345678"をご入力ください。',
  queryAsLast7: '番号が8桁以上のため、末尾7桁の"{value}"として照会します',
  branch: '枝番',
  branchHint: '保険証に枝番(2桁)がある場合のみご入力ください',
  toConfirm: '入力内容の確認へ',
  back: '戻る',

  confirmTitle: '入力内容の確認',
  confirmIntro: '入力内容に間違いがないかご確認のうえ、「利用資格を照会する」を押してください。',
  entered: '照会する保険証情報',
  notEntered: '(入力なし)',
  attemptsNote: '保険証情報の照会は24時間に5回までです。',
  query: '利用資格を照会する',
  querying: '照会しています…',

  notFoundTitle: '保険証情報を確認できませんでした',
  notFoundLead: '次のような可能性があります。',
  cause1: '健康保険証(被保険者証)の入力内容に誤りがある。',
  cause2: '組合(健康保険組合など)から、健康保険証(被保険者証)のデータが連携されていない。',
  cause2Wait: 'ご利用可能になるまで1〜2か月ほどお時間を頂く場合がございます。',
  cause2Changed: '異動や再発行等により保険証情報が変更になった場合。',
  cause2New: '最近加入し取得したばかり。',
  cause3: 'ご所属の組合(健康保険組合など)において利用制限がある。',
  cause3Example: '例:利用可能な被扶養者様に年齢制限がある、被保険者様のみご利用可能など。',
  notFoundNext:
    '入力内容をご確認のうえ、誤りがあれば修正してください。解決しない場合はお客様サポートへお問い合わせください。',
  fix: '入力内容を修正する',
  inquiry: 'お問い合わせ',

  cardLinkedTitle: 'この保険証はすでに登録されています',
  cardLinkedText:
    '保険証情報の登録は、お一人様につき1つのアカウントまでです。以前に登録したメールアドレスとパスワードでログインしてください。',
  loginEarlier: '以前登録したメールアドレスでログインする',
  loginEarlierNote: '現在のアカウントからログアウトして、ログイン画面に移動します。',
  forgotPassword: 'パスワードを忘れた方はこちら',
  forgotEmail: '以前のメールアドレスがわからない方はお問い合わせください',

  accountLinkedTitle: '保険証情報は登録済みです',
  accountLinkedNext: 'このアカウントでは、登録済みの保険証情報でサービスをご利用いただけます。',
  toHome: 'ホームへ',

  endedTitle: '保険証の資格が喪失しています',
  endedNext:
    '新しい保険証をお持ちの方は、新しい保険証の情報で登録してください。ご不明な点はお客様サポートへお問い合わせください。',

  restrictedTitle: 'ご利用いただけません',
  restrictedExample: '例:利用可能な被扶養者様に年齢制限がある、被保険者様のみご利用可能など。',
  restrictedNext: 'ご不明な点は、お客様サポートへお問い合わせください。',

  maintenanceTitle: 'ただいまメンテナンス中です',
  maintenanceNext:
    'しばらくしてから、もう一度「利用資格を照会する」を押してください。メンテナンスが続く場合はお客様サポートへお問い合わせください。',

  tooManyTitle: '照会回数の上限に達しました',
  tooManyNext: 'お問い合わせいただければ、ご本人様確認のうえお調べします。',

  doneTitle: '登録完了',
  doneText: '{name} 様の保険証情報の登録が完了しました。',
  doneNext: '特定健診結果は、ホームからご覧いただけます。',
  // The insurer's maintenance message and end time
  maintenanceMessage: '健康保険組合からのお知らせ:',
  maintenanceUntil: '終了予定: {at}(日本時間)',
}

export const s = lazyStrings(ja, () => import('./strings.en'))
