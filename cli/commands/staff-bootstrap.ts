/**
 * `staff bootstrap --email E --name N`: the first platform admin (docs/security.md#staff). Sends the
 * bootstrap secret, read from the environment variable KENSHIN_BOOTSTRAP_SECRET only (a flag would
 * stay in the shell's history and the process list), to POST /api/ops/enrol/bootstrap, which works only
 * while no platform admin exists; the new admin gets an invitation mail. No API token is needed.
 */
import { t } from '../i18n.ts'
import { defineCommand } from '../command.ts'
import { OpsError, UsageError } from '../errors.ts'

const DEFAULT_URL = 'http://localhost:8787'

export default defineCommand({
  name: 'staff bootstrap',
  help: 'help_staff_bootstrap',
  options: { email: { type: 'string' }, name: { type: 'string' } },
  positionals: [],
  async run(ctx) {
    const email = ctx.values.email
    const name = ctx.values.name
    if (typeof email !== 'string' || email.trim() === '')
      throw new UsageError('missing_flag', { flag: '--email' }, 'staff bootstrap')
    if (typeof name !== 'string' || name.trim() === '')
      throw new UsageError('missing_flag', { flag: '--name' }, 'staff bootstrap')
    const secret = ctx.io.env.KENSHIN_BOOTSTRAP_SECRET ?? ''
    if (secret === '') throw new OpsError('staff_bootstrap_no_secret', {}, 2)
    const raw = (
      (ctx.values.url as string | undefined) ??
      ctx.io.env.KENSHIN_URL ??
      DEFAULT_URL
    ).trim()
    let origin: string
    try {
      const parsed = new URL(raw)
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error()
      origin = parsed.origin
    } catch {
      throw new UsageError('bad_url', { url: raw })
    }
    const doFetch = ctx.io.fetch ?? fetch
    let response: Response
    try {
      response = await doFetch(`${origin}/api/ops/enrol/bootstrap`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Origin: origin,
          'Accept-Language': ctx.lang,
        },
        body: JSON.stringify({ secret, name: name.trim(), email: email.trim() }),
      })
    } catch (error) {
      throw new OpsError('staff_bootstrap_unreachable', {
        url: origin,
        reason: (error as Error)?.message ?? String(error),
      })
    }
    const payload = (await response.json().catch(() => null)) as {
      staff?: { id: string; name: string; email: string; role: string }
      error?: { code: string; message: string; fields?: Record<string, string> }
    } | null
    if (response.status === 201 && payload?.staff) {
      if (ctx.values.json) ctx.out(JSON.stringify({ staff: payload.staff }, null, 2))
      else if (ctx.values.quiet !== true)
        ctx.out(t(ctx.lang, 'staff_bootstrap_done', { email: payload.staff.email }))
      return 0
    }
    const fields = Object.entries(payload?.error?.fields ?? {})
      .map(([field, message]) => `${field}: ${message}`)
      .join(' / ')
    const key =
      response.status === 409
        ? 'staff_bootstrap_exists'
        : response.status === 404
          ? 'staff_bootstrap_off'
          : response.status === 403
            ? 'staff_bootstrap_refused'
            : 'staff_bootstrap_failed'
    throw new OpsError(key, {
      status: response.status,
      message: fields || payload?.error?.message || '',
    })
  },
})
