import { eq, sql } from 'drizzle-orm'
import { t, type Lang } from '../../core/i18n'
import { isBlankRow, mapHeader, parseRosterRow, type RosterRecord } from '../../core/roster'
import { insurers } from '../../db/schema'
import type { Deps } from '../deps'
import { hashToken } from './tokens'

export interface RosterBatchRow {
  line: number
  fields: string[]
}

export interface Rejection {
  line: number
  column: string
  reason: string
  message: string
}

export interface RosterBatchResult {
  inserted: number
  updated: number
  unchanged: number
  rejected: Rejection[]
}

export class HeaderError extends Error {
  constructor(readonly detail: { missing: string[]; unknown: string[]; duplicate: string[] }) {
    super('roster header')
  }
}

/** What a row's hash covers: every field the roster holds, so a changed field is an update. */
function rowHashInput(r: RosterRecord): string {
  return JSON.stringify([r.symbol, r.number, r.branch, r.nameKana, r.birthDate, r.sex, r.relationship, r.validFrom, r.validTo, r.postalCode, r.address])
}

/**
 * Upserts one batch of roster rows by person_key, as one transaction: good rows are inserted,
 * updated (some field changed) or left alone (unchanged); bad rows are reported with their line,
 * column and reason and change nothing. The same batch twice changes nothing the second time, so an
 * import killed half-way is resumed by sending the file again. A person keeps their person_key
 * through a card re-issue, and with it their link and checkups.
 */
export async function importRosterBatch(
  deps: Pick<Deps, 'db' | 'now'>,
  insurer: { id: string; number: string },
  header: string[],
  rows: RosterBatchRow[],
  lang: Lang,
): Promise<RosterBatchResult> {
  const mapping = mapHeader(header)
  if (!mapping.ok) throw new HeaderError({ missing: mapping.missing, unknown: mapping.unknown, duplicate: mapping.duplicate })
  const rejected: Rejection[] = []
  const good = new Map<string, { line: number; record: RosterRecord; hash: string }>()
  for (const { line, fields } of rows) {
    if (isBlankRow(fields)) continue
    const parsed = parseRosterRow(fields, mapping.index, insurer.number)
    if (!parsed.ok) {
      for (const e of parsed.errors) rejected.push({ line, column: e.column, reason: e.reason, message: t(lang, e.reason) })
      continue
    }
    const earlier = good.get(parsed.row.personKey)
    if (earlier) {
      // The same person twice in one batch: the later line wins, as it would across batches.
      rejected.push({ line: earlier.line, column: mapping.index.header.person_key, reason: 'roster.person_key.duplicate', message: t(lang, 'roster.person_key.duplicate') })
    }
    good.set(parsed.row.personKey, { line, record: parsed.row, hash: await hashToken(rowHashInput(parsed.row)) })
  }
  if (good.size === 0) return { inserted: 0, updated: 0, unchanged: 0, rejected }

  const now = deps.now()
  const payload = JSON.stringify(
    [...good.values()].map(({ record: r, hash }) => ({
      k: r.personKey, s: r.symbol ?? '', n: r.number, b: r.branch, ck: r.cardKey, nk: r.nameKana, nn: r.nameKey,
      bd: r.birthDate, sx: r.sex, rl: r.relationship, vf: r.validFrom, vt: r.validTo, pc: r.postalCode, ad: r.address, h: hash,
    })),
  )
  // One statement counts what the batch will do, one writes it. The write is a single statement,
  // so the batch is applied whole or not at all; json_each keeps each to one bound parameter,
  // under D1's limit of 100.
  const classify = sql`
    select
      coalesce(sum(p.person_key is null), 0) as inserted,
      coalesce(sum(p.person_key is not null and p.row_hash <> json_extract(j.value, '$.h')), 0) as updated,
      coalesce(sum(p.row_hash = json_extract(j.value, '$.h')), 0) as unchanged
    from json_each(${payload}) j
    left join roster_persons p on p.insurer_id = ${insurer.id} and p.person_key = json_extract(j.value, '$.k')`
  const upsert = sql`
    insert into roster_persons (insurer_id, person_key, symbol, number, branch, card_key, name_kana, name_key,
      birth_date, sex, relationship, valid_from, valid_to, postal_code, address, row_hash, created_at, updated_at)
    select ${insurer.id}, json_extract(value, '$.k'), json_extract(value, '$.s'), json_extract(value, '$.n'),
      json_extract(value, '$.b'), json_extract(value, '$.ck'), json_extract(value, '$.nk'), json_extract(value, '$.nn'),
      json_extract(value, '$.bd'), json_extract(value, '$.sx'), json_extract(value, '$.rl'), json_extract(value, '$.vf'),
      json_extract(value, '$.vt'), json_extract(value, '$.pc'), json_extract(value, '$.ad'), json_extract(value, '$.h'),
      ${now}, ${now}
    from json_each(${payload}) where true
    on conflict (insurer_id, person_key) do update set
      symbol = excluded.symbol, number = excluded.number, branch = excluded.branch, card_key = excluded.card_key,
      name_kana = excluded.name_kana, name_key = excluded.name_key, birth_date = excluded.birth_date,
      sex = excluded.sex, relationship = excluded.relationship, valid_from = excluded.valid_from,
      valid_to = excluded.valid_to, postal_code = excluded.postal_code, address = excluded.address,
      row_hash = excluded.row_hash, updated_at = excluded.updated_at
    where roster_persons.row_hash <> excluded.row_hash`
  const [first] = (await deps.db.all(classify)) as Array<Record<string, unknown> | unknown[]>
  await deps.db.run(upsert)
  const [inserted, updated, unchanged] = Array.isArray(first)
    ? first.map(Number)
    : [Number(first?.inserted), Number(first?.updated), Number(first?.unchanged)]
  rejected.sort((a, b) => a.line - b.line)
  return { inserted, updated, unchanged, rejected }
}

export async function findInsurer(deps: Pick<Deps, 'db'>, number: string) {
  const [row] = await deps.db.select().from(insurers).where(eq(insurers.number, number))
  return row ?? null
}
