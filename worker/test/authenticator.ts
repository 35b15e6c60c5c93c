/**
 * A software WebAuthn authenticator for worker tests: a real P-256 key, a real attestation object
 * ("none") and real signed assertions, so @simplewebauthn/server verifies them as it would a phone's. The
 * browser's own authenticator is tried in Chromium (e2e, CDP's virtual authenticator).
 */
import { base64url } from '../services/tokens.ts'

const enc = new TextEncoder()

/** Minimal CBOR (RFC 8949) for what an attestation needs: ints, byte and text strings, maps. */
function cbor(value: unknown): Uint8Array {
  const head = (major: number, n: number): number[] => {
    if (n < 24) return [(major << 5) | n]
    if (n < 256) return [(major << 5) | 24, n]
    if (n < 65536) return [(major << 5) | 25, n >> 8, n & 255]
    return [(major << 5) | 26, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255]
  }
  const parts: number[] = []
  const walk = (v: unknown) => {
    if (typeof v === 'number') parts.push(...(v >= 0 ? head(0, v) : head(1, -1 - v)))
    else if (typeof v === 'string') {
      const bytes = enc.encode(v)
      parts.push(...head(3, bytes.length), ...bytes)
    } else if (v instanceof Uint8Array) parts.push(...head(2, v.length), ...v)
    else if (v instanceof Map) {
      parts.push(...head(5, v.size))
      for (const [k, x] of v) {
        walk(k)
        walk(x)
      }
    } else throw new Error('cbor: unsupported value')
  }
  walk(value)
  return new Uint8Array(parts)
}

const concat = (...arrays: Uint8Array[]) => {
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0))
  let at = 0
  for (const a of arrays) {
    out.set(a, at)
    at += a.length
  }
  return out
}
const sha256 = async (data: Uint8Array) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(data)))
const u32 = (n: number) =>
  new Uint8Array([(n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255])
const fromB64url = (s: string) =>
  Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0))

/** An ECDSA signature from WebCrypto (r ‖ s) as DER, which WebAuthn uses. */
function toDer(raw: Uint8Array): Uint8Array {
  const int = (b: Uint8Array) => {
    let i = 0
    while (i < b.length - 1 && b[i] === 0) i++
    let v = b.slice(i)
    if (v[0] & 0x80) v = concat(new Uint8Array([0]), v)
    return concat(new Uint8Array([0x02, v.length]), v)
  }
  const body = concat(int(raw.slice(0, 32)), int(raw.slice(32)))
  return concat(new Uint8Array([0x30, body.length]), body)
}

export interface SoftAuthenticator {
  credentialId: string
  /** The browser's JSON for a registration answering `options` (challenge, rp id). */
  register(options: { challenge: string; rp: { id?: string } }): Promise<unknown>
  /** The browser's JSON for a log-in answering `options`. */
  assert(options: { challenge: string; rpId?: string }): Promise<any>
}

export async function softAuthenticator(
  origin = 'http://localhost:8787',
): Promise<SoftAuthenticator> {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair
  const jwk = (await crypto.subtle.exportKey('jwk', keys.publicKey)) as JsonWebKey
  const id = crypto.getRandomValues(new Uint8Array(16))
  const credentialId = base64url(id)
  let counter = 0
  const clientData = (type: string, challenge: string) =>
    enc.encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }))

  return {
    credentialId,
    async register(options) {
      const rpId = options.rp.id ?? new URL(origin).hostname
      const cose = cbor(
        new Map<number, unknown>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, fromB64url(jwk.x!)],
          [-3, fromB64url(jwk.y!)],
        ]),
      )
      const authData = concat(
        await sha256(enc.encode(rpId)),
        new Uint8Array([0x45]), // user present, user verified, attested credential data
        u32(counter),
        new Uint8Array(16), // AAGUID
        new Uint8Array([0, id.length]),
        id,
        cose,
      )
      const attestationObject = cbor(
        new Map<string, unknown>([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', authData],
        ]),
      )
      return {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        response: {
          clientDataJSON: base64url(clientData('webauthn.create', options.challenge)),
          attestationObject: base64url(attestationObject),
          transports: ['internal'],
        },
        clientExtensionResults: {},
      }
    },
    async assert(options) {
      const rpId = options.rpId ?? new URL(origin).hostname
      counter++
      const authData = concat(await sha256(enc.encode(rpId)), new Uint8Array([0x05]), u32(counter))
      const data = clientData('webauthn.get', options.challenge)
      const signed = concat(authData, await sha256(data))
      const raw = new Uint8Array(
        await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, signed),
      )
      return {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        response: {
          clientDataJSON: base64url(data),
          authenticatorData: base64url(authData),
          signature: base64url(toDer(raw)),
        },
        clientExtensionResults: {},
      }
    },
  }
}
