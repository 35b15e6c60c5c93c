import { describe, expect, it } from 'vitest'
import { DEV_VAPID, loadConfig } from '../config'
import { decryptPush, fixedSubscriber, newSubscriber, verifyVapid } from '../test/push'
import { base64url } from './tokens'
import {
  encryptPushPayload,
  fromBase64url,
  isAllowedPushEndpoint,
  vapidAuthorization,
} from './web-push'

/** RFC 8291 Appendix A, with its line breaks removed. */
const RFC8291 = {
  plaintext: 'When I grow up, I want to be a watermelon',
  asPublic:
    'BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8',
  asPrivate: 'yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw',
  uaPublic:
    'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
  uaPrivate: 'q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94',
  salt: 'DGv6ra1nlYgDCS1FRnbzlw',
  auth: 'BTBZMqHH6r4Tts7J_aSIgg',
  body: 'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
}

const dev = loadConfig({ ENVIRONMENT: 'development', APP_ORIGIN: 'http://localhost:8787' } as never)

describe('encryptPushPayload (RFC 8291, aes128gcm)', () => {
  it("reproduces Appendix A's message byte for byte from its keys and salt", async () => {
    const body = await encryptPushPayload(
      new TextEncoder().encode(RFC8291.plaintext),
      { p256dh: RFC8291.uaPublic, auth: RFC8291.auth },
      {
        salt: fromBase64url(RFC8291.salt),
        senderPrivate: fromBase64url(RFC8291.asPrivate),
        senderPublic: fromBase64url(RFC8291.asPublic),
      },
    )
    expect(base64url(body)).toBe(RFC8291.body)
  })

  it("decrypts Appendix A's message with the user agent's private key (the test decryptor)", async () => {
    const ua = await fixedSubscriber(RFC8291.uaPrivate, RFC8291.uaPublic, RFC8291.auth)
    expect(await decryptPush(fromBase64url(RFC8291.body), ua)).toBe(RFC8291.plaintext)
  })

  it('uses a fresh salt and sender key each time, and the subscriber decrypts it', async () => {
    const sub = await newSubscriber()
    const text = '新しい健診結果が届きました'
    const a = await encryptPushPayload(new TextEncoder().encode(text), sub.keys)
    const b = await encryptPushPayload(new TextEncoder().encode(text), sub.keys)
    expect(base64url(a.slice(0, 16))).not.toBe(base64url(b.slice(0, 16)))
    expect(base64url(a.slice(21, 86))).not.toBe(base64url(b.slice(21, 86)))
    expect(new DataView(a.buffer).getUint32(16)).toBe(4096)
    expect(await decryptPush(a, sub)).toBe(text)
    const other = await newSubscriber()
    await expect(decryptPush(a, other)).rejects.toThrow()
  })

  it('refuses keys that are not a P-256 point and a 16-byte secret', async () => {
    const sub = await newSubscriber()
    await expect(
      encryptPushPayload(new Uint8Array(1), { ...sub.keys, auth: 'AAAA' }),
    ).rejects.toThrow(RangeError)
    await expect(
      encryptPushPayload(new Uint8Array(1), { ...sub.keys, p256dh: sub.keys.auth }),
    ).rejects.toThrow(RangeError)
  })
})

describe('vapidAuthorization (RFC 8292)', () => {
  it("signs an ES256 JWT for the endpoint's origin that verifies with the configured public key", async () => {
    const now = Date.UTC(2026, 11, 7)
    const header = await vapidAuthorization(
      DEV_VAPID,
      'https://fcm.googleapis.com/fcm/send/abc',
      now,
    )
    const jwt = await verifyVapid(header)
    expect(jwt.ok).toBe(true)
    expect(jwt.k).toBe(DEV_VAPID.publicKey)
    expect(jwt.header).toEqual({ typ: 'JWT', alg: 'ES256' })
    expect(jwt.claims).toEqual({
      aud: 'https://fcm.googleapis.com',
      exp: now / 1000 + 12 * 3600,
      sub: DEV_VAPID.subject,
    })
  })

  it('does not verify with another key', async () => {
    const header = await vapidAuthorization(DEV_VAPID, 'https://web.push.apple.com/x', 0)
    const other = await newSubscriber()
    const forged = header.replace(/k=.*$/, `k=${other.keys.p256dh}`)
    expect((await verifyVapid(forged)).ok).toBe(false)
  })
})

describe('isAllowedPushEndpoint', () => {
  const prod = { ...dev, environment: 'production' as const }
  it.each([
    'https://fcm.googleapis.com/fcm/send/abc',
    'https://updates.push.services.mozilla.com/wpush/v2/abc',
    'https://wns2-par02p.notify.windows.com/w/?token=abc',
    'https://web.push.apple.com/QGx',
    'https://api.push.apple.com/3/device/x',
  ])('takes %s', (url) => {
    expect(isAllowedPushEndpoint(url, prod)).toBe(true)
  })

  it.each([
    'http://fcm.googleapis.com/fcm/send/abc',
    'https://fcm.googleapis.com:8443/fcm/send/abc',
    'https://fcm.googleapis.com.evil.example/x',
    'https://evilnotify.windows.com/x',
    'https://user:pw@fcm.googleapis.com/x',
    'https://169.254.169.254/latest',
    'http://localhost:8787/dev/push/abc',
    'not a url',
  ])('refuses %s in production', (url) => {
    expect(isAllowedPushEndpoint(url, prod)).toBe(false)
  })

  it("takes the app's own stand-in in development only, and nothing else of the app", () => {
    expect(isAllowedPushEndpoint('http://localhost:8787/dev/push/abc', dev)).toBe(true)
    expect(isAllowedPushEndpoint('http://localhost:8787/api/logout', dev)).toBe(false)
    expect(isAllowedPushEndpoint('http://localhost:8787/dev/push/a/../../api', dev)).toBe(false)
    expect(isAllowedPushEndpoint('http://localhost:9999/dev/push/abc', dev)).toBe(false)
  })
})
