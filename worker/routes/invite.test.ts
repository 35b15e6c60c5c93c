import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { accounts, pendingSignups } from '../../db/schema'
import { isInviteCodeShaped, normalizeInviteCode } from '../../core/signup-codes'
import { ensureInviteCode } from '../services/invites'
import {
  harness,
  json,
  linkFrom,
  sessionCookie,
  signUpAndVerify,
  signupBody,
  uniqueEmail,
  type Harness,
} from '../test/harness'

/** Signs up with an invitation code (as typed) and verifies: the new account's id. */
async function signUpInvited(h: Harness, inviteCode: string) {
  const email = uniqueEmail()
  const res = await h.post('/api/signup', signupBody(email, { inviteCode }))
  expect(res.status).toBe(202)
  const verified = await h.post('/api/signup/verify', {
    token: linkFrom(h.lastMailTo(email)!, '/verify'),
  })
  expect(verified.status).toBe(200)
  const [row] = await h.deps.db.select().from(accounts).where(eq(accounts.email, email))
  return { row, cookie: sessionCookie(verified) }
}

const accountOf = async (h: Harness, email: string) =>
  (await h.deps.db.select().from(accounts).where(eq(accounts.email, email)))[0]

describe('招待コード (GET /api/invite, sign-up with a code)', () => {
  it('gives every new account its own code, shown as ABCD-EFGH, and none joined yet', async () => {
    const h = await harness()
    const { email, cookie } = await signUpAndVerify(h)
    const row = await accountOf(h, email)
    expect(isInviteCodeShaped(row.inviteCode ?? '')).toBe(true)
    const res = await h.get('/api/invite', { cookie })
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body).toEqual({
      code: `${row.inviteCode!.slice(0, 4)}-${row.inviteCode!.slice(4)}`,
      joined: 0,
    })
    const other = await signUpAndVerify(h)
    expect((await accountOf(h, other.email)).inviteCode).not.toBe(row.inviteCode)
  })

  it('records who invited whom, and the inviter’s count goes up (typed in lower case, without the hyphen)', async () => {
    const h = await harness()
    const inviter = await signUpAndVerify(h)
    const { code } = await json(await h.get('/api/invite', { cookie: inviter.cookie }))
    const inviterId = (await accountOf(h, inviter.email)).id
    const first = await signUpInvited(h, code)
    expect(first.row.invitedBy).toBe(inviterId)
    const second = await signUpInvited(h, normalizeInviteCode(code).toLowerCase())
    expect(second.row.invitedBy).toBe(inviterId)
    expect(await json(await h.get('/api/invite', { cookie: inviter.cookie }))).toEqual({
      code,
      joined: 2,
    })
    // The invited have codes of their own, and nobody joined with theirs.
    expect(await json(await h.get('/api/invite', { cookie: first.cookie }))).toMatchObject({
      joined: 0,
    })
    // Without a code, nobody invited.
    const plain = await signUpAndVerify(h)
    expect((await accountOf(h, plain.email)).invitedBy).toBeNull()
  })

  it('refuses an unknown code at once, by its field, and sends nothing', async () => {
    const h = await harness()
    for (const inviteCode of ['ZZZZ-ZZZZ', 'ABC', 'ABCD-EFG0']) {
      const email = uniqueEmail()
      const res = await h.post('/api/signup', signupBody(email, { inviteCode }))
      expect(res.status).toBe(400)
      const { error } = await json(res)
      expect(error.code).toBe('validation')
      expect(error.fields.inviteCode).toContain('招待コード')
      expect(h.lastMailTo(email)).toBeUndefined()
      expect(
        await h.deps.db.select().from(pendingSignups).where(eq(pendingSignups.email, email)),
      ).toHaveLength(0)
    }
    const en = await h.post('/api/signup', signupBody(uniqueEmail(), { inviteCode: 'ZZZZZZZZ' }), {
      headers: { 'Accept-Language': 'en' },
    })
    expect((await json(en)).error.fields.inviteCode).toContain('invitation code')
  })

  it('takes another code when the drawn one is already an account’s (the unique index)', async () => {
    const h = await harness()
    const a = await signUpAndVerify(h)
    const b = await signUpAndVerify(h)
    const taken = (await accountOf(h, a.email)).inviteCode!
    const bId = (await accountOf(h, b.email)).id
    await h.deps.db.update(accounts).set({ inviteCode: null }).where(eq(accounts.id, bId))
    // The first draw repeats a's code; the next one is fresh.
    const draws = [taken, 'QRSTUVWX']
    const bytesOf = (code: string) =>
      Uint8Array.from([...code], (ch) => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.indexOf(ch))
    let drawn = 0
    const code = await ensureInviteCode(
      { db: h.deps.db, randomBytes: () => bytesOf(draws[Math.min(drawn++, 1)]) },
      bId,
    )
    expect(drawn).toBe(2)
    expect(code).toBe((await accountOf(h, b.email)).inviteCode)
    expect(code).not.toBe(taken)
  })

  it('answers 401 without a session', async () => {
    const h = await harness()
    const res = await h.get('/api/invite')
    expect(res.status).toBe(401)
  })
})
