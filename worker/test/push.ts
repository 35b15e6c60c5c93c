/**
 * The browser's side of Web Push, for tests: a subscription's key pair made with WebCrypto, and the
 * decryption of an aes128gcm body (RFC 8291) with its private key, as the browser's push client does.
 */
import { base64url } from '../services/tokens'
import { APP, makeHarness, signUpAndVerify, testDb } from './harness'
import { fromBase64url, importP256PrivateKey } from '../services/web-push'

const te = new TextEncoder()

export interface TestSubscriber {
  keys: { p256dh: string; auth: string }
  privateKey: CryptoKey
}

/** A fresh subscription key pair and auth secret (what PushManager.subscribe makes in a browser). */
export async function newSubscriber(): Promise<TestSubscriber> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ])) as CryptoKeyPair
  const p256dh = new Uint8Array(
    (await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer,
  )
  return {
    keys: {
      p256dh: base64url(p256dh),
      auth: base64url(crypto.getRandomValues(new Uint8Array(16))),
    },
    privateKey: pair.privateKey,
  }
}

/** A subscriber from fixed keys (RFC 8291 Appendix A's user agent). */
export async function fixedSubscriber(
  privateKey: string,
  publicKey: string,
  auth: string,
): Promise<TestSubscriber> {
  return {
    keys: { p256dh: publicKey, auth },
    privateKey: await importP256PrivateKey(
      fromBase64url(privateKey),
      fromBase64url(publicKey),
      'ECDH',
    ),
  }
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

/** Decrypts one aes128gcm message (a single record) with the subscriber's private key. */
export async function decryptPush(body: Uint8Array, sub: TestSubscriber): Promise<string> {
  const salt = body.slice(0, 16)
  const idlen = body[20]
  const asPublic = body.slice(21, 21 + idlen)
  const sealed = body.slice(21 + idlen)
  const uaPublic = fromBase64url(sub.keys.p256dh)
  const asKey = await crypto.subtle.importKey(
    'raw',
    asPublic,
    { name: 'ECDH', namedCurve: 'P-256' },
    false,
    [],
  )
  const secret = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'ECDH', public: asKey }, sub.privateKey, 256),
  )
  const info = new Uint8Array([...te.encode('WebPush: info\0'), ...uaPublic, ...asPublic])
  const ikm = await hkdf(fromBase64url(sub.keys.auth), secret, info, 32)
  const cek = await hkdf(salt, ikm, te.encode('Content-Encoding: aes128gcm\0'), 16)
  const nonce = await hkdf(salt, ikm, te.encode('Content-Encoding: nonce\0'), 12)
  const key = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['decrypt'])
  const plain = new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce }, key, sealed),
  )
  let end = plain.length
  while (end > 0 && plain[end - 1] === 0) end--
  if (plain[end - 1] !== 2) throw new Error('not the last record')
  return new TextDecoder().decode(plain.slice(0, end - 1))
}

/** Checks a VAPID Authorization header's JWT with its own `k` (as a push service does); its claims. */
export async function verifyVapid(header: string) {
  const m = /^vapid t=([^,\s]+), k=([A-Za-z0-9_-]+)$/.exec(header)
  if (!m) throw new Error('not a vapid header')
  const [h, p, s] = m[1].split('.')
  const key = await crypto.subtle.importKey(
    'raw',
    fromBase64url(m[2]),
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  )
  const ok = await crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    fromBase64url(s),
    te.encode(`${h}.${p}`),
  )
  return {
    ok,
    k: m[2],
    header: JSON.parse(new TextDecoder().decode(fromBase64url(h))) as Record<string, unknown>,
    claims: JSON.parse(new TextDecoder().decode(fromBase64url(p))) as {
      aud: string
      exp: number
      sub: string
    },
  }
}

/**
 * limits.test.ts's push block: `n` different devices of one new member subscribe at once (the
 * endpoints point at the development stand-in); the tally of answers, status and error code.
 */
export async function subscribeDevicesAtOnce(n: number): Promise<Record<string, number>> {
  const h = makeHarness(await testDb())
  const { cookie } = await signUpAndVerify(h, undefined, APP)
  const { keys } = await newSubscriber()
  const run = Date.now().toString(36)
  const answers = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const res = await h.post(
        '/api/push/subscriptions',
        { endpoint: `http://localhost:8787/dev/push/cap${run}x${i}`, keys },
        { cookie },
      )
      const body = (await res.json()) as { error?: { code: string } }
      return body.error ? `${res.status} ${body.error.code}` : String(res.status)
    }),
  )
  const tally: Record<string, number> = {}
  for (const a of answers) tally[a] = (tally[a] ?? 0) + 1
  return tally
}
