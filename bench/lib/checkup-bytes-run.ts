/**
 * One run of bench/checkup-bytes.mjs (under tsx): bytes a checkup takes on disk, in the stored form before
 * issue 14 (results and grade counts as JSON) and in the compact one, in fresh libSQL files.
 *
 * N documents of bench/gen-checkups.ts (~20 items in every value form) are parsed as the CLI does and imported
 * by `importCheckups` in batches of 200 into a fresh insurer database that holds only their N roster persons:
 * "compact". "before": a second fresh database with the same roster, the same rows inserted in the same
 * order and batches, their results and grades in the JSON the importer wrote before (the JSON each row
 * answers with, which its content hash was taken over: the test checks that they are the same bytes).
 * "converted": a copy of "before" after `ops checkups compact` (compactPage until done) and VACUUM.
 * Prints one JSON line: per file its size with the roster only and with the checkups, and dbstat per
 * table and index.
 */
import { copyFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { checkupDocuments } from '../gen-checkups'
import { cardKey } from '../../core/card'
import type { CheckupInput } from '../../core/checkup-import'
import { xmlCheckupInput } from '../../core/import/checkup-input'
import { parseCheckupXml } from '../../core/import/checkup-xml'
import { openLibsqlSet, placeInsurer } from '../../db/libsql-set'
import { runBatch, type Database } from '../../db/open'
import { checkups, insurers, rosterPersons } from '../../db/schema'
import { gradesJson, resultsJson } from '../../worker/checkup-json'
import { loadConfig } from '../../worker/config'
import type { Deps } from '../../worker/deps'
import { compactPage } from '../../worker/services/checkup-compact'
import { importCheckups } from '../../worker/services/checkup-import'

const [, , docsArg, dir] = process.argv
const N = Number(docsArg)
const BATCH = 200
const INSURER = { id: 'bench-insurer', number: '01130012' }

const persons: Parameters<typeof rosterRows>[0] = []
const docs: CheckupInput[] = []
for (const d of checkupDocuments({ docs: N, insurer: INSURER.number })) {
  const parsed = await parseCheckupXml(d.xml)
  if (!parsed.ok) throw new Error(`${d.name}: ${parsed.reason}`)
  persons.push(d.person)
  docs.push(xmlCheckupInput(parsed.checkup, d.name))
}

function rosterRows(
  list: {
    personKey: string
    symbol: string
    number: string
    branch: string
    nameKana: string
    birthDate: string
    sex: number
  }[],
) {
  return list.map((p) => ({
    insurerId: INSURER.id,
    ...p,
    cardKey: cardKey({ symbol: p.symbol, number: p.number }),
    nameKey: p.nameKana,
    relationship: 1,
    rowHash: p.personKey,
    createdAt: 0,
    updatedAt: 0,
  }))
}

/** A fresh directory and insurer database (files), the insurer placed, its roster loaded. */
async function fresh(name: string) {
  const file = join(dir, `checkup-bytes-${name}.db`)
  for (const f of [file, `${file}-wal`, `${file}.insurer`, `${file}.insurer-wal`])
    rmSync(f, { force: true })
  const set = await openLibsqlSet({
    directory: `file:${file}`,
    shards: { bench: `file:${file}.insurer` },
  })
  await placeInsurer(set.directory, INSURER.id, 'bench', 0)
  await set.directory
    .insert(insurers)
    .values({ id: INSURER.id, number: INSURER.number, name: 'ベンチ健保', createdAt: 0 })
  const shard = await set.databases.dbFor(INSURER.id)
  const rows = rosterRows(persons)
  for (let i = 0; i < rows.length; i += 200)
    await shard.insert(rosterPersons).values(rows.slice(i, i + 200))
  const deps: Deps = {
    db: set.directory,
    dbFor: set.databases.dbFor,
    databases: set.databases,
    config: loadConfig({
      ENVIRONMENT: 'development',
      APP_ORIGIN: 'http://localhost:8787',
    } as never),
    now: () => Date.now(),
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    sleep: async () => {},
    mail: { send: async () => {} },
    fetch: async () => new Response(null, { status: 201 }),
    log: () => {},
  }
  return { file: `${file}.insurer`, shard, deps, set }
}

/** Checkpoints the WAL into the file (what the file holds, not what waits beside it). */
async function settle(set: Awaited<ReturnType<typeof fresh>>['set']) {
  for (const client of set.clients.values()) await client.execute('PRAGMA wal_checkpoint(TRUNCATE)')
}

/**
 * The importer (a bridge until issue 14's branches are merged: the converted importer takes the app's
 * deps; the base's reads and writes `deps.db` only, so it gets the insurer's database as `db`).
 */
async function importBatch(deps: Deps, shard: Database, batch: CheckupInput[]) {
  try {
    return await importCheckups(deps, INSURER, batch, 'ja')
  } catch (err) {
    const e = err as Error & { cause?: unknown }
    if (!/no such table/.test(`${e?.message} ${String(e?.cause)}`)) throw err
    return importCheckups({ ...deps, db: shard }, INSURER, batch, 'ja')
  }
}

const size = (file: string) => statSync(file).size

// compact: imported
const compact = await fresh('compact')
await settle(compact.set)
const compactRoster = size(compact.file)
let imported = 0
for (let i = 0; i < docs.length; i += BATCH) {
  const r = await importBatch(compact.deps, compact.shard, docs.slice(i, i + BATCH))
  if (r.rejected.length) throw new Error(JSON.stringify(r.rejected.slice(0, 3)))
  imported += r.inserted
}
if (imported !== N) throw new Error(`imported ${imported} of ${N}`)
await settle(compact.set)
const compactSize = size(compact.file)

// before: the same rows as JSON, inserted in the same order and batches
const before = await fresh('before')
await settle(before.set)
const beforeRoster = size(before.file)
const stored = await compact.shard
  .select()
  .from(checkups)
  .orderBy(checkups.createdAt, checkups.personKey)
for (let i = 0; i < stored.length; i += BATCH) {
  const slice = stored.slice(i, i + BATCH).map((r) => ({
    ...r,
    results: resultsJson(r.results, r.tableVersion),
    grades: gradesJson(r.grades),
  }))
  // Few rows a statement (SQLite's bound values), one transaction a batch as the import's.
  const statements = []
  for (let j = 0; j < slice.length; j += 50)
    statements.push(before.shard.insert(checkups).values(slice.slice(j, j + 50)))
  await runBatch(before.shard, statements)
}
await settle(before.set)
const beforeSize = size(before.file)

// converted: a copy of before, compacted by the command's pages, then VACUUM
const convertedFile = join(dir, 'checkup-bytes-converted.db.insurer')
rmSync(convertedFile, { force: true })
copyFileSync(before.file, convertedFile)
const { createClient } = await import('@libsql/client')
const { openLibsql } = await import('../../db/open')
const convertedClient = createClient({ url: `file:${convertedFile}` })
const convertedDb = openLibsql(convertedClient)
let after = 0
let pages = 0
let rewritten = 0
const started = performance.now()
for (;;) {
  const page = await compactPage(convertedDb, after, null)
  if (page.last === null) break
  after = page.last
  pages++
  rewritten += page.converted
}
const convertMs = performance.now() - started
await convertedClient.execute('VACUUM')
await convertedClient.execute('PRAGMA wal_checkpoint(TRUNCATE)')
convertedClient.close()
const convertedSize = size(convertedFile)

for (const s of [compact.set, before.set]) for (const client of s.clients.values()) client.close()

console.log(
  JSON.stringify({
    docs: N,
    files: {
      before: { file: before.file, roster: beforeRoster, size: beforeSize },
      compact: { file: compact.file, roster: compactRoster, size: compactSize },
      converted: { file: convertedFile, roster: beforeRoster, size: convertedSize },
    },
    conversion: { pages, rewritten, ms: convertMs },
  }),
)
