import { lazyStrings } from '../../lib/i18n'

/**
 * Strings of the log-in journey (manual: ログイン; docs/architecture.md#find-a-journey). Japanese here, English in
 * strings.en.ts (fetched only when English is shown): a new key goes in both, and the type check
 * names a missing one.
 */
export const ja = {
  loginTitle: 'ログイン',
  email: 'メールアドレス',
  password: 'パスワード',
  login: 'ログイン',
  loggingIn: 'ログインしています…',
  cannotLogin: 'ログインできない場合はこちら',
  or: 'または',
  firstTime: 'はじめてKenshin Portalに登録する方',
  signup: '新規登録',
  passkeyLogin: 'パスキーでログイン',
  passkeyLoggingIn: 'パスキーでログインしています…',
  passkeyCancelled:
    'パスキーでのログインを中止しました。もう一度お試しいただくか、パスワードでログインしてください。',
  passkeyUnavailable:
    'この端末ではパスキーを使えませんでした。メールアドレスとパスワードでログインしてください。',

  helpTitle: 'ログインできない場合',
  helpIntro: '該当する項目をお選びください。',
  forgotPassword: 'パスワードを忘れた方はこちら',
  forgotPasswordText: 'ご登録のメールアドレスに、パスワード再設定用のメールをお送りします。',
  forgotLoginId: 'ログインIDを忘れた方はこちら',
  forgotLoginIdText:
    'ログインIDはご登録のメールアドレスです。お忘れの場合は、お客様サポートがご本人様確認のうえお調べします。',
  lockedText:
    'ログインに続けて失敗すると、一定時間ログインできなくなります。ご登録のメールアドレスに届くメールから、ロックを解除できます。',
  toLogin: 'ログイン画面へ',

  unlockTitle: 'ロックの解除',
  unlocking: 'ロックを解除しています…',
  unlocked: 'ロックを解除しました。ログイン画面からログインしてください。',
  expired: 'このURLは有効期限が切れているか、すでに使用されています。',
  expiredHelp: 'ロックは15分後に自動で解除されます。時間をおいてからログインしてください。',
}

export const s = lazyStrings(ja, () => import('./strings.en'))
