/** `whoami`: whose token this is (name, role, insurer) and which server answered. */
import { t, type MessageKey } from '../i18n.ts'
import { connect, defineCommand } from '../command.ts'
import { labelled } from '../terminal.ts'

export default defineCommand({
  name: 'whoami',
  help: 'help_whoami',
  options: {},
  positionals: [],
  async run(ctx) {
    const { connection, client } = connect(ctx)
    const staff = await client.whoami()
    if (ctx.values.json) {
      ctx.out(JSON.stringify({ staff, url: connection.url }, null, 2))
      return 0
    }
    const rows: [MessageKey, string][] = [
      ['whoami_name', staff.name],
      ['whoami_role', staff.role],
      ['whoami_insurer', staff.insurer ?? t(ctx.lang, 'whoami_insurer_all')],
      ['whoami_url', connection.url],
    ]
    for (const line of labelled(ctx.lang, rows, '')) ctx.out(line)
    return 0
  },
})
