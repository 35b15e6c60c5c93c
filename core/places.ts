/**
 * Approximate place of a session (ログイン中の端末): what Cloudflare's request data tells, stored as a
 * short code — `JP-13` (Japan and a prefecture by its JIS X 0401 number), `JP`, or another country's
 * ISO 3166-1 alpha-2 code — and shown in words in the member's language. Never the IP, never a city.
 */
import type { Lang } from './i18n'

const PREFECTURES: readonly (readonly [string, string])[] = [
  ['北海道', 'Hokkaido'],
  ['青森県', 'Aomori'],
  ['岩手県', 'Iwate'],
  ['宮城県', 'Miyagi'],
  ['秋田県', 'Akita'],
  ['山形県', 'Yamagata'],
  ['福島県', 'Fukushima'],
  ['茨城県', 'Ibaraki'],
  ['栃木県', 'Tochigi'],
  ['群馬県', 'Gunma'],
  ['埼玉県', 'Saitama'],
  ['千葉県', 'Chiba'],
  ['東京都', 'Tokyo'],
  ['神奈川県', 'Kanagawa'],
  ['新潟県', 'Niigata'],
  ['富山県', 'Toyama'],
  ['石川県', 'Ishikawa'],
  ['福井県', 'Fukui'],
  ['山梨県', 'Yamanashi'],
  ['長野県', 'Nagano'],
  ['岐阜県', 'Gifu'],
  ['静岡県', 'Shizuoka'],
  ['愛知県', 'Aichi'],
  ['三重県', 'Mie'],
  ['滋賀県', 'Shiga'],
  ['京都府', 'Kyoto'],
  ['大阪府', 'Osaka'],
  ['兵庫県', 'Hyogo'],
  ['奈良県', 'Nara'],
  ['和歌山県', 'Wakayama'],
  ['鳥取県', 'Tottori'],
  ['島根県', 'Shimane'],
  ['岡山県', 'Okayama'],
  ['広島県', 'Hiroshima'],
  ['山口県', 'Yamaguchi'],
  ['徳島県', 'Tokushima'],
  ['香川県', 'Kagawa'],
  ['愛媛県', 'Ehime'],
  ['高知県', 'Kochi'],
  ['福岡県', 'Fukuoka'],
  ['佐賀県', 'Saga'],
  ['長崎県', 'Nagasaki'],
  ['熊本県', 'Kumamoto'],
  ['大分県', 'Oita'],
  ['宮崎県', 'Miyazaki'],
  ['鹿児島県', 'Kagoshima'],
  ['沖縄県', 'Okinawa'],
]

/** The stored code from Cloudflare's `cf.country` and `cf.regionCode`, or null when absent or odd. */
export function placeCode(country: unknown, regionCode: unknown): string | null {
  if (
    typeof country !== 'string' ||
    !/^[A-Z]{2}$/.test(country) ||
    country === 'XX' ||
    country === 'T1'
  )
    return null
  if (country === 'JP' && typeof regionCode === 'string' && /^\d{1,2}$/.test(regionCode)) {
    const n = Number(regionCode)
    if (n >= 1 && n <= 47) return `JP-${String(n).padStart(2, '0')}`
  }
  return country
}

/** A place code in words: 東京都 / Tokyo, Japan; 日本; アメリカ合衆国 … or null when unknown. */
export function placeName(code: string | null | undefined, lang: Lang): string | null {
  if (!code) return null
  const pref = /^JP-(\d{2})$/.exec(code)
  if (pref) {
    const names = PREFECTURES[Number(pref[1]) - 1]
    if (!names) return null
    return lang === 'ja' ? names[0] : `${names[1]}, Japan`
  }
  if (!/^[A-Z]{2}$/.test(code)) return null
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}
