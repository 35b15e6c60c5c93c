import { describe, expect, it } from 'vitest'
import { json, makeHarness, signUpAndVerify, testDb } from '../test/harness'
import { passStepUp, setupDemoMember } from '../test/demo-member'
import { eq } from 'drizzle-orm'
import { accounts } from '../../db/schema'
import { DEMO_ACCOUNT } from '../test/harness'
import { audit } from '../services/audit'

describe('GET /api/account/access-log', () => {
  it('lists the member’s own reads of their health data, newest first, with who read it', async () => {
    const s = await setupDemoMember()
    await passStepUp(s)
    expect((await s.h.get('/api/checkups', { cookie: s.cookie })).status).toBe(200)
    s.h.advance(60_000)
    expect((await s.h.get('/api/checkups/latest', { cookie: s.cookie })).status).toBe(200)
    const res = await s.h.get('/api/account/access-log', { cookie: s.cookie })
    expect(res.status).toBe(200)
    const { reads } = await json(res)
    expect(reads.length).toBeGreaterThanOrEqual(2)
    expect(reads[0]).toEqual({ at: expect.any(String), actor: 'member', action: 'health.read' })
    const times = reads.map((r: { at: string }) => Date.parse(r.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(times[0] - times[1]).toBe(60_000)
  })

  it('answers 401 without a session, in the error shape', async () => {
    const h = makeHarness(await testDb())
    const res = await h.get('/api/account/access-log')
    expect(res.status).toBe(401)
    expect((await json(res)).error.code).toBe('unauthenticated')
  })

  it('never shows one member another’s reads, and holds no health data', async () => {
    const s = await setupDemoMember()
    await passStepUp(s)
    expect((await s.h.get('/api/checkups', { cookie: s.cookie })).status).toBe(200)
    const other = await signUpAndVerify(s.h)
    const theirs = await json(await s.h.get('/api/account/access-log', { cookie: other.cookie }))
    expect(theirs).toEqual({ reads: [] })
    const mine = await json(await s.h.get('/api/account/access-log', { cookie: s.cookie }))
    for (const read of mine.reads)
      expect(Object.keys(read).sort()).toEqual(['action', 'actor', 'at'])
  })

  it('lists what staff did on the account (member.* only), never who among staff or why', async () => {
    const s = await setupDemoMember()
    const [{ id }] = await s.h.deps.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.emailKey, DEMO_ACCOUNT.email))
    const staffRow = (action: Parameters<typeof audit>[1]['action']) =>
      audit(s.h.deps, {
        action,
        actorType: 'staff',
        actorId: 'dev-support',
        accountId: id,
        ip: '192.0.2.1',
        detail: { reason: 'secret reason text' },
      })
    await staffRow('member.health_unlocked')
    s.h.advance(1000)
    await staffRow('inquiry.viewed')
    await staffRow('audit.searched')
    s.h.advance(1000)
    await staffRow('member.sessions_ended')
    // A member row of another account is not listed.
    await audit(s.h.deps, { action: 'member.code_reissued', actorType: 'staff', accountId: 'x' })
    const res = await s.h.get('/api/account/access-log', { cookie: s.cookie })
    const text = await res.text()
    expect(JSON.parse(text).reads).toEqual([
      { at: expect.any(String), actor: 'staff', action: 'member.sessions_ended' },
      { at: expect.any(String), actor: 'staff', action: 'member.health_unlocked' },
    ])
    expect(text).not.toMatch(/secret reason|dev-support|192\.0\.2\.1/)
  })
})
