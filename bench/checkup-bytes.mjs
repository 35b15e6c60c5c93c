#!/usr/bin/env node
// Bytes a checkup takes on disk, before and after the compact stored form (issue 14), in one run.
// bench/lib/checkup-bytes-run.ts (under tsx, one process) imports N generated 特定健診 documents
// (bench/gen-checkups.ts, ~20 items in every value form) with `importCheckups` into a fresh libSQL file insurer
// database holding only their roster ("compact"); writes the same rows with their results and grade counts in the
// JSON form of before into a second fresh file ("before"); and converts a copy of "before" with the command's
// pages (`ops checkups compact`), then VACUUM ("converted"). Here each file is read with sqlite3: its size less
// the roster-only size, per checkup, and dbstat's pages of the table and of each index.
//   DOCS overrides 10,000; NO_REPORT=1 leaves bench/README.md alone.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commit, load, machine, today, writeSection } from './report.mjs'

const DOCS = Number(process.env.DOCS ?? 10_000)
const WORK = join(tmpdir(), 'kenshin-bench-checkup-bytes')
mkdirSync(WORK, { recursive: true })
const loads = [await load()]
const run = spawnSync(
  'node_modules/.bin/tsx',
  ['bench/lib/checkup-bytes-run.ts', String(DOCS), WORK],
  {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  },
)
if (run.status !== 0) throw new Error(`run failed\n${run.stdout}\n${run.stderr}`)
loads.push(await load())
const result = JSON.parse(run.stdout.trim().split('\n').pop())

/** One value (or row) of a query on a database file, through the sqlite3 command line. */
const sqlite = (file, query) =>
  execFileSync('sqlite3', ['-readonly', '-separator', '\t', file, query], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.split('\t'))

const NAMES = ['checkups', 'checkups_person_date', 'sqlite_autoindex_checkups_1']
const measures = {}
for (const [form, f] of Object.entries(result.files)) {
  const pageSize = Number(sqlite(f.file, 'PRAGMA page_size')[0][0])
  const stat = Object.fromEntries(
    sqlite(
      f.file,
      `SELECT name, count(*), sum(payload), sum(pgsize) FROM dbstat WHERE name IN (${NAMES.map((n) => `'${n}'`).join(',')}) GROUP BY name`,
    ).map(([name, pages, payload, bytes]) => [
      name,
      { pages: Number(pages), payload: Number(payload), bytes: Number(bytes) },
    ]),
  )
  const [[n, results, grades, hash, row]] = sqlite(
    f.file,
    `SELECT count(*), avg(length(CAST(results AS BLOB))), avg(length(CAST(grades AS BLOB))), avg(length(CAST(content_hash AS BLOB))),
      avg(length(CAST(id AS BLOB)) + length(CAST(insurer_id AS BLOB)) + length(CAST(person_key AS BLOB)) + length(CAST(exam_date AS BLOB))
        + coalesce(length(CAST(institution AS BLOB)), 0) + length(CAST(source AS BLOB)) + length(CAST(table_version AS BLOB))
        + length(CAST(results AS BLOB)) + length(CAST(grades AS BLOB)) + length(CAST(content_hash AS BLOB)) + 16) FROM checkups`,
  )
  if (Number(n) !== DOCS) throw new Error(`${form}: ${n} checkups`)
  measures[form] = {
    pageSize,
    stat,
    results: Number(results),
    grades: Number(grades),
    hash: Number(hash),
    row: Number(row),
    growth: (f.size - f.roster) / DOCS,
    size: f.size,
    roster: f.roster,
  }
}
for (const f of Object.values(result.files)) rmSync(f.file, { force: true })
rmSync(WORK, { recursive: true, force: true })

const fmt = (n) => Math.round(n).toLocaleString('en-US')
const per = (m, name) => (m.stat[name]?.bytes ?? 0) / DOCS
const onDisk = (m) => NAMES.reduce((sum, name) => sum + per(m, name), 0)
const pct = (m, name) =>
  m.stat[name] ? `${Math.round((100 * m.stat[name].payload) / m.stat[name].bytes)} %` : '-'
const forms = ['before', 'compact', 'converted']
const row = (label, f) => `| ${label} | ${forms.map((form) => f(measures[form])).join(' | ')} |`
console.log(JSON.stringify({ measures, conversion: result.conversion }, null, 1))

const md = `## Bytes per checkup on disk: JSON before, the compact form after (issue 14)
Measured ${today()} by \`node bench/checkup-bytes.mjs\` at ${await commit()} on ${await machine()}; 1-minute load average
${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}. ${fmt(DOCS)} documents of \`bench/gen-checkups.ts\` (~20 items each in every value form,
as in the issue 4 figures above) parsed as the CLI does and imported by \`importCheckups\` in batches of 200 into a fresh libSQL
file insurer database holding only their ${fmt(DOCS)} roster persons ("compact"). "Before": a second fresh file, the same roster,
the same rows in the same order and batches with \`results\` and \`grades\` as the JSON the importer wrote before issue 14
(the JSON each compact row answers with; its content hash was taken over it). "Converted": a copy of "before" after
\`ops checkups compact\` (${fmt(result.conversion.pages)} pages of ≤ 100 rows, ${fmt(result.conversion.rewritten)} rows rewritten in ${(result.conversion.ms / 1000).toFixed(1)} s), then VACUUM.
Growth is the file's size less its size with the roster only, per checkup (the imported file's also holds the notices outbox row
the import writes for each person, which the other two have not); the pages are dbstat's (page size ${measures.before.pageSize} B).

| measure (bytes per checkup) | before (JSON) | compact (imported) | converted (+ VACUUM) |
| --- | --- | --- | --- |
${row('\`results\` (length)', (m) => fmt(m.results))}
${row('\`grades\` (length)', (m) => fmt(m.grades))}
${row('whole row, all columns (+16 for the two integers)', (m) => fmt(m.row))}
${row('pages of \`checkups\` (payload share)', (m) => `${fmt(per(m, 'checkups'))} (${pct(m, 'checkups')})`)}
${row('pages of \`checkups_person_date\`', (m) => fmt(per(m, 'checkups_person_date')))}
${row('pages of \`sqlite_autoindex_checkups_1\` (the id)', (m) => fmt(per(m, 'sqlite_autoindex_checkups_1')))}
${row('**on disk, table + both indexes (dbstat)**', (m) => `**${fmt(onDisk(m))}**`)}
${row('**file growth per checkup**', (m) => `**${fmt(m.growth)}**`)}

Goal ≤ 2,100 bytes per checkup on disk: ${onDisk(measures.compact) <= 2100 && measures.compact.growth <= 2100 ? 'met' : 'not met'}
(${fmt(onDisk(measures.compact))} against ${fmt(onDisk(measures.before))} before: ${(onDisk(measures.before) / onDisk(measures.compact)).toFixed(1)}× smaller). A row under ~2,000 bytes no longer
takes a 4,096-byte page of its own: ${fmt(4096 / per(measures.compact, 'checkups'))} rows share a page.`

if (!process.env.NO_REPORT) writeSection('checkup-bytes', md)
console.log(md)
