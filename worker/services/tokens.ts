const encoder = new TextEncoder()

/** base64url without padding, for tokens that travel in URLs and cookies. */
export function base64url(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const hex = (buf: ArrayBuffer) =>
  Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('')

/** A fresh 256-bit secret for links and sessions (docs/security.md: ≥128 bits). */
export function newToken(randomBytes: (n: number) => Uint8Array): string {
  return base64url(randomBytes(32))
}

/** A 6-digit code without modulo bias. */
export function newNumericCode(randomBytes: (n: number) => Uint8Array): string {
  for (;;) {
    const [a, b, c, d] = randomBytes(4)
    const n = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0
    if (n < 4_294_000_000) return String(n % 1_000_000).padStart(6, '0')
  }
}

/** What the database keeps of a token: its SHA-256, so a leaked table opens nothing. */
export async function hashToken(token: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(token)))
}

const hmacKeys = new Map<string, Promise<CryptoKey>>()

/** Keyed hash: for short secrets (6-digit codes) and counter subjects (addresses, IPs). */
export async function hmac(key: string, message: string): Promise<string> {
  let k = hmacKeys.get(key)
  if (!k) {
    k = crypto.subtle.importKey(
      'raw',
      encoder.encode(key),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    )
    hmacKeys.set(key, k)
  }
  return hex(await crypto.subtle.sign('HMAC', await k, encoder.encode(message)))
}

/** A random id for rows (UUID v4 from the injected randomness). */
export function newId(randomBytes: (n: number) => Uint8Array): string {
  const b = randomBytes(16)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
