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
