/**
 * A failure's message parameters as an import record keeps them (POST …/imports/:id/finish): at most
 * MAX_PARAMS keys of at most MAX_PARAM_KEY characters, each string value at most MAX_PARAM_VALUE
 * characters. An importer's detail (a CSV line's fault, a zip entry's name, an internal error's
 * message) can be longer; it is cut, never refused, so the import is still closed with its outcome.
 * The server clips what it is sent (core/insurer.ts ImportFinishBody), and the clients before sending.
 */
export const MAX_PARAMS = 20
export const MAX_PARAM_KEY = 40
export const MAX_PARAM_VALUE = 300

/** `text` cut to `max` UTF-16 units, without leaving half of a surrogate pair at the end. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  const last = cut.charCodeAt(cut.length - 1)
  return last >= 0xd800 && last < 0xdc00 ? cut.slice(0, -1) : cut
}

/** The parameters clipped: the first MAX_PARAMS keys, keys and string values cut to their lengths. */
export function clipParams(
  params: Record<string, string | number>,
): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(params).slice(0, MAX_PARAMS)) {
    const k = clipText(key, MAX_PARAM_KEY)
    if (Object.hasOwn(out, k)) continue
    Object.defineProperty(out, k, {
      value: typeof value === 'string' ? clipText(value, MAX_PARAM_VALUE) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}
