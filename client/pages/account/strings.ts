import { defineStrings } from '../../lib/i18n'

/** アカウント設定's screens (issue 12, journey 10): one set, both languages. */
export const s = defineStrings(
  {
    settingsTitle: 'アカウント設定',
    yourAddress: 'ログインID(メールアドレス)',
    sections: '設定の項目',
    email: 'メールアドレスの変更',
    password: 'パスワードの変更',
    sessions: 'ログイン中の端末',
    passkeys: 'パスキー',
    notifications: 'お知らせの設定',
    invite: '招待コード',
    accessLog: '健診結果の閲覧履歴',
    withdraw: '退会',
    toSettings: 'アカウント設定に戻る',
    toHome: 'ホームへ',
    currentPassword: '現在のパスワード',
    currentPasswordHint: '本人確認のため、いまお使いのパスワードを入力してください。',

    emailIntro:
      '新しいメールアドレスに確認のメールをお送りします。メールのURLを開くと変更が完了します(1時間有効)。完了するまでは、いまのメールアドレスでログインできます。',
    newEmail: '新しいメールアドレス',
    newEmailConfirm: '新しいメールアドレス(確認用)',
    newEmailConfirmHint: '確認のため、もう一度入力してください。',
    sendConfirm: '確認メールを送信する',
    emailSent:
      '確認のメールを送信しました。1時間以内に、メールに記載されたURLを開いて変更を完了してください。',
    emailSentHelp:
      'メールが届かない場合は、迷惑メールフォルダをご確認のうえ、もう一度お手続きください(前に送ったURLは使えなくなります)。',

    confirmTitle: 'メールアドレスの変更の確認',
    checking: 'URLを確認しています…',
    confirmIntro: 'ログインIDを次のメールアドレスに変更します。',
    confirmButton: '変更を確定する',
    confirmed: 'メールアドレスを変更しました。',
    confirmedHelp:
      '今後は新しいメールアドレスでログインしてください。ほかの端末からはログアウトしました。前のメールアドレスにもお知らせをお送りしました。',
    toLogin: 'ログイン画面へ',
    expired: 'このURLは有効期限が切れているか、すでに使用されています。',
    expiredEmailHelp:
      'メールアドレスの変更のURLは1時間有効で、1回だけ使えます。もう一度お手続きください。',
    startAgain: 'メールアドレスの変更をやり直す',

    revertTitle: 'メールアドレスの変更の取り消し',
    revertIntro:
      'ご本人の操作でないメールアドレスの変更を取り消します。このメールアドレスに戻し、すべての端末からログアウトし、パスワード再設定のメールをこのメールアドレスにお送りします。',
    revertButton: '変更を取り消す',
    reverted:
      'メールアドレスを元に戻し、すべての端末からログアウトしました。パスワード再設定のメールをお送りしましたので、新しいパスワードを設定してください。',
    expiredRevertHelp:
      '取り消しのURLは7日間有効で、1回だけ使えます。お困りの場合はお問い合わせください。',
    inquiry: 'お問い合わせ',

    passwordIntro:
      '現在のパスワードを確かめてから、新しいパスワードに変更します。変更すると、この端末以外のすべての端末からログアウトします。',
    newPassword: '新しいパスワード',
    newPasswordHint: '8文字以上。長めの文やいくつかの単語の組み合わせがおすすめです。',
    newPasswordConfirm: '新しいパスワード(確認用)',
    confirmRequired: '新しいパスワード(確認用)を入力してください。',
    confirmMismatch: '新しいパスワード(確認用)が新しいパスワードと一致しません。',
    changePassword: 'パスワードを変更する',
    passwordChanged:
      'パスワードを変更しました。ほかの端末からはログアウトしました。お知らせのメールをお送りしました。',

    sessionsIntro:
      'あなたのアカウントにログインしている端末の一覧です。心当たりのない端末はログアウトさせ、パスワードを変更してください。',
    unknownDevice: '不明な端末',
    app: 'アプリ',
    thisDevice: 'この端末',
    place: 'おおよその場所',
    unknownPlace: '不明',
    firstUsed: 'ログイン',
    lastUsed: '最終利用',
    byPasskey: 'パスキーでログイン',
    endOne: 'ログアウトさせる',
    endOthers: 'ほかの端末をすべてログアウトさせる',
    ended: '選んだ端末をログアウトさせました。',
    endedOthers: 'ほかの端末をすべてログアウトさせました({count}台)。',
    onlyThis: 'ログインしているのはこの端末だけです。',
    retry: 'もう一度読み込む',

    withdrawIntro: '退会すると、次のようになります。',
    withdrawAccount:
      'アカウント、ログイン中のすべての端末、パスキー、保険証との連携が終了します。元に戻すことはできません。',
    withdrawResults:
      '健診結果は健康保険組合で引き続き保管されます(このサービスからは見られなくなります)。',
    withdrawAgain: 'あとで新しく会員登録して、もう一度保険証を連携できます。',
    withdrawAudit: '閲覧や操作の記録は、メールアドレスを除いて法令等に基づき保管されます。',
    withdrawDevice: 'この端末に保存した健診結果の写しも消去します。',
    withdrawButton: '退会する',
    withdrawnTitle: '退会完了',
    withdrawn:
      '退会のお手続きが完了しました。ご利用ありがとうございました。確認のメールをお送りしました。',
    toSignup: '会員登録へ',
  },
  {
    settingsTitle: 'Account settings',
    yourAddress: 'Login ID (e-mail address)',
    sections: 'Settings',
    email: 'Change e-mail address',
    password: 'Change password',
    sessions: 'Devices logged in',
    passkeys: 'Passkeys',
    notifications: 'Notification settings',
    invite: 'Invitation code',
    accessLog: 'Who viewed your checkup results',
    withdraw: 'Leave the service',
    toSettings: 'Back to account settings',
    toHome: 'Home',
    currentPassword: 'Current password',
    currentPasswordHint: 'To confirm it is you, enter the password you use now.',

    emailIntro:
      'We send a mail to the new address. Opening its link (valid for 1 hour) completes the change. Until then you log in with your current address.',
    newEmail: 'New e-mail address',
    newEmailConfirm: 'New e-mail address (again)',
    newEmailConfirmHint: 'Type it once more to check it.',
    sendConfirm: 'Send the confirmation mail',
    emailSent:
      'We have sent a confirmation mail. Open its link within 1 hour to complete the change.',
    emailSentHelp:
      'If no mail arrives, check your spam folder, then start again (the earlier link stops working).',

    confirmTitle: 'Confirm your new e-mail address',
    checking: 'Checking the link…',
    confirmIntro: 'Your login ID will change to this address:',
    confirmButton: 'Confirm the change',
    confirmed: 'Your e-mail address has been changed.',
    confirmedHelp:
      'Log in with the new address from now on. Other devices have been logged out. We have told your previous address too.',
    toLogin: 'Go to log-in',
    expired: 'This link has expired or has already been used.',
    expiredEmailHelp:
      'The link to change your address is valid for 1 hour and works once. Please start again.',
    startAgain: 'Change the address again',

    revertTitle: 'Undo the e-mail address change',
    revertIntro:
      'This undoes a change of address that you did not make: your account gets this address back, every device is logged out, and we send a mail to this address to set a new password.',
    revertButton: 'Undo the change',
    reverted:
      'Your address is back and every device has been logged out. We have sent a mail to set a new password.',
    expiredRevertHelp:
      'The undo link is valid for 7 days and works once. If you need help, please contact us.',
    inquiry: 'Contact us',

    passwordIntro:
      'We check your current password, then change it. Every device but this one is logged out.',
    newPassword: 'New password',
    newPasswordHint: 'At least 8 characters. A longer phrase or several words works best.',
    newPasswordConfirm: 'New password (again)',
    confirmRequired: 'Type the new password again.',
    confirmMismatch: 'The two new passwords differ.',
    changePassword: 'Change password',
    passwordChanged:
      'Your password has been changed. Other devices have been logged out, and we have sent you a mail about it.',

    sessionsIntro:
      'The devices logged in to your account. Log out any you do not recognise, and change your password.',
    unknownDevice: 'Unknown device',
    app: 'app',
    thisDevice: 'This device',
    place: 'Approximate place',
    unknownPlace: 'Unknown',
    firstUsed: 'Logged in',
    lastUsed: 'Last used',
    byPasskey: 'Logged in with a passkey',
    endOne: 'Log it out',
    endOthers: 'Log out every other device',
    ended: 'The device has been logged out.',
    endedOthers: 'Every other device has been logged out ({count}).',
    onlyThis: 'Only this device is logged in.',
    retry: 'Try again',

    withdrawIntro: 'If you leave the service:',
    withdrawAccount:
      'Your account, every device logged in, your passkeys and the link to your insurance card end. This cannot be undone.',
    withdrawResults:
      'Your checkup results stay with your health insurance society (you can no longer see them here).',
    withdrawAgain: 'You can sign up again later and link your card again.',
    withdrawAudit:
      'Records of views and actions are kept as the law requires, without your e-mail address.',
    withdrawDevice: 'The copy of your results saved on this device is erased too.',
    withdrawButton: 'Leave the service',
    withdrawnTitle: 'You have left the service',
    withdrawn:
      'You have left Kenshin Portal. Thank you for using it. We have sent you a confirmation mail.',
    toSignup: 'Sign up',
  },
)
