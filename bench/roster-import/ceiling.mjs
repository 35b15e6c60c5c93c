// The ceiling of bench/roster-import.mjs and where the server's time goes: a bare Worker on the same kind of
// local D1 (`wrangler dev` running bench/roster-ceiling-worker.mjs) sent the rows as the server would store
// them, and wrangler's getPlatformProxy for reference.
import { createHash } from 'node:crypto'
import { createReadStream, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { mapHeader, parseRosterRow, rosterHashInput, rosterPayload } from '../../core/roster.ts'
import { cpuDelta, groupCpu, startWorker } from '../lib/processes.mjs'
import { dbSize } from './cli.mjs'
import { CEILING_PORT, fmt, INSURER, OUT, quiet, rate } from './common.mjs'

const CHUNK = 2000 // rows per D1 batch in the ceiling (the server's largest batch)
const PER_STATEMENT = 5 // 5 rows × 18 columns = 90 bound parameters (D1: at most 100)

/** The roster's rows as the server would store them (core/roster.ts, SHA-256 of the same hash input). */
async function* storedRows(file, size = CHUNK) {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  let mapping = null
  let chunk = []
  for await (const line of lines) {
    if (line.includes('"')) throw new Error('the generated roster has no quoted fields')
    const fields = line.split(',')
    if (!mapping) {
      mapping = mapHeader(fields)
      if (!mapping.ok) throw new Error('roster header')
      continue
    }
    const parsed = parseRosterRow(fields, mapping.index, INSURER)
    if (!parsed.ok) throw new Error(`bad row: ${line}`)
    const r = parsed.row
    const h = createHash('sha256').update(rosterHashInput(r)).digest('hex')
    chunk.push({ r, h })
    if (chunk.length >= size) {
      yield chunk
      chunk = []
    }
  }
  if (chunk.length) yield chunk
}
/** A row as the server's JSON payload for its two statements (core/roster.ts, as the server builds it). */
const asPayload = ({ r, h }) => rosterPayload(r, h)

/** The same row as the 18 columns of roster_persons, in the table's order (the payload's keys are in it). */
const asColumns = (x, insurerId, now) => [insurerId, ...Object.values(asPayload(x)), now, now]

const migrations = () =>
  readdirSync('db/migrations')
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .flatMap((f) =>
      readFileSync(join('db/migrations', f), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean),
    )

async function startCeiling(state) {
  rmSync(state, { recursive: true, force: true })
  const config = resolve(OUT, 'ceiling-wrangler.toml')
  writeFileSync(
    config,
    `name = "roster-ceiling"\nmain = "${resolve('bench/roster-ceiling-worker.mjs')}"\ncompatibility_date = "2026-11-01"\ncompatibility_flags = ["nodejs_compat"]\n\n` +
      `[[d1_databases]]\nbinding = "DB"\ndatabase_name = "roster-ceiling"\ndatabase_id = "00000000-0000-0000-0000-00000000ce11"\n`,
  )
  const s = await startWorker({
    port: CEILING_PORT,
    persistTo: state,
    config,
    probe: '/count',
    what: 'ceiling Worker',
  })
  const base = s.base
  const post = async (path, body) => {
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return res.json()
  }
  await post('/setup', { statements: migrations() })
  return {
    ...s,
    post,
    count: async () => (await (await fetch(`${base}/count`)).json()).n,
  }
}

/** Sends the file in chunks of 2,000 rows, one request at a time: D1 time (inside the Worker) and wall time
 * of the requests (with the JSON transport; the rows are prepared before each request's clock starts). */
async function ceilingPass(ceiling, file, path, body) {
  let dbMs = 0
  let wallMs = 0
  let rows = 0
  const counts = { inserted: 0, updated: 0, unchanged: 0 }
  const now = Date.now()
  const load = loadavg()[0]
  const cpu0 = groupCpu(ceiling.pgid)
  for await (const chunk of storedRows(file)) {
    const payload = body(chunk, now)
    const t = performance.now()
    const answer = await ceiling.post(path, payload)
    wallMs += performance.now() - t
    dbMs += answer.ms
    rows += chunk.length
    for (const k of Object.keys(counts)) counts[k] += answer[k] ?? 0
  }
  return { rows, dbMs, wallMs, counts, load, server: cpuDelta(cpu0, groupCpu(ceiling.pgid)) }
}

export async function ceilingCases(file, rows) {
  const state = join(OUT, 'state-ceiling')
  const results = {}
  await quiet('the ceiling')
  let c = await startCeiling(state)
  try {
    results.insert = await ceilingPass(c, file, '/insert', (chunk, now) => ({
      perStatement: PER_STATEMENT,
      rows: chunk.map((x) => asColumns(x, 'bench-insurer', now)),
    }))
    if ((await c.count()) !== rows) throw new Error('ceiling: row count')
    results.insert.dbBytes = dbSize(state)
  } finally {
    await c.stop()
  }
  console.log(
    `  ceiling, multi-row INSERT: D1 ${(results.insert.dbMs / 1000).toFixed(1)} s → ${fmt(rate(rows, results.insert.dbMs))} rows/s; with transport ${(results.insert.wallMs / 1000).toFixed(1)} s → ${fmt(rate(rows, results.insert.wallMs))} rows/s`,
  )
  await quiet('the server SQL')
  c = await startCeiling(state)
  try {
    results.upsertNew = await ceilingPass(c, file, '/upsert', (chunk) => ({
      payload: chunk.map(asPayload),
    }))
    results.upsertAgain = await ceilingPass(c, file, '/upsert', (chunk) => ({
      payload: chunk.map(asPayload),
    }))
    if (results.upsertNew.counts.inserted !== rows || results.upsertAgain.counts.unchanged !== rows)
      throw new Error('ceiling: upsert counts')
  } finally {
    await c.remove()
  }
  for (const k of ['upsertNew', 'upsertAgain'])
    console.log(
      `  server SQL alone, ${k}: D1 ${(results[k].dbMs / 1000).toFixed(1)} s → ${fmt(rate(rows, results[k].dbMs))} rows/s; with transport ${fmt(rate(rows, results[k].wallMs))} rows/s`,
    )
  return results
}

/** The operator API's batches (CLI shape: {line, fields}, default batch) of a roster file. */
async function* apiBatches(file, size = 1000) {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  let header = null
  let rows = []
  let n = 1
  for await (const text of lines) {
    if (!header) {
      header = text.split(',')
      continue
    }
    rows.push({ line: ++n, fields: text.split(',') })
    if (rows.length >= size) {
      yield { header, rows }
      rows = []
    }
  }
  if (rows.length) yield { header, rows }
}

/** Where the server's time goes: the server's own code, step by step, in the bare Worker (one request at a
 * time, default batch), as wall time per pass and the workerd CPU of the pass. */
export async function stageCases(file, rows) {
  await quiet('the steps')
  const state = join(OUT, 'state-ceiling')
  const c = await startCeiling(state)
  const results = {}
  try {
    for (const [name, stage] of [
      ['echo', 'echo'],
      ['validate', 'validate'],
      ['rows', 'rows'],
      ['service', 'service'],
      ['d1', 'd1'],
      ['d1 again', 'd1'],
    ]) {
      let wallMs = 0
      let done = 0
      let inserted = 0
      let unchanged = 0
      const load = loadavg()[0]
      const cpu0 = groupCpu(c.pgid)
      for await (const batch of apiBatches(file)) {
        const body = { stage, ...batch }
        const t = performance.now()
        const answer = await c.post('/stage', body)
        wallMs += performance.now() - t
        done += batch.rows.length
        inserted += answer.inserted ?? 0
        unchanged += answer.unchanged ?? 0
      }
      if (
        done !== rows ||
        (name === 'd1' && inserted !== rows) ||
        (name === 'd1 again' && unchanged !== rows)
      )
        throw new Error(`stage ${name}: counts`)
      results[name] = { wallMs, load, server: cpuDelta(cpu0, groupCpu(c.pgid)) }
      console.log(
        `  ${name}: ${(wallMs / 1000).toFixed(1)} s → ${fmt(rate(rows, wallMs))} rows/s; workerd CPU ${(results[name].server.workerd ?? 0).toFixed(1)} s`,
      )
    }
  } finally {
    await c.remove()
  }
  return results
}

/** The same bare loop through getPlatformProxy: env.DB in Node, every prepare() and bind() a synchronous call
 * to workerd. Timed twice: the DB.batch calls alone, and everything (prepare + bind + batch). */
export async function proxyCase(file, rows) {
  await quiet('getPlatformProxy')
  const { getPlatformProxy } = await import('wrangler')
  const dir = join(OUT, 'state-proxy')
  rmSync(dir, { recursive: true, force: true })
  const { env, dispose } = await getPlatformProxy({
    configPath: 'wrangler.toml',
    persist: { path: dir },
    remoteBindings: false,
  })
  try {
    await env.DB.batch(migrations().map((s) => env.DB.prepare(s)))
    await env.DB.prepare(
      "insert into insurers (id, number, name, created_at) values ('bench-insurer', '06139992', 'bench', 0)",
    ).run()
    const columns = 18
    const sql = (n) =>
      `insert into roster_persons (insurer_id, person_key, symbol, number, branch, card_key, name_kana, name_key, birth_date, sex, relationship, valid_from, valid_to, postal_code, address, row_hash, created_at, updated_at) values ${Array(
        n,
      )
        .fill(`(${Array(columns).fill('?').join(',')})`)
        .join(',')}`
    let batchMs = 0
    let allMs = 0
    const now = Date.now()
    for await (const chunk of storedRows(file)) {
      const values = chunk.map((x) => asColumns(x, 'bench-insurer', now))
      const t0 = performance.now()
      const statements = []
      for (let i = 0; i < values.length; i += PER_STATEMENT) {
        const part = values.slice(i, i + PER_STATEMENT)
        statements.push(env.DB.prepare(sql(part.length)).bind(...part.flat()))
      }
      const t1 = performance.now()
      await env.DB.batch(statements)
      const t2 = performance.now()
      batchMs += t2 - t1
      allMs += t2 - t0
    }
    const { n } = await env.DB.prepare('select count(*) as n from roster_persons').first()
    if (n !== rows) throw new Error('proxy: row count')
    console.log(
      `  getPlatformProxy: DB.batch ${(batchMs / 1000).toFixed(1)} s → ${fmt(rate(rows, batchMs))} rows/s; with prepare/bind ${(allMs / 1000).toFixed(1)} s → ${fmt(rate(rows, allMs))} rows/s`,
    )
    return { rows, batchMs, allMs }
  } finally {
    await dispose()
    rmSync(dir, { recursive: true, force: true })
  }
}
