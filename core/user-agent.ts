/**
 * A device in words from its User-Agent (ログイン中の端末, journey 10): "iPhone · Safari",
 * "Windows · Chrome". Only the platform and the browser, never versions, so the words stay stable and
 * tell the member which of their devices it is without echoing the header back. Unknown → null (the
 * screen says 「不明な端末」). Pure: shared by the worker (which stores the header) and the tests.
 */

export type Platform = 'iPhone' | 'iPad' | 'Android' | 'Windows' | 'Mac' | 'ChromeOS' | 'Linux'
export type Browser = 'Safari' | 'Chrome' | 'Firefox' | 'Edge' | 'Samsung Internet' | 'Opera'

export interface DeviceWords {
  platform: Platform | null
  browser: Browser | null
}

function platformOf(ua: string): Platform | null {
  if (/\biPhone\b|\biPod\b/.test(ua)) return 'iPhone'
  if (/\biPad\b/.test(ua)) return 'iPad'
  if (/\bAndroid\b/.test(ua)) return 'Android'
  if (/\bWindows\b/.test(ua)) return 'Windows'
  if (/\bCrOS\b/.test(ua)) return 'ChromeOS'
  if (/\bMacintosh\b|\bMac OS X\b/.test(ua)) return 'Mac'
  if (/\bLinux\b|\bX11\b/.test(ua)) return 'Linux'
  return null
}

function browserOf(ua: string): Browser | null {
  // Order matters: every Chromium browser also says "Chrome" and "Safari", iOS browsers say "Safari".
  if (/\bEdg(e|A|iOS)?\//.test(ua)) return 'Edge'
  if (/\bOPR\/|\bOPiOS\//.test(ua)) return 'Opera'
  if (/\bSamsungBrowser\//.test(ua)) return 'Samsung Internet'
  if (/\bFirefox\/|\bFxiOS\//.test(ua)) return 'Firefox'
  if (/\b(Headless)?Chrome\/|\bCriOS\/|\bChromium\//.test(ua)) return 'Chrome'
  if (/\bSafari\//.test(ua) && /\bVersion\//.test(ua)) return 'Safari'
  // An iOS home-screen app (WebKit without "Safari/") is Safari's engine.
  if (/\bAppleWebKit\//.test(ua) && /\b(iPhone|iPad|iPod)\b/.test(ua)) return 'Safari'
  return null
}

export function describeUserAgent(ua: string | null | undefined): DeviceWords {
  if (!ua) return { platform: null, browser: null }
  const text = ua.slice(0, 512)
  return { platform: platformOf(text), browser: browserOf(text) }
}

/** "iPhone · Safari", "Windows", "Chrome", or null when nothing is known. */
export function deviceLabel(ua: string | null | undefined): string | null {
  const { platform, browser } = describeUserAgent(ua)
  const parts = [platform, browser].filter((p): p is NonNullable<typeof p> => p !== null)
  return parts.length ? parts.join(' · ') : null
}
