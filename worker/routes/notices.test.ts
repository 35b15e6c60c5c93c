import { and, eq, inArray, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CheckupInput } from '../../core/checkup-import'
import {
  accounts,
  checkups,
  inquiries,
  memberLinks,
  notices,
  noticeOutbox,
  pushSubscriptions,
} from '../../db/schema'
import { recordedPushes } from '../dev/push'
import { processNotices } from '../services/notices'
import { fromBase64url } from '../services/web-push'
import {
  DEMO_ACCOUNT,
  DEMO_INSURER,
  DEMO_ROSTER_ROWS,
  importCheckups,
  insurerDb,
  json,
  makeHarness,
  ROSTER_HEADER,
  seedDemo,
  signUpAndVerify,
  storeViewingCode,
  testDb,
  type Harness,
} from '../test/harness'
import { decryptPush, newSubscriber, verifyVapid } from '../test/push'
import { newReceiptNo } from '../services/inquiries'
import { importRosterBatch } from '../services/roster'
import { newId } from '../services/tokens'
import { setupDemoMember } from '../test/demo-member'
import { seedDevStaff, staffCall, staffSignIn } from '../test/staff'

const ORIGIN = 'http://localhost:8787'
const HEIGHT = '9N001000000000001'

/** A checkup of one person and date, as the import takes it (one result: height). */
const checkup = (personKey: string, examDate: string, height = '160.0'): CheckupInput =>
  ({
    ref: `${personKey} ${examDate}`,
    personKey,
    examDate,
    institution: 'テスト健診センター',
    source: 'csv',
    results: [{ code: HEIGHT, type: 'raw', value: height, unit: 'cm', line: 2 }],
  }) as CheckupInput

/** The demo roster, and three members linked to persons X, Y, Z of it (links made directly). */
async function setup() {
  const h = makeHarness(await testDb())
  // libSQL gives a new database per harness; D1's is shared (both calls are idempotent).
  await seedDemo(h.deps)
  await importRosterBatch(h.deps, DEMO_INSURER, ROSTER_HEADER, DEMO_ROSTER_ROWS, 'ja')
  const [x, y, z] = ['D0001', 'D0010', 'D0011']
  // The insurer's own database: its links, checkups and outbox (issue 14).
  const ins = await insurerDb(h.deps.db, DEMO_INSURER.id)
  // The D1 database is shared by the tests of this project: these persons start unlinked and bare.
  await ins
    .delete(memberLinks)
    .where(
      and(eq(memberLinks.insurerId, DEMO_INSURER.id), inArray(memberLinks.personKey, [x, y, z])),
    )
  await ins
    .delete(checkups)
    .where(and(eq(checkups.insurerId, DEMO_INSURER.id), inArray(checkups.personKey, [x, y, z])))
  const members = []
  for (const personKey of [x, y, z]) {
    const m = await signUpAndVerify(h)
    const [account] = await h.deps.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.email, m.email))
    // A link as the card check leaves it: in the insurer's database, and the directory's pointer.
    await ins
      .insert(memberLinks)
      .values({ accountId: account.id, insurerId: DEMO_INSURER.id, personKey, linkedAt: 0 })
    await h.deps.db
      .update(accounts)
      .set({ insurerId: DEMO_INSURER.id, linkState: 'linked', linkChangedAt: 0 })
      .where(eq(accounts.id, account.id))
    members.push({ ...m, accountId: account.id, personKey })
  }
  return { h, ins, x: members[0], y: members[1], z: members[2] }
}

const noticesOf = (h: Harness, accountId: string) =>
  h.deps.db.select().from(notices).where(eq(notices.accountId, accountId))

/** One run of the scheduled job (in workerd other tests' outbox rows may be taken too: harmless). */
const runJob = (h: Harness) => processNotices(h.deps)

describe('お知らせ from a checkup import (the outbox and the job)', () => {
  beforeEach(() => void (recordedPushes.length = 0))

  it("writes outbox rows in the import's batch, and the job makes notices for exactly the touched persons' members", async () => {
    const { h, ins, x, y, z } = await setup()
    await importCheckups(h.deps, DEMO_INSURER, [checkup(z.personKey, '2026-05-01')], 'ja')
    await runJob(h)
    expect(await noticesOf(h, z.accountId)).toHaveLength(1)

    const mailsBefore = h.mails.length
    const result = await importCheckups(
      h.deps,
      DEMO_INSURER,
      [
        checkup(x.personKey, '2026-06-10'),
        checkup(x.personKey, '2025-06-10'),
        checkup(y.personKey, '2026-04-02'),
        checkup(z.personKey, '2026-05-01'),
      ],
      'ja',
    )
    expect(result).toMatchObject({ inserted: 3, unchanged: 1 })
    // The import request sends nothing: the rows wait for the job.
    expect(h.mails.length).toBe(mailsBefore)
    const waiting = await ins
      .select()
      .from(noticeOutbox)
      .where(
        and(
          eq(noticeOutbox.insurerId, DEMO_INSURER.id),
          inArray(noticeOutbox.personKey, [x.personKey, y.personKey, z.personKey]),
        ),
      )
    expect(waiting.map((r) => [r.personKey, r.kind, r.ref]).sort()).toEqual([
      [x.personKey, 'results', '2026-06-10'],
      [y.personKey, 'results', '2026-04-02'],
    ])

    await runJob(h)
    expect((await noticesOf(h, x.accountId)).map((n) => [n.kind, n.link])).toEqual([
      ['results', '/checkups/2026-06-10'],
    ])
    expect((await noticesOf(h, y.accountId)).map((n) => n.link)).toEqual(['/checkups/2026-04-02'])
    expect(await noticesOf(h, z.accountId)).toHaveLength(1)
    const left = await ins
      .select()
      .from(noticeOutbox)
      .where(
        inArray(
          noticeOutbox.id,
          waiting.map((r) => r.id),
        ),
      )
    expect(left).toEqual([])

    // Mail: 「新しい健診結果が届きました」 and the link, no health data.
    const mail = h.lastMailTo(x.email)!
    expect(mail.subject).toContain('新しい健診結果が届きました')
    expect(mail.text).toContain(`${ORIGIN}/checkups/2026-06-10`)
    expect(mail.text).not.toContain('160')
    expect(mail.text).not.toContain(HEIGHT)
  })

  it('a replaced checkup notifies again; a person with no member gets no notice and leaves no row', async () => {
    const { h, ins, x } = await setup()
    await importCheckups(h.deps, DEMO_INSURER, [checkup(x.personKey, '2026-06-10')], 'ja')
    await runJob(h)
    await importCheckups(h.deps, DEMO_INSURER, [checkup(x.personKey, '2026-06-10', '161.0')], 'ja')
    await importCheckups(h.deps, DEMO_INSURER, [checkup('D0020', '2026-06-10')], 'ja')
    await runJob(h)
    expect(await noticesOf(h, x.accountId)).toHaveLength(2)
    const unlinked = await ins
      .select()
      .from(noticeOutbox)
      .where(eq(noticeOutbox.personKey, 'D0020'))
    expect(unlinked).toEqual([])
  })

  it('mail off: the notice is written, no mail goes', async () => {
    const { h, x, y } = await setup()
    const put = await h.post('/api/notices/settings', { mail: false }, { cookie: x.cookie })
    expect(put.status).toBe(200)
    expect(await json(put)).toMatchObject({ mail: false })
    expect(await json(await h.get('/api/notices/settings', { cookie: x.cookie }))).toMatchObject({
      mail: false,
      pushKey: h.deps.config.vapid.publicKey,
    })
    const before = h.mails.length
    await importCheckups(
      h.deps,
      DEMO_INSURER,
      [checkup(x.personKey, '2026-07-01'), checkup(y.personKey, '2026-07-01')],
      'ja',
    )
    await runJob(h)
    expect(await noticesOf(h, x.accountId)).toHaveLength(1)
    const sent = h.mails.slice(before)
    expect(sent.map((m) => m.to)).toEqual([y.email])
  })
})

describe('Web Push of a notice (the stand-in at /dev/push)', () => {
  beforeEach(() => void (recordedPushes.length = 0))

  const subscribe = (h: Harness, cookie: string, endpoint: string, keys: object) =>
    h.post('/api/push/subscriptions', { endpoint, keys }, { cookie })

  it('reaches the stand-in as aes128gcm with a VAPID JWT, and decrypts to the notice text', async () => {
    const { h, x } = await setup()
    const sub = await newSubscriber()
    const id = `t${Date.now().toString(36)}`
    expect((await subscribe(h, x.cookie, `${ORIGIN}/dev/push/${id}`, sub.keys)).status).toBe(201)
    await importCheckups(h.deps, DEMO_INSURER, [checkup(x.personKey, '2026-06-10')], 'ja')
    await runJob(h)
    const got = (await json(await h.get('/dev/push.json'))) as typeof recordedPushes
    const mine = got.filter((p) => p.id === id)
    expect(mine).toHaveLength(1)
    expect(mine[0].headers['content-encoding']).toBe('aes128gcm')
    expect(Number(mine[0].headers.ttl)).toBeGreaterThan(0)
    const vapid = await verifyVapid(mine[0].headers.authorization)
    expect(vapid.ok).toBe(true)
    expect(vapid.claims.aud).toBe(ORIGIN)
    const payload = JSON.parse(await decryptPush(fromBase64url(mine[0].body), sub))
    expect(payload).toMatchObject({
      body: '新しい健診結果が届きました',
      link: '/checkups/2026-06-10',
    })
  })

  it('a subscription answered 410 is removed', async () => {
    const { h, x } = await setup()
    const sub = await newSubscriber()
    const endpoint = `${ORIGIN}/dev/push/gone${Date.now().toString(36)}`
    expect((await subscribe(h, x.cookie, endpoint, sub.keys)).status).toBe(201)
    await importCheckups(h.deps, DEMO_INSURER, [checkup(x.personKey, '2026-06-11')], 'ja')
    const report = await runJob(h)
    expect(report.pushesGone).toBeGreaterThanOrEqual(1)
    expect(
      await h.deps.db
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.endpoint, endpoint)),
    ).toEqual([])
  })

  it('refuses an endpoint off the allow-list with a clear 400, storing nothing', async () => {
    const { h, x } = await setup()
    const sub = await newSubscriber()
    for (const endpoint of [
      'https://attacker.example/push',
      'http://169.254.169.254/latest/meta-data',
      `${ORIGIN}/api/logout`,
    ]) {
      const res = await subscribe(h, x.cookie, endpoint, sub.keys)
      expect(res.status).toBe(400)
      const body = await json(res)
      expect(body.error.code).toBe('push_endpoint_not_allowed')
      expect(body.error.message).toContain('通知サービス')
      expect(
        await h.deps.db
          .select()
          .from(pushSubscriptions)
          .where(eq(pushSubscriptions.endpoint, endpoint)),
      ).toEqual([])
    }
    const bad = await subscribe(h, x.cookie, 'https://fcm.googleapis.com/fcm/send/x', {
      p256dh: 'short',
      auth: sub.keys.auth,
    })
    expect(bad.status).toBe(400)
    expect((await json(bad)).error.code).toBe('validation')
  })

  it('log-out removes the subscription; one of a session no longer live is skipped and deleted', async () => {
    const { h, x, y } = await setup()
    const a = await newSubscriber()
    const endA = `${ORIGIN}/dev/push/lo${Date.now().toString(36)}`
    expect((await subscribe(h, x.cookie, endA, a.keys)).status).toBe(201)
    expect((await h.post('/api/logout', {}, { cookie: x.cookie })).status).toBe(204)
    expect(
      await h.deps.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endA)),
    ).toEqual([])

    const b = await newSubscriber()
    const endB = `${ORIGIN}/dev/push/ex${Date.now().toString(36)}`
    expect((await subscribe(h, y.cookie, endB, b.keys)).status).toBe(201)
    h.advance(31 * 86_400_000) // past the installed app's idle limit, and the browser's
    await importCheckups(h.deps, DEMO_INSURER, [checkup(y.personKey, '2026-06-12')], 'ja')
    await runJob(h)
    expect(recordedPushes.filter((p) => p.id === endB.split('/').pop())).toEqual([])
    expect(
      await h.deps.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endB)),
    ).toEqual([])
  })

  it('remove turns this device off; a stranger is 401', async () => {
    const { h, x } = await setup()
    const sub = await newSubscriber()
    const endpoint = `${ORIGIN}/dev/push/d${Date.now().toString(36)}`
    expect((await subscribe(h, x.cookie, endpoint, sub.keys)).status).toBe(201)
    const del = await h.post('/api/push/subscriptions/remove', { endpoint }, { cookie: x.cookie })
    expect(del.status).toBe(200)
    expect(
      await h.deps.db
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.endpoint, endpoint)),
    ).toEqual([])
    expect((await subscribe(h, '', endpoint, sub.keys)).status).toBe(401)
  })
})

describe('the お知らせ list', () => {
  it('newest first with the unread count; opening one marks it read and gives its link; not another member’s', async () => {
    const { h, x, y } = await setup()
    await importCheckups(h.deps, DEMO_INSURER, [checkup(x.personKey, '2026-03-01')], 'ja')
    await runJob(h)
    h.advance(60_000)
    await importCheckups(h.deps, DEMO_INSURER, [checkup(x.personKey, '2026-06-10')], 'ja')
    await runJob(h)
    const list = await json(await h.get('/api/notices', { cookie: x.cookie }))
    expect(list.unread).toBe(2)
    expect(list.notices.map((n: { link: string }) => n.link)).toEqual([
      '/checkups/2026-06-10',
      '/checkups/2026-03-01',
    ])
    const first = list.notices[0]
    expect((await h.post(`/api/notices/${first.id}/read`, {}, { cookie: y.cookie })).status).toBe(
      404,
    )
    const read = await h.post(`/api/notices/${first.id}/read`, {}, { cookie: x.cookie })
    expect(await json(read)).toEqual({ link: '/checkups/2026-06-10' })
    const after = await json(await h.get('/api/notices', { cookie: x.cookie }))
    expect(after.unread).toBe(1)
    expect(after.notices[0].readAt).not.toBeNull()
    expect((await h.get('/api/notices')).status).toBe(401)
  })
})

describe('the notices job under concurrency', () => {
  it('50 runs at once process each outbox row exactly once', async () => {
    const { h, ins, x } = await setup()
    const ROWS = 120
    // In chunks: D1 binds at most 100 values per statement.
    for (let i = 0; i < ROWS; i += 20)
      await ins.insert(noticeOutbox).values(
        Array.from({ length: 20 }, () => ({
          insurerId: DEMO_INSURER.id,
          personKey: x.personKey,
          kind: 'code_reissued' as const,
          createdAt: h.deps.now(),
        })),
      )
    const before = h.mails.filter((m) => m.to === x.email).length
    const reports = await Promise.all(
      Array.from({ length: 50 }, () => processNotices(h.deps, { batch: 3, claims: 2 })),
    )
    // 50 runs × 2 claims × 3 rows = 300 ≥ 120: every row is taken, none twice.
    expect(reports.reduce((n, r) => n + r.failures, 0)).toBe(0)
    const made = await noticesOf(h, x.accountId)
    expect(made).toHaveLength(ROWS)
    expect(made.every((n) => n.kind === 'code_reissued' && n.link === '/checkups')).toBe(true)
    expect(h.mails.filter((m) => m.to === x.email).length - before).toBe(ROWS)
    const [{ left }] = await ins
      .select({ left: sql<number>`count(*)` })
      .from(noticeOutbox)
      .where(eq(noticeOutbox.personKey, x.personKey))
    expect(Number(left)).toBe(0)
  })

  it('a claim older than 10 minutes is taken again (its run died)', async () => {
    const { h, ins, x } = await setup()
    await ins.insert(noticeOutbox).values({
      insurerId: DEMO_INSURER.id,
      personKey: x.personKey,
      kind: 'results',
      ref: '2026-01-05',
      createdAt: h.deps.now(),
      claimedAt: h.deps.now() - 60_000,
    })
    await runJob(h)
    expect(await noticesOf(h, x.accountId)).toHaveLength(0)
    h.advance(10 * 60_000)
    await runJob(h)
    expect((await noticesOf(h, x.accountId)).map((n) => n.link)).toEqual(['/checkups/2026-01-05'])
  })
})

describe('お知らせ of a code re-issue and of an inquiry reply', () => {
  it("support's re-issue of the demo member's code: one notice, even when sent 50 times at once", async () => {
    const s = await setupDemoMember()
    await seedDevStaff(s.h)
    const support = await staffSignIn(s.h, 'dev-support')
    const [demo] = await s.h.deps.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.emailKey, DEMO_ACCOUNT.email))
    const act = () =>
      staffCall(s.h, 'POST', `/members/${demo.id}/actions/reissue-code`, support, {
        reason: '本人確認済み(受付番号 R-0001、電話にて確認)',
      })
    const statuses = await Promise.all(Array.from({ length: 50 }, act))
    expect(statuses.filter((r) => r.status === 200)).toHaveLength(1)
    await runJob(s.h)
    const made = await noticesOf(s.h, demo.id)
    expect(made.map((n) => [n.kind, n.link])).toEqual([['code_reissued', '/checkups']])
    expect(s.h.lastMailTo(DEMO_ACCOUNT.email)!.subject).toContain(
      '健診閲覧コードが再発行されました',
    )
  })

  it("the operator's re-issue of a live code (codes issue --reissue) notifies the linked member", async () => {
    const { h, x } = await setup()
    await storeViewingCode(h.deps, DEMO_INSURER.id, x.personKey, 'AAAABBBBCCCC', false)
    await runJob(h)
    expect(await noticesOf(h, x.accountId)).toEqual([])
    await storeViewingCode(h.deps, DEMO_INSURER.id, x.personKey, 'DDDDEEEEFFFF', true)
    await runJob(h)
    expect((await noticesOf(h, x.accountId)).map((n) => n.kind)).toEqual(['code_reissued'])
  })

  it('a reply to a logged-in member’s inquiry is a notice linking to お問い合わせ; an anonymous one’s is not', async () => {
    const { h, x } = await setup()
    await seedDevStaff(h)
    const support = await staffSignIn(h, 'dev-support')
    const at = h.deps.now()
    const stored = async (accountId: string | null) => {
      const row = {
        id: newId(h.deps.randomBytes),
        receiptNo: newReceiptNo(h.deps.randomBytes, at),
        accountId,
        nameKana: 'ケンコウ　ハナコ',
        email: x.email,
        insurerName: 'デモ健康保険組合',
        birthDate: '1964-10-01',
        type: 'login' as const,
        message: '本文',
        lang: 'ja' as const,
        status: 'new' as const,
        addressKey: 'k',
        ipKey: 'k',
        createdAt: at,
        updatedAt: at,
        insurerId: DEMO_INSURER.id,
      }
      await h.deps.db.insert(inquiries).values(row)
      return row
    }
    const reply = (receiptNo: string) =>
      staffCall(h, 'POST', `/inquiries/${receiptNo}/replies`, support, {
        idempotencyKey: crypto.randomUUID(),
        template: 'login.ja',
        body: 'ご回答します。',
        lang: 'ja',
      })
    const mine = await stored(x.accountId)
    const anonymous = await stored(null)
    expect((await reply(mine.receiptNo)).status).toBe(200)
    expect((await reply(mine.receiptNo)).status).toBe(200) // a second reply: a second notice
    expect((await reply(anonymous.receiptNo)).status).toBe(200)
    const made = await noticesOf(h, x.accountId)
    expect(made.map((n) => [n.kind, n.link])).toEqual([
      ['inquiry_reply', '/inquiry'],
      ['inquiry_reply', '/inquiry'],
    ])
    const [{ all }] = await h.deps.db
      .select({ all: sql<number>`count(*)` })
      .from(notices)
      .where(eq(notices.kind, 'inquiry_reply'))
    expect(Number(all)).toBeGreaterThanOrEqual(2)
  })
})
