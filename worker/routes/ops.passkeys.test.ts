import { describe, expect, it } from 'vitest'
import { softAuthenticator } from '../test/authenticator'
import { captcha, harness, json, type Harness } from '../test/harness'
import { devStaff, seedDevStaff, staffCall, staffSignIn, freshCode } from '../test/staff'

const support = devStaff('dev-support')

async function withPasskey() {
  const h = await harness()
  await seedDevStaff(h)
  const cookie = await staffSignIn(h, 'dev-support')
  const key = await softAuthenticator()
  const { challengeId, options } = await json(
    await staffCall(h, 'POST', '/passkeys/options', cookie, {}),
  )
  const res = await staffCall(h, 'POST', '/passkeys', cookie, {
    challengeId,
    name: 'ノートPC',
    response: await key.register(options),
  })
  expect(res.status).toBe(201)
  return { h, cookie, key }
}

async function passkeyLogin(h: Harness, key: Awaited<ReturnType<typeof softAuthenticator>>) {
  const { options } = await json(await h.post('/api/ops/session/passkey-options', {}))
  const assertion = await key.assert(options)
  return {
    assertion,
    send: (body: Record<string, unknown> = {}) =>
      h.post('/api/ops/session', {
        email: support.email,
        password: support.password,
        passkey: assertion,
        captchaToken: captcha('staff_login'),
        ...body,
      }),
  }
}

describe('staff passkeys (/api/ops/passkeys, and log-in with one)', () => {
  it('registers a passkey in a console session and signs in with the password and the passkey', async () => {
    const { h, cookie, key } = await withPasskey()
    const list = await json(await staffCall(h, 'GET', '/passkeys', cookie))
    expect(list.passkeys).toEqual([
      expect.objectContaining({ id: key.credentialId, name: 'ノートPC' }),
    ])
    const { send } = await passkeyLogin(h, key)
    const res = await send()
    expect(res.status).toBe(200)
    expect(res.headers.get('Set-Cookie')).toMatch(/^__Host-staff=/)
  })

  it('uses each log-in challenge once: 50 at once sign in once, and the same assertion later not again', async () => {
    const { h, key } = await withPasskey()
    const { send } = await passkeyLogin(h, key)
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () => send().then((r) => r.status)),
    )
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    // The others are refused: as used (401), or once the address's guesses are spent, locked (429).
    expect(statuses.every((s) => s === 200 || s === 401 || s === 429)).toBe(true)
    expect([401, 429]).toContain((await send()).status)
  })

  it('refuses a passkey with the wrong password, and another staff member’s passkey', async () => {
    const { h, key } = await withPasskey()
    const wrong = await passkeyLogin(h, key)
    expect((await wrong.send({ password: 'not-the-password' })).status).toBe(401)
    const other = await passkeyLogin(h, key)
    const admin = devStaff('dev-admin')
    const res = await other.send({ email: admin.email, password: admin.password })
    expect(res.status).toBe(401)
    expect((await json(res)).error.code).toBe('invalid_staff_credentials')
  })

  it('refuses an assertion for a challenge the app did not sign, or one that expired', async () => {
    const { h, key } = await withPasskey()
    const forged = await key.assert({
      challenge: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    })
    const res = await h.post('/api/ops/session', {
      email: support.email,
      password: support.password,
      passkey: forged,
      captchaToken: captcha('staff_login'),
    })
    expect(res.status).toBe(401)
    const late = await passkeyLogin(h, key)
    h.advance(5 * 60_000 + 1)
    expect((await late.send()).status).toBe(401)
  })

  it('adds and removes only in a console session, never with an API token, and keeps the last way in', async () => {
    const { h, cookie, key } = await withPasskey()
    const { token } = await json(
      await staffCall(h, 'POST', '/tokens', cookie, {
        code: freshCode(h, 'dev-support'),
        label: 't',
        days: 1,
      }),
    )
    expect((await h.ops('POST', '/passkeys/options', token.token, {})).status).toBe(403)
    expect((await h.ops('DELETE', `/passkeys/${key.credentialId}`, token.token)).status).toBe(403)
    // The support agent also has TOTP: the passkey may go.
    expect((await staffCall(h, 'DELETE', `/passkeys/${key.credentialId}`, cookie)).status).toBe(200)
    const left = (await json(await staffCall(h, 'GET', '/passkeys', cookie))).passkeys
    expect(left.map((p: { id: string }) => p.id)).not.toContain(key.credentialId)
  })

  it('refuses a registration answering another challenge, and a challenge used twice', async () => {
    const h = await harness()
    await seedDevStaff(h)
    const cookie = await staffSignIn(h, 'dev-support')
    const key = await softAuthenticator()
    const { challengeId, options } = await json(
      await staffCall(h, 'POST', '/passkeys/options', cookie, {}),
    )
    const bad = await staffCall(h, 'POST', '/passkeys', cookie, {
      challengeId,
      name: 'x',
      response: await key.register({ ...options, challenge: 'b3RoZXItY2hhbGxlbmdl' }),
    })
    expect(bad.status).toBe(400)
    expect((await json(bad)).error.code).toBe('passkey_refused')
    const again = await staffCall(h, 'POST', '/passkeys', cookie, {
      challengeId,
      name: 'x',
      response: await key.register(options),
    })
    expect(again.status).toBe(400)
    const noName = await staffCall(h, 'POST', '/passkeys', cookie, {
      challengeId,
      name: '',
      response: await key.register(options),
    })
    expect((await json(noName)).error.fields.name).toBe(
      'パスキーの名前を60文字以内で入力してください。',
    )
  })
})
