/** `shards list`: the insurer databases, the shard map, and the latest moves. */
import { t } from '../i18n.ts'
import { connect, defineCommand } from '../command.ts'
import { table } from '../terminal.ts'
import { shards } from './shards-common.ts'

export default defineCommand({
  name: 'shards list',
  help: 'help_shards_list',
  options: {},
  positionals: [],
  async run(ctx) {
    const { client } = connect(ctx)
    const overview = await client.request(() => shards(client).$get())
    if (ctx.values.json) {
      ctx.out(JSON.stringify(overview, null, 2))
      return 0
    }
    const l = ctx.lang
    for (const line of table(
      [t(l, 'shards_database'), t(l, 'shards_kind'), t(l, 'shards_state')],
      overview.databases.map((d) => [d.name, d.kind, d.state]),
    ))
      ctx.out(line)
    ctx.out('')
    for (const line of table(
      [t(l, 'shards_insurer'), t(l, 'shards_range'), t(l, 'shards_database'), t(l, 'shards_epoch')],
      overview.map.map((r) => [
        r.insurer,
        r.fromFy === 0 && r.toFy === null ? '-' : `${r.fromFy}–${r.toFy ?? ''}`,
        r.database,
        String(r.epoch),
      ]),
    ))
      ctx.out(line)
    if (overview.moves.length > 0) {
      ctx.out('')
      for (const line of table(
        [
          t(l, 'shards_insurer'),
          t(l, 'shards_source'),
          t(l, 'shards_target'),
          t(l, 'shards_phase'),
          t(l, 'shards_started'),
        ],
        overview.moves.map((m) => [m.insurer, m.source, m.target, m.phase, m.startedAt]),
      ))
        ctx.out(line)
    }
    return 0
  },
})
