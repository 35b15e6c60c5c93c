import { Secret, TOTP } from 'otpauth'
import type { Deps } from '../deps'
import { base64url } from './tokens'

/**
 * TOTP for staff (RFC 6238: SHA-1, 6 digits, 30 s, what every authenticator app reads), through
 * `otpauth`. The secret is stored encrypted (AES-GCM, key from the Worker secret STAFF_TOTP_KEY);
 * `acceptedStep` gives the time step a code belongs to, so the caller records it in the statement
 * that accepts the code (docs/security.md#staff: each code works once).
 */
export const TOTP_PERIOD = 30
const ISSUER = 'Kenshin Portal'

export function newTotpSecret(randomBytes: (n: number) => Uint8Array): string {
  return new Secret({ buffer: randomBytes(20).slice().buffer }).base32
}

/** The otpauth:// URI an authenticator app reads from the enrolment QR code. */
export function totpUri(secretBase32: string, account: string): string {
  return new TOTP({
    issuer: ISSUER,
    label: account,
    secret: Secret.fromBase32(secretBase32),
  }).toString()
}

/** The code of a time step (tests, and the development `ops dev totp`). */
export function totpCode(secretBase32: string, atMs: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secretBase32), timestamp: atMs })
}

/** The time step of `code` at `atMs`, allowing one step either side for clock drift; null if none. */
export function acceptedStep(secretBase32: string, code: string, atMs: number): number | null {
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secretBase32),
    timestamp: atMs,
    window: 1,
  })
  if (delta === null) return null
  return Math.floor(atMs / 1000 / TOTP_PERIOD) + delta
}

async function aesKey(secret: string): Promise<CryptoKey> {
  const raw = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`totp:${secret}`))
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt'])
}

const fromBase64url = (s: string) =>
  Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0))

/** base64url(iv ‖ ciphertext) of the base32 secret, bound to the staff member's id (AAD). */
export async function encryptTotpSecret(
  deps: Pick<Deps, 'config' | 'randomBytes'>,
  staffId: string,
  secretBase32: string,
): Promise<string> {
  const iv = new Uint8Array(deps.randomBytes(12))
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(staffId) },
    await aesKey(deps.config.staffTotpKey),
    new TextEncoder().encode(secretBase32),
  )
  const out = new Uint8Array(iv.length + sealed.byteLength)
  out.set(iv)
  out.set(new Uint8Array(sealed), iv.length)
  return base64url(out)
}

/** The base32 secret, or null when it does not decrypt (another key, another staff member's row). */
export async function decryptTotpSecret(
  deps: Pick<Deps, 'config'>,
  staffId: string,
  stored: string,
): Promise<string | null> {
  try {
    const bytes = fromBase64url(stored)
    const plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: bytes.slice(0, 12),
        additionalData: new TextEncoder().encode(staffId),
      },
      await aesKey(deps.config.staffTotpKey),
      bytes.slice(12),
    )
    return new TextDecoder().decode(plain)
  } catch {
    return null
  }
}
