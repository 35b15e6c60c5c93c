/**
 * `checkups compact` (a platform admin's): rewrites checkups stored as JSON into the compact form, one
 * page of ≤ 100 rows of one insurer database per call (worker/services/checkup-compact.ts), until the
 * server says every database is done. Stopping half-way loses nothing: running it again goes over the
 * rows again and converts what is left; a run over converted rows changes nothing.
 */
import { t } from '../i18n.ts'
import { connect, defineCommand, requiredInsurer, withCommand, type Context } from '../command.ts'
import { formatInt } from '../terminal.ts'

type Counts = { scanned: number; converted: number; compact: number; kept: number; changed: number }
const KEYS = ['scanned', 'converted', 'compact', 'kept', 'changed'] as const
const zero = (): Counts => ({ scanned: 0, converted: 0, compact: 0, kept: 0, changed: 0 })

export default defineCommand({
  name: 'checkups compact',
  help: 'help_checkups_compact',
  options: { insurer: { type: 'string' } },
  positionals: [],
  async run(ctx) {
    const insurer =
      ctx.values.insurer === undefined
        ? undefined
        : withCommand('checkups compact', () => requiredInsurer(ctx, 'checkups compact'))
    const { client } = connect(ctx)
    const compact = client.ops.platform.checkups.compact
    const databases: ({ database: string } & Counts)[] = []
    const total = zero()
    let body: { insurer?: string; database?: string; after?: number } = insurer ? { insurer } : {}
    for (;;) {
      const answer = await client.request(() => compact.$post({ json: body }))
      if (answer.database !== null) {
        let entry = databases.at(-1)
        if (entry?.database !== answer.database) {
          if (entry && !ctx.values.json) report(ctx, entry)
          databases.push((entry = { database: answer.database, ...zero() }))
        }
        for (const k of KEYS) {
          entry[k] += answer[k]
          total[k] += answer[k]
        }
      }
      if (!answer.next) break
      body = { ...(insurer ? { insurer } : {}), ...answer.next }
    }
    if (ctx.values.json) {
      ctx.out(JSON.stringify({ ...(insurer ? { insurer } : {}), databases, total }, null, 2))
      return 0
    }
    const last = databases.at(-1)
    if (last) report(ctx, last)
    ctx.out(t(ctx.lang, 'checkups_compact_done', counts(total, databases.length)))
    return 0
  },
})

const counts = (c: Counts, databases?: number) => ({
  ...Object.fromEntries(KEYS.map((k) => [k, formatInt(c[k])])),
  ...(databases === undefined ? {} : { databases: formatInt(databases) }),
})

function report(ctx: Context, c: { database: string } & Counts) {
  ctx.out(t(ctx.lang, 'checkups_compact_database', { database: c.database, ...counts(c) }))
}
