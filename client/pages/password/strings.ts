import { lazyStrings } from '../../lib/i18n'

/**
 * Strings of the password-reset journey. Japanese here, English in strings.en.ts (fetched only when
 * English is shown): a new key goes in both, and the type check names a missing one.
 */
export const ja = {
  forgotTitle: 'パスワードの再設定',
  forgotIntro:
    'ご登録のメールアドレスを入力してください。パスワード再設定用のURLをお送りします。URLの有効期限は30分です。',
  email: 'メールアドレス',
  send: '再設定メールを送信する',
  sending: '送信しています…',
  sent: 'ご入力のメールアドレスが登録されている場合、パスワード再設定のメールを送信しました。',
  sentHelp:
    'メールが届かない場合は、迷惑メールフォルダや受信拒否設定をご確認のうえ、もう一度お試しください。',
  toLogin: 'ログイン画面へ',

  resetTitle: '新しいパスワードの設定',
  checking: 'URLを確認しています…',
  resetIntro: '{email} の新しいパスワードを設定してください。',
  newPassword: '新しいパスワード',
  newPasswordHint:
    '8文字以上128文字以内。123、abcなどを含む簡単に推測できるパスワードや、他のWebサイトで使用しているパスワードは避けてください。',
  newPasswordConfirm: '新しいパスワード(確認用)',
  confirmRequired: '新しいパスワード(確認用)を入力してください。',
  confirmMismatch: '新しいパスワード(確認用)が新しいパスワードと一致しません。',
  reset: 'パスワードを再設定する',
  done: 'パスワードを再設定しました。',
  doneHelp:
    'すべての端末でログアウトしました。新しいパスワードでログインしてください。ご登録のメールアドレスにお知らせをお送りしました。',
  expired: 'このURLは有効期限が切れているか、すでに使用されています。',
  expiredHelp: 'お手数ですが、もう一度パスワードの再設定をお申し込みください。',
  forgotLink: 'パスワードの再設定',
}

export const s = lazyStrings(ja, () => import('./strings.en'))
