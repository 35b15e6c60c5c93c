import { lazyStrings } from '../../lib/i18n'

/**
 * Strings of the sign-up journey (manual: 新規登録(PCブラウザ) STEP1–STEP2, 仮登録メール送信後の画面). Japanese here,
 * English in strings.en.ts (fetched only when English is shown): a new key goes in both, and the
 * type check names a missing one.
 */
export const ja = {
  steps1: 'メールアドレス登録',
  steps2: '規約確認',
  steps3: 'メールアドレス確認',
  steps4: '保険証情報の入力',

  signupTitle: 'メールアドレス登録',
  signupIntro: '下記の項目を、加入者様ご自身で設定してください。',
  email: 'メールアドレス',
  emailHint: 'ログインIDになります。大文字・小文字は区別されません',
  emailConfirm: 'メールアドレス(確認用)',
  emailConfirmHint: 'コピー&ペーストせずに入力してください',
  pasteBlocked: 'メールアドレス(確認用)には貼り付けできません。キーボードで入力してください。',
  password: 'パスワード',
  passwordHint:
    '8文字以上128文字以内。123、abcなどを含む簡単に推測できるパスワードや、他のWebサイトで使用しているパスワードは避けてください。',
  inviteCode: '招待コード',
  inviteCodeHint:
    '招待コードをお持ちの方は入力してください(※任意・8文字、例:ABCD-EFGH)・健診閲覧コードとは異なります',
  orgCode: '団体連携コード',
  orgCodeHint:
    '健診機関から紹介された方のみ。ご所属の組合(健康保険組合など)から紹介された方は入力不要です。',
  mailNote:
    'メールアドレス宛にKenshin Portalからのメールが届きます。事前にメールの受信設定をご確認ください。',
  toConfirm: '確認画面へ',
  alreadyMember: 'すでに登録済みの方は',
  login: 'ログイン',

  confirmTitle: '登録情報・規約確認',
  confirmIntro:
    '以下の内容で仮登録メールを送信します。内容をご確認のうえ、会員規約およびプライバシーポリシーに同意してください。',
  entered: '登録情報',
  notEntered: '(入力なし)',
  passwordNotShown: '(セキュリティ上の観点から表示しておりません)',
  termsHeading: '規約の確認',
  termsLead: 'ご登録の前に、次の規約をお読みください。',
  terms: '会員規約',
  privacy: 'プライバシーポリシー',
  agree: '会員規約およびプライバシーポリシーに同意する',
  agreeLabel: '規約への同意',
  send: '仮登録メールを送信する',
  back: '戻る',
  sending: '送信しています…',

  sentTitle: '仮登録メールを送信しました',
  sentLead: '{duration}以内にメールに書かれたURLをクリックして登録を進めてください。',
  hours: '{n}時間',
  minutes: '{n}分',
  sentTo: '送信先のメールアドレス',
  notArrived: '数分待ってもメールが届かない場合は',
  hintSpam: '迷惑メールフォルダをご確認ください。',
  hintDomain: '受信拒否設定で送信元のドメインが受信できるように設定してください。',
  hintAddress: 'メールアドレスが正しく入力されているか今一度ご確認ください。',
  resendHeading: '仮登録メールが届かない場合',
  resendLead: '確認しても届いていないときには、仮登録メールの再送信ボタンを押してください。',
  resend: '仮登録メールの再送信',
  resendNote:
    '※このボタンを押す度に、過去に届いたメールに記載されているリンクとコードは無効になります',
  resent: '仮登録メールを再送信しました',
  codeHeading: '確認コードで登録する',
  codeLead: 'アプリをお使いの方は、メールに記載された6桁の確認コードを入力することもできます',
  codeLink: '確認コードを入力する',
  fixAddress: 'メールアドレスを間違えた場合は、新規登録画面からやり直してください。',
  toSignup: '新規登録画面へ',

  codeTitle: '確認コードの入力',
  codeIntro:
    '仮登録メールに記載された6桁の確認コードを入力してください。確認コードの有効期限は10分です。',
  code: '確認コード',
  codeHint: '半角数字6桁',
  verify: '認証する',
  resendInstead: '仮登録メールを再送信する',

  verifyTitle: 'メールアドレスの確認',
  verifying: 'メールアドレスを確認しています…',
  expired: 'このURLは有効期限が切れているか、すでに使用されています。',
  expiredHelp: 'お手数ですが、新規登録画面からもう一度お手続きください。',
  elsewhereIntro:
    'このURLは、仮登録を行った端末・ブラウザとは別の場所で開かれました。本登録を完了するには、仮登録時に設定したパスワードを入力してください。',
  elsewhereCodeIntro:
    '確認コードが、仮登録を行った端末・ブラウザとは別の場所で入力されました。本登録を完了するには、仮登録時に設定したパスワードも入力してください。',
  elsewhereNotMe:
    'ご自身で仮登録をしていない場合は、このページを閉じてください。アカウントは作成されません。',
  signupPassword: '仮登録時に設定したパスワード',
  completeSignup: '本登録する',

  doneTitle: '本登録が完了しました',
  doneText: 'メールアドレスの確認が完了し、Kenshin Portalへの登録が完了しました。',
  doneNext:
    '次に、保険証情報(氏名・生年月日・保険者番号・記号・番号)を入力して、ご加入の健康保険組合の加入者であることを確認します。',
  toCard: '保険証情報の入力へ進む',
  toHome: 'ホームへ',
}

export const s = lazyStrings(ja, () => import('./strings.en'))

/** "1時間" / "24 hours" for the link's validity in minutes (docs/api.md: 60 or 1440). */
export function duration(minutes: number): string {
  return minutes % 60 === 0 ? s('hours', { n: minutes / 60 }) : s('minutes', { n: minutes })
}
