/** `codes status`: how many viewing codes an insurer has issued, used and locked, and who has none. */
import { t, type MessageKey } from '../i18n.ts'
import { connect, defineCommand, requiredInsurer, withCommand } from '../command.ts'
import { formatInt, labelled } from '../terminal.ts'

export default defineCommand({
  name: 'codes status',
  help: 'help_codes_status',
  options: { insurer: { type: 'string' } },
  positionals: [],
  async run(ctx) {
    const insurer = withCommand('codes status', () => requiredInsurer(ctx, 'codes status'))
    const { client } = connect(ctx)
    const status = await client.codeStatus(insurer)
    if (ctx.values.json) {
      ctx.out(JSON.stringify({ insurer, ...status }, null, 2))
      return 0
    }
    const counts: [MessageKey, number][] = [
      ['codes_status_issued', status.issued],
      ['codes_status_used', status.used],
      ['codes_status_locked', status.locked],
      ['codes_status_not_printed', status.notPrinted],
      ['codes_status_without', status.withoutCode],
      ['codes_status_queue', status.reissueQueue],
      ['codes_status_never', status.neverIssued],
    ]
    // the numbers right-aligned, as wide as the widest
    const numbers = Math.max(...counts.map(([, n]) => formatInt(n).length))
    ctx.out(t(ctx.lang, 'codes_status_title', { insurer }))
    const rows = counts.map(([k, n]): [MessageKey, string] => [k, formatInt(n).padStart(numbers)])
    for (const line of labelled(ctx.lang, rows)) ctx.out(line)
    return 0
  },
})
