/**
 * One insurer database held by a process of its own (bench/national-sim.mjs forks one per database, under
 * `node --import tsx`): a libSQL file database with the insurer stream's migrations (db/migrate.ts),
 * answering the driver's messages over the IPC channel, one at a time (one writer, as a D1 database or a
 * sqld namespace has):
 * - `init`: the insurers' rosters, a link and a passed step-up row for each person (untimed set-up);
 * - `import`: one batch of checkups through the app's own importCheckups (worker/services/checkup-import.ts:
 *   the roster match, grading, the upsert in JSON chunks and the notice outbox, in one batch; its notice
 *   flag goes to a small directory file of this process's own, as the app's goes to the directory);
 * - `read`: the insurer's half of a member's health read (the directory's session and step-up are the other
 *   database): one batch of the audit row (INSERT … SELECT behind the link and step-up gate) and the read of
 *   the checkups behind the same gate, as worker/services/health-reads.ts does;
 * - `stats`: bytes on disk per table and index (dbstat), rows, the file's size.
 * Each answer carries the time spent in the database call (the per-database write time) and the CPU used.
 */
import { createClient } from '@libsql/client'
import { statSync } from 'node:fs'
import { migrateLibsql } from '../../db/migrate'
import { openLibsql, runBatch } from '../../db/open'
import { healthAccess, memberLinks, rosterPersons } from '../../db/schema'
import { importCheckups } from '../../worker/services/checkup-import'

type Message =
  | { id: number; op: 'init'; file: string; insurers: { id: string; members: number }[] }
  | { id: number; op: 'import'; insurerId: string; docs: unknown[] }
  | { id: number; op: 'read'; insurerId: string; accountId: string }
  | { id: number; op: 'stats' }
  | { id: number; op: 'close' }

let client: ReturnType<typeof createClient>
let db: ReturnType<typeof openLibsql>
/** The process's own small directory: where an import flags its notices (notice_pending), as the app does. */
let directory: ReturnType<typeof openLibsql>
let file = ''

/** A person of an insurer: person_key and the account linked to it (bench/national-sim.mjs names them alike). */
const personKey = (insurer: string, k: number) => `${insurer}-${String(k).padStart(7, '0')}`
const accountOf = (insurer: string, k: number) => `acc-${insurer}-${k}`

/** The contract's deps: `db` the directory, `dbFor` the insurer's database (this process's one). */
const deps = () => ({
  db: directory,
  dbFor: async () => db,
  now: () => Date.now(),
  randomBytes: (n: number) => crypto.getRandomValues(new Uint8Array(n)),
})

async function init(m: Extract<Message, { op: 'init' }>) {
  file = m.file
  client = createClient({ url: `file:${file}` })
  // sqld and D1 both run SQLite in WAL mode.
  await client.execute('PRAGMA journal_mode = WAL')
  await migrateLibsql(client, 'insurer')
  db = openLibsql(client)
  const dirClient = createClient({ url: `file:${file}.directory` })
  await dirClient.execute('PRAGMA journal_mode = WAL')
  await migrateLibsql(dirClient, 'directory')
  directory = openLibsql(dirClient)
  for (const x of m.insurers) {
    for (let i = 0; i < x.members; i += 500) {
      const ks = Array.from({ length: Math.min(500, x.members - i) }, (_, j) => i + j)
      await runBatch(db, [
        db.insert(rosterPersons).values(
          ks.map((k) => ({
            insurerId: x.id,
            personKey: personKey(x.id, k),
            symbol: '1',
            number: String(k),
            cardKey: `1-${k}`,
            nameKana: 'ケンシン　タロウ',
            nameKey: 'ケンシンタロウ',
            birthDate: '1975-04-01',
            sex: (k % 2) + 1,
            relationship: k % 3 ? 1 : 2,
            rowHash: `h${k}`,
            createdAt: 0,
            updatedAt: 0,
          })),
        ),
        db.insert(memberLinks).values(
          ks.map((k) => ({
            accountId: accountOf(x.id, k),
            insurerId: x.id,
            personKey: personKey(x.id, k),
            linkedAt: 0,
          })),
        ),
        db.insert(healthAccess).values(
          ks.map((k) => ({
            accountId: accountOf(x.id, k),
            codeVerifiedAt: 1,
            questionId: 'birthplace',
            answerHash: 'x',
            answerSetAt: 1,
            noticeAcceptedAt: 1,
          })),
        ),
      ])
    }
  }
  return {}
}

/** The gate in the insurer's database: a linked account whose step-up row is complete and not locked. */
const GATE = `ha.code_verified_at is not null and ha.answer_hash is not null and ha.notice_accepted_at is not null and ha.locked_at is null`

async function read(m: Extract<Message, { op: 'read' }>) {
  const now = Date.now()
  const [, rows] = await client.batch(
    [
      {
        sql: `insert into audit_log (at, actor_type, actor_id, action, account_id, insurer_id, ip, detail)
              select ?, 'member', ml.account_id, 'health.read', ml.account_id, ml.insurer_id, '127.0.0.1', '{"via":"list"}'
              from member_links ml join health_access ha on ha.account_id = ml.account_id
              where ml.account_id = ? and ml.insurer_id = ? and ${GATE}`,
        args: [now, m.accountId, m.insurerId],
      },
      {
        sql: `select ml.person_key as linked, rp.name_kana as name, rp.sex, ha.code_verified_at, ha.locked_at,
                     c.exam_date, c.institution, c.table_version, c.grades
              from member_links ml
              join roster_persons rp on rp.insurer_id = ml.insurer_id and rp.person_key = ml.person_key
              join health_access ha on ha.account_id = ml.account_id
              left join checkups c on c.insurer_id = ml.insurer_id and c.person_key = ml.person_key and ${GATE}
              where ml.account_id = ? and ml.insurer_id = ?
              order by c.exam_date desc`,
        args: [m.accountId, m.insurerId],
      },
    ],
    'write',
  )
  if (rows.rows.length === 0) throw new Error(`no link for ${m.accountId}`)
  return { checkups: rows.rows.filter((r) => r.exam_date !== null).length }
}

async function stats() {
  const pages = await client.execute(
    `select name, sum(pgsize) as bytes, sum(payload) as payload, count(*) as pages from dbstat group by name`,
  )
  const count = async (table: string) =>
    Number((await client.execute(`select count(*) as n from ${table}`)).rows[0].n)
  await client.execute('PRAGMA wal_checkpoint(TRUNCATE)')
  return {
    tables: Object.fromEntries(
      pages.rows.map((r) => [
        String(r.name),
        { bytes: Number(r.bytes), payload: Number(r.payload), pages: Number(r.pages) },
      ]),
    ),
    checkups: await count('checkups'),
    persons: await count('roster_persons'),
    audit: await count('audit_log'),
    outbox: await count('notice_outbox'),
    // Rows whose results are not JSON (the compact form of issue 14 starts otherwise than with '[').
    compact: Number(
      (
        await client.execute(
          `select count(*) as n from checkups where substr(results, 1, 1) <> '['`,
        )
      ).rows[0].n,
    ),
    fileBytes: statSync(file).size,
  }
}

/** One message at a time, in the order sent: the database has one writer. */
let queue: Promise<void> = Promise.resolve()
process.on('message', (m: Message) => {
  queue = queue.then(() => handle(m))
})

async function handle(m: Message) {
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  try {
    let result: unknown
    if (m.op === 'init') result = await init(m)
    else if (m.op === 'import') {
      const r = await importCheckups(deps(), { id: m.insurerId }, m.docs as never, 'ja')
      if (r.rejected.length)
        throw new Error(`rejected: ${r.rejected[0].reason} (${r.rejected[0].ref})`)
      result = { inserted: r.inserted, replaced: r.replaced, unchanged: r.unchanged }
    } else if (m.op === 'read') result = await read(m)
    else if (m.op === 'stats') result = await stats()
    else {
      client?.close()
      process.send!({ id: m.id, ok: true }, () => process.exit(0))
      return
    }
    const cpu = process.cpuUsage(cpu0)
    process.send!({
      id: m.id,
      ok: true,
      ms: performance.now() - t0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      result,
    })
  } catch (e) {
    process.send!({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) })
  }
}
process.send!({ ready: true })
