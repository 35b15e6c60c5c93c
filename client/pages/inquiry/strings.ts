import { lazyStrings } from '../../lib/i18n'

/**
 * Strings of お問い合わせ (manual: お問い合わせ page; journey 8). Japanese here, English in
 * strings.en.ts (fetched only when English is shown): a new key goes in both.
 */
export const ja = {
  title: 'お問い合わせ',
  intro:
    'Kenshin Portalに関するご質問・ご要望などは、以下のお問い合わせフォームよりお問い合わせください。',
  faqLead: 'よくあるご質問への回答は、よくある質問のページをご覧ください。',
  faq: 'よくある質問',
  hours: '受付時間:10時〜18時(平日)',

  nameKana: '氏名(全角カナ)',
  nameKanaHint: '氏名をカタカナで入力してください',
  email: 'メールアドレス',
  emailHint: 'メールアドレスを入力してください',
  emailConfirm: 'メールアドレス(確認用)',
  emailConfirmHint: '確認のためもう一度入力してください',
  insurerName: '健康保険組合名',
  insurerNameHint: '加入している健保名を入力してください',
  birthDate: '生年月日',
  type: 'お問い合わせの種類',
  typePrompt: '選択してください',
  message: 'お問い合わせ内容',
  messageHint: 'お問い合わせ内容を入力してください(1,000文字以内)',
  counter: '{n} / 1,000文字',
  appVersion: 'Kenshin Portalアプリのバージョン',
  appVersionHint:
    'お困りの事象が発生したアプリのバージョン(2.1.0など)を入力してください(50文字以内)',
  device: 'スマートフォン端末名',
  deviceHint: 'お困りの事象が発生した端末名(iPhone 15など)を入力してください(50文字以内)',
  osVersion: 'スマートフォン端末のOSバージョン',
  osVersionHint:
    'お困りの事象が発生した端末のOSバージョン(iOS 18.0など)を入力してください(50文字以内)',
  browser: 'スマートフォンでご利用のブラウザ',
  browserHint: 'お困りの事象が発生したブラウザ名(Safariなど)を入力してください(50文字以内)',
  agree: '個人情報の取り扱いについてに同意する',
  agreeNote:
    '※ご入力いただいた情報は、個人情報の取り扱いについてに記載された目的以外に利用することはございません。',
  privacy: '個人情報の取り扱いについて',
  toConfirm: '入力内容を確認する',

  confirmHeading: '入力内容の確認',
  confirmIntro: '以下の内容でお問い合わせを送信します。よろしければ「送信する」を押してください。',
  notEntered: '(未入力)',
  agreed: '同意する',
  send: '送信する',
  sending: '送信しています…',
  back: '入力画面に戻る',

  sentHeading: 'お問い合わせを受け付けました',
  sentNotice: 'お問い合わせを受け付けました。',
  receiptNo: '受付番号',
  sentMail:
    '{email} 宛てに受付確認のメールをお送りしました。お客様サポートより、メールにて回答いたします。',
  sentKeep: '同じお問い合わせについてご連絡いただく際は、受付番号をお知らせください。',
  toTop: 'トップページへ',

  historyHeading: 'お問い合わせ履歴',
  historyEmpty: 'ログイン中に送信されたお問い合わせはありません。',
  historyNote: 'ログイン中に送信したお問い合わせが表示されます。回答はメールでお届けします。',
  historyReceipt: '受付番号',
  historyType: '種類',
  historyAt: '受付日時',
  historyStatus: '状況',
  historyReply: '受付番号 {receiptNo} への回答({at})',
  historyFailed: 'お問い合わせ履歴を読み込めませんでした。',
}

export const s = lazyStrings(ja, () => import('./strings.en'))
