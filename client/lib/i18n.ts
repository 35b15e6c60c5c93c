/**
 * The UI language and its strings. Japanese is the default (the manual's wording, which tests find
 * elements by); English is the second language. The choice is kept in localStorage and mirrored on
 * <html lang>, so screen readers pronounce the page in the right language.
 *
 * Strings live beside the screens that use them (`defineStrings` in each journey), so the first
 * download carries only the shell's; field errors come from core/i18n.ts (see lib/messages.ts).
 */
import { createSignal } from 'solid-js'
import type { Lang } from '../../core/i18n'

export type { Lang }

const STORAGE_KEY = 'kenshin-portal.lang'

function storedLang(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return value === 'en' ? 'en' : 'ja'
  } catch {
    return 'ja' // storage blocked (private mode, policies): the default
  }
}

const [lang, setLangSignal] = createSignal<Lang>(storedLang())

/** The current UI language (reactive). */
export { lang }

/** Switches the UI language, remembers it, and updates <html lang>. */
export function setLang(next: Lang): void {
  setLangSignal(next)
  rememberLang()
  document.documentElement.lang = next
}

/** Writes the choice again, e.g. after log-out's `Clear-Site-Data: "storage"` wiped it. */
export function rememberLang(): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang())
  } catch {
    // Not persisted; the choice still holds for this visit.
  }
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * A date formatter in a UI language, made once per language and options: a new Intl.DateTimeFormat
 * costs about a millisecond on a slow phone, and the results screen draws dozens of dates.
 */
export function dateFormat(language: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language} ${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ja-JP', options)))
  return format
}

/** 'YYYY-MM-DD' as a date in the UI language (2025年5月10日, 10 May 2025); anything else as it is. */
export function longDate(iso: string, language: Lang = lang()): string {
  const [year, month, day] = iso.split('-').map(Number)
  if (!year || !month || !day) return iso
  return dateFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)))
}

export type Params = Record<string, string | number>

/** Fills `{name}` placeholders. */
export function format(template: string, params?: Params): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  )
}

/**
 * A set of strings in both languages; `en` must have exactly the keys of `ja`. The returned function
 * reads the language signal, so anything rendered through it follows the language switch.
 */
export function defineStrings<const J extends Record<string, string>>(
  ja: J,
  en: { [K in keyof J]: string },
): (key: keyof J, params?: Params) => string {
  const table: Record<Lang, Record<keyof J, string>> = { ja, en }
  return (key, params) => format(table[lang()][key] ?? ja[key], params)
}

/** Strings of the shell and of the shared form components. */
export const ui = defineStrings(
  {
    serviceName: 'Kenshin Portal',
    serviceSubtitle: '健診ポータル',
    titleSuffix: ' | Kenshin Portal',
    skipLink: '本文へスキップ',
    logout: 'ログアウト',
    loggingOut: 'ログアウトしています…',
    footerNav: 'サイト情報',
    terms: '会員規約',
    privacy: 'プライバシーポリシー',
    mediaPolicy: 'メディアポリシー',
    inquiry: 'お問い合わせ',
    faq: 'よくある質問',
    language: '言語 / Language',
    copyright: '© Kenshin Portal',
    loading: '読み込み中です…',
    networkError:
      '通信できませんでした。インターネット接続をご確認のうえ、もう一度お試しください。',
    unexpectedError: 'システムエラーが発生しました。しばらくしてからもう一度お試しください。',
    newVersionTitle: '新しいバージョンがあります',
    newVersionText: '「更新する」を押すと最新の画面に切り替わります。入力中の内容は消えます。',
    update: '更新する',
    close: '閉じる',
    offlineReady: 'この端末でオフラインでも起動できるようになりました。',
    installApp: 'アプリをインストール',
    screenLoadFailed: 'この画面を開けませんでした。オフラインでは、この端末でまだ開いたことのない画面は表示できません。インターネットに接続してから、もう一度お試しください。',
    reloadScreen: 'もう一度開く',
    screenLoadFailedTitle: '画面を開けません',
    offlineBanner: 'オフラインです。この端末で開いたことのある健診結果は表示できます。送信などインターネット接続が必要な操作は、接続してから行ってください。',
    required: '【必須】',
    optional: '【任意】',
    errorSummaryTitle: '入力内容をご確認ください',
    errorIcon: 'エラー:',
    labelSeparator: ':',
    showPassword: '入力した文字列を表示する',
    checklistTitle: 'パスワードの目安',
    checklistLength: '8文字以上',
    checklistKinds: '2種類以上の文字を含む(英文字・数字・記号)',
    checklistMet: '達成',
    checklistUnmet: '未達成',
    strength: 'パスワードの安全性',
    strengthEmpty: '未入力',
    captcha: '画像認証',
    captchaLoading: '画像認証を準備しています…',
    captchaLoadFailed:
      '画像認証を読み込めませんでした。ページを再読み込みしてから、もう一度お試しください。',
    captchaFailed: '画像認証に失敗しました。もう一度お試しください。',
    steps: '登録の手順',
    stepLabel: 'STEP{n}',
    stepDone: '(完了)',
    stepCurrent: '(現在の手順)',
  },
  {
    serviceName: 'Kenshin Portal',
    serviceSubtitle: 'Health checkup portal',
    titleSuffix: ' | Kenshin Portal',
    skipLink: 'Skip to main content',
    logout: 'Log out',
    loggingOut: 'Logging out…',
    footerNav: 'Site information',
    terms: 'Terms of Membership',
    privacy: 'Privacy Policy',
    mediaPolicy: 'Media Policy',
    inquiry: 'Contact us',
    faq: 'FAQ',
    language: '言語 / Language',
    copyright: '© Kenshin Portal',
    loading: 'Loading…',
    networkError: 'Could not connect. Please check your Internet connection and try again.',
    unexpectedError: 'A system error occurred. Please try again later.',
    newVersionTitle: 'A new version is available',
    newVersionText: 'Press “Update” to switch to the latest version. Anything you have typed will be lost.',
    update: 'Update',
    close: 'Close',
    offlineReady: 'The app can now start on this device without a connection.',
    installApp: 'Install the app',
    screenLoadFailed: 'This screen could not be opened. Offline, screens not yet opened on this device cannot be shown. Connect to the internet and try again.',
    reloadScreen: 'Open it again',
    screenLoadFailedTitle: 'This screen cannot be opened',
    offlineBanner: 'You are offline. Checkups already opened on this device can be shown; anything that sends or fetches data needs a connection.',
    required: '[Required]',
    optional: '[Optional]',
    errorSummaryTitle: 'Please check what you entered',
    errorIcon: 'Error: ',
    labelSeparator: ': ',
    showPassword: 'Show the characters entered',
    checklistTitle: 'Password guidance',
    checklistLength: 'At least 8 characters',
    checklistKinds: 'At least 2 kinds of characters (letters, digits, symbols)',
    checklistMet: 'met',
    checklistUnmet: 'not yet met',
    strength: 'Password strength',
    strengthEmpty: 'Not entered',
    captcha: 'Verification',
    captchaLoading: 'Preparing the verification…',
    captchaLoadFailed: 'The verification could not be loaded. Please reload the page and try again.',
    captchaFailed: 'The verification failed. Please try again.',
    steps: 'Registration steps',
    stepLabel: 'STEP {n}',
    stepDone: '(done)',
    stepCurrent: '(current step)',
  },
)
