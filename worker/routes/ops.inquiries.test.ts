/**
 * /api/ops/inquiries: the support console's お問い合わせ. The list (filters, counts, keyset pages), the
 * detail with its candidates (masked addresses) and its audit row, notes, replies (one mail per
 * idempotency key, also 50 at once; none to a closed inquiry), status moves, the assignee; and who may
 * do it: members 401, other roles 403, a scoped support agent 404 outside their insurer.
 */
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, inquiries, inquiryEvents } from '../../db/schema'
import { newReceiptNo } from '../services/inquiries'
import { issueStaffToken } from '../services/staff'
import { newId } from '../services/tokens'
import {
  captcha,
  DEMO_ACCOUNT,
  DEMO_INSURER,
  json,
  login,
  makeHarness,
  MAINTENANCE_INSURER,
  sessionCookie,
  testDb,
  uniqueEmail,
  type Harness,
} from '../test/harness'
import { seedDevStaff, staffCall, staffSignIn } from '../test/staff'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

async function setUp() {
  const h = makeHarness(await testDb())
  await seedDevStaff(h)
  const support = await staffSignIn(h, 'dev-support')
  const supportDemo = await staffSignIn(h, 'dev-support-demo')
  const call = (cookie: string, method: string, path: string, body?: unknown) =>
    staffCall(h, method, `/inquiries${path}`, cookie, body)
  return { h, support, supportDemo, call }
}

/** An inquiry stored as the form stores it, of `insurerId`, `hoursAgo` old. */
async function inquiry(
  h: Harness,
  fields: Partial<typeof inquiries.$inferInsert> & { hoursAgo?: number } = {},
) {
  const { hoursAgo = 0, ...rest } = fields
  const at = h.deps.now() - hoursAgo * 3_600_000
  const row = {
    id: newId(h.deps.randomBytes),
    receiptNo: newReceiptNo(h.deps.randomBytes, at),
    nameKana: 'ケンコウ　タロウ',
    email: uniqueEmail('inq'),
    insurerName: 'デモ健康保険組合',
    birthDate: '1962-01-10',
    type: 'login' as const,
    message: '本文',
    lang: 'ja' as const,
    status: 'new' as const,
    addressKey: 'k',
    ipKey: 'k',
    createdAt: at,
    updatedAt: at,
    insurerId: DEMO_INSURER.id,
    ...rest,
  }
  await h.deps.db.insert(inquiries).values(row)
  return row
}

const reply = (key = crypto.randomUUID(), body = 'ご回答します。') => ({
  idempotencyKey: key,
  template: 'login.ja',
  body,
  lang: 'ja',
})

const eventsOf = (h: Harness, id: string, kind?: 'reply' | 'status' | 'note' | 'assign') =>
  h.deps.db
    .select()
    .from(inquiryEvents)
    .where(
      kind
        ? and(eq(inquiryEvents.inquiryId, id), eq(inquiryEvents.kind, kind))
        : eq(inquiryEvents.inquiryId, id),
    )

const auditsOf = (h: Harness, action: string, receiptNo: string) =>
  h.deps.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, action as 'inquiry.viewed'))
    .then((rows) => rows.filter((r) => JSON.parse(r.detail).inquiry === receiptNo))

describe('the list', () => {
  it('answers the newest first with counts per status for the same filters, page by page', async () => {
    const { h, support, call } = await setUp()
    const type = 'withdrawal'
    const made = []
    for (let i = 0; i < 53; i++) {
      h.advance(1000)
      made.push(await inquiry(h, { type, status: i % 2 ? 'new' : 'in_progress' }))
    }
    const first = await call(support, 'GET', `?type=${type}&insurer=${DEMO_INSURER.number}`)
    expect(first.status).toBe(200)
    const page1: Json = await json(first)
    expect(page1.items).toHaveLength(50)
    expect(page1.items[0].receiptNo).toBe(made[52].receiptNo)
    expect(page1.items[0]).toMatchObject({
      type,
      insurerName: 'デモ健康保険組合',
      nameKana: 'ケンコウ　タロウ',
      assigneeName: null,
    })
    expect(page1.counts.new + page1.counts.in_progress).toBeGreaterThanOrEqual(53)
    const page2: Json = await json(
      await call(
        support,
        'GET',
        `?type=${type}&insurer=${DEMO_INSURER.number}&cursor=${page1.nextCursor}`,
      ),
    )
    const seen = [...page1.items, ...page2.items].map((i: Json) => i.receiptNo)
    for (const m of made) expect(seen).toContain(m.receiptNo)
    expect(new Set(seen).size).toBe(seen.length)

    // The status filter narrows the items, not the counts.
    const onlyNew: Json = await json(
      await call(support, 'GET', `?type=${type}&status=new&insurer=${DEMO_INSURER.number}`),
    )
    expect(onlyNew.items.every((i: Json) => i.status === 'new')).toBe(true)
    expect(onlyNew.counts).toEqual(page1.counts)
  })

  it('gives a scoped agent their insurer’s inquiries of every status, newest first, page by page', async () => {
    const { h, supportDemo, call } = await setUp()
    const statuses = ['new', 'in_progress', 'answered', 'closed'] as const
    const made = []
    for (let i = 0; i < 60; i++) {
      h.advance(1000)
      made.push(await inquiry(h, { type: 'other', status: statuses[(i * 7) % 4] }))
    }
    const seen: Json[] = []
    let cursor = ''
    do {
      const page: Json = await json(
        await call(supportDemo, 'GET', `?type=other${cursor ? `&cursor=${cursor}` : ''}`),
      )
      seen.push(...page.items)
      cursor = page.nextCursor ?? ''
    } while (cursor && seen.length < 200)
    const nos = seen.map((i) => i.receiptNo)
    const ours = made.map((m) => m.receiptNo)
    // Newest first across the four statuses, each once.
    expect(nos.filter((n) => ours.includes(n))).toEqual([...ours].reverse())
    expect(new Set(nos).size).toBe(nos.length)
    const times = seen.map((i) => Date.parse(i.createdAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('filters by age and by assignee', async () => {
    const { h, support, call } = await setUp()
    const old = await inquiry(h, { type: 'results', hoursAgo: 30 })
    const fresh = await inquiry(h, { type: 'results', hoursAgo: 1, assigneeId: 'dev-support' })
    const aged: Json = await json(await call(support, 'GET', '?type=results&age=24h'))
    const agedNos = aged.items.map((i: Json) => i.receiptNo)
    expect(agedNos).toContain(old.receiptNo)
    expect(agedNos).not.toContain(fresh.receiptNo)
    const mine: Json = await json(await call(support, 'GET', '?type=results&assignee=me'))
    expect(mine.items.map((i: Json) => i.receiptNo)).toContain(fresh.receiptNo)
    expect(mine.items.find((i: Json) => i.receiptNo === fresh.receiptNo).assigneeName).toBe(
      'サポート 花子',
    )
    const none: Json = await json(await call(support, 'GET', '?type=results&assignee=none'))
    expect(none.items.map((i: Json) => i.receiptNo)).not.toContain(fresh.receiptNo)
  })

  it('refuses bad filters with a message per field', async () => {
    const { support, call } = await setUp()
    const res = await call(support, 'GET', '?status=done&insurer=12&age=1y&cursor=x')
    expect(res.status).toBe(400)
    const body: Json = await json(res)
    expect(Object.keys(body.error.fields).sort()).toEqual(['age', 'cursor', 'insurer', 'status'])
    expect(body.error.fields.status).toBe('状態を一覧から選んでください。')
  })
})

describe('the detail', () => {
  it('shows the inquiry, masked candidates by address and by roster person, and audits the read', async () => {
    const { h, support, call } = await setUp()
    // The demo member's address and the demo roster person D0000 (ケンコウ タロウ, 1962-01-10).
    const row = await inquiry(h, { email: 'Demo@Kenshin.example', nameKana: 'ｹﾝｺｳ ﾀﾛｳ' })
    const res = await call(support, 'GET', `/${row.receiptNo}`)
    expect(res.status).toBe(200)
    const body: Json = await json(res)
    expect(body.inquiry).toMatchObject({
      receiptNo: row.receiptNo,
      email: 'Demo@Kenshin.example',
      status: 'new',
      insurer: { number: DEMO_INSURER.number, name: DEMO_INSURER.name },
    })
    expect(body.candidates.accounts).toHaveLength(1)
    expect(body.candidates.accounts[0]).toMatchObject({
      maskedEmail: 'd***@kenshin.example',
      link: { insurerName: DEMO_INSURER.name, personKey: 'D0000' },
    })
    expect(JSON.stringify(body.candidates)).not.toContain('demo@kenshin.example')
    expect(body.agents.map((a: Json) => a.id).sort()).toEqual(['dev-support', 'dev-support-demo'])
    expect(await auditsOf(h, 'inquiry.viewed', row.receiptNo)).toHaveLength(1)
  })

  it('answers 404 for a receipt number that does not exist', async () => {
    const { support, call } = await setUp()
    expect((await call(support, 'GET', '/20260101-XXXX-XXXX')).status).toBe(404)
  })
})

describe('notes', () => {
  it('records what was checked and the note, audited; refuses unknown checks and long notes', async () => {
    const { h, support, call } = await setUp()
    const row = await inquiry(h)
    const ok = await call(support, 'POST', `/${row.receiptNo}/notes`, {
      checks: ['name', 'birthDate', 'insurer'],
      note: '電話で確認しました。',
    })
    expect(ok.status).toBe(201)
    const [note] = await eventsOf(h, row.id, 'note')
    expect(note).toMatchObject({ staffId: 'dev-support', body: '電話で確認しました。' })
    expect(JSON.parse(note.meta).checks).toEqual(['name', 'birthDate', 'insurer'])
    expect(await auditsOf(h, 'inquiry.note_added', row.receiptNo)).toHaveLength(1)

    const bad = await call(support, 'POST', `/${row.receiptNo}/notes`, {
      checks: ['mood'],
      note: 'あ'.repeat(1001),
    })
    expect(bad.status).toBe(400)
    const fields = (await json(bad)).error.fields
    expect(fields.checks).toBe('確認した項目を一覧から選んでください。')
    expect(fields.note).toBe('メモは1000文字以内で入力してください。')
    const missing = await call(support, 'POST', `/${row.receiptNo}/notes`, {})
    expect(Object.keys((await json(missing)).error.fields).sort()).toEqual(['checks', 'note'])
    expect(await eventsOf(h, row.id, 'note')).toHaveLength(1)
  })
})

describe('replies', () => {
  it('mails the reply once, moves the inquiry to 回答済, and a repeat of the key sends nothing', async () => {
    const { h, support, call } = await setUp()
    const row = await inquiry(h)
    const body = reply(undefined, 'ケンコウ　タロウ 様\nご回答します。')
    const first = await call(support, 'POST', `/${row.receiptNo}/replies`, body)
    expect(first.status).toBe(200)
    const answer: Json = await json(first)
    expect(answer).toMatchObject({ status: 'answered', repeated: false })
    const mail = h.lastMailTo(row.email)!
    expect(mail.subject).toContain(row.receiptNo)
    expect(mail.text).toContain('ご回答します。')
    expect(mail.text).toContain('このメールへの返信は確認できません')
    expect(mail.text).toContain('http://localhost:8787/inquiry')
    const again = await call(support, 'POST', `/${row.receiptNo}/replies`, body)
    expect(again.status).toBe(200)
    expect(await json(again)).toMatchObject({ reply: answer.reply, repeated: true })
    expect(h.mails.filter((m) => m.to === row.email)).toHaveLength(1)
    const statuses = await eventsOf(h, row.id, 'status')
    expect(statuses.map((e) => [e.fromStatus, e.toStatus])).toEqual([['new', 'answered']])
    expect(await auditsOf(h, 'inquiry.replied', row.receiptNo)).toHaveLength(1)
  })

  it('sends the same reply 50 times at once: one event, one mail', async () => {
    const { h, support, call } = await setUp()
    const row = await inquiry(h, { status: 'in_progress' })
    const body = reply()
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => call(support, 'POST', `/${row.receiptNo}/replies`, body)),
    )
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200))
    const bodies: Json[] = await Promise.all(answers.map((r) => json(r)))
    expect(bodies.filter((b) => !b.repeated)).toHaveLength(1)
    expect(new Set(bodies.map((b) => b.reply.id)).size).toBe(1)
    expect(await eventsOf(h, row.id, 'reply')).toHaveLength(1)
    expect(await eventsOf(h, row.id, 'status')).toHaveLength(1)
    expect(h.mails.filter((m) => m.to === row.email)).toHaveLength(1)
  })

  it('refuses a reply to a closed inquiry with 409 and a clear message, and mails nothing', async () => {
    const { h, support, call } = await setUp()
    const row = await inquiry(h, { status: 'closed' })
    const res = await call(support, 'POST', `/${row.receiptNo}/replies`, reply())
    expect(res.status).toBe(409)
    const body: Json = await json(res)
    expect(body.error.code).toBe('wrong_state')
    expect(body.error.detail.message).toBe(
      'このお問い合わせは完了しているため、回答や状態の変更はできません。',
    )
    expect(h.lastMailTo(row.email)).toBeUndefined()
    expect(await eventsOf(h, row.id)).toHaveLength(0)
  })

  it('refuses missing and bad fields, each with its message', async () => {
    const { h, support, call } = await setUp()
    const row = await inquiry(h)
    const res = await call(support, 'POST', `/${row.receiptNo}/replies`, {
      idempotencyKey: 'nope',
      template: 'nope',
      body: ' ',
    })
    expect(res.status).toBe(400)
    const fields = (await json(res)).error.fields
    expect(fields).toEqual({
      idempotencyKey: '送信の識別子が正しくありません。画面を読み込み直してください。',
      template: 'テンプレートを一覧から選んでください。',
      body: '回答文を入力してください。',
      lang: '回答の言語を選んでください。',
    })
    const long = await call(
      support,
      'POST',
      `/${row.receiptNo}/replies`,
      reply(undefined, 'あ'.repeat(4001)),
    )
    expect((await json(long)).error.fields.body).toBe('回答文は4000文字以内で入力してください。')
    expect(await eventsOf(h, row.id)).toHaveLength(0)
  })

  it('offers templates per type and language', async () => {
    const { support, call } = await setUp()
    const body: Json = await json(await call(support, 'GET', '/templates'))
    expect(body.templates).toHaveLength(12)
    const ja = body.templates.find((t: Json) => t.id === 'login.ja')
    expect(ja.body).toContain('{receiptNo}')
  })

  it('shows the reply in the member’s お問い合わせ履歴', async () => {
    const { h, support, call } = await setUp()
    const res = await login(h, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password)
    const cookie = sessionCookie(res)
    const sent = await h.post(
      '/api/inquiries',
      {
        nameKana: 'ケンコウ　タロウ',
        email: DEMO_ACCOUNT.email,
        emailConfirm: DEMO_ACCOUNT.email,
        insurerName: 'デモ 健康保険組合',
        birthDate: '1962-01-10',
        type: 'results',
        message: '結果が見られません。',
        appVersion: '',
        device: '',
        osVersion: '',
        browser: '',
        agreePrivacy: true,
        captchaToken: captcha('inquiry'),
      },
      { cookie },
    )
    expect(sent.status).toBe(201)
    const { receiptNo } = await json(sent)
    // The name typed (spaces aside) is the demo insurer's: the console's scope knows it.
    const [stored] = await h.deps.db
      .select()
      .from(inquiries)
      .where(eq(inquiries.receiptNo, receiptNo))
    expect(stored.insurerId).toBe(DEMO_INSURER.id)
    expect(
      (await call(support, 'POST', `/${receiptNo}/replies`, reply(undefined, '回答の本文'))).status,
    ).toBe(200)
    const history: Json = await json(await h.get('/api/inquiries', { cookie }))
    const mine = history.inquiries.find((i: Json) => i.receiptNo === receiptNo)
    expect(mine.status).toBe('answered')
    expect(mine.replies.map((r: Json) => r.body)).toEqual(['回答の本文'])
    // The seeded inquiry of the demo member, with its reply.
    const seeded = history.inquiries.find((i: Json) => i.receiptNo === '20261201-SEED-ANS2')
    expect(seeded.replies).toHaveLength(1)
  })
})

describe('status and assignee', () => {
  it('moves 新規→対応中→回答済→対応中→完了, with events and audits; 完了 is final', async () => {
    const { h, support, call } = await setUp()
    const row = await inquiry(h)
    for (const status of ['in_progress', 'answered', 'in_progress', 'closed']) {
      const res = await call(support, 'POST', `/${row.receiptNo}/status`, {
        status,
        reason: 'テスト',
      })
      expect(res.status).toBe(200)
    }
    const events = await eventsOf(h, row.id, 'status')
    expect(events.map((e) => `${e.fromStatus}>${e.toStatus}`)).toEqual([
      'new>in_progress',
      'in_progress>answered',
      'answered>in_progress',
      'in_progress>closed',
    ])
    expect(await auditsOf(h, 'inquiry.status_changed', row.receiptNo)).toHaveLength(4)
    const again = await call(support, 'POST', `/${row.receiptNo}/status`, { status: 'in_progress' })
    expect(again.status).toBe(409)
    expect((await json(again)).error.detail.message).toContain('完了')
  })

  it('refuses a jump the statuses do not allow, and a missing status', async () => {
    const { h, support, call } = await setUp()
    const row = await inquiry(h)
    const jump = await call(support, 'POST', `/${row.receiptNo}/status`, { status: 'answered' })
    expect(jump.status).toBe(409)
    expect((await json(jump)).error.detail.message).toBe(
      'この状態からは、その状態に変更できません。',
    )
    const missing = await call(support, 'POST', `/${row.receiptNo}/status`, {})
    expect(missing.status).toBe(400)
    expect((await json(missing)).error.fields.status).toBe('状態を一覧から選んでください。')
    const [stored] = await h.deps.db.select().from(inquiries).where(eq(inquiries.id, row.id))
    expect(stored.status).toBe('new')
  })

  it('moves the status once when 50 agents move it at once', async () => {
    const { h, support, call } = await setUp()
    const row = await inquiry(h)
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(support, 'POST', `/${row.receiptNo}/status`, { status: 'in_progress' }),
      ),
    )
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1)
    expect(answers.filter((r) => r.status === 409)).toHaveLength(49)
    expect(await eventsOf(h, row.id, 'status')).toHaveLength(1)
  })

  it('assigns a support agent who may see the inquiry, and no one else', async () => {
    const { h, support, call } = await setUp()
    const row = await inquiry(h, { insurerId: MAINTENANCE_INSURER.id })
    const scoped = await call(support, 'POST', `/${row.receiptNo}/assignee`, {
      staffId: 'dev-support-demo',
    })
    expect(scoped.status).toBe(400)
    expect((await json(scoped)).error.fields.staffId).toBe(
      'このお問い合わせを担当できるサポート担当者を選んでください。',
    )
    const operator = await call(support, 'POST', `/${row.receiptNo}/assignee`, {
      staffId: 'dev-operator-2',
    })
    expect(operator.status).toBe(400)
    const ok = await call(support, 'POST', `/${row.receiptNo}/assignee`, { staffId: 'dev-support' })
    expect(ok.status).toBe(200)
    expect(await json(ok)).toEqual({ assignee: { id: 'dev-support', name: 'サポート 花子' } })
    const cleared = await call(support, 'POST', `/${row.receiptNo}/assignee`, { staffId: null })
    expect(await json(cleared)).toEqual({ assignee: null })
    expect(await eventsOf(h, row.id, 'assign')).toHaveLength(2)
    expect(await auditsOf(h, 'inquiry.assigned', row.receiptNo)).toHaveLength(2)
  })
})

describe('who may', () => {
  it('refuses a member cookie (401) and every role but support (403)', async () => {
    const { h, call } = await setUp()
    const row = await inquiry(h)
    const member = sessionCookie(await login(h, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password))
    expect((await staffCall(h, 'GET', '/inquiries', member)).status).toBe(401)
    for (const id of ['dev-operator', 'dev-insurer-admin', 'dev-admin'] as const) {
      const cookie = await staffSignIn(h, id)
      for (const [method, path, body] of [
        ['GET', '', undefined],
        ['GET', `/${row.receiptNo}`, undefined],
        ['POST', `/${row.receiptNo}/replies`, reply()],
        ['POST', `/${row.receiptNo}/status`, { status: 'in_progress' }],
      ] as const)
        expect((await call(cookie, method, path, body)).status).toBe(403)
    }
    const token = await issueStaffToken(h.deps, 'dev-operator', { label: 't', days: 1 })
    expect((await h.ops('GET', '/inquiries', token.token)).status).toBe(403)
    expect(await eventsOf(h, row.id)).toHaveLength(0)
  })

  it('a scoped support agent: 404 on another insurer’s inquiry, absent from the list', async () => {
    const { h, support, supportDemo, call } = await setUp()
    const other = await inquiry(h, { insurerId: MAINTENANCE_INSURER.id, type: 'signup' })
    const unknown = await inquiry(h, { insurerId: null, type: 'signup', insurerName: '不明' })
    const own = await inquiry(h, { type: 'signup' })
    for (const row of [other, unknown]) {
      expect((await call(supportDemo, 'GET', `/${row.receiptNo}`)).status).toBe(404)
      for (const [path, body] of [
        ['notes', { checks: [], note: '' }],
        ['replies', reply()],
        ['status', { status: 'in_progress' }],
        ['assignee', { staffId: null }],
      ] as const)
        expect((await call(supportDemo, 'POST', `/${row.receiptNo}/${path}`, body)).status).toBe(
          404,
        )
      expect(await eventsOf(h, row.id)).toHaveLength(0)
    }
    const list: Json = await json(await call(supportDemo, 'GET', '?type=signup'))
    const nos = list.items.map((i: Json) => i.receiptNo)
    expect(nos).toContain(own.receiptNo)
    expect(nos).not.toContain(other.receiptNo)
    expect(nos).not.toContain(unknown.receiptNo)
    const filtered: Json = await json(
      await call(supportDemo, 'GET', `?insurer=${MAINTENANCE_INSURER.number}`),
    )
    expect(filtered.items).toEqual([])
    expect(Object.values(filtered.counts)).toEqual([0, 0, 0, 0])
    // The portal-wide agent sees all three.
    const all: Json = await json(await call(support, 'GET', '?type=signup'))
    const allNos = all.items.map((i: Json) => i.receiptNo)
    for (const row of [other, unknown, own]) expect(allNos).toContain(row.receiptNo)
    expect((await call(supportDemo, 'GET', `/${own.receiptNo}`)).status).toBe(200)
  })
})
