/** `shards confirm`: confirms a switched move: the old copy's rows and triggers go (a page a call). */
import { t } from '../i18n.ts'
import { connect, defineCommand, requiredInsurer, withCommand } from '../command.ts'
import { latestMove, loop, showMove } from './shards-common.ts'

export default defineCommand({
  name: 'shards confirm',
  help: 'help_shards_confirm',
  options: { insurer: { type: 'string' } },
  positionals: [],
  async run(ctx) {
    const insurer = withCommand('shards confirm', () => requiredInsurer(ctx, 'shards confirm'))
    const { client } = connect(ctx)
    const m = await loop(
      ctx,
      client,
      await latestMove(client, insurer),
      'confirm',
      (m) => m.phase === 'confirmed',
    )
    if (ctx.values.json) ctx.out(JSON.stringify({ move: m }, null, 2))
    else {
      showMove(ctx, m)
      ctx.out('')
      ctx.out(t(ctx.lang, 'shards_confirmed', { insurer, source: m.source, target: m.target }))
    }
    return 0
  },
})
