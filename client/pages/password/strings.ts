import { defineStrings } from '../../lib/i18n'

/** Strings of the password-reset journey. */
export const s = defineStrings(
  {
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
  },
  {
    forgotTitle: 'Reset your password',
    forgotIntro:
      'Please enter your registered email address. We will send you a URL to reset your password; it is valid for 30 minutes.',
    email: 'Email address',
    send: 'Send the reset e-mail',
    sending: 'Sending…',
    sent: 'If the email address you entered is registered, we have sent an e-mail to reset your password.',
    sentHelp:
      'If it does not arrive, please check your spam folder and mail filter settings, then try again.',
    toLogin: 'Go to the login screen',

    resetTitle: 'Set a new password',
    checking: 'Checking the URL…',
    resetIntro: 'Please set a new password for {email}.',
    newPassword: 'New password',
    newPasswordHint:
      '8 to 128 characters. Avoid passwords that are easy to guess, such as ones containing 123 or abc, and passwords you use on other websites.',
    newPasswordConfirm: 'New password (confirmation)',
    confirmRequired: 'Please enter the new password again to confirm it.',
    confirmMismatch: 'The confirmation does not match the new password.',
    reset: 'Reset the password',
    done: 'Your password has been reset.',
    doneHelp:
      'You have been logged out on every device. Please log in with your new password. A notice has been sent to your registered email address.',
    expired: 'This URL has expired or has already been used.',
    expiredHelp: 'Please request a password reset again.',
    forgotLink: 'Reset your password',
  },
)
