#!/usr/bin/env node
// The national-size simulation (issue 14): Japan's ~1,380 健康保険組合 at sizes drawn from a log-normal
// fitted to published totals (bench/lib/national-sim-model.mjs), members × 10 years of checkups, and the
// insurer databases they need under D1's 10 GB; then, on a reduced scale, import and read rates on 1, 2
// and 4 insurer databases each held by a SEPARATE process (bench/lib/national-sim-shard.ts: a libSQL file
// in WAL mode, the app's own importCheckups), to show that writes spread; and the projection of the
// measured per-database write rate to national size.
//
//   BYTES_PER_CHECKUP  the compact form's bytes on disk per checkup (helper D's figure; until it lands, the
//                      research's estimate 1,250, marked so in the tables)
//   MEMBERS (20,000), INSURERS (40), YEARS (3), BATCH (500), READS (4,000), READ_CONCURRENCY (8),
//   DBS ("1,2,4"), MODEL_ONLY=1 (the tables only, no processes), NO_REPORT=1 (leave the files alone).
// Writes its section of bench/README.md and the tables of docs/scale.md (between their markers).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  bandsOf,
  drawInsurers,
  fitLogNormal,
  GB,
  MEMBERS_PER_INSURED,
  packDatabases,
  PUBLISHED,
  reducedPopulation,
} from './lib/national-sim-model.mjs'
import { runOn } from './lib/national-sim-run.mjs'
import { commit, machine, stats, today, writeSection } from './report.mjs'

const env = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback)
const TODAY_BYTES = 4224 // bench/README.md, "Checkup XML import and bytes per checkup" (issue 4)
const COMPACT_ESTIMATE = 1250 // research §6: 1,100–1,400 B on disk with indexes (an estimate)
const COMPACT = env('BYTES_PER_CHECKUP', COMPACT_ESTIMATE)
const compactLabel =
  COMPACT === COMPACT_ESTIMATE && !process.env.BYTES_PER_CHECKUP
    ? 'compact form (an estimate, until it is measured)'
    : 'compact form (measured, BYTES_PER_CHECKUP)'
const MEMBERS = env('MEMBERS', 20_000)
const INSURERS = env('INSURERS', 40)
const YEARS = env('YEARS', 3)
const BATCH = env('BATCH', 500)
const READS = env('READS', 4_000)
const READ_CONCURRENCY = env('READ_CONCURRENCY', 8)
const DBS = (process.env.DBS ?? '1,2,4').split(',').map(Number)
const WORK = join(tmpdir(), 'kenshin-national-sim')

function fmt(n, digits = 0) {
  return Number(n).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
}
const gb = (b) => fmt(b / GB, b < 10 * GB ? 2 : 1)

// ---------------------------------------------------------------------------------------- the model

const fit = fitLogNormal()
const insurers = drawInsurers(fit)
const nationalMembers = insurers.reduce((s, x) => s + x.members, 0)

/** The model's tables for a roster's bytes per member (measured by the run, or a first guess). */
function modelTables(bytesPerMember, measured) {
  const sizes = [
    ['today (JSON results, one row a page)', TODAY_BYTES],
    ...(measured
      ? [
          [
            `measured in this run: ${measured.compact ? 'the compact form' : 'JSON results'}`,
            measured.perCheckup,
          ],
        ]
      : []),
    // The estimate only while no run has measured the compact form.
    ...(measured?.compact && !process.env.BYTES_PER_CHECKUP ? [] : [[compactLabel, COMPACT]]),
  ]
  const bands = bandsOf(insurers)
  const distribution = `| members per insurer | insurers | members | checkups in 10 years (one a member a year) | of all |
| --- | --- | --- | --- | --- |
${bands
  .map(
    (b) =>
      `| ${b.hi === Infinity ? `≥ ${fmt(b.lo)}` : `${fmt(b.lo)}–${fmt(b.hi - 1)}`} | ${fmt(b.n)} | ${fmt(b.members)} | ${fmt(b.members * 10)} | ${fmt((100 * b.members) / nationalMembers, 1)} % |`,
  )
  .join('\n')}
| **all** | **${fmt(insurers.length)}** | **${fmt(nationalMembers)}** | **${fmt(nationalMembers * 10)}** | 100 % |`

  const packs = sizes.map(([label, bytes]) => {
    const p = packDatabases(insurers, { bytesPerCheckup: bytes, bytesPerMember })
    const binSizes = p.bins.map((b) => b.bytes).sort((a, b) => a - b)
    return { label, bytes, p, binSizes }
  })
  const databases = `| bytes per checkup on disk | all data, 10 years | D1 databases (10 GB, filled to 70 %) | size of each: smallest / median / largest | insurers split by fiscal years | the largest insurer's databases | fits D1's 1 TB per account |
| --- | --- | --- | --- | --- | --- | --- |
${packs
  .map(
    ({ label, bytes, p, binSizes }) =>
      `| ${fmt(bytes)}: ${label} | ${gb(p.total)} GB | **${fmt(p.bins.length)}** | ${gb(binSizes[0])} / ${gb(stats(binSizes).median)} / ${gb(binSizes.at(-1))} GB | ${fmt(p.split.length)} | ${p.split[0] ? `${p.split[0].ranges.length} (up to ${p.split[0].yearsPerRange} fiscal year${p.split[0].yearsPerRange > 1 ? 's' : ''} each)` : '1'} | ${p.total <= 1000 * GB ? 'yes' : '**no**'} |`,
  )
  .join('\n')}`

  const big = insurers[0]
  const largest = `| bytes per checkup | members | checkups a year | growth a year | 10 years | fiscal years per 7 GB database |
| --- | --- | --- | --- | --- | --- |
${packs
  .map(({ bytes, p }) => {
    const perYear = big.members * bytes
    const split = p.split.find((s) => s.id === big.id)
    return `| ${fmt(bytes)} | ${fmt(big.members)} | ${fmt(big.members)} | **${gb(perYear)} GB** | ${gb(perYear * 10 + big.members * bytesPerMember)} GB | ${split ? split.yearsPerRange : 10} |`
  })
  .join('\n')}`
  return { distribution, databases, largest, packs }
}

// --------------------------------------------------------------------------------------------- main

const population = reducedPopulation(fit, { n: INSURERS, members: MEMBERS })
const runs = []
if (process.env.MODEL_ONLY !== '1') {
  mkdirSync(WORK, { recursive: true })
  for (const k of DBS) {
    const load0 = loadavg()[0]
    const run = await runOn(k, population, {
      work: WORK,
      members: MEMBERS,
      years: YEARS,
      batch: BATCH,
      reads: READS,
      readConcurrency: READ_CONCURRENCY,
    })
    run.load0 = load0
    runs.push(run)
    console.log(
      `${k} database(s): import ${fmt((run.imported * 1000) / run.importMs)} checkups/s (${fmt(run.importMs / 1000, 1)} s), reads ${fmt((READS * 1000) / run.readMs)} /s; per database ${run.perDb.map((d) => `${fmt((d.checkups * 1000) / d.ms)}/s of its write time`).join(', ')}`,
    )
  }
  rmSync(WORK, { recursive: true, force: true })
}

// Bytes on disk, from the run: checkups with their two indexes per checkup; roster, links and step-up
// rows with their indexes per member.
const sum = (st, names) => names.reduce((s, n) => s + (st.tables[n]?.bytes ?? 0), 0)
const measured = runs.length
  ? (() => {
      const st = runs[0].stats
      const checkups = st.reduce((s, x) => s + x.checkups, 0)
      const persons = st.reduce((s, x) => s + x.persons, 0)
      const checkupBytes = st.reduce(
        (s, x) => s + sum(x, ['checkups', 'checkups_person_date', 'sqlite_autoindex_checkups_1']),
        0,
      )
      const memberBytes = st.reduce(
        (s, x) =>
          s +
          sum(x, [
            'roster_persons',
            'sqlite_autoindex_roster_persons_1',
            'roster_persons_card',
            'member_links',
            'sqlite_autoindex_member_links_1',
            'member_links_person',
            'health_access',
            'sqlite_autoindex_health_access_1',
          ]),
        0,
      )
      const compact = st.reduce((s, x) => s + x.compact, 0)
      return {
        perCheckup: checkupBytes / checkups,
        perMember: memberBytes / persons,
        // Every row in the compact form, or none: a mix would mean a half-converted store.
        compact: compact === checkups,
      }
    })()
  : null
const tables = modelTables(measured?.perMember ?? 600, measured)

let ratesTable = ''
let projection = ''
if (runs.length) {
  const base = runs[0]
  const rate = (r) => (r.imported * 1000) / r.importMs
  const readRate = (r) => (READS * 1000) / r.readMs
  ratesTable = `| insurer databases (one process each) | checkups imported | import wall | **import checkups/s** | vs 1 | each database's write time (its checkups/s) | reads/s (${READ_CONCURRENCY} in flight) | vs 1 | read median / p95 | load average at start → end |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${runs
  .map(
    (r) =>
      `| ${r.k} | ${fmt(r.imported)} | ${fmt(r.importMs / 1000, 1)} s | **${fmt(rate(r))}** | ${fmt(rate(r) / rate(base), 2)}× | ${r.perDb.map((d) => `${fmt(d.ms / 1000, 1)} s (${fmt((d.checkups * 1000) / d.ms)}/s)`).join(', ')} | ${fmt(readRate(r))} | ${fmt(readRate(r) / readRate(base), 2)}× | ${stats(r.readTimes).median.toFixed(2)} / ${stats(r.readTimes).p95.toFixed(2)} ms | ${r.load0.toFixed(2)} → ${r.load.toFixed(2)} |`,
  )
  .join('\n')}`

  // The projection: one database's write rate measured alone (k = 1: one process, nothing beside it),
  // each production database its own writer on its own machine (D1, or a sqld namespace per insurer
  // group), so a year of checkups imports in the time the busiest database needs.
  const perDbRate = (base.perDb[0].checkups * 1000) / base.perDb[0].ms
  const yearOfCheckups = nationalMembers
  const rows = tables.packs.map(({ bytes, p }) => {
    // Checkups a year each database receives: its insurers' members (a split insurer's go to its newest range).
    const busiest = Math.max(...p.bins.map((b) => b.yearly))
    return `| ${fmt(bytes)} | ${fmt(p.bins.length)} | ${fmt(yearOfCheckups / perDbRate / 3600, 1)} h | ${fmt(busiest)} checkups: ${fmt(busiest / perDbRate / 60, 1)} min |`
  })
  projection = `One database's write rate, measured alone in this run (1 database, its own process): **${fmt(perDbRate)} checkups/s**
of its write time (${fmt(base.perDb[0].checkups)} checkups, ${fmt(base.perDb[0].ms / 1000, 1)} s inside importCheckups).
A year of national checkups (one per member: ${fmt(yearOfCheckups)}) at that rate:

| bytes per checkup | databases | all in ONE database | spread: the busiest database's share |
| --- | --- | --- | --- |
${rows.join('\n')}

Each D1 database (or sqld namespace) has its own writer, so a year's import takes the time of the busiest
database, not of the sum (the largest insurer's newest fiscal-year range, or a database of many small insurers).`
}

const header = `Measured ${today()} by \`node bench/national-sim.mjs\` on ${await machine()}, at ${await commit()}.`
const fitText = `Sizes: ${fmt(PUBLISHED.societiesNow)} societies at the stratified quantiles of a log-normal over insured persons,
truncated at the founding minimum of ${fmt(PUBLISHED.minimumInsured)}, fitted (μ = ${fit.mu.toFixed(3)}, σ = ${fit.sigma.toFixed(3)}: median ${fmt(Math.exp(fit.mu))} insured) so
that ${fmt(PUBLISHED.societies2019)} draws have the published mean (${fmt(PUBLISHED.insured2019)} insured / ${fmt(PUBLISHED.societies2019)} societies = ${fmt(PUBLISHED.insured2019 / PUBLISHED.societies2019)}) and the
published largest society (${fmt(PUBLISHED.largestInsured)} insured), 健保連「健康保険組合の現勢」2019-03-31; members = insured × ${MEMBERS_PER_INSURED.toFixed(3)}
(1 + ${fmt(PUBLISHED.dependents2019)} dependents / ${fmt(PUBLISHED.insured2019)} insured, same source). The model's ${fmt(nationalMembers)} members
compare with 28,201 thousand covered by 組合管掌健康保険 at FY2022's end (日本統計年鑑 23-9). A fit, not the band table
(被保険者数階級別組合数): replace it when the table is at hand. One checkup per member and year is an upper bound.
Databases: D1's 10 GB each, filled to 70 %; an insurer over 7 GB is split by fiscal-year ranges (as many whole years
as fit, its roster in the first range); the rest packed first-fit decreasing. A member's roster, link and step-up rows:
${fmt(measured?.perMember ?? 600)} bytes${measured ? ' (measured in this run)' : ' (a guess: run the processes to measure)'}.`

const runText = runs.length
  ? `Reduced scale: ${INSURERS} insurers at the same distribution's quantiles, ${fmt(MEMBERS)} members in all (largest ${fmt(population[0].members)},
smallest ${fmt(population.at(-1).members)}), ${YEARS} fiscal year${YEARS > 1 ? 's' : ''} of checkups each (${fmt(MEMBERS * YEARS)} checkups, 19 items, the demo checkup's
shape), imported in batches of ${BATCH} through the app's \`importCheckups\` (the roster match, grading, the upsert in JSON
chunks and the notice outbox, one batch a transaction) in a process per insurer database (a libSQL file in WAL mode,
\`node --import tsx bench/lib/national-sim-shard.ts\`, messages over the IPC channel, one batch in flight per database),
insurers spread over the databases largest first into the least loaded; then ${fmt(READS)} reads of members picked at
random (the insurer's half of a health read: one batch of the \`health.read\` audit row and the checkups behind the
link and step-up gate). ${cpus().length} CPUs are shared by the driver and every process: beyond ${cpus().length} processes the machine, not
the design, is the limit. Bytes on disk per checkup in this run (dbstat: the table and its two indexes):
**${fmt(measured.perCheckup)}**.`
  : ''

const section = `## The national-size simulation (issue 14)
${header}

${fitText}

${tables.distribution}

Databases needed (10 years of checkups and the rosters):

${tables.databases}

The largest insurer:

${tables.largest}
${runs.length ? `\n${runText}\n\n${ratesTable}\n\n${projection}\n` : ''}`

console.log(`\n${section}`)
if (process.env.NO_REPORT !== '1') {
  writeSection('national-sim', section)
  const doc = 'docs/scale.md'
  if (existsSync(doc)) {
    const text = readFileSync(doc, 'utf8')
    const re = /<!-- sim:tables -->[\s\S]*?<!-- \/sim:tables -->/
    if (re.test(text))
      writeFileSync(
        doc,
        text.replace(
          re,
          `<!-- sim:tables -->\n${section.replace(/^## .*\n/, '')}\n<!-- /sim:tables -->`,
        ),
      )
  }
}
process.exit(0)
