import { Hono } from 'hono'
import type { Deps } from '../deps'
import { pushStandIn, recordedPushes } from '../dev/push'
import { devTotpCode } from '../dev/staff'
import { turnstileStandIn } from '../dev/turnstile'
import { devClock } from '../services/dev-clock'
import { clearOutbox, listOutbox, reseedDemo, resetRisk } from '../services/dev'
import { processNotices } from '../services/notices'
import type { AppEnv } from '../types'

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  )

/** Development only (ENVIRONMENT=development): the outbox, the Turnstile stand-in, the clock. */
export function devRoutes(deps: Deps) {
  return (
    new Hono<AppEnv>()
      .get('/mail.json', async (c) => {
        const rows = await listOutbox(deps)
        return c.json(
          rows.map((m) => ({
            id: m.id,
            to: m.to,
            subject: m.subject,
            text: m.text,
            html: m.html,
            sentAt: new Date(m.sentAt).toISOString(),
          })),
        )
      })
      .get('/mail', async (c) => {
        const rows = await listOutbox(deps)
        const items = rows
          .map(
            (m) =>
              `<article><h2>${escapeHtml(m.subject)}</h2><p>To: ${escapeHtml(m.to)} · ${new Date(m.sentAt).toISOString()}</p><pre>${escapeHtml(m.text).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</pre></article>`,
          )
          .join('<hr>')
        return c.html(
          `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>開発用メールボックス</title></head><body><main><h1>開発用メールボックス (${rows.length})</h1>${items || '<p>メールはありません。</p>'}</main></body></html>`,
        )
      })
      .delete('/mail', async (c) => {
        await clearOutbox(deps)
        return c.body(null, 204)
      })
      .route('/turnstile', turnstileStandIn(deps))
      .post('/clock', async (c) => {
        const body = (await c.req.json().catch(() => ({}))) as {
          advanceMs?: number
          reset?: boolean
        }
        if (body.reset) devClock.offsetMs = 0
        else if (typeof body.advanceMs === 'number' && Number.isFinite(body.advanceMs))
          devClock.offsetMs += body.advanceMs
        return c.json({ offsetMs: devClock.offsetMs, now: new Date(devClock.now()).toISOString() })
      })
      .post('/seed', async (c) => {
        const body = (await c.req.json().catch(() => ({}))) as {
          viewingCodes?: { personKey: string; code: string }[]
          second?: { viewingCodes?: { personKey: string; code: string }[] }
        }
        const list = (codes: unknown) =>
          Array.isArray(codes) ? (codes as { personKey: string; code: string }[]) : []
        return c.json({
          tokens: await reseedDemo(
            deps,
            list(body.viewingCodes),
            body.second ? { viewingCodes: list(body.second.viewingCodes) } : undefined,
          ),
        })
      })
      // The current TOTP code of a development staff member (`npm run ops -- dev totp EMAIL`).
      .get('/staff/totp', (c) => {
        const email = c.req.query('email') ?? ''
        const code = devTotpCode(email, deps.now())
        if (!code)
          return c.json(
            { error: { code: 'not_found', message: 'no such development staff member' } },
            404,
          )
        return c.json({ email, code })
      })
      .post('/risk/reset', async (c) => {
        await resetRisk(deps)
        return c.body(null, 204)
      })
      // The push services' stand-in (what each received) and the notices job run now.
      .get('/push.json', (c) => c.json(recordedPushes))
      .route('/push', pushStandIn(deps.now))
      .post('/jobs/notices', async (c) => c.json(await processNotices(deps)))
  )
}
