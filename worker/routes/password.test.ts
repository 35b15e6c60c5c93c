import { describe, expect, it } from 'vitest'
import { and, eq, isNull } from 'drizzle-orm'
import { accounts, emailTokens } from '../../db/schema'
import {
  captcha,
  harness,
  json,
  linkFrom,
  login,
  makeHarness,
  PASSWORD,
  signUpAndVerify,
  testDb,
  uniqueEmail,
} from '../test/harness'

describe('password reset (パスワードを忘れた方)', () => {
  it('answers every address alike, does the same work for both, and mails a link only to an owner', async () => {
    const h = await harness()
    const { email } = await signUpAndVerify(h)
    const nobody = uniqueEmail('nobody')
    const before = h.mails.length
    const known = await h.post('/api/password/forgot', { email, captchaToken: captcha('reset') })
    const unknown = await h.post('/api/password/forgot', {
      email: nobody,
      captchaToken: captcha('reset'),
    })
    expect(known.status).toBe(202)
    expect(await json(known)).toEqual(await json(unknown))
    const [toOwner, toNobody] = h.mails.slice(before)
    expect(toOwner.to).toBe(email)
    expect(toOwner.text).toContain('/password/reset?token=')
    // The free address is told no account uses it (one mail, like the owner's), with no link.
    expect(toNobody.to).toBe(nobody)
    expect(toNobody.text).not.toContain('token=')
    expect(toNobody.text).toContain('登録されたアカウントはありません')
  })

  it('sets a new password once, ends every session and sends a notice', async () => {
    const h = await harness()
    const { email, cookie } = await signUpAndVerify(h)
    await h.post('/api/password/forgot', { email, captchaToken: captcha('reset') })
    const token = linkFrom(h.lastMailTo(email)!, '/password/reset')
    expect(await json(await h.post('/api/password/check', { token }))).toEqual({
      valid: true,
      email,
    })
    const weak = await h.post('/api/password/reset', { token, password: '12345678' })
    expect(weak.status).toBe(400)
    expect((await json(weak)).error.fields.password).toBeTruthy()
    const ok = await h.post('/api/password/reset', { token, password: 'hoshi-zora-tsuki-41' })
    expect(ok.status).toBe(200)
    expect((await h.get('/api/me', { cookie })).status).toBe(401)
    expect(h.lastMailTo(email)!.subject).toContain('パスワードが変更されました')
    expect((await login(h, email, PASSWORD)).status).toBe(401)
    expect((await login(h, email, 'hoshi-zora-tsuki-41')).status).toBe(200)
    expect(
      (await h.post('/api/password/reset', { token, password: 'another-one-77x' })).status,
    ).toBe(410)
  })

  it('expires the link after 30 minutes', async () => {
    const h = await harness()
    const { email } = await signUpAndVerify(h)
    await h.post('/api/password/forgot', { email, captchaToken: captcha('reset') })
    const token = linkFrom(h.lastMailTo(email)!, '/password/reset')
    h.advance(30 * 60_000 + 1)
    expect((await h.post('/api/password/check', { token })).status).toBe(410)
    expect(
      (await h.post('/api/password/reset', { token, password: 'hoshi-zora-tsuki-41' })).status,
    ).toBe(410)
  })

  it('lets a reset link work once when two requests race for it', async () => {
    const h = await harness()
    const { email } = await signUpAndVerify(h)
    await h.post('/api/password/forgot', { email, captchaToken: captcha('reset') })
    const token = linkFrom(h.lastMailTo(email)!, '/password/reset')
    const results = await Promise.all([
      h.post('/api/password/reset', { token, password: 'hoshi-zora-tsuki-41' }),
      h.post('/api/password/reset', { token, password: 'kawa-no-nagare-52' }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([200, 410])
  })
})

describe('what a stranger can do with an address', () => {
  it('reset requests raced for one address leave one live link', async () => {
    const h = makeHarness(await testDb())
    const { email } = await signUpAndVerify(h, uniqueEmail('owner'))
    await Promise.all(
      Array.from({ length: 10 }, () =>
        h.post('/api/password/forgot', { email, captchaToken: captcha('reset') }),
      ),
    )
    const [account] = await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))
    const live = await h.deps.db
      .select()
      .from(emailTokens)
      .where(and(eq(emailTokens.accountId, account.id), isNull(emailTokens.usedAt)))
    expect(live).toHaveLength(1)
  })
})
