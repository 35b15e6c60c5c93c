import { lazyStrings } from '../../lib/i18n'

/**
 * Strings of the staff console's shell, log-in, home and own account. Japanese here, English in
 * strings.en.ts (fetched only when English is shown): a new key goes in both. Each console area
 * (inquiries/, members/, audit/, admin/) keeps its own strings beside its screens.
 */
export const ja = {
  consoleName: 'スタッフコンソール',
  skipLink: '本文へ移動',
  nav: 'スタッフメニュー',
  home: 'ホーム',
  inquiries: 'お問い合わせ',
  audit: '監査ログ',
  insurers: '健保組合',
  staff: 'スタッフ',
  allowlist: '許可IPの申請',
  orgCodes: '団体連携コード',
  account: '自分のアカウント',
  signOut: 'ログアウト',
  signedInAs: '{name}({role})',
  scopeAll: '全健保組合',

  loginTitle: 'スタッフログイン',
  loginLead:
    'スタッフ用のログイン画面です。メールアドレス、パスワード、認証アプリの確認コード(6桁)を入力してください。',
  email: 'メールアドレス',
  password: 'パスワード',
  code: '確認コード(6桁)',
  codeHint: '認証アプリに表示されている6桁の数字',
  login: 'ログイン',
  loggingIn: 'ログインしています…',
  memberLink: '会員の方のログインはこちら',
  passkeyLoginTitle: 'パスキーでログイン',
  passkeyLoginLead:
    'パスキーを登録済みの方は、確認コードの代わりにパスキーを使えます。メールアドレスとパスワードを入力してから押してください。',
  passkeyLogin: 'パスキーでログイン',
  passkeyCancelled:
    'パスキーを使えませんでした。もう一度お試しいただくか、確認コードでログインしてください。',

  homeTitle: 'スタッフホーム',
  homeLead: '{name}さん、ようこそ。担当の業務を選んでください。',
  sessionNote: 'この画面を30分操作しないと、自動的にログアウトします(最長8時間)。',

  accountTitle: '自分のアカウント',
  profile: 'プロフィール',
  name: '氏名',
  role: '役割',
  scope: '担当範囲',
  tokensTitle: 'APIトークン(コマンドライン用)',
  tokensLead:
    'npm run ops で使うトークンを発行します。トークンは発行時に一度だけ表示され、最長90日で失効します。',
  tokenLabel: 'トークンの名前',
  tokenLabelHint: '例: 業務用PC',
  tokenDays: '有効期間(日)',
  tokenDaysHint: '1〜90日',
  issueToken: 'トークンを発行する',
  tokenCodeHint: '発行には、認証アプリの確認コードをもう一度入力してください',
  issued: 'トークンを発行しました。この画面を離れると二度と表示されません。',
  tokenValue: '発行したトークン',
  tokenList: '発行済みのトークン',
  tokenCreated: '発行日時',
  tokenExpires: '有効期限',
  tokenLastUsed: '最終利用',
  tokenState: '状態',
  tokenLive: '有効',
  tokenDead: '失効',
  revoke: '失効させる',
  revokeToken: '「{label}」を失効させる',
  revoked: 'トークン「{label}」を失効させました。',
  never: 'なし',
  noTokens: '発行済みのトークンはありません。',
  loadFailed: '読み込めませんでした。',
  retry: '再読み込み',
  forbiddenTitle: '権限がありません',
  forbidden: 'この画面を使う権限がありません。',
  members: '会員を探す',
  passkeysTitle: 'パスキー',
  passkeysLead:
    'この端末や認証器のパスキーを登録すると、確認コードの代わりに使えます(2つ目の要素)。',
  passkeyName: 'パスキーの名前',
  passkeyNameHint: '例: 業務用PCの指紋認証',
  addPasskey: 'パスキーを登録する',
  passkeyAdded: 'パスキー「{name}」を登録しました。',
  passkeyAddFailed: 'パスキーを登録できませんでした。もう一度お試しください。',
  noPasskeys: '登録済みのパスキーはありません。',
  removePasskey: '「{name}」を削除する',
  remove: '削除',
  passkeyRemoved: 'パスキー「{name}」を削除しました。',
  lastFactor: '最後の2つ目の要素は削除できません。先に別のパスキーか認証アプリを登録してください。',
  data: '健保組合のデータ',
} as const

export const s = lazyStrings(ja, () => import('./strings.en'))
