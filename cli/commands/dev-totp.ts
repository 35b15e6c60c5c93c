/**
 * `dev totp EMAIL`: the current TOTP code of a development staff member (README, development log-ins), read
 * from the local development server's clock (`/dev/staff/totp`), so it is right even after the dev clock
 * was moved. Local servers only: production has no such route and no such staff.
 */
import { defineCommand } from '../command.ts'
import { DEFAULT_URL, isLocalUrl } from '../client.ts'
import { OpsError, UsageError } from '../errors.ts'

export default defineCommand({
  name: 'dev totp',
  help: 'help_dev_totp',
  options: {},
  positionals: ['email'],
  async run(ctx) {
    const email = ctx.args[0]
    const url = String(ctx.values.url ?? ctx.io.env.KENSHIN_URL ?? DEFAULT_URL).replace(/\/+$/, '')
    if (!isLocalUrl(url)) throw new UsageError('dev_local_only', { url }, 'dev totp')
    const fetcher = ctx.io.fetch ?? fetch
    let res: Response
    try {
      res = await fetcher(`${url}/dev/staff/totp?email=${encodeURIComponent(email)}`)
    } catch (err) {
      throw new OpsError('unreachable', { url, detail: err instanceof Error ? err.name : 'error' })
    }
    if (res.status === 404) throw new OpsError('dev_totp_unknown', { email })
    if (!res.ok) throw new OpsError('unreachable', { url, detail: `HTTP ${res.status}` })
    const { code } = (await res.json()) as { code: string }
    ctx.out(ctx.values.json ? JSON.stringify({ email, code }) : code)
    return 0
  },
})
