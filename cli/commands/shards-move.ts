/** `shards move`: moves an insurer (or its checkups from a fiscal year on) to another database. */
import { t } from '../i18n.ts'
import { connect, defineCommand, integer, requiredInsurer, withCommand } from '../command.ts'
import { UsageError } from '../errors.ts'
import { loop, shards, showMove } from './shards-common.ts'

export default defineCommand({
  name: 'shards move',
  help: 'help_shards_move',
  options: { insurer: { type: 'string' }, to: { type: 'string' }, 'from-fy': { type: 'string' } },
  positionals: [],
  async run(ctx) {
    const { insurer, to, fromFy } = withCommand('shards move', () => {
      const to = ctx.values.to
      if (typeof to !== 'string' || to.trim() === '')
        throw new UsageError('missing_flag', { flag: '--to' })
      const from = ctx.values['from-fy']
      return {
        insurer: requiredInsurer(ctx, 'shards move'),
        to: to.trim(),
        fromFy:
          typeof from === 'string'
            ? integer(ctx, '--from-fy', from, 'expected_fiscal_year', 1990, 2200)
            : undefined,
      }
    })
    const { client } = connect(ctx)
    const started = (
      await client.request(() =>
        shards(client).moves.$post({
          json: { insurer, to, ...(fromFy === undefined ? {} : { fromFy }) },
        }),
      )
    ).move
    const m = await loop(ctx, client, started, 'step', (m) => m.finished)
    if (ctx.values.json) ctx.out(JSON.stringify({ move: m }, null, 2))
    else {
      showMove(ctx, m)
      ctx.out('')
      ctx.out(
        t(ctx.lang, m.phase === 'switched' ? 'shards_switched' : 'shards_aborted', {
          insurer,
          source: m.source,
          target: m.target,
        }),
      )
    }
    return m.phase === 'switched' ? 0 : 1
  },
})
