/**
 * Web Push from the Worker, with WebCrypto only: the payload encrypted as `aes128gcm` (RFC 8291 over
 * RFC 8188) and the request signed with a VAPID ES256 JWT (RFC 8292). Written here because most
 * "WebCrypto web-push" packages still send the older `aesgcm` encoding; tested byte for byte against
 * RFC 8291 Appendix A (web-push.test.ts).
 */
import type { Config } from '../config'
import type { Deps } from '../deps'
import { base64url } from './tokens'

const te = new TextEncoder()

/** base64url (padding optional) to bytes. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/')
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** A P-256 private key from its 32-byte scalar and its 65-byte uncompressed public point. */
export function importP256PrivateKey(
  d: Uint8Array,
  publicKey: Uint8Array,
  algorithm: 'ECDH' | 'ECDSA',
): Promise<CryptoKey> {
  if (publicKey.length !== 65 || publicKey[0] !== 4 || d.length !== 32)
    throw new RangeError('not a P-256 key')
  return crypto.subtle.importKey(
    'jwk',
    {
      kty: 'EC',
      crv: 'P-256',
      d: base64url(d),
      x: base64url(publicKey.slice(1, 33)),
      y: base64url(publicKey.slice(33, 65)),
      ext: true,
    },
    { name: algorithm, namedCurve: 'P-256' },
    false,
    algorithm === 'ECDH' ? ['deriveBits'] : ['sign'],
  )
}

async function hkdf(
  salt: Uint8Array<ArrayBuffer>,
  ikm: Uint8Array<ArrayBuffer>,
  info: Uint8Array<ArrayBuffer>,
  bytes: number,
) {
  const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits'])
  return new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, bytes * 8),
  )
}

/** The record size written in the header (RFC 8188); one record carries the whole notice. */
const RECORD_SIZE = 4096

/** What a payload may take: one record less its 16-byte tag and delimiter (push services take 4 KB). */
export const MAX_PUSH_PLAINTEXT = RECORD_SIZE - 17

/**
 * RFC 8291 §3–4: the payload for a subscription (its `p256dh` and `auth`, base64url), as one
 * aes128gcm record whose header carries the salt and the sender's ephemeral public key. `fixed` is for
 * the RFC's worked example only; otherwise a fresh key pair and salt per message.
 */
export async function encryptPushPayload(
  plaintext: Uint8Array,
  subscription: { p256dh: string; auth: string },
  fixed?: { salt: Uint8Array; senderPrivate: Uint8Array; senderPublic: Uint8Array },
): Promise<Uint8Array<ArrayBuffer>> {
  if (plaintext.length > MAX_PUSH_PLAINTEXT) throw new RangeError('push payload too large')
  const uaPublic = fromBase64url(subscription.p256dh)
  const authSecret = fromBase64url(subscription.auth)
  if (uaPublic.length !== 65 || uaPublic[0] !== 4 || authSecret.length !== 16)
    throw new RangeError('not a push subscription key')
  let senderPrivate: CryptoKey
  let asPublic: Uint8Array<ArrayBuffer>
  if (fixed) {
    senderPrivate = await importP256PrivateKey(fixed.senderPrivate, fixed.senderPublic, 'ECDH')
    asPublic = new Uint8Array(fixed.senderPublic)
  } else {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
      'deriveBits',
    ])) as CryptoKeyPair
    senderPrivate = pair.privateKey
    asPublic = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer)
  }
  const salt = fixed ? new Uint8Array(fixed.salt) : crypto.getRandomValues(new Uint8Array(16))
  const uaKey = await crypto.subtle.importKey(
    'raw',
    uaPublic,
    { name: 'ECDH', namedCurve: 'P-256' },
    false,
    [],
  )
  const ecdhSecret = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'ECDH', public: uaKey }, senderPrivate, 256),
  )
  // IKM = HKDF(auth_secret, ecdh_secret, "WebPush: info" 0x00 ua_public as_public, 32)
  const ikm = await hkdf(
    authSecret,
    ecdhSecret,
    concat(te.encode('WebPush: info\0'), uaPublic, asPublic),
    32,
  )
  const cek = await hkdf(salt, ikm, te.encode('Content-Encoding: aes128gcm\0'), 16)
  const nonce = await hkdf(salt, ikm, te.encode('Content-Encoding: nonce\0'), 12)
  const key = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['encrypt'])
  // The last (only) record: the plaintext, then the delimiter 0x02, no padding.
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce },
      key,
      concat(plaintext, new Uint8Array([2])),
    ),
  )
  const header = new Uint8Array(21)
  header.set(salt, 0)
  new DataView(header.buffer).setUint32(16, RECORD_SIZE)
  header[20] = asPublic.length
  return concat(header, asPublic, sealed)
}

/**
 * RFC 8292: `vapid t=<JWT>, k=<public key>` for a push service's origin. The JWT (ES256) names the
 * audience (the endpoint's origin), expires in 12 hours (the RFC allows up to 24) and gives a contact.
 */
export async function vapidAuthorization(
  vapid: Config['vapid'],
  endpoint: string,
  now: number,
): Promise<string> {
  const publicKey = fromBase64url(vapid.publicKey)
  const key = await importP256PrivateKey(fromBase64url(vapid.privateKey), publicKey, 'ECDSA')
  const part = (o: unknown) => base64url(te.encode(JSON.stringify(o)))
  const unsigned = `${part({ typ: 'JWT', alg: 'ES256' })}.${part({
    aud: new URL(endpoint).origin,
    exp: Math.floor(now / 1000) + 12 * 3600,
    sub: vapid.subject,
  })}`
  // WebCrypto's ECDSA signature is already r||s (IEEE P1363), which is what JWS ES256 wants.
  const signature = new Uint8Array(
    await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, te.encode(unsigned)),
  )
  return `vapid t=${unsigned}.${base64url(signature)}, k=${vapid.publicKey}`
}

/** The push services whose endpoints a subscription may name (docs: Web Push, allow-list). */
const PUSH_HOSTS = ['fcm.googleapis.com', 'updates.push.services.mozilla.com', 'web.push.apple.com']
const PUSH_HOST_SUFFIXES = ['.notify.windows.com', '.push.apple.com']

/**
 * May the Worker post to this endpoint? Only https URLs of the known push services, so a member
 * cannot make the Worker call any URL; in development also the app's own stand-in at /dev/push/*.
 */
export function isAllowedPushEndpoint(endpoint: string, config: Config): boolean {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return false
  }
  if (url.username || url.password) return false
  if (config.environment === 'development' && url.origin === config.appOrigin)
    return /^\/dev\/push\/[A-Za-z0-9_-]{1,64}$/.test(url.pathname)
  if (url.protocol !== 'https:' || url.port) return false
  const host = url.hostname.toLowerCase()
  return PUSH_HOSTS.includes(host) || PUSH_HOST_SUFFIXES.some((s) => host.endsWith(s))
}

export interface PushTarget {
  endpoint: string
  p256dh: string
  auth: string
}

/**
 * Sends one push and returns the push service's status (201 delivered; 404 and 410: the
 * subscription is gone). TTL a day: a notice waiting longer is still on お知らせ.
 */
export async function sendPush(
  deps: Pick<Deps, 'config' | 'fetch' | 'now'>,
  target: PushTarget,
  payload: unknown,
): Promise<number> {
  if (!isAllowedPushEndpoint(target.endpoint, deps.config)) return 410
  const body = await encryptPushPayload(te.encode(JSON.stringify(payload)), target)
  const res = await deps.fetch(
    new Request(target.endpoint, {
      method: 'POST',
      headers: {
        Authorization: await vapidAuthorization(deps.config.vapid, target.endpoint, deps.now()),
        'Content-Encoding': 'aes128gcm',
        'Content-Type': 'application/octet-stream',
        TTL: '86400',
        Urgency: 'normal',
      },
      body,
      // A push service answers; it never sends us on (a redirect would lead past the allow-list).
      redirect: 'manual',
    }),
  )
  await res.body?.cancel()
  return res.status
}
