/**
 * What the `shards …` commands share (not a command): the operator API's move calls through the
 * typed client, the loop of bounded steps, and how a move is shown.
 */
import { t } from '../i18n.ts'
import type { ApiClient } from '../client.ts'
import type { Context } from '../command.ts'
import { OpsError } from '../errors.ts'
import { labelled, table } from '../terminal.ts'

type Shards = ApiClient['ops']['shards']
export type Move = Awaited<ReturnType<typeof latestMove>>

export const shards = (client: ApiClient): Shards => client.ops.shards

export async function latestMove(client: ApiClient, insurer: string) {
  const latest = shards(client).moves.latest[':insurer']
  return (await client.request(() => latest.$get({ param: { insurer } }))).move
}

/**
 * Calls one action of a move (step, confirm, abort) until `done` says so; a `conflict` (another
 * command stepped the same move at that moment) is asked again. Each change of phase or table is
 * a line on stderr.
 */
export async function loop(
  ctx: Context,
  client: ApiClient,
  first: Move,
  action: 'step' | 'confirm' | 'abort',
  done: (m: Move) => boolean,
): Promise<Move> {
  const move = shards(client).moves[':id']
  let m = first
  let shown = ''
  for (;;) {
    if (done(m)) return m
    const line = t(ctx.lang, 'shards_progress', {
      phase: m.phase,
      step: m.step,
      table: m.table ?? '-',
      copied: m.copied,
      replayed: m.replayed,
    })
    const key = `${m.phase} ${m.step} ${m.table}`
    if (key !== shown && ctx.values.quiet !== true) ctx.err(line)
    shown = key
    try {
      m = (
        await client.request(() =>
          move[action].$post(
            { param: { id: m.id } },
            // The operator API wants a JSON content type on every write; these take no body.
            { headers: { 'content-type': 'application/json' } },
          ),
        )
      ).move
    } catch (err) {
      if (err instanceof OpsError && err.params.code === 'conflict') continue
      throw err
    }
  }
}

/** A move: its labelled rows, and the verify's report (counts and checksums per table). */
export function showMove(ctx: Context, m: Move): void {
  const l = ctx.lang
  for (const line of labelled(l, [
    ['shards_move_id', m.id],
    ['shards_insurer', m.insurer],
    ['shards_range', m.fromFy === 0 ? '-' : `${m.fromFy}–${m.toFy ?? ''}`],
    ['shards_source', m.source],
    ['shards_target', m.target],
    ['shards_phase', `${m.phase} (${m.step})`],
    ['shards_copied', String(m.copied)],
    ['shards_replayed', String(m.replayed)],
  ]))
    ctx.out(line)
  const rows = Object.entries(m.report).map(([name, r]) => [
    name,
    String(r.source[0]),
    String(r.target[0]),
    r.source[1] === r.target[1] ? r.source[1] : `${r.source[1]} ≠ ${r.target[1]}`,
  ])
  if (rows.length === 0) return
  ctx.out('')
  for (const line of table(
    [t(l, 'shards_table'), m.source, m.target, t(l, 'shards_checksum')],
    rows,
  ))
    ctx.out(line)
}
