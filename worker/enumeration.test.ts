import { describe, expect, it } from 'vitest'
import {
  addRosterPerson,
  APP,
  captcha,
  DEMO_INSURER,
  json,
  linkFrom,
  makeHarness,
  seedDemo,
  sessionCookie,
  signUpAndVerify,
  signupBody,
  testDb,
  uniqueEmail,
} from './test/harness'

/**
 * Enumeration (docs/security.md): what an endpoint answers never tells whether an address is registered
 * or a person is on the roster. Each case compares two answers of one endpoint, so the cases of all
 * endpoints stand together here rather than beside each route.
 */

/** What a stranger sees of an answer: status, body, header names and cookie names (not their values). */
async function seen(res: Response) {
  const cookies = (res.headers.get('Set-Cookie') ?? '')
    .split(/,(?=\s*__Host-)/)
    .map((c) => c.split('=')[0].trim())
    .filter(Boolean)
    .sort()
  return {
    status: res.status,
    body: await res.text(),
    headers: [...res.headers.keys()].sort(),
    cookies,
  }
}

describe('a registered address answers exactly as a free one', () => {
  it('sign-up, resend, verify-code: the same status, body, header and cookie names', async () => {
    const h = makeHarness(await testDb())
    const { email } = await signUpAndVerify(h, uniqueEmail('owner'))
    const free = uniqueEmail('free')
    // The bodies carry no address, so they must match byte for byte.
    expect(await seen(await h.post('/api/signup', signupBody(email), { headers: APP }))).toEqual(
      await seen(await h.post('/api/signup', signupBody(free), { headers: APP })),
    )
    const resend = (address: string) =>
      h.post(
        '/api/signup/resend',
        { email: address, captchaToken: captcha('resend') },
        { headers: APP },
      )
    expect(await seen(await resend(email))).toEqual(await seen(await resend(free)))
    // A wrong code: invalid_code for both (finding 4: it was 410 for a registered address), four
    // times, then code_expired for both.
    const wrong = (address: string) =>
      h.post('/api/signup/verify-code', { email: address, code: '000000' })
    for (let i = 0; i < 6; i++) {
      const [a, b] = [await seen(await wrong(email)), await seen(await wrong(free))]
      expect(a).toEqual(b)
    }
    expect((await json(await wrong(free))).error.code).toBe('code_expired')
  })

  it('verify: a link that is not live answers alike whatever the address', async () => {
    const h = makeHarness(await testDb())
    const { email } = await signUpAndVerify(h, uniqueEmail('owner'))
    await h.post('/api/signup', signupBody(email))
    const a = await seen(await h.post('/api/signup/verify', { token: 'A'.repeat(43) }))
    const b = await seen(await h.post('/api/signup/verify', { token: 'B'.repeat(43) }))
    expect(a).toEqual(b)
    expect(a.status).toBe(410)
  })

  it('log-in and reset: the same answers for a registered and an unknown address', async () => {
    const h = makeHarness(await testDb())
    const { email } = await signUpAndVerify(h, uniqueEmail('owner'))
    const login = (address: string) =>
      h.post('/api/login', {
        email: address,
        password: 'wrong-password-x',
        captchaToken: captcha('login'),
      })
    expect(await seen(await login(email))).toEqual(await seen(await login(uniqueEmail('nobody'))))
    const reset = (address: string) =>
      h.post('/api/password/forgot', { email: address, captchaToken: captcha('reset') })
    expect(await seen(await reset(email))).toEqual(await seen(await reset(uniqueEmail('nobody'))))
  })

  it('card check: a card on no roster answers as one on the roster with a wrong name or birth date', async () => {
    const h = makeHarness(await testDb())
    await seedDemo(h.deps)
    const n = String(Math.floor(Math.random() * 9_000_000) + 1_000_000)
    await addRosterPerson(h.deps, {
      key: `E${n}`,
      symbol: '8800',
      number: n,
      kana: 'ホンニン　ジロウ',
      birth: '1975-05-05',
      validFrom: '2010-04-01',
    })
    const member = async () => {
      const email = uniqueEmail('card')
      await h.post('/api/signup', signupBody(email))
      return sessionCookie(
        await h.post('/api/signup/verify', { token: linkFrom(h.lastMailTo(email)!, '/verify') }),
      )
    }
    const card = {
      nameKana: 'ホンニン　ジロウ',
      birthDate: '1975-05-05',
      insurerNumber: DEMO_INSURER.number,
      symbol: '8800',
      number: n,
    }
    const check = async (body: object) =>
      seen(await h.post('/api/card/link', body, { cookie: await member() }))
    const none = await check({ ...card, number: String(Number(n) + 1) })
    expect(none.status).toBe(422)
    expect(await check({ ...card, nameKana: 'ホンニン　サブロウ' })).toEqual(none)
    expect(await check({ ...card, birthDate: '1975-05-06' })).toEqual(none)
  })
})

// アカウント設定 (issue 12)
describe('アカウント設定: a taken new address answers exactly as a free one', () => {
  it('e-mail change: the same status, body, header and cookie names, and the same writes', async () => {
    const h = makeHarness(await testDb())
    const { cookie } = await signUpAndVerify(h, uniqueEmail('mover'), APP)
    const { email: taken } = await signUpAndVerify(h, uniqueEmail('owner'))
    const free = uniqueEmail('free')
    const change = (address: string) =>
      h.post(
        '/api/account/email',
        { email: address, emailConfirm: address, currentPassword: 'mugi-cha-natsu-88' },
        { cookie },
      )
    expect(await seen(await change(taken))).toEqual(await seen(await change(free)))
    // Only the mails differ: a confirm link to the free address, a word without a link to the owner.
    expect(h.lastMailTo(free)!.text).toMatch(/\/account\/email\/confirm\?token=/)
    expect(h.lastMailTo(taken)!.text).not.toMatch(/token=/)
  })
})

// 招待コード (issue 12)
describe('招待コード: sign-up with a code answers alike for a registered and a free address', () => {
  it('a known code and an unknown one: the same answers whatever the address', async () => {
    const h = makeHarness(await testDb())
    const { email } = await signUpAndVerify(h, uniqueEmail('owner'))
    const inviter = await signUpAndVerify(h, uniqueEmail('inviter'))
    const { code } = await json(await h.get('/api/invite', { cookie: inviter.cookie }))
    for (const inviteCode of [code, 'ZZZZ-ZZZZ']) {
      const send = (address: string) =>
        h.post('/api/signup', signupBody(address, { inviteCode }), { headers: APP })
      const [a, b] = [await seen(await send(email)), await seen(await send(uniqueEmail('free')))]
      expect(a).toEqual(b)
      expect(a.status).toBe(inviteCode === code ? 202 : 400)
    }
  })
})
