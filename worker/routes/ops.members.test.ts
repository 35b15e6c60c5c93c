import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import {
  accounts,
  addressLocks,
  auditLog,
  healthAccess,
  memberLinks,
  sessions,
  viewingCodes,
} from '../../db/schema'
import { normalizeEmail } from '../../core/email'
import { DEMO_CODE, passStepUp, setupDemoMember, type DemoMember } from '../test/demo-member'
import { issueConfirmed } from '../test/ops-data'
import {
  DEMO_ACCOUNT,
  DEMO_INSURER,
  insurerDb,
  json,
  login,
  MAINTENANCE_INSURER,
  signUpAndVerify,
  uniqueEmail,
} from '../test/harness'
import { staffCall, staffSignIn } from '../test/staff'
import { hmac } from '../services/tokens'

const REASON = '本人確認済み(受付番号 R-0001、電話にて氏名・生年月日を確認)'

/** The demo member's account id. */
async function demoId(s: DemoMember) {
  const [row] = await s.h.deps.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.emailKey, DEMO_ACCOUNT.email))
  return row.id
}

async function setup() {
  const s = await setupDemoMember()
  const id = await demoId(s)
  const support = await staffSignIn(s.h, 'dev-support')
  const call = (method: string, path: string, body?: unknown, cookie = support) =>
    staffCall(s.h, method, `/members${path}`, cookie, body)
  const act = (action: string, body: unknown = { reason: REASON }, cookie = support) =>
    call('POST', `/${id}/actions/${action}`, body, cookie)
  const auditRows = (action: string, accountId = id) =>
    s.h.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.accountId, accountId)))
  const detail = async () => (await json(await call('GET', `/${id}`))).member
  // The demo insurer's own database (issue 14): the member's link, code and health-data lock.
  const demo = await insurerDb(s.h.deps.db, DEMO_INSURER.id)
  return { ...s, id, support, call, act, auditRows, detail, demo }
}

/** 50 identical requests at once: their statuses, sorted. */
async function fifty(send: () => Promise<Response>) {
  const answers = await Promise.all(Array.from({ length: 50 }, send))
  return answers.map((r) => r.status).sort()
}

describe('POST /api/ops/members/lookup', () => {
  it('finds a member by the normalised address, masked; an unknown address finds none', async () => {
    const t = await setup()
    const res = await t.call('POST', '/lookup', { email: ' Demo@Kenshin.EXAMPLE ' })
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual({
      members: [{ id: t.id, maskedEmail: 'd***@kenshin.example' }],
    })
    const none = await t.call('POST', '/lookup', { email: uniqueEmail('nobody') })
    expect(await json(none)).toEqual({ members: [] })
    // Each look-up is audited, with the member found and never the address typed.
    const rows = await t.h.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'member.looked_up'))
    expect(rows.some((r) => r.accountId === t.id)).toBe(true)
    expect(JSON.stringify(rows)).not.toMatch(/kenshin\.example|nobody/i)
  })

  it('asks for an address: 400 with the field’s message', async () => {
    const t = await setup()
    const res = await t.call('POST', '/lookup', { email: '' })
    expect(res.status).toBe(400)
    const body = await json(res)
    expect(body.error.code).toBe('validation')
    expect(body.error.fields.email).toEqual(expect.any(String))
  })
})

describe('GET /api/ops/members/:id', () => {
  it('shows the identity-check data and the locks, never the address, code or health data', async () => {
    const t = await setup()
    const res = await t.call('GET', `/${t.id}`)
    expect(res.status).toBe(200)
    const text = await res.text()
    const { member } = JSON.parse(text)
    expect(member).toMatchObject({
      id: t.id,
      maskedEmail: 'd***@kenshin.example',
      createdAt: expect.any(String),
      link: {
        insurerNumber: DEMO_INSURER.number,
        insurerName: DEMO_INSURER.name,
        personKey: 'D0000',
        nameKana: expect.any(String),
        birthDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
      locks: {
        address: { locked: false, until: null },
        health: { locked: false },
        viewingCode: 'live',
      },
      liveSessions: 1,
    })
    expect(text).not.toContain(DEMO_ACCOUNT.email)
    expect(text).not.toContain(DEMO_CODE)
    expect(text).not.toMatch(/tg_fasting|results|answer|codeHash/i)
    const [viewed] = await t.auditRows('member.viewed')
    expect(viewed).toMatchObject({ actorType: 'staff', actorId: 'dev-support', accountId: t.id })
  })

  it('answers 404 for no such member', async () => {
    const t = await setup()
    const res = await t.call('GET', '/no-such-member')
    expect(res.status).toBe(404)
    expect((await json(res)).error.code).toBe('not_found')
  })
})

describe('POST /api/ops/members/:id/actions/reissue-code', () => {
  it('revokes the live code at once; the operator’s next issue run gives the person a new one', async () => {
    const t = await setup()
    const res = await t.act('reissue-code')
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body).toEqual({ done: 'reissue-code' })
    // The old code is dead: the member's STEP1 with it fails.
    const step = await t.step('/code', { code: DEMO_CODE })
    expect(step.status).toBe(404)
    expect((await json(step)).error.code).toBe('no_viewing_code')
    expect((await t.detail()).locks.viewingCode).toBe('none')
    const [row] = await t.auditRows('member.code_reissued')
    expect(row).toMatchObject({ actorType: 'staff', actorId: 'dev-support', accountId: t.id })
    expect(JSON.parse(row.detail)).toEqual({ reason: REASON, personKey: 'D0000' })
    // The operator's next run (the CLI's `codes issue`, its postcard print file) includes the person.
    const issued = await issueConfirmed(t.ops)
    expect(issued.issued.map((p: { personKey: string }) => p.personKey)).toContain('D0000')
    expect((await t.detail()).locks.viewingCode).toBe('live')
  })

  it('refuses without a reason (400, the field’s message) and changes nothing', async () => {
    const t = await setup()
    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      const res = await t.act('reissue-code', body)
      expect(res.status).toBe(400)
      expect((await json(res)).error.fields.reason).toEqual(expect.any(String))
    }
    expect((await t.detail()).locks.viewingCode).toBe('live')
    expect(await t.auditRows('member.code_reissued')).toEqual([])
    expect((await t.step('/code', { code: DEMO_CODE })).status).toBe(200)
  })

  it('50 at once: one revoke and one audit row, the rest 409 wrong_state', async () => {
    const t = await setup()
    const statuses = await fifty(() => t.act('reissue-code'))
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(49)
    expect(await t.auditRows('member.code_reissued')).toHaveLength(1)
    const again = await json(await t.act('reissue-code'))
    expect(again.error).toMatchObject({ code: 'wrong_state', detail: { state: 'no_live_code' } })
  })
})

describe('POST /api/ops/members/:id/actions/end-sessions', () => {
  it('ends every live session of the member; 50 at once end them once, with one audit row', async () => {
    const t = await setup()
    const other = await login(t.h, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password)
    expect(other.status).toBe(200)
    expect((await t.detail()).liveSessions).toBe(2)
    const statuses = await fifty(() => t.act('end-sessions'))
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(49)
    expect(await t.auditRows('member.sessions_ended')).toHaveLength(1)
    expect((await t.h.get('/api/checkups/access', { cookie: t.cookie })).status).toBe(401)
    expect((await t.detail()).liveSessions).toBe(0)
    const live = await t.h.deps.db.select().from(sessions).where(eq(sessions.accountId, t.id))
    expect(live.every((row) => row.endedAt !== null)).toBe(true)
  })
})

describe('POST /api/ops/members/:id/actions/unlock-address and unlock-health', () => {
  it('lifts the address lock of the member’s address, once', async () => {
    const t = await setup()
    const subject = `addr:${await hmac(t.h.deps.config.subjectKey, normalizeEmail(DEMO_ACCOUNT.email))}`
    const now = t.h.deps.now()
    await t.h.deps.db
      .insert(addressLocks)
      .values({ subject, until: now + 3_600_000, createdAt: now })
    expect((await t.detail()).locks.address.locked).toBe(true)
    const statuses = await fifty(() => t.act('unlock-address'))
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(await t.auditRows('member.address_unlocked')).toHaveLength(1)
    expect((await t.detail()).locks.address).toEqual({ locked: false, until: null })
    const again = await json(await t.act('unlock-address'))
    expect(again.error.detail).toEqual({ state: 'not_address_locked' })
  })

  it('clears the health-data lock and its wrong answers, once', async () => {
    const t = await setup()
    await t.demo
      .insert(healthAccess)
      .values({ accountId: t.id, lockedAt: t.h.deps.now(), answerFailures: '[1,2,3,4,5]' })
    expect((await t.detail()).locks.health.locked).toBe(true)
    expect((await t.act('unlock-health')).status).toBe(200)
    const [row] = await t.demo.select().from(healthAccess).where(eq(healthAccess.accountId, t.id))
    expect(row).toMatchObject({ lockedAt: null, answerFailures: '[]' })
    const again = await t.act('unlock-health')
    expect(again.status).toBe(409)
    expect((await json(again)).error.detail).toEqual({ state: 'not_health_locked' })
    expect(await t.auditRows('member.health_unlocked')).toHaveLength(1)
  })
})

describe('POST /api/ops/members/:id/actions/reset-mail and login-id-notice', () => {
  it('mails the reset link to the registered address; support sees only the masked address', async () => {
    const t = await setup()
    const before = t.h.mails.length
    const statuses = await fifty(() => t.act('reset-mail'))
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 429)).toHaveLength(49)
    const sent = t.h.mails.slice(before)
    expect(sent).toHaveLength(1)
    expect(sent[0].to).toBe(DEMO_ACCOUNT.email)
    expect(sent[0].text).toContain('/password/reset?token=')
    expect(await t.auditRows('member.reset_mail_sent')).toHaveLength(1)
    t.h.advance(5 * 60_000 + 1)
    const res = await t.act('reset-mail')
    expect(await json(res)).toEqual({ done: 'reset-mail', sentTo: 'd***@kenshin.example' })
  })

  it('mails the login-ID notice (Japanese when the language is not known)', async () => {
    const t = await setup()
    const res = await t.act('login-id-notice')
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({ done: 'login-id-notice', sentTo: 'd***@kenshin.example' })
    expect(text).not.toContain(DEMO_ACCOUNT.email)
    const mail = t.h.lastMailTo(DEMO_ACCOUNT.email)!
    expect(mail.subject).toContain('ログインID')
    expect(mail.text).toContain(DEMO_ACCOUNT.email)
    const [row] = await t.auditRows('member.login_id_notice_sent')
    expect(JSON.parse(row.detail)).toEqual({ reason: REASON })
  })
})

describe('who may act on a member', () => {
  it('a support agent of an insurer: its own members only; another’s are 404 and unchanged', async () => {
    const t = await setup()
    const scoped = await staffSignIn(t.h, 'dev-support-demo')
    expect((await t.call('GET', `/${t.id}`, undefined, scoped)).status).toBe(200)
    // A member of the maintenance insurer, and one linked to none.
    const elsewhere = await signUpAndVerify(t.h)
    const unlinked = await signUpAndVerify(t.h)
    const idOf = async (email: string) =>
      (
        await t.h.deps.db
          .select({ id: accounts.id })
          .from(accounts)
          .where(eq(accounts.emailKey, normalizeEmail(email)))
      )[0].id
    const elsewhereId = await idOf(elsewhere.email)
    // Linked to the maintenance insurer: the link in its database, the pointer in the directory.
    await (await insurerDb(t.h.deps.db, MAINTENANCE_INSURER.id)).insert(memberLinks).values({
      accountId: elsewhereId,
      insurerId: MAINTENANCE_INSURER.id,
      personKey: 'M0001',
      linkedAt: t.h.deps.now(),
    })
    await t.h.deps.db
      .update(accounts)
      .set({
        insurerId: MAINTENANCE_INSURER.id,
        linkState: 'linked',
        linkChangedAt: t.h.deps.now(),
      })
      .where(eq(accounts.id, elsewhereId))
    for (const id of [elsewhereId, await idOf(unlinked.email)]) {
      expect((await t.call('GET', `/${id}`, undefined, scoped)).status).toBe(404)
      const res = await t.call('POST', `/${id}/actions/end-sessions`, { reason: REASON }, scoped)
      expect(res.status).toBe(404)
      expect(await t.auditRows('member.sessions_ended', id)).toEqual([])
    }
    const found = await json(await t.call('POST', '/lookup', { email: elsewhere.email }, scoped))
    expect(found).toEqual({ members: [] })
    expect((await t.h.get('/api/checkups/access', { cookie: elsewhere.cookie })).status).toBe(200)
    // Portal-wide support reaches both.
    expect((await t.call('GET', `/${elsewhereId}`)).status).toBe(200)
  })

  it('operators and insurer admins are refused (403); a member’s cookie is not a staff session (401)', async () => {
    const t = await setup()
    for (const id of ['dev-operator', 'dev-insurer-admin', 'dev-admin'] as const) {
      const cookie = await staffSignIn(t.h, id)
      expect((await t.call('GET', `/${t.id}`, undefined, cookie)).status).toBe(403)
      expect((await t.act('reissue-code', { reason: REASON }, cookie)).status).toBe(403)
    }
    const member = await t.act('reissue-code', { reason: REASON }, t.cookie)
    expect(member.status).toBe(401)
    expect((await t.detail()).locks.viewingCode).toBe('live')
    const [live] = await t.demo
      .select()
      .from(viewingCodes)
      .where(eq(viewingCodes.personKey, 'D0000'))
    expect(live.revokedAt).toBeNull()
  })
})

describe('the member’s access log shows what support did', () => {
  it('lists staff actions with when and what, never who or the reason', async () => {
    const t = await setup()
    await t.detail()
    t.h.advance(1000)
    expect((await t.act('reissue-code')).status).toBe(200)
    t.h.advance(1000)
    expect((await t.act('login-id-notice')).status).toBe(200)
    const res = await t.h.get('/api/account/access-log', { cookie: t.cookie })
    expect(res.status).toBe(200)
    const text = await res.text()
    const { reads } = JSON.parse(text)
    expect(reads.slice(0, 3)).toEqual([
      { at: expect.any(String), actor: 'staff', action: 'member.login_id_notice_sent' },
      { at: expect.any(String), actor: 'staff', action: 'member.code_reissued' },
      { at: expect.any(String), actor: 'staff', action: 'member.viewed' },
    ])
    expect(text).not.toContain(REASON)
    expect(text).not.toContain('dev-support')
    expect(text).not.toContain('サポート')
  })
})

// issue 14, unlink
describe('POST /api/ops/members/:id/actions/unlink (紐付け解除)', () => {
  /** サトウ ケンジ (D0020) of the demo roster, a card the demo account may link after the unlink. */
  const otherCard = {
    nameKana: 'サトウ　ケンジ',
    birthDate: '1968-03-12',
    insurerNumber: DEMO_INSURER.number,
    symbol: '1202',
    number: '102',
    branch: '00',
  }
  const pointer = async (t: Awaited<ReturnType<typeof setup>>, id = t.id) =>
    (
      await t.h.deps.db
        .select({ insurerId: accounts.insurerId, linkState: accounts.linkState })
        .from(accounts)
        .where(eq(accounts.id, id))
    )[0]

  it('ends the link: pointer free, link and step-up gone from the insurer, audited once; the member links again', async () => {
    const t = await setup()
    await passStepUp(t)
    expect((await t.h.get('/api/checkups', { cookie: t.cookie })).status).toBe(200)
    await t.demo
      .update(healthAccess)
      .set({ answerFailures: '[1]' })
      .where(eq(healthAccess.accountId, t.id))
    const res = await t.act('unlink')
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual({ done: 'unlink' })
    expect(await pointer(t)).toEqual({ insurerId: null, linkState: null })
    expect(await t.demo.select().from(memberLinks).where(eq(memberLinks.accountId, t.id))).toEqual(
      [],
    )
    expect(
      await t.demo.select().from(healthAccess).where(eq(healthAccess.accountId, t.id)),
    ).toEqual([])
    // The member's step-up has ended on every session; their health data is out of reach.
    const live = await t.h.deps.db.select().from(sessions).where(eq(sessions.accountId, t.id))
    expect(live.length).toBeGreaterThan(0)
    expect(live.every((row) => row.stepUpAt === null)).toBe(true)
    const checkups = await t.h.get('/api/checkups', { cookie: t.cookie })
    expect(checkups.status).toBe(409)
    expect((await json(checkups)).error.code).toBe('not_linked')
    expect((await json(await t.h.get('/api/me', { cookie: t.cookie }))).member.linked).toBe(false)
    // One audit row, written by unlinkMember: the staff member, the insurer, the reason.
    const rows = await t.auditRows('member.unlinked')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      actorType: 'staff',
      actorId: 'dev-support',
      accountId: t.id,
      insurerId: DEMO_INSURER.id,
    })
    expect(JSON.parse(rows[0].detail)).toEqual({ reason: REASON })
    // The member sees it in their access log (never who, never the reason).
    const log = await (await t.h.get('/api/account/access-log', { cookie: t.cookie })).text()
    expect(JSON.parse(log).reads[0]).toEqual({
      at: expect.any(String),
      actor: 'staff',
      action: 'member.unlinked',
    })
    expect(log).not.toContain(REASON)
    expect(log).not.toContain('dev-support')
    expect((await t.detail()).link).toBeNull()
    // The member links another card; the new link starts its step-up at STEP1.
    const linked = await t.h.post('/api/card/link', otherCard, { cookie: t.cookie })
    expect(linked.status).toBe(200)
    expect(await pointer(t)).toEqual({ insurerId: DEMO_INSURER.id, linkState: 'linked' })
    expect((await json(await t.h.get('/api/me', { cookie: t.cookie }))).member).toMatchObject({
      linked: true,
      name: 'サトウ　ケンジ',
    })
    expect(await t.state()).toBe('code')
    expect((await t.detail()).link).toMatchObject({ personKey: 'D0020' })
  })

  it('unlinks a member of an insurer in the other database (portal-wide support)', async () => {
    const t = await setup()
    const other = await signUpAndVerify(t.h)
    const [{ id }] = await t.h.deps.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.emailKey, normalizeEmail(other.email)))
    const second = await insurerDb(t.h.deps.db, MAINTENANCE_INSURER.id)
    // A person key of its own: the workerd project's tests share one D1 database.
    await second.insert(memberLinks).values({
      accountId: id,
      insurerId: MAINTENANCE_INSURER.id,
      personKey: `U-${id}`,
      linkedAt: t.h.deps.now(),
    })
    await t.h.deps.db
      .update(accounts)
      .set({ insurerId: MAINTENANCE_INSURER.id, linkState: 'linked', linkChangedAt: 1 })
      .where(eq(accounts.id, id))
    const res = await t.call('POST', `/${id}/actions/unlink`, { reason: REASON })
    expect(res.status).toBe(200)
    expect(await pointer(t, id)).toEqual({ insurerId: null, linkState: null })
    expect(await second.select().from(memberLinks).where(eq(memberLinks.accountId, id))).toEqual([])
    const [row] = await t.auditRows('member.unlinked', id)
    expect(row).toMatchObject({ insurerId: MAINTENANCE_INSURER.id, actorId: 'dev-support' })
    // The demo member, in the other database, is untouched.
    expect(await pointer(t)).toEqual({ insurerId: DEMO_INSURER.id, linkState: 'linked' })
  })

  it('409 not_linked for a member linked to nothing, and once the link has ended; nothing is written', async () => {
    const t = await setup()
    const bare = await signUpAndVerify(t.h)
    const [{ id }] = await t.h.deps.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.emailKey, normalizeEmail(bare.email)))
    const res = await t.call('POST', `/${id}/actions/unlink`, { reason: REASON })
    expect(res.status).toBe(409)
    const body = await json(res)
    expect(body.error).toMatchObject({
      code: 'not_linked',
      message: expect.stringMatching(/保険証/),
    })
    expect(await t.auditRows('member.unlinked', id)).toEqual([])
    // English for a staff member who reads English.
    const en = await staffCall(
      t.h,
      'POST',
      `/members/${id}/actions/unlink`,
      t.support,
      { reason: REASON },
      { 'Accept-Language': 'en' },
    )
    expect(en.status).toBe(409)
    expect((await json(en)).error.message).toMatch(/card/i)
    expect((await t.act('unlink')).status).toBe(200)
    const again = await t.act('unlink')
    expect(again.status).toBe(409)
    expect((await json(again)).error.code).toBe('not_linked')
    expect(await t.auditRows('member.unlinked')).toHaveLength(1)
  })

  it('refuses without a reason (400) and changes nothing', async () => {
    const t = await setup()
    for (const body of [{}, { reason: '' }, { reason: 'x'.repeat(501) }]) {
      const res = await t.act('unlink', body)
      expect(res.status).toBe(400)
      expect((await json(res)).error.fields.reason).toEqual(expect.any(String))
    }
    expect(await pointer(t)).toEqual({ insurerId: DEMO_INSURER.id, linkState: 'linked' })
    expect(await t.auditRows('member.unlinked')).toEqual([])
  })

  it('another insurer’s support gets 404 (also with a crafted id); non-support staff 403; a member 401; nothing changes', async () => {
    const t = await setup()
    const scoped = await staffSignIn(t.h, 'dev-support-demo')
    const elsewhere = await signUpAndVerify(t.h)
    const [{ id }] = await t.h.deps.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.emailKey, normalizeEmail(elsewhere.email)))
    const second = await insurerDb(t.h.deps.db, MAINTENANCE_INSURER.id)
    await second.insert(memberLinks).values({
      accountId: id,
      insurerId: MAINTENANCE_INSURER.id,
      personKey: `U-${id}`,
      linkedAt: t.h.deps.now(),
    })
    await t.h.deps.db
      .update(accounts)
      .set({ insurerId: MAINTENANCE_INSURER.id, linkState: 'linked', linkChangedAt: 1 })
      .where(eq(accounts.id, id))
    for (const target of [id, 'no-such-member', '../' + id]) {
      const res = await t.call(
        'POST',
        `/${encodeURIComponent(target)}/actions/unlink`,
        { reason: REASON },
        scoped,
      )
      expect(res.status).toBe(404)
      expect((await json(res)).error.code).toBe('not_found')
    }
    expect(await pointer(t, id)).toEqual({ insurerId: MAINTENANCE_INSURER.id, linkState: 'linked' })
    expect(
      await second.select().from(memberLinks).where(eq(memberLinks.accountId, id)),
    ).toHaveLength(1)
    for (const who of [
      'dev-operator',
      'dev-operator-2',
      'dev-insurer-admin',
      'dev-admin',
    ] as const) {
      const cookie = await staffSignIn(t.h, who)
      expect((await t.act('unlink', { reason: REASON }, cookie)).status).toBe(403)
      expect(
        (await t.call('POST', `/${id}/actions/unlink`, { reason: REASON }, cookie)).status,
      ).toBe(403)
    }
    expect((await t.act('unlink', { reason: REASON }, t.cookie)).status).toBe(401)
    expect(await pointer(t)).toEqual({ insurerId: DEMO_INSURER.id, linkState: 'linked' })
    expect(await t.auditRows('member.unlinked')).toEqual([])
    expect(await t.auditRows('member.unlinked', id)).toEqual([])
    // The demo insurer's own support may.
    expect((await t.act('unlink', { reason: REASON }, scoped)).status).toBe(200)
  })

  it('50 at once: one unlinks with one audit row, the rest 409 not_linked; never a 500', async () => {
    const t = await setup()
    const statuses = await fifty(() => t.act('unlink'))
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(49)
    expect(await t.auditRows('member.unlinked')).toHaveLength(1)
    expect(await pointer(t)).toEqual({ insurerId: null, linkState: null })
    expect(await t.demo.select().from(memberLinks).where(eq(memberLinks.accountId, t.id))).toEqual(
      [],
    )
  })
})
