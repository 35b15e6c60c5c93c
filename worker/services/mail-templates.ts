import type { Lang } from '../../core/i18n'
import type { Mail } from './mail'

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

const linkify = (line: string) =>
  escapeHtml(line).replace(/(https?:\/\/[^\s]+)/g, '<a href="$1">$1</a>')

/** Plain text is the source; the HTML part is the same lines, escaped, with links made clickable. */
function compose(to: string, subject: string, lines: string[]): Mail {
  const text = lines.join('\n')
  const html = `<!doctype html><html><body><p>${lines.map(linkify).join('<br>\n')}</p></body></html>`
  return { to, subject, text, html }
}

const footer = {
  ja: (origin: string) => [
    '',
    '本メールは送信専用メールアドレスから配信されています。',
    'このメールに返信されても回答できませんので、ご了承ください。',
    'ご不明な点がございましたら、下記のお問い合わせページからご連絡ください。',
    '本メールにお心当たりのない方は、大変お手数ですが、下記のお問い合わせページからご連絡ください。',
    '',
    '<サービスお問い合わせ>',
    `${origin}/inquiry`,
    '配信元:Kenshin Portal',
  ],
  en: (origin: string) => [
    '',
    'This message was sent from a send-only address; replies are not read.',
    'If you have questions, or did not expect this mail, please contact us:',
    `${origin}/inquiry`,
    'Kenshin Portal',
  ],
}

export const mailTemplates = {
  /** 仮登録メール: the link (1 h browser, 24 h app) and the 6-digit code for the installed app. */
  provisional(
    lang: Lang,
    to: string,
    origin: string,
    link: string,
    code: string,
    linkHours: number,
  ): Mail {
    if (lang === 'en')
      return compose(
        to,
        '[Kenshin Portal] Thank you for signing up (registration is not complete yet)',
        [
          'Thank you for signing up to Kenshin Portal.',
          'Your provisional registration is done. Open the link below to continue.',
          '',
          link,
          '',
          `The link is valid for ${linkHours} hour${linkHours === 1 ? '' : 's'}. After that, please sign up again.`,
          `In the installed app you can type this code instead (valid 10 minutes): ${code}`,
          'You will need your health insurance card for the next step.',
          'If you open the link on another device or browser than the one you signed up on, you will be asked for the password you chose when signing up.',
          '',
          'If you did not sign up, ignore this mail: no account is created, and nobody can complete the registration without the password chosen at sign-up.',
          ...footer.en(origin),
        ],
      )
    return compose(
      to,
      '【Kenshin Portal】仮登録ありがとうございます(※まだ本登録は完了していません)',
      [
        'Kenshin Portalへの新規登録ありがとうございます。',
        '仮登録が完了いたしました。',
        '引き続き、下記のリンクをクリックして会員登録をすすめてください。',
        '',
        link,
        '',
        `※本URLの有効期間は${linkHours}時間となります。有効期間を過ぎた場合はお手数ですがメールアドレスの登録からやり直しをお願いします。`,
        `※アプリをお使いの方は、アプリの画面で次の確認コードを入力することもできます(有効期間10分): ${code}`,
        '※登録には保険証が必要となりますので、お手元に準備をお願いします。',
        '※仮登録を行った端末・ブラウザとは別の場所でURLを開いた場合は、仮登録時に設定したパスワードの入力が必要です。',
        '',
        'お心当たりのない場合は、このメールを破棄してください。アカウントは作成されません。仮登録時に設定されたパスワードがなければ、誰も本登録を完了できません。',
        ...footer.ja(origin),
      ],
    )
  },

  /** Sent instead of a provisional mail when the address already has an account. */
  alreadyRegistered(lang: Lang, to: string, origin: string): Mail {
    if (lang === 'en')
      return compose(to, '[Kenshin Portal] You already have an account', [
        'Someone (probably you) tried to sign up to Kenshin Portal with this address.',
        'This address already has an account, so no new account was made.',
        '',
        `Log in: ${origin}/login`,
        `Forgot your password? ${origin}/password/forgot`,
        '',
        'If this was not you, you can ignore this mail; nothing was changed.',
        ...footer.en(origin),
      ])
    return compose(to, '【Kenshin Portal】このメールアドレスはすでに登録されています', [
      'このメールアドレスでKenshin Portalへの新規登録のお手続きがありました。',
      'このメールアドレスはすでに登録済みのため、新しいアカウントは作成していません。',
      '',
      `ログインはこちら: ${origin}/login`,
      `パスワードを忘れた方はこちら: ${origin}/password/forgot`,
      '',
      'お心当たりのない場合は、このメールを破棄してください。アカウントに変更はありません。',
      ...footer.ja(origin),
    ])
  },

  passwordReset(lang: Lang, to: string, origin: string, link: string): Mail {
    if (lang === 'en')
      return compose(to, '[Kenshin Portal] Reset your password', [
        'We received a request to reset your Kenshin Portal password.',
        'Open the link below within 30 minutes to set a new password. It works once.',
        '',
        link,
        '',
        'If you did not ask for this, ignore this mail: your password stays as it is.',
        ...footer.en(origin),
      ])
    return compose(to, '【Kenshin Portal】パスワード再設定のご案内', [
      'パスワード再設定のお手続きを受け付けました。',
      '下記のURLから30分以内に新しいパスワードを設定してください(1回のみ有効です)。',
      '',
      link,
      '',
      'お心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。',
      ...footer.ja(origin),
    ])
  },

  /**
   * Sent for a reset asked for an address that has no account: the answer is the same as for an
   * owner, and so is the work after it (one mail); it also tells a member which address is not theirs.
   */
  resetNoAccount(lang: Lang, to: string, origin: string): Mail {
    if (lang === 'en')
      return compose(to, '[Kenshin Portal] About your password reset request', [
        'We received a request to reset a Kenshin Portal password for this address,',
        'but no account uses this address, so there is nothing to reset.',
        '',
        `If you have an account under another address, ask again with that address: ${origin}/password/forgot`,
        `To make a new account: ${origin}/signup`,
        '',
        'If you did not ask for this, ignore this mail.',
        ...footer.en(origin),
      ])
    return compose(to, '【Kenshin Portal】パスワード再設定のお手続きについて', [
      'このメールアドレスでパスワード再設定のお手続きがありましたが、',
      'このメールアドレスで登録されたアカウントはありません。',
      '',
      `別のメールアドレスで登録された方は、そのメールアドレスでもう一度お手続きください: ${origin}/password/forgot`,
      `新規登録はこちら: ${origin}/signup`,
      '',
      'お心当たりのない場合は、このメールを破棄してください。',
      ...footer.ja(origin),
    ])
  },

  /**
   * 「ログインIDを忘れた」: support, asked by a member who has forgotten which address they signed up
   * with, mails the registered address this notice (the console shows support only its masked form).
   */
  loginIdNotice(lang: Lang, to: string, origin: string): Mail {
    if (lang === 'en')
      return compose(to, '[Kenshin Portal] Your login ID', [
        'You asked our support which address you use for Kenshin Portal.',
        'Your login ID is this e-mail address:',
        '',
        to,
        '',
        `Log in: ${origin}/login`,
        `If you have forgotten your password too: ${origin}/password/forgot`,
        ...footer.en(origin),
      ])
    return compose(to, '【Kenshin Portal】ログインIDのご案内', [
      'お問い合わせいただいたログインIDについてお知らせします。',
      'Kenshin Portal のログインIDは、このメールを受け取ったメールアドレスです。',
      '',
      to,
      '',
      `ログインはこちら: ${origin}/login`,
      `パスワードもお忘れの場合はこちら: ${origin}/password/forgot`,
      ...footer.ja(origin),
    ])
  },

  passwordChanged(lang: Lang, to: string, origin: string, at: Date): Mail {
    const when = at.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo' })
    if (lang === 'en')
      return compose(to, '[Kenshin Portal] Your password was changed', [
        `Your Kenshin Portal password was changed on ${when} (Japan time).`,
        'Every device has been logged out.',
        `If this was not you, reset your password now: ${origin}/password/forgot and contact us.`,
        ...footer.en(origin),
      ])
    return compose(to, '【Kenshin Portal】パスワードが変更されました', [
      `${when}(日本時間)にKenshin Portalのパスワードが変更されました。`,
      'すべての端末からログアウトしました。',
      `お心当たりのない場合は、ただちにパスワードを再設定し(${origin}/password/forgot)、お問い合わせください。`,
      ...footer.ja(origin),
    ])
  },

  addressLocked(lang: Lang, to: string, origin: string, link: string): Mail {
    if (lang === 'en')
      return compose(to, '[Kenshin Portal] Log-in paused after repeated failures', [
        'There were many failed attempts to log in with this address, so log-in is paused for 15 minutes.',
        'If it was you, open this link to lift the pause now:',
        '',
        link,
        '',
        'If it was not you, consider changing your password.',
        ...footer.en(origin),
      ])
    return compose(to, '【Kenshin Portal】ログインを一時的に停止しました', [
      'このメールアドレスでのログインの失敗が続いたため、15分間ログインを停止しました。',
      'ご本人の操作であれば、下記のURLから停止を解除できます。',
      '',
      link,
      '',
      'お心当たりのない場合は、パスワードの変更をおすすめします。',
      ...footer.ja(origin),
    ])
  },
  /**
   * お問い合わせの受付: the 受付番号, the type and the date, never the text typed. The address is not
   * verified, so the portal must not relay a stranger's words under its name (issue 11).
   */
  inquiryReceived(
    lang: Lang,
    to: string,
    origin: string,
    inquiry: { receiptNo: string; typeLabel: string; at: Date },
  ): Mail {
    const when = inquiry.at.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP', {
      timeZone: 'Asia/Tokyo',
    })
    if (lang === 'en')
      return compose(to, `[Kenshin Portal] We have received your inquiry (${inquiry.receiptNo})`, [
        'Thank you for contacting Kenshin Portal. We have received your inquiry.',
        '',
        `Receipt number: ${inquiry.receiptNo}`,
        `Kind of inquiry: ${inquiry.typeLabel}`,
        `Received: ${when} (Japan time)`,
        '',
        'Customer support will answer by mail. Hours: 10:00–18:00 (weekdays).',
        'Please quote the receipt number if you contact us again about this inquiry.',
        'If you did not send an inquiry, please ignore this mail.',
        ...footer.en(origin),
      ])
    return compose(
      to,
      `【Kenshin Portal】お問い合わせを受け付けました(受付番号 ${inquiry.receiptNo})`,
      [
        'Kenshin Portalへのお問い合わせありがとうございます。以下の内容で受け付けました。',
        '',
        `受付番号: ${inquiry.receiptNo}`,
        `お問い合わせの種類: ${inquiry.typeLabel}`,
        `受付日時: ${when}(日本時間)`,
        '',
        'お客様サポートより、メールにて回答いたします。受付時間:10時〜18時(平日)',
        '同じお問い合わせについてご連絡いただく際は、受付番号をお知らせください。',
        'お心当たりのない場合は、このメールを破棄してください。',
        ...footer.ja(origin),
      ],
    )
  },
  /**
   * A staff invitation (purpose 'invite') or a re-enrolment after a platform admin's reset ('reset'):
   * the single-use link that sets a password and enrols the authenticator app.
   */
  staffInvitation(
    lang: Lang,
    to: string,
    origin: string,
    link: string,
    input: { name: string; purpose: 'invite' | 'reset'; days: number },
  ): Mail {
    if (lang === 'en')
      return compose(
        to,
        input.purpose === 'invite'
          ? '[Kenshin Portal] You are invited to the staff console'
          : '[Kenshin Portal] Set up your staff sign-in again',
        [
          `${input.name},`,
          '',
          input.purpose === 'invite'
            ? 'You have been registered as staff of Kenshin Portal. Open the link below to set your password and your authenticator app.'
            : 'A platform administrator has reset your staff sign-in. Open the link below to set it up again.',
          '',
          link,
          '',
          `The link works once and is valid for ${input.days} days.`,
          'You will need an authenticator app (Google Authenticator, Microsoft Authenticator or similar) on your phone.',
          'If you did not expect this mail, do not open the link and tell your administrator.',
          ...footer.en(origin),
        ],
      )
    return compose(
      to,
      input.purpose === 'invite'
        ? '【Kenshin Portal】スタッフ登録のご案内'
        : '【Kenshin Portal】スタッフのログイン設定の再登録のお願い',
      [
        `${input.name} 様`,
        '',
        input.purpose === 'invite'
          ? 'Kenshin Portal のスタッフとして登録されました。下記のリンクから、パスワードと認証アプリの設定を行ってください。'
          : 'プラットフォーム管理者により、スタッフのログイン設定がリセットされました。下記のリンクから再登録を行ってください。',
        '',
        link,
        '',
        `※本URLは1回限り有効で、有効期間は${input.days}日間です。`,
        '※スマートフォンに認証アプリ(Google Authenticator、Microsoft Authenticator など)が必要です。',
        'お心当たりのない場合は、リンクを開かずに管理者へご連絡ください。',
        ...footer.ja(origin),
      ],
    )
  },

  /**
   * A support agent's reply: the text they wrote (from a template, edited), the 受付番号, and the
   * send-only footer (replies to this mail are not read; the form's link).
   */
  inquiryReply(
    lang: Lang,
    to: string,
    origin: string,
    reply: { receiptNo: string; body: string },
  ): Mail {
    if (lang === 'en')
      return compose(to, `[Kenshin Portal] Our answer to your inquiry (${reply.receiptNo})`, [
        `Receipt number: ${reply.receiptNo}`,
        '',
        ...reply.body.split(/\r?\n/),
        '',
        'Replies to this mail are not read. To write to us again, use the inquiry form and quote the receipt number:',
        `${origin}/inquiry`,
        ...footer.en(origin),
      ])
    return compose(to, `【Kenshin Portal】お問い合わせへの回答(受付番号 ${reply.receiptNo})`, [
      `受付番号: ${reply.receiptNo}`,
      '',
      ...reply.body.split(/\r?\n/),
      '',
      'このメールへの返信は確認できません。再度ご連絡いただく場合は、下記のお問い合わせフォームから受付番号を添えてお送りください。',
      `${origin}/inquiry`,
      ...footer.ja(origin),
    ])
  },
  // アカウント設定 (issue 12)
  /** The link that confirms a new address (1 hour), to the new address. */
  emailChangeConfirm(lang: Lang, to: string, origin: string, link: string): Mail {
    if (lang === 'en')
      return compose(to, '[Kenshin Portal] Confirm your new e-mail address', [
        'You asked to use this address for your Kenshin Portal account.',
        'Open the link below within 1 hour to confirm it:',
        '',
        link,
        '',
        'If you did not ask for this, ignore this mail: nothing changes.',
        ...footer.en(origin),
      ])
    return compose(to, '【Kenshin Portal】メールアドレス変更の確認', [
      'Kenshin Portalのアカウントのメールアドレスを、このアドレスに変更するお手続きを受け付けました。',
      '1時間以内に下記のURLを開いて、変更を完了してください。',
      '',
      link,
      '',
      'お心当たりのない場合は、このメールを破棄してください。変更は行われません。',
      ...footer.ja(origin),
    ])
  },

  /** A change was asked to an address that already has an account: its owner is told, nothing changes. */
  emailChangeTaken(lang: Lang, to: string, origin: string): Mail {
    if (lang === 'en')
      return compose(to, '[Kenshin Portal] Someone tried to use your address', [
        'Someone asked to move another Kenshin Portal account to this address.',
        'This address already has an account (yours), so nothing was changed, and your account is as it was.',
        `If you have forgotten your password: ${origin}/password/forgot`,
        ...footer.en(origin),
      ])
    return compose(to, '【Kenshin Portal】メールアドレス変更のお手続きについて', [
      'Kenshin Portalの別のアカウントのメールアドレスを、このアドレスに変更するお手続きがありました。',
      'このアドレスはすでにアカウント(お客様のアカウント)で使われているため、変更は行われていません。お客様のアカウントはそのままです。',
      `パスワードをお忘れの場合: ${origin}/password/forgot`,
      ...footer.ja(origin),
    ])
  },

  /** To the OLD address after a change: when, to what (masked), and the 7-day "this was not me" link. */
  emailChanged(
    lang: Lang,
    to: string,
    origin: string,
    change: { maskedNew: string; at: Date; revertLink: string },
  ): Mail {
    const when = change.at.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP', {
      timeZone: 'Asia/Tokyo',
    })
    if (lang === 'en')
      return compose(to, '[Kenshin Portal] Your e-mail address was changed', [
        `On ${when} (Japan time) the e-mail address of your Kenshin Portal account was changed to ${change.maskedNew}.`,
        'Log in with the new address from now on.',
        '',
        'If this was not you, open the link below (valid for 7 days). It puts this address back, logs out every device, and sends you a mail to set a new password:',
        '',
        change.revertLink,
        ...footer.en(origin),
      ])
    return compose(to, '【Kenshin Portal】メールアドレスが変更されました', [
      `${when}(日本時間)に、Kenshin Portalのアカウントのメールアドレスが ${change.maskedNew} に変更されました。`,
      '今後は新しいメールアドレスでログインしてください。',
      '',
      '心当たりがない場合は、下記のURLを開いてください(7日間有効)。このメールアドレスに戻し、すべての端末からログアウトし、パスワード再設定のメールをお送りします。',
      '',
      change.revertLink,
      ...footer.ja(origin),
    ])
  },

  /** A password changed from アカウント設定 (the member was logged in): the other devices were logged out. */
  passwordChangedInSettings(lang: Lang, to: string, origin: string, at: Date): Mail {
    const when = at.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo' })
    if (lang === 'en')
      return compose(to, '[Kenshin Portal] Your password was changed', [
        `Your Kenshin Portal password was changed in account settings on ${when} (Japan time).`,
        'Every other device has been logged out.',
        `If this was not you, reset your password now: ${origin}/password/forgot and contact us.`,
        ...footer.en(origin),
      ])
    return compose(to, '【Kenshin Portal】パスワードが変更されました', [
      `${when}(日本時間)に、アカウント設定からKenshin Portalのパスワードが変更されました。`,
      'ほかの端末からはログアウトしました。',
      `お心当たりのない場合は、ただちにパスワードを再設定し(${origin}/password/forgot)、お問い合わせください。`,
      ...footer.ja(origin),
    ])
  },

  /** A log-in from a device not seen before: the device in words and the time, and the sessions page. */
  newDevice(lang: Lang, to: string, origin: string, device: string | null, at: Date): Mail {
    const when = at.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo' })
    if (lang === 'en')
      return compose(to, '[Kenshin Portal] Log-in from a new device', [
        `Your Kenshin Portal account was logged in from a device not used before: ${device ?? 'unknown device'}, on ${when} (Japan time).`,
        'If this was you, there is nothing to do.',
        `If not, end that session and change your password: ${origin}/account/sessions`,
        ...footer.en(origin),
      ])
    return compose(to, '【Kenshin Portal】新しい端末からのログイン', [
      `${when}(日本時間)に、これまでに使われていない端末(${device ?? '不明な端末'})からKenshin Portalにログインがありました。`,
      'ご本人のログインであれば、お手続きは不要です。',
      `お心当たりのない場合は、その端末をログアウトさせ、パスワードを変更してください: ${origin}/account/sessions`,
      ...footer.ja(origin),
    ])
  },

  /** 退会 done: what ended and what stays, to the address the account had. */
  withdrawn(lang: Lang, to: string, origin: string, at: Date): Mail {
    const when = at.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo' })
    if (lang === 'en')
      return compose(to, '[Kenshin Portal] You have left Kenshin Portal', [
        `Your Kenshin Portal account was closed on ${when} (Japan time).`,
        'The account, its log-ins, passkeys and the link to your insurance card have ended.',
        'Your checkup results stay with your health insurance society. You can sign up and link your card again at any time.',
        ...footer.en(origin),
      ])
    return compose(to, '【Kenshin Portal】退会のお手続きが完了しました', [
      `${when}(日本時間)に、Kenshin Portalの退会のお手続きが完了しました。`,
      'アカウント、ログイン中の端末、パスキー、保険証との連携は終了しました。',
      '健診結果は健康保険組合で引き続き保管されます。いつでも新しく会員登録して、もう一度連携できます。',
      ...footer.ja(origin),
    ])
  },
  // パスキー (issue 12)
  /**
   * A credential change (docs/security.md): a passkey was added to or removed from the account. Its name
   * and the time, a link to the passkeys page, and what to do when it was not the member.
   */
  passkeyChanged(
    lang: Lang,
    to: string,
    origin: string,
    change: { kind: 'added' | 'removed'; name: string; at: Date },
  ): Mail {
    const when = change.at.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP', {
      timeZone: 'Asia/Tokyo',
    })
    const page = `${origin}/account/passkeys`
    if (lang === 'en')
      return compose(
        to,
        change.kind === 'added'
          ? '[Kenshin Portal] A passkey was added'
          : '[Kenshin Portal] A passkey was removed',
        [
          change.kind === 'added'
            ? `A passkey named "${change.name}" was added to your Kenshin Portal account on ${when} (Japan time). It can be used to log in.`
            : `The passkey named "${change.name}" was removed from your Kenshin Portal account on ${when} (Japan time).`,
          `Your passkeys: ${page}`,
          `If this was not you, reset your password now (${origin}/password/forgot), remove any passkey you do not know, and contact us.`,
          ...footer.en(origin),
        ],
      )
    return compose(
      to,
      change.kind === 'added'
        ? '【Kenshin Portal】パスキーが追加されました'
        : '【Kenshin Portal】パスキーが削除されました',
      [
        change.kind === 'added'
          ? `${when}(日本時間)に、Kenshin Portalのアカウントにパスキー「${change.name}」が追加されました。このパスキーでログインできます。`
          : `${when}(日本時間)に、Kenshin Portalのアカウントからパスキー「${change.name}」が削除されました。`,
        `パスキーの一覧: ${page}`,
        `お心当たりのない場合は、ただちにパスワードを再設定し(${origin}/password/forgot)、見覚えのないパスキーを削除のうえ、お問い合わせください。`,
        ...footer.ja(origin),
      ],
    )
  },
  // お知らせ and Web Push (issue 12)
  /**
   * お知らせ by mail (the member chose mail in お知らせの設定): what kind of thing arrived and a link to
   * log in and see it, never health data. Japanese with an English paragraph: accounts keep no language.
   */
  notice(
    to: string,
    origin: string,
    notice: { kind: 'results' | 'code_reissued' | 'inquiry_reply'; link: string },
  ): Mail {
    const what = {
      results: { ja: '新しい健診結果が届きました', en: 'New checkup results have arrived' },
      code_reissued: {
        ja: '健診閲覧コードが再発行されました',
        en: 'Your viewing code has been re-issued',
      },
      inquiry_reply: {
        ja: 'お問い合わせへの回答が届きました',
        en: 'We have answered your inquiry',
      },
    }[notice.kind]
    return compose(to, `【Kenshin Portal】${what.ja}`, [
      `${what.ja}。`,
      'ログインしてご確認ください。',
      `${origin}${notice.link}`,
      '',
      'メールでのお知らせは、アカウント設定の「お知らせの設定」で止められます。',
      `${origin}/account/notifications`,
      ...footer.ja(origin),
      '',
      `[English] ${what.en}. Please log in to see the details: ${origin}${notice.link}`,
      `To stop these mails: ${origin}/account/notifications`,
    ])
  },
}
