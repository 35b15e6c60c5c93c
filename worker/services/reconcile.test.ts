/**
 * Operations across the directory and an insurer's database, stopped half-way (issue 14): a card
 * link, an unlink (re-link) and a withdrawal, each a sequence of idempotent steps. A stop is played by
 * running the first steps' functions alone; then the member's retry, or reconcileLinks after 10
 * minutes, must end in a consistent state: the pointer and the insurer's rows agree.
 */
import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { insurerCheckDigit } from '../../core/card'
import { accounts, auditLog, healthAccess, insurers, memberLinks, sessions } from '../../db/schema'
import {
  APP,
  DEMO_ACCOUNT,
  DEMO_INSURER,
  insurerDb,
  json,
  login,
  makeHarness,
  placeTestInsurer,
  rosterRow,
  ROSTER_HEADER,
  seedDemo,
  signUpAndVerify,
  testDb,
  uniqueEmail,
  PASSWORD,
  type Harness,
} from '../test/harness'
import { importDemoRoster, passStepUp, setupDemoMember } from '../test/demo-member'
import { claimPointer, writeLink } from './card'
import { reconcileLinks, RECONCILE_AFTER_MS } from './reconcile'
import { importRosterBatch } from './roster'
import { unlinkInInsurer, unlinkMember } from './unlink'
import { beginWithdrawal } from './withdrawal'

/** サトウ ケンジ (D0020) of the demo roster, as the member types the card. */
const demoCard = {
  nameKana: 'サトウ　ケンジ',
  birthDate: '1968-03-12',
  insurerNumber: DEMO_INSURER.number,
  symbol: '1202',
  number: '102',
  branch: '00',
}

async function setup() {
  const h = makeHarness(await testDb())
  await (await insurerDb(h.deps.db, DEMO_INSURER.id).catch(() => null))?.delete(memberLinks)
  await seedDemo(h.deps)
  await importDemoRoster(h.deps)
  return h
}

/** A verified member (an installed-app session) and their account id. */
async function member(h: Harness) {
  const { email, cookie } = await signUpAndVerify(h, uniqueEmail('half'), APP)
  const [row] = await h.deps.db.select().from(accounts).where(eq(accounts.emailKey, email))
  return { email, cookie, id: row.id }
}

const pointer = async (h: Harness, id: string) =>
  (
    await h.deps.db
      .select({ insurerId: accounts.insurerId, linkState: accounts.linkState })
      .from(accounts)
      .where(eq(accounts.id, id))
  )[0]

/** The account's links in every insurer database. */
async function linksOf(h: Harness, id: string) {
  const all = await Promise.all(
    (await h.deps.databases.shards()).map((s) =>
      s.db.select().from(memberLinks).where(eq(memberLinks.accountId, id)),
    ),
  )
  return all.flat()
}

/**
 * Another insurer, in the `second` database (the maintenance insurer's), with one person on its
 * roster: a new card for a re-link, or a second person for concurrent checks.
 */
async function otherInsurer(h: Harness) {
  const body = String(Math.floor(Math.random() * 9_000_000) + 1_000_000)
  const number = `${body}${insurerCheckDigit(body)}`
  const insurer = { id: `t-${number}`, number }
  const now = h.deps.now()
  await h.deps.db
    .insert(insurers)
    .values({ id: insurer.id, number, name: '第二健康保険組合', createdAt: now, updatedAt: now })
  await placeTestInsurer(h.deps.db, insurer.id, 'second')
  const db = await insurerDb(h.deps.db, insurer.id)
  const row = rosterRow(2, {
    key: 'P1',
    insurer: number,
    symbol: '77',
    number: '7',
    kana: 'ニシ　ハナコ',
    birth: '1980-02-02',
    validFrom: '2010-04-01',
  })
  expect(
    (await importRosterBatch({ ...h.deps, db }, insurer, ROSTER_HEADER, [row], 'ja')).rejected,
  ).toEqual([])
  const card = {
    nameKana: 'ニシ　ハナコ',
    birthDate: '1980-02-02',
    insurerNumber: number,
    symbol: '77',
    number: '7',
  }
  return { ...insurer, db, card }
}

const later = (h: Harness) => h.advance(RECONCILE_AFTER_MS + 1)

describe('card link stopped half-way', () => {
  it('after step 1 (pointer claimed, no link): reads see no link; the retry links', async () => {
    const h = await setup()
    const m = await member(h)
    expect(await claimPointer(h.deps, m.id, DEMO_INSURER.id, h.deps.now())).toEqual({
      claimed: true,
    })
    expect((await json(await h.get('/api/me', { cookie: m.cookie }))).member.linked).toBe(false)
    expect((await h.get('/api/checkups/access', { cookie: m.cookie })).status).toBe(409)
    expect((await h.post('/api/card/link', demoCard, { cookie: m.cookie })).status).toBe(200)
    expect(await pointer(h, m.id)).toEqual({ insurerId: DEMO_INSURER.id, linkState: 'linked' })
    expect(await linksOf(h, m.id)).toHaveLength(1)
  })

  it('after step 1: reconcile frees the pointer after 10 minutes, not before; then a link works', async () => {
    const h = await setup()
    const m = await member(h)
    await claimPointer(h.deps, m.id, DEMO_INSURER.id, h.deps.now())
    expect((await reconcileLinks(h.deps)).cleared).toBe(0)
    expect(await pointer(h, m.id)).toEqual({ insurerId: DEMO_INSURER.id, linkState: 'pending' })
    later(h)
    await reconcileLinks(h.deps)
    expect(await pointer(h, m.id)).toEqual({ insurerId: null, linkState: null })
    await reconcileLinks(h.deps)
    expect(await pointer(h, m.id)).toEqual({ insurerId: null, linkState: null })
    expect((await h.post('/api/card/link', demoCard, { cookie: m.cookie })).status).toBe(200)
  })

  it('after step 2 (link written, pointer pending): reads wait; the retry or reconcile confirm it', async () => {
    const h = await setup()
    const demo = await insurerDb(h.deps.db, DEMO_INSURER.id)
    const stop = async () => {
      const m = await member(h)
      await claimPointer(h.deps, m.id, DEMO_INSURER.id, h.deps.now())
      return m
    }
    // The retry.
    const a = await stop()
    expect(await writeLink(demo, a.id, { insurerId: DEMO_INSURER.id, personKey: 'D0020' }, 0)).toBe(
      'linked',
    )
    expect((await json(await h.get('/api/me', { cookie: a.cookie }))).member.linked).toBe(false)
    expect((await h.post('/api/card/link', demoCard, { cookie: a.cookie })).status).toBe(200)
    expect(await pointer(h, a.id)).toEqual({ insurerId: DEMO_INSURER.id, linkState: 'linked' })
    expect((await json(await h.get('/api/me', { cookie: a.cookie }))).member).toMatchObject({
      linked: true,
      name: 'サトウ　ケンジ',
    })
    // Reconcile (another person: D0020 is a's now).
    await demo.delete(memberLinks).where(eq(memberLinks.accountId, a.id))
    const b = await stop()
    await writeLink(demo, b.id, { insurerId: DEMO_INSURER.id, personKey: 'D0020' }, 0)
    later(h)
    expect((await reconcileLinks(h.deps)).linked).toBeGreaterThanOrEqual(1)
    expect(await pointer(h, b.id)).toEqual({ insurerId: DEMO_INSURER.id, linkState: 'linked' })
    expect((await json(await h.get('/api/me', { cookie: b.cookie }))).member.linked).toBe(true)
    expect((await reconcileLinks(h.deps)).linked).toBe(0)
  })

  it('a person linked to another account frees the pointer (card_already_linked)', async () => {
    const h = await setup()
    const a = await member(h)
    const b = await member(h)
    expect((await h.post('/api/card/link', demoCard, { cookie: a.cookie })).status).toBe(200)
    const res = await h.post('/api/card/link', demoCard, { cookie: b.cookie })
    expect((await json(res)).error.code).toBe('card_already_linked')
    expect(await pointer(h, b.id)).toEqual({ insurerId: null, linkState: null })
    expect(await linksOf(h, b.id)).toHaveLength(0)
  })

  it('50 checks at once by one account for two persons of two databases: one link, the pointer on it', async () => {
    const h = await setup()
    const other = await otherInsurer(h)
    const m = await member(h)
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.post('/api/card/link', i % 2 ? demoCard : other.card, { cookie: m.cookie }),
      ),
    )
    const statuses = answers.map((r) => r.status)
    expect(statuses.every((s) => [200, 409, 429].includes(s))).toBe(true)
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1)
    const links = await linksOf(h, m.id)
    expect(links).toHaveLength(1)
    expect(await pointer(h, m.id)).toEqual({ insurerId: links[0].insurerId, linkState: 'linked' })
    const me = (await json(await h.get('/api/me', { cookie: m.cookie }))).member
    expect(me.linked).toBe(true)
    expect(me.insurer.number).toBe(
      links[0].insurerId === DEMO_INSURER.id ? DEMO_INSURER.number : other.number,
    )
  })
})

describe('re-link: unlinkMember, then a new card', () => {
  it('unlinks (links, step-up row and every session’s step-up gone, audited), then links another insurer’s card', async () => {
    const s = await setupDemoMember()
    await passStepUp(s)
    expect((await s.h.get('/api/checkups', { cookie: s.cookie })).status).toBe(200)
    const [{ id }] = await s.h.deps.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.emailKey, DEMO_ACCOUNT.email))
    const demo = await insurerDb(s.h.deps.db, DEMO_INSURER.id)
    expect(
      await unlinkMember(s.h.deps, { accountId: id, staff: { id: 'dev-support' }, reason: '依頼' }),
    ).toEqual({ unlinked: true, insurerId: DEMO_INSURER.id })
    expect(await pointer(s.h, id)).toEqual({ insurerId: null, linkState: null })
    expect(await demo.select().from(memberLinks).where(eq(memberLinks.accountId, id))).toEqual([])
    expect(await demo.select().from(healthAccess).where(eq(healthAccess.accountId, id))).toEqual([])
    const live = await s.h.deps.db.select().from(sessions).where(eq(sessions.accountId, id))
    expect(live.every((r) => r.stepUpAt === null)).toBe(true)
    const [row] = await s.h.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, id), eq(auditLog.action, 'member.unlinked')))
    expect(row).toMatchObject({ actorType: 'staff', insurerId: DEMO_INSURER.id })
    expect((await s.h.get('/api/checkups', { cookie: s.cookie })).status).toBe(409)
    // Nothing to undo a second time.
    expect(await unlinkMember(s.h.deps, { accountId: id })).toEqual({
      unlinked: false,
      insurerId: null,
    })
    const other = await otherInsurer(s.h)
    expect((await s.h.post('/api/card/link', other.card, { cookie: s.cookie })).status).toBe(200)
    expect(await pointer(s.h, id)).toEqual({ insurerId: other.id, linkState: 'linked' })
    expect((await json(await s.h.get('/api/me', { cookie: s.cookie }))).member).toMatchObject({
      linked: true,
      name: 'ニシ　ハナコ',
      insurer: { number: other.number },
    })
    // The new insurer's step-up starts at STEP1; the old one's data is not reachable.
    expect((await json(await s.h.get('/api/checkups/access', { cookie: s.cookie }))).state).toBe(
      'code',
    )
  })

  it('50 unlinks at once: one unlinks and writes the audit row, none fails, the pointer ends free', async () => {
    const h = await setup()
    const m = await member(h)
    expect((await h.post('/api/card/link', demoCard, { cookie: m.cookie })).status).toBe(200)
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        unlinkMember(h.deps, { accountId: m.id, staff: { id: 'dev-support' }, reason: 'x' }),
      ),
    )
    expect(answers.filter((a) => a.unlinked)).toHaveLength(1)
    const rows = await h.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, m.id), eq(auditLog.action, 'member.unlinked')))
    expect(rows).toHaveLength(1)
    expect(await pointer(h, m.id)).toEqual({ insurerId: null, linkState: null })
    expect(await linksOf(h, m.id)).toEqual([])
  })

  it('stopped after step 1 (unlinking): reads see no link; a new card finishes the unlink first', async () => {
    const h = await setup()
    const m = await member(h)
    expect((await h.post('/api/card/link', demoCard, { cookie: m.cookie })).status).toBe(200)
    await h.deps.db.update(accounts).set({ linkState: 'unlinking' }).where(eq(accounts.id, m.id))
    expect((await json(await h.get('/api/me', { cookie: m.cookie }))).member.linked).toBe(false)
    const other = await otherInsurer(h)
    expect((await h.post('/api/card/link', other.card, { cookie: m.cookie })).status).toBe(200)
    const links = await linksOf(h, m.id)
    expect(links.map((l) => l.insurerId)).toEqual([other.id])
    expect(await pointer(h, m.id)).toEqual({ insurerId: other.id, linkState: 'linked' })
  })

  it('stopped after step 1 or 2: reconcile finishes it after 10 minutes', async () => {
    const h = await setup()
    const a = await member(h)
    expect((await h.post('/api/card/link', demoCard, { cookie: a.cookie })).status).toBe(200)
    await h.deps.db
      .update(accounts)
      .set({ linkState: 'unlinking', linkChangedAt: h.deps.now() })
      .where(eq(accounts.id, a.id))
    // Step 2 done too for this one.
    await unlinkInInsurer(h.deps, a.id, DEMO_INSURER.id)
    expect((await reconcileLinks(h.deps)).unlinked).toBe(0)
    later(h)
    expect((await reconcileLinks(h.deps)).unlinked).toBeGreaterThanOrEqual(1)
    expect(await pointer(h, a.id)).toEqual({ insurerId: null, linkState: null })
    expect(await linksOf(h, a.id)).toEqual([])
    // The person is free again.
    const b = await member(h)
    expect((await h.post('/api/card/link', demoCard, { cookie: b.cookie })).status).toBe(200)
  })
})

describe('withdrawal stopped half-way', () => {
  it('after step 1: no log-in; reconcile deletes the rest after 10 minutes; the address and the person are free', async () => {
    const h = await setup()
    const m = await member(h)
    expect((await h.post('/api/card/link', demoCard, { cookie: m.cookie })).status).toBe(200)
    await beginWithdrawal(h.deps, m.id, m.email, '192.0.2.1', h.deps.now())
    expect((await h.get('/api/me', { cookie: m.cookie })).status).toBe(401)
    expect((await login(h, m.email, PASSWORD)).status).toBe(401)
    expect(await linksOf(h, m.id)).toHaveLength(1)
    later(h)
    expect((await reconcileLinks(h.deps)).withdrawn).toBeGreaterThanOrEqual(1)
    expect(await h.deps.db.select().from(accounts).where(eq(accounts.id, m.id))).toEqual([])
    expect(await linksOf(h, m.id)).toEqual([])
    const rows = await h.deps.db.select().from(auditLog).where(eq(auditLog.accountId, m.id))
    expect(rows.find((r) => r.action === 'account.withdrawn')).toMatchObject({
      insurerId: DEMO_INSURER.id,
    })
    expect(JSON.stringify(rows)).not.toContain(m.email)
    const again = await member(h)
    expect((await h.post('/api/card/link', demoCard, { cookie: again.cookie })).status).toBe(200)
  })

  it('after step 2: reconcile finishes step 3', async () => {
    const h = await setup()
    const m = await member(h)
    expect((await h.post('/api/card/link', demoCard, { cookie: m.cookie })).status).toBe(200)
    await beginWithdrawal(h.deps, m.id, m.email, '192.0.2.1', h.deps.now())
    await unlinkInInsurer(h.deps, m.id, DEMO_INSURER.id)
    later(h)
    await reconcileLinks(h.deps)
    expect(await h.deps.db.select().from(accounts).where(eq(accounts.id, m.id))).toEqual([])
    expect((await reconcileLinks(h.deps)).withdrawn).toBe(0)
  })

  it('pages: at most `limit` accounts a call, `more` says so', async () => {
    const h = await setup()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const m = await member(h)
      await claimPointer(h.deps, m.id, DEMO_INSURER.id, h.deps.now())
      ids.push(m.id)
    }
    later(h)
    const first = await reconcileLinks(h.deps, { limit: 2 })
    expect(first).toMatchObject({ cleared: 2, more: true })
    // Where tests share a database (D1 in workerd), earlier tests' rows may be in the pages too.
    while ((await reconcileLinks(h.deps, { limit: 2 })).more);
    for (const id of ids) expect(await pointer(h, id)).toEqual({ insurerId: null, linkState: null })
  })
})
