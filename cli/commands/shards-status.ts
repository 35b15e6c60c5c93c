/** `shards status`: where the newest move of an insurer stands. */
import { connect, defineCommand, requiredInsurer, withCommand } from '../command.ts'
import { latestMove, showMove } from './shards-common.ts'

export default defineCommand({
  name: 'shards status',
  help: 'help_shards_status',
  options: { insurer: { type: 'string' } },
  positionals: [],
  async run(ctx) {
    const insurer = withCommand('shards status', () => requiredInsurer(ctx, 'shards status'))
    const { client } = connect(ctx)
    const m = await latestMove(client, insurer)
    if (ctx.values.json) ctx.out(JSON.stringify({ move: m }, null, 2))
    else showMove(ctx, m)
    return 0
  },
})
