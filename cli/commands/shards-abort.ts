/** `shards abort`: aborts a move before its switch: the source takes writes again, the target's copy goes. */
import { t } from '../i18n.ts'
import { connect, defineCommand, requiredInsurer, withCommand } from '../command.ts'
import { latestMove, loop, showMove } from './shards-common.ts'

export default defineCommand({
  name: 'shards abort',
  help: 'help_shards_abort',
  options: { insurer: { type: 'string' } },
  positionals: [],
  async run(ctx) {
    const insurer = withCommand('shards abort', () => requiredInsurer(ctx, 'shards abort'))
    const { client } = connect(ctx)
    const m = await loop(
      ctx,
      client,
      await latestMove(client, insurer),
      'abort',
      (m) => m.phase === 'aborted' && m.finished,
    )
    if (ctx.values.json) ctx.out(JSON.stringify({ move: m }, null, 2))
    else {
      showMove(ctx, m)
      ctx.out('')
      ctx.out(t(ctx.lang, 'shards_aborted', { insurer, source: m.source, target: m.target }))
    }
    return 0
  },
})
