import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { devOutbox, insurers, shardMap, viewingCodes } from '../../db/schema'
import { TURNSTILE_TEST_KEYS } from '../config'
import { SECOND_INSURER } from '../dev/seed'
import { captcha, harness, insurerDb, json, PRODUCTION_ENV } from '../test/harness'

const siteverify = async (secret: string, response: string) =>
  json(await (await harness()).post('/dev/turnstile/siteverify', { secret, response }))

describe('the development routes (/dev/…)', () => {
  it('the Turnstile stand-in passes a token with the pass secret and echoes its action', async () => {
    expect(await siteverify(TURNSTILE_TEST_KEYS.secretPass, captcha('login'))).toMatchObject({
      success: true,
      'error-codes': [],
      action: 'login',
    })
  })

  it('the Turnstile stand-in fails a missing token, and the fail and spent secrets, as Turnstile does', async () => {
    expect(await siteverify(TURNSTILE_TEST_KEYS.secretPass, '')).toMatchObject({
      success: false,
      'error-codes': ['missing-input-response'],
    })
    expect(await siteverify(TURNSTILE_TEST_KEYS.secretFail, captcha('login'))).toMatchObject({
      success: false,
      'error-codes': ['invalid-input-response'],
    })
    expect(await siteverify(TURNSTILE_TEST_KEYS.secretSpent, captcha('login'))).toMatchObject({
      success: false,
      'error-codes': ['timeout-or-duplicate'],
    })
  })

  it('the outbox lists the mail sent and escapes it in its page', async () => {
    const h = await harness()
    const to = `outbox-${Date.now()}@example.jp`
    await h.deps.db.insert(devOutbox).values({
      to,
      subject: '<script>alert(1)</script>',
      text: 'hello',
      html: '<p>hello</p>',
      sentAt: h.deps.now(),
    })
    const listed = (await json(await h.get('/dev/mail.json'))) as { to: string }[]
    expect(listed.some((m) => m.to === to)).toBe(true)
    const page = await (await h.get('/dev/mail')).text()
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page).not.toContain('<script>alert(1)')
  })

  it('exist only in development: production answers 404 to each', async () => {
    const h = await harness(PRODUCTION_ENV)
    for (const path of ['/dev/mail.json', '/dev/mail', '/dev/turnstile/api.js'])
      expect((await h.get(path)).status, path).toBe(404)
    for (const path of ['/dev/seed', '/dev/clock', '/dev/risk/reset', '/dev/turnstile/siteverify'])
      expect((await h.post(path, {})).status, path).toBe(404)
  })

  it("the seed with `second` (npm start's): the second insurer in the second database, its postcard's code there", async () => {
    const h = await harness()
    const res = await h.post('/dev/seed', {
      viewingCodes: [{ personKey: 'D0000', code: 'VT7Y-2YTE-BHJ9' }],
      second: { viewingCodes: [{ personKey: 'S0000', code: 'F2DR-MDZH-ADBJ' }] },
    })
    expect(res.status).toBe(200)
    expect(Object.keys(((await json(res)) as { tokens: object }).tokens).sort()).toEqual([
      'admin',
      'operator',
    ])
    const [insurer] = await h.deps.db
      .select()
      .from(insurers)
      .where(eq(insurers.id, SECOND_INSURER.id))
    expect(insurer).toMatchObject({ number: '06139471', maintenance: false })
    const [place] = await h.deps.db
      .select()
      .from(shardMap)
      .where(eq(shardMap.insurerId, SECOND_INSURER.id))
    expect(place.database).toBe('second')
    const codes = await (
      await insurerDb(h.deps.db, SECOND_INSURER.id)
    )
      .select({ personKey: viewingCodes.personKey })
      .from(viewingCodes)
      .where(eq(viewingCodes.insurerId, SECOND_INSURER.id))
    expect(codes).toEqual([{ personKey: 'S0000' }])
    // The notices job runs from here too (npm start calls it every 30 s).
    const job = (await json(await h.post('/dev/jobs/notices', {}))) as { failures: number }
    expect(job.failures).toBe(0)
  })
})
