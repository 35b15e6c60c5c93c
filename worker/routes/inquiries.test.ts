import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { inquiries } from '../../db/schema'
import {
  captcha,
  harness,
  json,
  makeHarness,
  seedDemo,
  signUpAndVerify,
  testDb,
  uniqueEmail,
  type Harness,
} from '../test/harness'
import { setupDemoMember } from '../test/demo-member'

/** The manual's form as the browser sends it, for `email`, with `extra` fields changed. */
const inquiryBody = (email: string, extra: Record<string, unknown> = {}) => ({
  nameKana: 'ケンシン　ハナコ',
  email,
  emailConfirm: email,
  insurerName: 'デモ健康保険組合',
  birthDate: '1985-06-15',
  type: 'login',
  message: 'ログインIDを忘れました。<script>alert(1)</script> 秘密の本文',
  appVersion: '',
  device: 'iPhone 15',
  osVersion: 'iOS 18.1',
  browser: 'Safari',
  agreePrivacy: true,
  captchaToken: captcha('inquiry'),
  ...extra,
})

const send = (h: Harness, email: string, extra?: Record<string, unknown>, cookie?: string) =>
  h.post('/api/inquiries', inquiryBody(email, extra), { cookie })

const rowsOf = async (h: Harness, email: string) =>
  h.deps.db.select().from(inquiries).where(eq(inquiries.email, email))

/** Sends `n` requests at once and tallies their answers: status, or status and error code. */
async function atOnce(n: number, sendOne: (i: number) => Promise<Response>) {
  const answers = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const res = await sendOne(i)
      const body = await json(res)
      return body?.error ? `${res.status} ${body.error.code}` : String(res.status)
    }),
  )
  const tally: Record<string, number> = {}
  for (const a of answers) tally[a] = (tally[a] ?? 0) + 1
  return tally
}

describe('お問い合わせ (POST /api/inquiries)', () => {
  it('stores the inquiry without log-in, answers a 受付番号 and mails it without the typed text', async () => {
    const h = await harness()
    const email = uniqueEmail('inq')
    const res = await send(h, email)
    expect(res.status).toBe(201)
    const body = await json(res)
    expect(body).toEqual({
      receiptNo: expect.stringMatching(/^\d{8}-[2-9A-Z]{4}-[2-9A-Z]{4}$/),
      type: 'login',
      receivedAt: new Date(h.deps.now()).toISOString(),
    })
    const [row] = await rowsOf(h, email)
    expect(row).toMatchObject({
      receiptNo: body.receiptNo,
      accountId: null,
      nameKana: 'ケンシン　ハナコ',
      type: 'login',
      status: 'new',
      device: 'iPhone 15',
      lang: 'ja',
    })
    expect(row.message).toContain('秘密の本文')
    // The counter keys are HMACs, never the address or the IP.
    expect(row.addressKey).not.toContain(email)
    expect(row.ipKey).not.toContain(h.ip)
    const mail = h.lastMailTo(email)!
    expect(mail.subject).toContain(body.receiptNo)
    expect(mail.text).toContain(`受付番号: ${body.receiptNo}`)
    expect(mail.text).toContain('お問い合わせの種類: ログインについて')
    expect(mail.text).toContain('受付日時:')
    expect(mail.text).toContain('受付時間:10時〜18時(平日)')
    // Not a word of what was typed: the address is not verified.
    for (const typed of ['秘密の本文', 'script', 'ハナコ', 'iPhone', 'デモ健康保険組合'])
      expect(mail.text + mail.html).not.toContain(typed)
  })

  it('answers and mails in English when asked', async () => {
    const h = await harness()
    const email = uniqueEmail('inq-en')
    const res = await h.post('/api/inquiries', inquiryBody(email, { type: 'viewing_code' }), {
      headers: { 'Accept-Language': 'en' },
    })
    expect(res.status).toBe(201)
    const mail = h.lastMailTo(email)!
    expect(mail.text).toContain('Kind of inquiry: Checkup viewing code (formerly passcode)')
  })

  it('gives every field its message, in the user language, and stores nothing', async () => {
    const h = await harness()
    const email = uniqueEmail('inq-bad')
    const res = await send(h, email, {
      nameKana: 'Hanako',
      emailConfirm: 'other@example.jp',
      insurerName: '',
      birthDate: '2999-01-01',
      type: 'billing',
      message: 'あ'.repeat(1001),
      appVersion: 'x'.repeat(51),
      agreePrivacy: false,
    })
    expect(res.status).toBe(400)
    const { error } = await json(res)
    expect(error.code).toBe('validation')
    expect(Object.keys(error.fields).sort()).toEqual(
      [
        'agreePrivacy',
        'appVersion',
        'birthDate',
        'emailConfirm',
        'insurerName',
        'message',
        'nameKana',
        'type',
      ].sort(),
    )
    expect(error.fields.message).toBe('お問い合わせ内容は1,000文字以内で入力してください。')
    const en = await h.post('/api/inquiries', inquiryBody(email, { type: '' }), {
      headers: { 'Accept-Language': 'en' },
    })
    expect((await json(en)).error.fields.type).toBe('Please choose the kind of inquiry.')
    expect(await rowsOf(h, email)).toEqual([])
    expect(h.lastMailTo(email)).toBeUndefined()
  })

  it('wants the captcha of this form (level 1): none, or another form’s token, is refused', async () => {
    const h = await harness()
    const email = uniqueEmail('inq-cap')
    const none = await send(h, email, { captchaToken: undefined })
    expect(none.status).toBe(403)
    expect((await json(none)).error.captcha.level).toBe(1)
    const other = await send(h, email, { captchaToken: captcha('login') })
    expect(other.status).toBe(403)
    expect(await rowsOf(h, email)).toEqual([])
  })

  it('answers a registered address exactly as a free one (enumeration)', async () => {
    const h = await harness()
    const { email } = await signUpAndVerify(h)
    const free = uniqueEmail('inq-free')
    const a = await send(h, email)
    const b = await send(h, free)
    expect(a.status).toBe(b.status)
    const [ja, jb] = [await json(a), await json(b)]
    expect(Object.keys(ja)).toEqual(Object.keys(jb))
    expect([...a.headers.keys()].sort()).toEqual([...b.headers.keys()].sort())
    // Sent without log-in, the registered address's inquiry is not put in its owner's history.
    expect((await rowsOf(h, email))[0].accountId).toBeNull()
  })

  it('answers a known insurer name exactly as an unknown one, and notes the insurer silently', async () => {
    const h = await harness()
    await seedDemo(h.deps)
    const [known, unknown] = [uniqueEmail('inq-known'), uniqueEmail('inq-unknown')]
    // Full-width letters and spaces fold away (NFKC, spaces removed): still the demo insurer.
    const a = await send(h, known, { insurerName: 'デモ　健康保険組合 ' })
    const b = await send(h, unknown, {
      insurerName: 'どこかの健康保険組合',
      nameKana: 'ダレカ　サン',
    })
    expect(a.status).toBe(201)
    expect(b.status).toBe(201)
    const [ja, jb] = [await json(a), await json(b)]
    expect(Object.keys(ja)).toEqual(Object.keys(jb))
    expect([...a.headers.keys()].sort()).toEqual([...b.headers.keys()].sort())
    expect(h.lastMailTo(known)!.text.replace(ja.receiptNo, 'N')).toBe(
      h.lastMailTo(unknown)!.text.replace(jb.receiptNo, 'N').replace(unknown, known),
    )
    expect((await rowsOf(h, known))[0].insurerId).toBe('demo-insurer')
    expect((await rowsOf(h, unknown))[0].insurerId).toBeNull()
  })

  it('allows 5 an hour per address, then again after the hour', async () => {
    const h = await harness()
    const email = uniqueEmail('inq-5')
    for (let i = 0; i < 5; i++) expect((await send(h, email)).status).toBe(201)
    const sixth = await send(h, email)
    expect(sixth.status).toBe(429)
    expect((await json(sixth)).error.code).toBe('inquiry_limit')
    // Matched without regard to case: the same address.
    expect((await send(h, email.toUpperCase().replace('@EXAMPLE.JP', '@example.jp'))).status).toBe(
      429,
    )
    h.advance(60 * 60_000 + 1)
    expect((await send(h, email)).status).toBe(201)
  })

  it('50 at once from one address: exactly 5 stored (decided by the statement that stores it)', async () => {
    const h = makeHarness(await testDb())
    const email = uniqueEmail('inq-race')
    const tally = await atOnce(50, () => send(h, email))
    expect(tally).toEqual({ '201': 5, '429 inquiry_limit': 45 })
    expect(await rowsOf(h, email)).toHaveLength(5)
  })

  it('50 at once from one IP with 50 addresses: exactly 5 stored', async () => {
    const h = makeHarness(await testDb())
    const emails = Array.from({ length: 50 }, () => uniqueEmail('inq-ip'))
    const tally = await atOnce(50, (i) => send(h, emails[i]))
    expect(tally).toEqual({ '201': 5, '429 inquiry_limit': 45 })
    let stored = 0
    for (const email of emails) stored += (await rowsOf(h, email)).length
    expect(stored).toBe(5)
  })
})

describe('お問い合わせ履歴 (GET /api/inquiries)', () => {
  it('needs a log-in', async () => {
    const h = await harness()
    expect((await h.get('/api/inquiries')).status).toBe(401)
  })

  it('fills in the linked member, and lists only their own inquiries with status', async () => {
    const { h, cookie } = await setupDemoMember()
    const first = await json(await h.get('/api/inquiries', { cookie }))
    expect(first.prefill).toEqual({
      email: 'demo@kenshin.example',
      nameKana: 'ケンコウ　タロウ',
      birthDate: '1962-01-10',
      insurerName: 'デモ健康保険組合',
    })
    const before = first.inquiries.length
    const mine = await json(await send(h, 'demo@kenshin.example', { type: 'viewing_code' }, cookie))
    // Someone else's inquiry, and one sent by the demo address without log-in, are not listed.
    await send(h, uniqueEmail('inq-other'))
    h.advance(1000)
    const list = await json(await h.get('/api/inquiries', { cookie }))
    expect(list.inquiries).toHaveLength(before + 1)
    expect(list.inquiries[0]).toEqual({
      receiptNo: mine.receiptNo,
      type: 'viewing_code',
      status: 'new',
      createdAt: mine.receivedAt,
      updatedAt: mine.receivedAt,
      replies: [],
    })
    // Never the text or the other fields.
    expect(JSON.stringify(list)).not.toContain('秘密の本文')
  })

  it('gives an unlinked member the address only', async () => {
    const h = await harness()
    const { email, cookie } = await signUpAndVerify(h)
    const { prefill, inquiries: list } = await json(await h.get('/api/inquiries', { cookie }))
    expect(prefill).toEqual({ email, nameKana: '', birthDate: '', insurerName: '' })
    expect(list).toEqual([])
  })
})
