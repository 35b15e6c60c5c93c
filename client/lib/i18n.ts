/**
 * The UI language and its strings. Japanese is the default (the manual's wording, which tests find
 * elements by); English is the second language. The choice is kept in localStorage and mirrored on
 * <html lang>, so screen readers pronounce the page in the right language.
 *
 * Strings live beside the screens that use them, and only the language shown is downloaded: each
 * journey's Japanese is in its `strings.ts`, its English in `strings.en.ts`, fetched when English is
 * shown (`lazyStrings`); core's field and API messages likewise (client/lib/catalogues.ts). A switch
 * of language fetches what the new language lacks before anything is drawn in it.
 */
import { createResource, createRoot, createSignal } from 'solid-js'
import type { Catalogues, Lang } from '../../core/i18n'
import { fill, type MessageParams } from '../../core/placeholders'

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

/** core's messages in English, in the browser: filled when fetched (and by addCoreEnglish). */
const englishMessages: Catalogues['ja'] = {}
let englishFetched = false

/** core's messages in English once fetched (read by catalogues.ts, core's `t` in the browser). */
export function coreEnglish(): Catalogues['en'] {
  return englishFetched ? englishMessages : undefined
}

/** Adds English messages fetched with a part of the app (the strength meter's feedback). */
export function addCoreEnglish(messages: Catalogues['ja']): void {
  Object.assign(englishMessages, messages)
}

/** Fetches core's messages in a language, once (the Japanese come with core's `t`: catalogues.ts). */
async function loadCatalogue(language: Lang): Promise<void> {
  if (language !== 'en' || englishFetched) return
  addCoreEnglish((await import('../../core/messages/member.en')).memberEn)
  englishFetched = true
}

/** A set of strings whose other languages are fetched when needed (see lazyStrings). */
type LazySet = { load(language: Lang): Promise<void> }
const lazySets: LazySet[] = []

/**
 * Adds strings that fetch their English only when English is shown: now, when it already is, and
 * at every later switch (setLang waits for them). The strength meter's feedback comes this way.
 */
export function addLazyEnglish(load: () => Promise<Catalogues['ja']>): Promise<void> {
  let fetched = false
  const set: LazySet = {
    async load(language) {
      if (language !== 'en' || fetched) return
      addCoreEnglish(await load())
      fetched = true
    },
  }
  lazySets.push(set)
  return set.load(lang())
}

/** Fetches what a language needs and is not here yet: core's messages and every lazy set so far. */
function loadLanguage(language: Lang): Promise<unknown> {
  return Promise.all([loadCatalogue(language), ...lazySets.map((set) => set.load(language))])
}

let switching = 0

/**
 * Switches the UI language once its strings are here, remembers it, and updates <html lang>. When
 * they cannot be fetched (offline, never loaded on this device) the language stays as it was; of two
 * quick switches, the last one wins.
 */
export async function setLang(next: Lang): Promise<void> {
  const request = ++switching
  await loadLanguage(next)
  if (request !== switching) return
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
export function dateFormat(
  language: Lang,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${language} ${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format)
    dateFormats.set(
      key,
      (format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ja-JP', options)),
    )
  return format
}

/** 'YYYY-MM-DD' as a date in the UI language (2025年5月10日, 10 May 2025); anything else as it is. */
export function longDate(iso: string, language: Lang = lang()): string {
  const [year, month, day] = iso.split('-').map(Number)
  if (!year || !month || !day) return iso
  return dateFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  )
}

export type Params = MessageParams

/** A string with its `{name}` placeholders filled (core's one filler). */
const format = (template: string, params?: Params) => (params ? fill(template, params) : template)

/** A set's strings in one language: exactly the keys of its Japanese. */
export type Translation<K extends PropertyKey> = Record<K, string>

/** Reads a string of a set in the current language; reactive, so it follows the language switch. */
export type Strings<K extends PropertyKey> = (key: K, params?: Params) => string

/** A set's English (its `.en.ts`): exactly the keys of its Japanese (`satisfies EnglishOf<typeof ja>`). */
export type EnglishOf<J> = Translation<keyof J>

/**
 * A small set of strings in both languages at once; `en` must have exactly the keys of `ja`. For a
 * journey's larger sets, lazyStrings downloads only the language shown.
 */
export function defineStrings<const J extends Record<string, string>>(
  ja: J,
  en: { [K in keyof J]: string },
): Strings<keyof J> {
  const table: Record<Lang, Record<keyof J, string>> = { ja, en }
  return (key, params) => format(table[lang()][key] ?? ja[key], params)
}

/**
 * A set of strings whose Japanese is here and whose English (`en`: the dynamic import of its
 * `.en.ts` module) is fetched only when English is shown: at the switch of language (setLang waits
 * for it), or, for a screen first opened in English, as its module loads. Until then the strings
 * are a pending resource, so the screen waits under the shell's <Suspense> instead of showing
 * Japanese for a moment. If the English cannot be fetched (offline, never loaded here): Japanese.
 */
export function lazyStrings<const J extends Record<string, string>>(
  ja: J,
  en: () => Promise<{ default: Translation<keyof J> }>,
): Strings<keyof J> {
  let english: Translation<keyof J> | undefined
  const fetchEnglish = () => en().then((module) => (english = module.default))
  lazySets.push({
    async load(language) {
      if (language === 'en' && !english) await fetchEnglish()
    },
  })
  // A set lives as long as the page: its resource has no owner to dispose it with.
  const [table] = createRoot(() =>
    createResource(
      () => lang() === 'en',
      () => english ?? fetchEnglish().catch(() => ja),
    ),
  )
  return (key, params) => format((lang() === 'en' ? (table() ?? ja) : ja)[key] ?? ja[key], params)
}

/** Strings of the shell and of the shared form components (English: ui.en.ts). */
export const uiJa = {
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
  networkError: '通信できませんでした。インターネット接続をご確認のうえ、もう一度お試しください。',
  unexpectedError: 'システムエラーが発生しました。しばらくしてからもう一度お試しください。',
  newVersionTitle: '新しいバージョンがあります',
  newVersionText: '「更新する」を押すと最新の画面に切り替わります。入力中の内容は消えます。',
  update: '更新する',
  close: '閉じる',
  offlineReady: 'この端末でオフラインでも起動できるようになりました。',
  installApp: 'アプリをインストール',
  screenLoadFailed:
    'この画面を開けませんでした。オフラインでは、この端末でまだ開いたことのない画面は表示できません。インターネットに接続してから、もう一度お試しください。',
  reloadScreen: 'もう一度開く',
  screenLoadFailedTitle: '画面を開けません',
  offlineBanner:
    'オフラインです。この端末で開いたことのある健診結果は表示できます。送信などインターネット接続が必要な操作は、接続してから行ってください。',
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
}

/** The shell's strings. */
export const ui = lazyStrings(uiJa, () => import('./ui.en'))

/**
 * What the language chosen on an earlier visit needs (nothing for Japanese): main.tsx draws the app
 * once it is here. Without it (English never fetched on this device, and offline), Japanese.
 */
export const languageReady: Promise<void> = loadLanguage(lang()).then(
  () => undefined,
  () => void setLangSignal('ja'),
)
