import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import {
  accounts,
  memberLinks,
  noticeOutbox,
  noticePending,
  notices,
  shardMap,
} from '../../db/schema'
import type { Database } from '../../db/open'
import {
  insurerDb,
  makeHarness,
  openTestDb,
  placeTestInsurer,
  testDb,
  type Harness,
} from '../test/harness'
import { CLAIM_TIMEOUT_MS, flagNotices, noticeIdOf, processNotices } from './notices'
import { newId } from './tokens'

/**
 * The notices job across databases (docs/scale.md, "notices"): outbox and links in the insurer's
 * database, notices in the directory, the flag between them. Each test has insurers of its own (in
 * workerd the databases are shared by the file's tests), and checks its own members only.
 */

const uid = () => crypto.randomUUID().slice(0, 8)

/** A new insurer placed in one of the test databases. */
async function newInsurer(db: Database, shard: 'demo' | 'second' = 'second') {
  const id = `ins-${uid()}`
  await placeTestInsurer(db, id, shard)
  return id
}

type LinkState = 'linked' | 'pending' | 'unlinking'

/** A member account pointing at the insurer, linked to `personKey` in the insurer's database. */
async function member(
  h: Harness,
  insurerId: string,
  personKey: string,
  options: { state?: LinkState; withdrawing?: boolean; mail?: boolean } = {},
) {
  const id = newId(h.deps.randomBytes)
  const email = `n${uid()}@example.jp`
  await h.deps.db.insert(accounts).values({
    id,
    email,
    emailKey: email,
    passwordHash: 'x',
    createdAt: 0,
    updatedAt: 0,
    passwordChangedAt: 0,
    notifyMail: options.mail ?? true,
    insurerId,
    linkState: options.state ?? 'linked',
    linkChangedAt: 0,
    withdrawingAt: options.withdrawing ? 1 : null,
  })
  await (
    await insurerDb(h.deps.db, insurerId)
  )
    .insert(memberLinks)
    .values({ accountId: id, insurerId, personKey, linkedAt: 0 })
  return { id, email, personKey }
}

/** Outbox rows as the import's batch writes them (in `db`: the database of those checkups). */
async function outbox(h: Harness, db: Database, insurerId: string, personKeys: string[]) {
  await db.insert(noticeOutbox).values(
    personKeys.map((personKey) => ({
      insurerId,
      personKey,
      kind: 'results' as const,
      ref: '2026-06-10',
      createdAt: h.deps.now(),
    })),
  )
}

const noticesOf = (h: Harness, accountIds: string[]) =>
  h.deps.db.select().from(notices).where(inArray(notices.accountId, accountIds))

const mailsTo = (h: Harness, emails: string[]) => h.mails.filter((m) => emails.includes(m.to))

const outboxOf = async (db: Database, insurerId: string) =>
  db.select().from(noticeOutbox).where(eq(noticeOutbox.insurerId, insurerId))

const flagOf = async (h: Harness, insurerId: string) =>
  h.deps.db.select().from(noticePending).where(eq(noticePending.insurerId, insurerId))

describe('the notices job: flags, drains, deterministic notices', () => {
  it('a flagged insurer is drained: a notice and a mail per linked person, the outbox and the flag gone', async () => {
    const h = makeHarness(await testDb())
    const insurer = await newInsurer(h.deps.db)
    const ins = await insurerDb(h.deps.db, insurer)
    const [a, b] = [await member(h, insurer, 'P1'), await member(h, insurer, 'P2', { mail: false })]
    await outbox(h, ins, insurer, ['P1', 'P2', 'P3'])
    await flagNotices(h.deps, insurer)
    await flagNotices(h.deps, insurer) // a second import's flag: still one row
    expect(await flagOf(h, insurer)).toHaveLength(1)

    const report = await processNotices(h.deps, { sweep: 0 })
    expect(report.flags).toBeGreaterThanOrEqual(1)
    const made = await noticesOf(h, [a.id, b.id])
    expect(made.map((n) => [n.accountId, n.kind, n.link]).sort()).toEqual(
      [
        [a.id, 'results', '/checkups/2026-06-10'],
        [b.id, 'results', '/checkups/2026-06-10'],
      ].sort(),
    )
    // The notice's id is the outbox row's own: the same row can never make a second one.
    expect(mailsTo(h, [a.email, b.email]).map((m) => m.to)).toEqual([a.email])
    expect(await outboxOf(ins, insurer)).toEqual([])
    expect(await flagOf(h, insurer)).toEqual([])
    expect(report.queries).toBeLessThanOrEqual(400)
  })

  it('stopped between the notices and the outbox delete: run again, no second notice and no second mail', async () => {
    const t = await openTestDb({
      // The outbox delete fails, as if the run stopped right after writing the notices.
      rewrite: (q) =>
        q.replace(/^delete from "notice_outbox"/i, 'delete from "notice_outbox_gone"'),
    })
    const h = makeHarness(t.db)
    const insurer = await newInsurer(t.plain, 'demo')
    const ins = await insurerDb(t.plain, insurer)
    const m = await member(h, insurer, 'P1')
    await outbox(h, ins, insurer, ['P1'])
    await flagNotices(h.deps, insurer)

    const first = await processNotices(h.deps, { sweep: 0 })
    expect(first.failures).toBeGreaterThanOrEqual(1)
    expect(await noticesOf(h, [m.id])).toHaveLength(1)
    expect(mailsTo(h, [m.email])).toHaveLength(1)
    // The rows stay, claimed; the flag is back, due when the claim has expired.
    const [row] = await outboxOf(ins, insurer)
    expect(row.claimedAt).toBe(h.deps.now())
    expect((await flagOf(h, insurer))[0].since).toBeGreaterThan(h.deps.now() + CLAIM_TIMEOUT_MS)

    // The database works again (the same databases, as they are); the same clock and mailbox.
    const again: Harness = {
      ...h,
      deps: { ...h.deps, db: t.plain, dbFor: t.plainDatabases.dbFor, databases: t.plainDatabases },
    }
    const early = await processNotices(again.deps)
    expect(early.notices).toBe(0)
    expect(await outboxOf(ins, insurer)).toHaveLength(1)
    h.advance(CLAIM_TIMEOUT_MS + 2)
    const later = await processNotices(again.deps, { sweep: 0 })
    expect(later.flags).toBeGreaterThanOrEqual(1)
    expect(await noticesOf(h, [m.id])).toHaveLength(1)
    expect(mailsTo(h, [m.email])).toHaveLength(1)
    expect(await outboxOf(ins, insurer)).toEqual([])
    expect(await flagOf(h, insurer)).toEqual([])
  })

  it('50 runs at once: each notice once, each mail once', async () => {
    const h = makeHarness(await testDb())
    const insurers = [await newInsurer(h.deps.db, 'demo'), await newInsurer(h.deps.db, 'second')]
    const members = []
    for (const insurer of insurers) {
      const keys = Array.from({ length: 12 }, (_, i) => `P${i}`)
      for (const k of keys) members.push(await member(h, insurer, k))
      await outbox(h, await insurerDb(h.deps.db, insurer), insurer, keys)
      await flagNotices(h.deps, insurer)
    }
    const reports = await Promise.all(
      Array.from({ length: 50 }, () => processNotices(h.deps, { batch: 5 })),
    )
    const made = await noticesOf(
      h,
      members.map((m) => m.id),
    )
    expect(made).toHaveLength(members.length)
    expect(new Set(made.map((n) => n.accountId)).size).toBe(members.length)
    expect(
      mailsTo(
        h,
        members.map((m) => m.email),
      )
        .map((m) => m.to)
        .sort(),
    ).toEqual(members.map((m) => m.email).sort())
    expect(reports.every((r) => r.failures === 0)).toBe(true)
    for (const insurer of insurers)
      expect(await outboxOf(await insurerDb(h.deps.db, insurer), insurer)).toEqual([])
  })

  it('the same rows claimed twice (a run that died, its claims expired) make no second notice', async () => {
    const h = makeHarness(await testDb())
    const insurer = await newInsurer(h.deps.db)
    const ins = await insurerDb(h.deps.db, insurer)
    const m = await member(h, insurer, 'P1')
    await outbox(h, ins, insurer, ['P1'])
    const [row] = await outboxOf(ins, insurer)
    // A run made the notice, then died before deleting the row; its claim has expired.
    await h.deps.db.insert(notices).values({
      id: await noticeIdOf('second', row),
      accountId: m.id,
      kind: 'results',
      link: '/checkups/2026-06-10',
      createdAt: 0,
    })
    await ins
      .update(noticeOutbox)
      .set({ claimedAt: h.deps.now() - CLAIM_TIMEOUT_MS - 1 })
      .where(eq(noticeOutbox.id, row.id))
    await flagNotices(h.deps, insurer)
    await Promise.all(Array.from({ length: 50 }, () => processNotices(h.deps)))
    expect(await noticesOf(h, [m.id])).toHaveLength(1)
    expect(mailsTo(h, [m.email])).toEqual([])
    expect(await outboxOf(ins, insurer)).toEqual([])
  })

  it('a lost flag (an import stopped before flagging): the sweep finds the rows', async () => {
    const h = makeHarness(await testDb())
    const insurer = await newInsurer(h.deps.db, 'demo')
    const ins = await insurerDb(h.deps.db, insurer)
    const m = await member(h, insurer, 'P7')
    await outbox(h, ins, insurer, ['P7'])
    const flagsOnly = await processNotices(h.deps, { sweep: 0 })
    expect(flagsOnly.swept).toBe(0)
    expect(await noticesOf(h, [m.id])).toEqual([])

    const swept = await processNotices(h.deps)
    // Two test databases, fewer than a slice: both visited every run.
    expect(swept.swept).toBe(2)
    expect(await noticesOf(h, [m.id])).toHaveLength(1)
    expect(mailsTo(h, [m.email])).toHaveLength(1)
    expect(await outboxOf(ins, insurer)).toEqual([])
  })

  it('the sweep visits a slice of the databases a minute, and all of them within the slices', async () => {
    const h = makeHarness(await testDb())
    const seen = new Set<number>()
    for (let minute = 0; minute < 2; minute++) {
      const r = await processNotices(h.deps, { sweep: 1 })
      expect(r.swept).toBe(1)
      seen.add(Math.floor(h.deps.now() / 60_000) % 2)
      h.advance(60_000)
    }
    expect(seen.size).toBe(2)
  })

  it('no notice for an account unlinking, withdrawing, or pointing at another insurer; the rows are done', async () => {
    const h = makeHarness(await testDb())
    const insurer = await newInsurer(h.deps.db)
    const other = await newInsurer(h.deps.db)
    const ins = await insurerDb(h.deps.db, insurer)
    const linked = await member(h, insurer, 'P1')
    const pending = await member(h, insurer, 'P2', { state: 'pending' })
    const unlinking = await member(h, insurer, 'P3', { state: 'unlinking' })
    const withdrawing = await member(h, insurer, 'P4', { withdrawing: true })
    const moved = await member(h, insurer, 'P5')
    await h.deps.db.update(accounts).set({ insurerId: other }).where(eq(accounts.id, moved.id))
    // A link whose account is gone from the directory (D1 would refuse its notice).
    await ins
      .insert(memberLinks)
      .values({ accountId: `gone-${uid()}`, insurerId: insurer, personKey: 'P6', linkedAt: 0 })
    await outbox(h, ins, insurer, ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'])
    await flagNotices(h.deps, insurer)
    const report = await processNotices(h.deps, { sweep: 0 })
    expect(report.failures).toBe(0)
    const made = await noticesOf(
      h,
      [linked, pending, unlinking, withdrawing, moved].map((m) => m.id),
    )
    // A pending pointer with its link in place is a link being finished (card link step 3).
    expect(made.map((n) => n.accountId).sort()).toEqual([linked.id, pending.id].sort())
    expect(await outboxOf(ins, insurer)).toEqual([])
  })

  it('an insurer split by fiscal years: the outbox of each range drained, the links read from its home', async () => {
    const h = makeHarness(await testDb())
    const insurer = `ins-${uid()}`
    await h.deps.db.insert(shardMap).values([
      { insurerId: insurer, fromFy: 0, toFy: 2024, database: 'demo', updatedAt: 0 },
      { insurerId: insurer, fromFy: 2025, toFy: null, database: 'second', updatedAt: 0 },
    ])
    h.deps.databases.refresh()
    const m = await member(h, insurer, 'P1')
    const recent = await h.deps.dbFor(insurer, 2026)
    await outbox(h, recent, insurer, ['P1'])
    await flagNotices(h.deps, insurer)
    await processNotices(h.deps, { sweep: 0 })
    expect((await noticesOf(h, [m.id])).map((n) => n.link)).toEqual(['/checkups/2026-06-10'])
    expect(await outboxOf(recent, insurer)).toEqual([])
  })

  it("rows of an insurer in a database its map does not name (a move's old copy) are left alone", async () => {
    const h = makeHarness(await testDb())
    const insurer = await newInsurer(h.deps.db, 'demo')
    const m = await member(h, insurer, 'P1')
    const [stray] = (await h.deps.databases.shards()).filter((s) => s.name === 'second')
    await outbox(h, stray.db, insurer, ['P1'])
    const report = await processNotices(h.deps)
    expect(report.failures).toBe(0)
    expect(await noticesOf(h, [m.id])).toEqual([])
    expect(await outboxOf(stray.db, insurer)).toHaveLength(1)
  })

  it('the budget: a run stops short, flags what it left, and the next runs finish', async () => {
    const h = makeHarness(await testDb())
    const insurer = await newInsurer(h.deps.db)
    const ins = await insurerDb(h.deps.db, insurer)
    const keys = Array.from({ length: 7 }, (_, i) => `P${i}`)
    const members = []
    for (const k of keys) members.push(await member(h, insurer, k))
    await outbox(h, ins, insurer, keys)
    await flagNotices(h.deps, insurer)
    const first = await processNotices(h.deps, { batch: 3, claims: 1, sweep: 0 })
    expect(first.claimed).toBe(3)
    expect(await flagOf(h, insurer)).toHaveLength(1)
    let runs = 1
    while ((await outboxOf(ins, insurer)).length && runs < 10) {
      await processNotices(h.deps, { batch: 3, claims: 1, sweep: 0 })
      runs++
    }
    expect(runs).toBe(3)
    expect(
      await noticesOf(
        h,
        members.map((m) => m.id),
      ),
    ).toHaveLength(7)
    const tight = await processNotices(h.deps, { queries: 20 })
    expect(tight.queries).toBeLessThanOrEqual(20)
  })
})
