/** `insurer list`: every insurer the token may see, as a table (or JSON, every field whole). */
import { t, type MessageKey } from '../i18n.ts'
import { connect, defineCommand } from '../command.ts'
import { cidrList, eligible, maintenanceMessage, maintenanceUntil } from '../insurer-view.ts'
import { table } from '../terminal.ts'

/** The maintenance message's column: its beginning, on one line (insurer set shows it whole). */
const MESSAGE_WIDTH = 24

const COLUMNS: MessageKey[] = [
  'insurer_number',
  'insurer_name',
  'insurer_eligible',
  'insurer_maintenance',
  'insurer_maintenance_until',
  'insurer_maintenance_message',
  'insurer_failure_limit',
  'insurer_cidrs',
]

export default defineCommand({
  name: 'insurer list',
  help: 'help_insurer_list',
  options: {},
  positionals: [],
  async run(ctx) {
    const { client } = connect(ctx)
    const insurers = await client.listInsurers()
    if (ctx.values.json) {
      ctx.out(JSON.stringify({ insurers }, null, 2))
      return 0
    }
    if (insurers.length === 0) {
      ctx.out(t(ctx.lang, 'insurer_list_empty'))
      return 0
    }
    const l = ctx.lang
    const rows = insurers.map((i) => [
      i.number,
      i.name,
      eligible(l, i),
      t(l, i.maintenance ? 'on' : 'off'),
      maintenanceUntil(l, i),
      maintenanceMessage(l, i, MESSAGE_WIDTH),
      String(i.allowlistFailureLimit),
      cidrList(l, i),
    ])
    for (const line of table(
      COLUMNS.map((k) => t(l, k)),
      rows,
    ))
      ctx.out(line)
    return 0
  },
})
