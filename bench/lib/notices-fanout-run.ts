/**
 * One turn of bench/notices-fanout.mjs (under tsx): two fresh libSQL file databases, each with N roster
 * persons linked to accounts; N checkups imported in batches of 500 into both, batch by batch in turn —
 * by the import module before this branch (no outbox) and by this branch's (the outbox rows in the
 * batch); then the notices job on the second until its outbox is empty. Prints one JSON line.
 */
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { openLibsqlSet, placeInsurer } from '../../db/libsql-set'
import { accounts, insurers, memberLinks, rosterPersons } from '../../db/schema'
import { loadConfig } from '../../worker/config'
import type { Deps } from '../../worker/deps'
import { flagNotices, processNotices } from '../../worker/services/notices'

const [, , docsArg, dir] = process.argv
const N = Number(docsArg)
const BATCH = 500

type ImportModule = typeof import('../../worker/services/checkup-import')
// Written by bench/notices-fanout.mjs for the run only (so not a literal: the type check runs without it).
const BEFORE_MODULE = '../../worker/services/__bench_before_checkup-import'
const before = (await import(BEFORE_MODULE)) as ImportModule
const outbox = (await import('../../worker/services/checkup-import')) as ImportModule

const insurer = { id: 'bench-insurer' }
const key = (i: number) => `B${String(i).padStart(6, '0')}`
let mails = 0

/** A fresh libSQL file database with N roster persons, each linked to an account. */
async function database(file: string): Promise<Deps> {
  rmSync(file, { force: true })
  rmSync(`${file}.insurer`, { force: true })
  const { databases, directory: db } = await openLibsqlSet({
    directory: `file:${file}`,
    shards: { bench: `file:${file}.insurer` },
  })
  await placeInsurer(db, insurer.id, 'bench', 0)
  const shard = await databases.dbFor(insurer.id)
  const deps: Deps = {
    db,
    dbFor: databases.dbFor,
    databases,
    config: loadConfig({
      ENVIRONMENT: 'development',
      APP_ORIGIN: 'http://localhost:8787',
    } as never),
    now: () => Date.now(),
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    sleep: async () => {},
    mail: { send: async () => void mails++ },
    fetch: async () => new Response(null, { status: 201 }),
    log: () => {},
  }
  await db
    .insert(insurers)
    .values({ id: insurer.id, number: '01130012', name: 'ベンチ健保', createdAt: 0 })
  for (let i = 0; i < N; i += 200) {
    const rows = Array.from({ length: Math.min(200, N - i) }, (_, j) => i + j)
    await shard.insert(rosterPersons).values(
      rows.map((k) => ({
        insurerId: insurer.id,
        personKey: key(k),
        number: String(k),
        cardKey: `c${k}`,
        nameKana: 'ベンチ　タロウ',
        nameKey: 'ベンチタロウ',
        birthDate: '1970-01-01',
        sex: 1,
        relationship: 1,
        rowHash: `h${k}`,
        createdAt: 0,
        updatedAt: 0,
      })),
    )
    await db.insert(accounts).values(
      rows.map((k) => ({
        id: `acc-${k}`,
        email: `b${k}@example.jp`,
        emailKey: `b${k}@example.jp`,
        passwordHash: 'x',
        createdAt: 0,
        updatedAt: 0,
        passwordChangedAt: 0,
        // The directory's pointer: the job notifies accounts linked to the row's insurer only.
        insurerId: insurer.id,
        linkState: 'linked' as const,
      })),
    )
    await shard.insert(memberLinks).values(
      rows.map((k) => ({
        accountId: `acc-${k}`,
        insurerId: insurer.id,
        personKey: key(k),
        linkedAt: 0,
      })),
    )
  }
  return deps
}

/**
 * Each person's checkup: the results of the demo person D0000's 2023-05-10 checkup (19 items, the
 * shape of a real 特定健診), so the outbox's one statement is weighed against a real batch's writes.
 */
const RESULTS = readFileSync('db/seed/demo-checkups.csv', 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.startsWith('D0000,2023-05-10,'))
  .map((l, i) => {
    const [, , , code, value, unit] = l.split(',')
    return { code, type: 'raw' as const, value, ...(unit ? { unit } : {}), line: i + 2 }
  })
const doc = (k: number) => ({
  ref: key(k),
  personKey: key(k),
  examDate: '2026-06-10',
  institution: 'ベンチ健診センター',
  source: 'csv' as const,
  results: RESULTS,
})

const files = { before: join(dir, 'fanout-before.db'), outbox: join(dir, 'fanout-outbox.db') }
const dbs = { before: await database(files.before), outbox: await database(files.outbox) }
const ms = { before: 0, outbox: 0 }
// Warm-up, untimed: 20 checkups of another date into both (the first calls compile and fill caches).
const warm = Array.from({ length: 20 }, (_, k) => ({ ...doc(k), examDate: '2025-06-10' }))
await before.importCheckups(dbs.before, insurer, warm as never, 'ja')
await outbox.importCheckups(dbs.outbox, insurer, warm as never, 'ja')
// Batch by batch, in turn (the order swapped every batch): the machine's load falls on both alike.
for (let i = 0, turn = 0; i < N; i += BATCH, turn++) {
  const docs = Array.from({ length: Math.min(BATCH, N - i) }, (_, j) => doc(i + j))
  const order = turn % 2 ? (['outbox', 'before'] as const) : (['before', 'outbox'] as const)
  for (const mode of order) {
    const module = mode === 'before' ? before : outbox
    const t = performance.now()
    const r = await module.importCheckups(dbs[mode], insurer, docs as never, 'ja')
    ms[mode] += performance.now() - t
    if (r.rejected.length) throw new Error(`rejected: ${r.rejected[0].reason}`)
  }
}
let notices = 0
let runs = 0
const t1 = performance.now()
for (;;) {
  // The flag the import leaves (the job drains flagged insurers; the sweep would find them too).
  await flagNotices(dbs.outbox, insurer.id)
  const report = await processNotices(dbs.outbox)
  runs++
  notices += report.notices
  if (report.claimed === 0) break
}
const jobMs = performance.now() - t1
console.log(
  JSON.stringify({
    docs: N,
    beforeMs: ms.before,
    outboxMs: ms.outbox,
    notices,
    mails,
    jobMs,
    runs,
  }),
)
for (const f of Object.values(files)) rmSync(f, { force: true })
