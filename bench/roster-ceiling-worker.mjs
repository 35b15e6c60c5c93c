// The ceiling of bench/roster-import.mjs: a bare Worker on the same local D1 (`wrangler dev`, workerd),
// which writes the rows it is sent and answers how long its D1 calls took. The timer is read only around
// awaited D1 calls (workerd's clock moves on I/O), so `ms` is D1 time, not JSON parsing or transport.
//   POST /setup   {statements}   the migrations, then one insurer
//   POST /insert  {rows, perStatement}   rows as arrays of the 18 columns: multi-row INSERTs of
//                 `perStatement` rows (≤ 100 bound parameters each), all in one DB.batch
//   POST /upsert  {payload}   the two statements of worker/services/roster.ts (classify, then the
//                 INSERT … SELECT FROM json_each(?) upsert) on the same JSON payload, for the SQL share
//   POST /stage   {stage, header, rows}   the server's own code on an operator API batch body, for the share
//                 of each step (timed from outside, as wall time: workerd's clock stands still while JS runs):
//                 'echo' JSON in and out; 'validate' + the route's valibot schema (RosterBatchBody);
//                 'rows' + mapHeader and parseRosterRow (core/roster.ts) for every row, as the service does;
//                 'service' + importRosterBatch (worker/services/roster.ts) on a D1 that does nothing;
//                 'd1' + importRosterBatch on this D1 (drizzle, as the Worker opens it)
//   GET  /count
import { getTableColumns } from 'drizzle-orm'
import * as v from 'valibot'
import { RosterBatchBody } from '../core/insurer.ts'
import { isBlankRow, mapHeader, parseRosterRow } from '../core/roster.ts'
import { openD1 } from '../db/open.ts'
import { rosterPersons } from '../db/schema.ts'
import { importRosterBatch } from '../worker/services/roster.ts'

/** The 18 columns of roster_persons in the table's order (db/schema.ts), as the server's upsert lists them. */
const COLUMNS = Object.values(getTableColumns(rosterPersons)).map((c) => c.name)
const INSURER_ID = 'bench-insurer'

const CLASSIFY = `
    select
      coalesce(sum(p.person_key is null), 0) as inserted,
      coalesce(sum(p.person_key is not null and p.row_hash <> json_extract(j.value, '$.h')), 0) as updated,
      coalesce(sum(p.row_hash = json_extract(j.value, '$.h')), 0) as unchanged
    from json_each(?1) j
    left join roster_persons p on p.insurer_id = ?2 and p.person_key = json_extract(j.value, '$.k')`
const UPSERT = `
    insert into roster_persons (insurer_id, person_key, symbol, number, branch, card_key, name_kana, name_key,
      birth_date, sex, relationship, valid_from, valid_to, postal_code, address, row_hash, created_at, updated_at)
    select ?2, json_extract(value, '$.k'), json_extract(value, '$.s'), json_extract(value, '$.n'),
      json_extract(value, '$.b'), json_extract(value, '$.ck'), json_extract(value, '$.nk'), json_extract(value, '$.nn'),
      json_extract(value, '$.bd'), json_extract(value, '$.sx'), json_extract(value, '$.rl'), json_extract(value, '$.vf'),
      json_extract(value, '$.vt'), json_extract(value, '$.pc'), json_extract(value, '$.ad'), json_extract(value, '$.h'),
      ?3, ?3
    from json_each(?1) where true
    on conflict (insurer_id, person_key) do update set
      symbol = excluded.symbol, number = excluded.number, branch = excluded.branch, card_key = excluded.card_key,
      name_kana = excluded.name_kana, name_key = excluded.name_key, birth_date = excluded.birth_date,
      sex = excluded.sex, relationship = excluded.relationship, valid_from = excluded.valid_from,
      valid_to = excluded.valid_to, postal_code = excluded.postal_code, address = excluded.address,
      row_hash = excluded.row_hash, updated_at = excluded.updated_at
    where roster_persons.row_hash <> excluded.row_hash`

/**
 * A D1 binding that answers at once, writing and counting nothing: the service's JavaScript alone, drizzle's
 * statement building included (the service writes through query builders in one db.batch).
 */
const statement = {
  bind: () => statement,
  all: async () => ({
    results: [{ inserted: 0, updated: 0, unchanged: 0 }],
    success: true,
    meta: {},
  }),
  raw: async () => [[0, 0, 0]],
  run: async () => ({ results: [], success: true, meta: {} }),
  first: async () => null,
}
const NO_D1 = {
  prepare: () => statement,
  batch: async (list) => list.map(() => ({ results: [], success: true, meta: {} })),
}

const insertSql = new Map()
function insertFor(n) {
  let sql = insertSql.get(n)
  if (!sql) {
    const row = `(${COLUMNS.map(() => '?').join(',')})`
    sql = `insert into roster_persons (${COLUMNS.join(', ')}) values ${Array(n).fill(row).join(',')}`
    insertSql.set(n, sql)
  }
  return sql
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url)
    if (pathname === '/count') {
      const row = await env.DB.prepare('select count(*) as n from roster_persons').first()
      return Response.json({ n: row.n })
    }
    const body = await request.json()
    if (pathname === '/setup') {
      await env.DB.batch(body.statements.map((s) => env.DB.prepare(s)))
      await env.DB.prepare(
        "insert into insurers (id, number, name, created_at) values (?1, '06139992', 'bench', 0)",
      )
        .bind(INSURER_ID)
        .run()
      return Response.json({ ok: true })
    }
    if (pathname === '/insert') {
      const per = Math.min(body.perStatement, Math.floor(100 / COLUMNS.length))
      const statements = []
      for (let i = 0; i < body.rows.length; i += per) {
        const part = body.rows.slice(i, i + per)
        statements.push(env.DB.prepare(insertFor(part.length)).bind(...part.flat()))
      }
      const t = Date.now()
      await env.DB.batch(statements)
      return Response.json({ ms: Date.now() - t, statements: statements.length })
    }
    if (pathname === '/stage') {
      const insurer = { id: INSURER_ID, number: '06139992' }
      if (body.stage === 'echo') return Response.json({ rows: body.rows.length })
      const parsed = v.safeParse(RosterBatchBody, { header: body.header, rows: body.rows })
      if (!parsed.success) return Response.json({ error: 'validation' }, { status: 400 })
      if (body.stage === 'validate') return Response.json({ rows: parsed.output.rows.length })
      if (body.stage === 'rows') {
        const mapping = mapHeader(parsed.output.header)
        let good = 0
        for (const { fields } of parsed.output.rows)
          if (!isBlankRow(fields) && parseRosterRow(fields, mapping.index, insurer.number).ok)
            good++
        return Response.json({ rows: good })
      }
      const db = openD1(body.stage === 'd1' ? env.DB : NO_D1)
      const result = await importRosterBatch(
        { db, now: () => Date.now() },
        insurer,
        parsed.output.header,
        parsed.output.rows,
        'ja',
      )
      return Response.json({ ...result, rejected: result.rejected.length })
    }
    if (pathname === '/upsert') {
      const payload = JSON.stringify(body.payload)
      const now = Date.now()
      const t = Date.now()
      const counts = await env.DB.prepare(CLASSIFY).bind(payload, INSURER_ID).first()
      await env.DB.prepare(UPSERT).bind(payload, INSURER_ID, now).run()
      return Response.json({ ms: Date.now() - t, ...counts })
    }
    return new Response('not found', { status: 404 })
  },
}
