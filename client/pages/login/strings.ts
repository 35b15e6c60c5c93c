import { defineStrings } from '../../lib/i18n'

/** Strings of the log-in journey (manual: ログイン; product.md journey 5). */
export const s = defineStrings(
  {
    loginTitle: 'ログイン',
    email: 'メールアドレス',
    password: 'パスワード',
    login: 'ログイン',
    loggingIn: 'ログインしています…',
    cannotLogin: 'ログインできない場合はこちら',
    or: 'または',
    firstTime: 'はじめてKenshin Portalに登録する方',
    signup: '新規登録',

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
  },
  {
    loginTitle: 'Log in',
    email: 'Email address',
    password: 'Password',
    login: 'Log in',
    loggingIn: 'Logging in…',
    cannotLogin: 'Trouble logging in?',
    or: 'or',
    firstTime: 'New to Kenshin Portal?',
    signup: 'Register',

    helpTitle: 'Trouble logging in',
    helpIntro: 'Please choose what applies to you.',
    forgotPassword: 'Forgot your password?',
    forgotPasswordText: 'We will send an e-mail to reset your password to your registered address.',
    forgotLoginId: 'Forgot your login ID?',
    forgotLoginIdText:
      'Your login ID is your registered email address. If you have forgotten it, our support team will look it up after confirming your identity.',
    lockedText:
      'After repeated failed attempts, logging in is blocked for a while. The e-mail sent to your registered address lets you lift the lock.',
    toLogin: 'Go to the login screen',

    unlockTitle: 'Unlock your account',
    unlocking: 'Unlocking…',
    unlocked: 'Your account has been unlocked. Please log in from the login screen.',
    expired: 'This URL has expired or has already been used.',
    expiredHelp: 'The lock is lifted automatically after 15 minutes. Please try logging in later.',
  },
)
