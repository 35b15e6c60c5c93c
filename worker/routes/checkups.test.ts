import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import {
  accounts,
  checkups,
  insurerAuditLog,
  memberLinks,
  rosterPersons,
  sessions,
  viewingCodes,
} from '../../db/schema'
import {
  addRosterPerson,
  APP,
  captcha,
  DEMO_ACCOUNT,
  DEMO_INSURER,
  insurerDb,
  json,
  linkFrom,
  makeHarness,
  newViewingCode,
  PASSWORD,
  seedDemo,
  sessionCookie,
  signUpAndVerify,
  storeViewingCode,
  testDb,
  TG_FASTING_182,
  uniqueEmail,
} from '../test/harness'
import { DEMO_CODE, passStepUp, setupDemoMember } from '../test/demo-member'
import { issueConfirmed } from '../test/ops-data'

describe('health data: viewing code, secret question, notice, results', () => {
  it('walks STEP1 to STEP4 and then reads every year newest first, writing an audit row', async () => {
    const s = await setupDemoMember()
    expect(await s.state()).toBe('code')
    for (const path of ['/api/checkups', '/api/checkups/2026-06-10', '/api/checkups/fhir'])
      expect((await s.h.get(path, { cookie: s.cookie })).status).toBe(403)
    await s.step('/code', { code: DEMO_CODE })
    expect(await s.state()).toBe('question_setup')
    await s.step('/question', { questionId: 'birthplace', answer: 'Sapporo' })
    expect(await s.state()).toBe('notice')
    await s.step('/notice')
    expect(await s.state()).toBe('ready')
    const res = await s.h.get('/api/checkups', { cookie: s.cookie })
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    const body = await json(res)
    expect(body).toEqual({
      person: { name: 'ケンコウ　タロウ', sex: 1 },
      checkups: [
        {
          examDate: '2026-06-10',
          institution: 'デモ健診センター',
          tableVersion: 'ningen-dock-2026-04-01',
          grades: { A: 0, B: 2, C: 0, D: 0 },
        },
        {
          examDate: '2025-05-10',
          institution: 'デモ健診センター',
          tableVersion: 'ningen-dock-2026-04-01',
          grades: { A: 1, B: 0, C: 0, D: 0 },
        },
      ],
    })
    const [account] = await s.h.deps.db
      .select()
      .from(accounts)
      .where(eq(accounts.emailKey, DEMO_ACCOUNT.email))
    // The reads' audit rows are in the insurer's database, with the insurer (issue 14).
    const reads = async () =>
      (
        await (
          await insurerDb(s.h.deps.db, DEMO_INSURER.id)
        )
          .select()
          .from(insurerAuditLog)
          .where(
            and(
              eq(insurerAuditLog.action, 'health.read'),
              eq(insurerAuditLog.accountId, account.id),
              eq(insurerAuditLog.insurerId, DEMO_INSURER.id),
            ),
          )
      ).map((r) => JSON.parse(r.detail))
    expect(await reads()).toEqual([{ via: 'list' }])
    // One checkup whole, with the earlier ones for the change and the trends.
    const detail = await s.h.get('/api/checkups/2026-06-10', { cookie: s.cookie })
    expect(detail.status).toBe(200)
    expect(detail.headers.get('Cache-Control')).toBe('no-store')
    expect(detail.headers.get('Content-Type')).toContain('application/json')
    const one = await json(detail)
    expect(one.person).toEqual({ name: 'ケンコウ　タロウ', sex: 1 })
    expect(one.checkups.map((c: { examDate: string }) => c.examDate)).toEqual([
      '2026-06-10',
      '2025-05-10',
    ])
    expect(one.checkups[0].results[1]).toEqual({
      ...TG_FASTING_182,
      item: 'tg_fasting',
      grade: 'B',
    })
    expect(
      (await json(await s.h.get('/api/checkups/2025-05-10', { cookie: s.cookie }))).checkups.map(
        (c: { examDate: string }) => c.examDate,
      ),
    ).toEqual(['2025-05-10'])
    // The newest, without knowing its date (the screen asks for it beside the list); its row names it.
    const latest = await json(await s.h.get('/api/checkups/latest', { cookie: s.cookie }))
    expect(latest.checkups.map((c: { examDate: string }) => c.examDate)).toEqual([
      '2026-06-10',
      '2025-05-10',
    ])
    expect(await reads()).toEqual([
      { via: 'list' },
      { via: 'detail', examDate: '2026-06-10' },
      { via: 'detail', examDate: '2025-05-10' },
      { via: 'detail', examDate: '2026-06-10' },
    ])
    // A date without a checkup, or no date at all: 404, and no audit row (nothing was read).
    for (const date of ['2024-05-10', '2025-12-01', '2026-6-10', 'x'.repeat(300)]) {
      const missing = await s.h.get(`/api/checkups/${date}`, { cookie: s.cookie })
      expect(missing.status).toBe(404)
      expect((await json(missing)).error.code).toBe('checkup_not_found')
    }
    expect(await reads()).toHaveLength(4)
    // No session asks first, whatever the date looks like.
    expect((await s.h.get('/api/checkups/not-a-date')).status).toBe(401)
    const log = await json(await s.h.get('/api/account/access-log', { cookie: s.cookie }))
    expect(log.reads[0]).toMatchObject({ actor: 'member', action: 'health.read' })
    // Logged out, or with no session at all: 401, nothing read, no audit row.
    expect((await s.h.post('/api/logout', {}, { cookie: s.cookie })).status).toBe(204)
    for (const cookie of [s.cookie, undefined, '__Host-session=' + 'x'.repeat(200)])
      for (const path of ['/api/checkups', '/api/checkups/2026-06-10', '/api/checkups/fhir']) {
        const res = await s.h.get(path, { cookie })
        expect(res.status).toBe(401)
        expect((await json(res)).error.code).toBe('unauthenticated')
      }
    expect(await reads()).toHaveLength(4)
  })

  it('locks the viewing code at the fifth wrong try, even for the right code then', async () => {
    const s = await setupDemoMember()
    const codes: string[] = []
    for (let i = 0; i < 5; i++)
      codes.push((await json(await s.step('/code', { code: 'AAAA-BBBB-CCCC' }))).error.code)
    expect(codes).toEqual([
      'invalid_viewing_code',
      'invalid_viewing_code',
      'invalid_viewing_code',
      'invalid_viewing_code',
      'viewing_code_locked',
    ])
    expect((await s.step('/code', { code: DEMO_CODE })).status).toBe(423)
    expect(await s.state()).toBe('code_locked')
  })

  it('asks the secret question again after 24 hours, case-sensitive', async () => {
    const s = await setupDemoMember()
    await passStepUp(s)
    expect((await s.h.get('/api/checkups/2026-06-10', { cookie: s.cookie })).status).toBe(200)
    s.h.advance(24 * 3_600_000 + 1)
    expect(await s.state()).toBe('question')
    // A day later nothing is read, and no audit row is written, until the answer.
    const demoDb = await insurerDb(s.h.deps.db, DEMO_INSURER.id)
    const before = (
      await demoDb.select().from(insurerAuditLog).where(eq(insurerAuditLog.action, 'health.read'))
    ).length
    for (const path of ['/api/checkups', '/api/checkups/2026-06-10', '/api/checkups/fhir'])
      expect((await s.h.get(path, { cookie: s.cookie })).status).toBe(403)
    expect(
      await demoDb.select().from(insurerAuditLog).where(eq(insurerAuditLog.action, 'health.read')),
    ).toHaveLength(before)
    const access = await json(await s.h.get('/api/checkups/access', { cookie: s.cookie }))
    expect(access.question.ja).toBe('出身地は?')
    expect((await s.step('/answer', { answer: 'sapporo' })).status).toBe(400)
    expect((await s.step('/answer', { answer: 'Sapporo' })).status).toBe(200)
    expect(await s.state()).toBe('ready')
  })

  it('locks health data at 5 wrong answers in 24 hours, until a password reset by e-mail', async () => {
    const s = await setupDemoMember()
    await passStepUp(s)
    s.h.advance(25 * 3_600_000)
    for (let i = 0; i < 4; i++)
      expect((await s.step('/answer', { answer: `wrong-${i}` })).status).toBe(400)
    expect((await s.step('/answer', { answer: 'wrong-5' })).status).toBe(423)
    expect((await s.step('/answer', { answer: 'Sapporo' })).status).toBe(423)
    expect(await s.state()).toBe('locked')
    await s.h.post('/api/password/forgot', {
      email: DEMO_ACCOUNT.email,
      captchaToken: captcha('reset'),
    })
    const token = linkFrom(s.h.lastMailTo(DEMO_ACCOUNT.email)!, '/password/reset')
    expect(
      (await s.h.post('/api/password/reset', { token, password: 'hoshi-zora-tsuki-41' })).status,
    ).toBe(200)
    const again = sessionCookie(
      await s.h.post(
        '/api/login',
        {
          email: DEMO_ACCOUNT.email,
          password: 'hoshi-zora-tsuki-41',
          captchaToken: captcha('login'),
        },
        { headers: APP },
      ),
    )
    expect((await json(await s.h.get('/api/checkups/access', { cookie: again }))).state).toBe(
      'question',
    )
  })

  it('downloads the member’s data as a FHIR R4 Bundle', async () => {
    const s = await setupDemoMember()
    await passStepUp(s)
    const res = await s.h.get('/api/checkups/fhir', { cookie: s.cookie })
    expect(res.headers.get('Content-Type')).toContain('application/fhir+json')
    const bundle = await json(res)
    expect(bundle.resourceType).toBe('Bundle')
    const obs = bundle.entry
      .map((e: { resource: Record<string, unknown> }) => e.resource)
      .filter((r: { resourceType: string }) => r.resourceType === 'Observation')
    const sbp = obs.find((o: { code: { coding: { code: string }[] } }) =>
      o.code.coding.some((c) => c.code === '8480-6'),
    )
    expect(sbp.valueQuantity).toMatchObject({
      value: 136,
      code: 'mm[Hg]',
      system: 'http://unitsofmeasure.org',
    })
    const tg = obs.find(
      (o: { code: { coding: { code: string }[] } }) =>
        o.code.coding[0].code === '3F015000002327101',
    )
    expect(tg.interpretation[0].coding[0].code).toBe('H')
    expect(tg.referenceRange[0]).toMatchObject({ low: { value: 30 }, high: { value: 149 } })
  })

  it('issues codes to everyone without one, shows their status, and a re-issue kills the old code', async () => {
    const s = await setupDemoMember()
    // The roster may hold more than the demo's 20 where tests share a database (D1 in workerd).
    const persons = (
      await (
        await insurerDb(s.h.deps.db, DEMO_INSURER.id)
      )
        .select()
        .from(rosterPersons)
        .where(eq(rosterPersons.insurerId, DEMO_INSURER.id))
    ).length
    expect(await json(await s.ops('/codes/status'))).toMatchObject({
      issued: 1,
      used: 0,
      locked: 0,
      withoutCode: persons - 1,
    })
    const first = await issueConfirmed(s.ops, { limit: 10 })
    expect(first.issued).toHaveLength(10)
    expect(first.issued[0].code).toMatch(
      /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/,
    )
    expect(first.issued.map((i: { personKey: string }) => i.personKey)).not.toContain('D0000')
    while ((await issueConfirmed(s.ops)).issued.length > 0);
    expect(await json(await s.ops('/codes/status'))).toMatchObject({
      issued: persons,
      withoutCode: 0,
    })
    const stored = await (await insurerDb(s.h.deps.db, DEMO_INSURER.id)).select().from(viewingCodes)
    expect(stored.every((c) => c.codeHash.startsWith('$scrypt$'))).toBe(true)
    const re = await issueConfirmed(s.ops, { personKeys: ['D0000'], reissue: true })
    expect((await s.step('/code', { code: DEMO_CODE })).status).toBe(400)
    expect((await s.step('/code', { code: re.issued[0].code })).status).toBe(200)
    const run = await json(await s.ops('/codes/runs', { kind: 'reissue' }))
    expect((await s.ops('/codes/issue', { reissue: true, runId: run.run.id })).status).toBe(400)
  })

  it('refuses members without a linked card', async () => {
    const s = await setupDemoMember()
    // The link gone from the insurer's database (the pointer still says linked): no link.
    await (await insurerDb(s.h.deps.db, DEMO_INSURER.id)).delete(memberLinks)
    expect((await s.h.get('/api/checkups/access', { cookie: s.cookie })).status).toBe(409)
    expect((await s.h.get('/api/checkups', { cookie: s.cookie })).status).toBe(409)
    // The pointer not (yet) linked: no link either, whatever the insurer's database holds.
    const again = await setupDemoMember()
    for (const linkState of ['pending', 'unlinking', null] as const) {
      await again.h.deps.db
        .update(accounts)
        .set({ linkState })
        .where(eq(accounts.emailKey, DEMO_ACCOUNT.email))
      expect((await again.h.get('/api/checkups/access', { cookie: again.cookie })).status).toBe(409)
      expect((await again.h.get('/api/checkups', { cookie: again.cookie })).status).toBe(409)
    }
  })
})

describe('sessions', () => {
  it('the step-up is the session’s: a new session asks the secret question again, the first stays ready', async () => {
    const h = makeHarness(await testDb())
    await seedDemo(h.deps)
    const n = String(Math.floor(Math.random() * 9_000_000) + 1_000_000)
    await addRosterPerson(h.deps, {
      key: `S${n}`,
      symbol: '9900',
      number: n,
      kana: 'ステップ　ハナ',
      birth: '1981-01-01',
      sex: '2',
      validFrom: '2010-04-01',
    })
    const { email, cookie } = await signUpAndVerify(h, uniqueEmail('owner'))
    const [account] = await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))
    const demoDb = await insurerDb(h.deps.db, DEMO_INSURER.id)
    await h.deps.db
      .update(accounts)
      .set({ insurerId: DEMO_INSURER.id, linkState: 'linked' })
      .where(eq(accounts.id, account.id))
    await demoDb.insert(memberLinks).values({
      accountId: account.id,
      insurerId: DEMO_INSURER.id,
      personKey: `S${n}`,
      linkedAt: h.deps.now(),
    })
    await demoDb.insert(checkups).values({
      id: `c-${n}`,
      insurerId: DEMO_INSURER.id,
      personKey: `S${n}`,
      examDate: '2026-06-01',
      institution: null,
      source: 'csv',
      tableVersion: 'ningen-dock-2026-04-01',
      results: '[]',
      grades: '{"A":0,"B":0,"C":0,"D":0}',
      contentHash: n,
      createdAt: 0,
      updatedAt: 0,
    })
    const code = newViewingCode(h.deps.randomBytes)
    await storeViewingCode({ ...h.deps, db: demoDb }, DEMO_INSURER.id, `S${n}`, code)
    for (const [path, body] of [
      ['/code', { code }],
      ['/question', { questionId: 'birthplace', answer: 'Sapporo' }],
      ['/notice', {}],
    ] as const)
      expect((await h.post(`/api/checkups${path}`, body, { cookie })).status).toBe(200)
    expect((await h.get('/api/checkups', { cookie })).status).toBe(200)
    // Another device logs in (finding 7: it inherited the step-up).
    const second = sessionCookie(
      await h.post(
        '/api/login',
        { email, password: PASSWORD, captchaToken: captcha('login') },
        { elsewhere: true },
      ),
    )
    expect((await json(await h.get('/api/checkups/access', { cookie: second }))).state).toBe(
      'question',
    )
    expect((await json(await h.get('/api/checkups', { cookie: second }))).error.code).toBe(
      'step_up_required',
    )
    expect((await h.get('/api/checkups', { cookie })).status).toBe(200)
    const answeredAt = h.deps.now()
    expect(
      (await h.post('/api/checkups/answer', { answer: 'Sapporo' }, { cookie: second })).status,
    ).toBe(200)
    h.advance(10 * 60_000)
    const read = await h.get('/api/checkups', { cookie: second })
    expect(read.status).toBe(200)
    // The read says when the session passed the step-up: the offline copy's 7 days count from it.
    expect(Number(read.headers.get('X-Step-Up-At'))).toBe(answeredAt)
    const rows = await h.deps.db.select().from(sessions).where(eq(sessions.accountId, account.id))
    expect(rows.filter((r) => r.stepUpAt !== null)).toHaveLength(2)
  })
})
