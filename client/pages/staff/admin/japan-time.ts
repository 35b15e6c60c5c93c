/**
 * The maintenance end time as the settings form types it: a `datetime-local` value has no time zone, and the
 * console's times are Japan's (UTC+9 all year), so the value is read and written as Japan's time.
 */
const JST = 9 * 3_600_000

/** An instant (ISO) as a datetime-local value in Japan's time ("2026-12-08T09:00"), or '' for none. */
export function toJapanLocal(iso: string | null): string {
  const ms = iso ? Date.parse(iso) : NaN
  return Number.isFinite(ms) ? new Date(ms + JST).toISOString().slice(0, 16) : ''
}

/** A datetime-local value read as Japan's time, as an ISO instant; null when it is not one. */
export function fromJapanLocal(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}+09:00`)
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null
}

const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土']
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
]

/**
 * A datetime-local value (already Japan's time) in words, whatever the browser's own widget shows:
 * "2026年12月8日(火) 22:00", or "Tue 8 Dec 2026, 22:00" in English; '' when it is not one.
 */
export function japanLocalInWords(value: string, lang: 'ja' | 'en' = 'ja'): string {
  if (fromJapanLocal(value) === null) return ''
  const [y, m, d, hh, mm] = value.split(/[-T:]/).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ]
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  const time = `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`
  return lang === 'en'
    ? `${WEEKDAYS_EN[day]} ${d} ${MONTHS_EN[m - 1]} ${y}, ${time}`
    : `${y}年${m}月${d}日(${WEEKDAYS_JA[day]}) ${time}`
}
