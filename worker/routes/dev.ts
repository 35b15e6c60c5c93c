import { Hono } from 'hono'
import { desc, sql } from 'drizzle-orm'
import { addressLocks, devOutbox, riskEvents } from '../../db/schema'
import { TURNSTILE_TEST_KEYS } from '../config'
import type { Deps } from '../deps'
import { devClock } from '../services/dev-clock'
import type { AppEnv } from '../types'
import { STANDIN_TOKEN_PREFIX, TURNSTILE_STANDIN_SCRIPT } from './dev-turnstile'
import { seedDemo } from '../../db/seed/demo'

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  )

/** Development only (ENVIRONMENT=development): the outbox, the Turnstile stand-in, the clock. */
export function devRoutes(deps: Deps) {
  const listMail = () => deps.db.select().from(devOutbox).orderBy(desc(devOutbox.id)).limit(200)
  return new Hono<AppEnv>()
    .get('/mail.json', async (c) => {
      const rows = await listMail()
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
      const rows = await listMail()
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
      await deps.db.delete(devOutbox)
      return c.body(null, 204)
    })
    .get('/turnstile/api.js', (c) =>
      c.body(TURNSTILE_STANDIN_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
    )
    .post('/turnstile/siteverify', async (c) => {
      const type = c.req.header('Content-Type') ?? ''
      const form: Record<string, unknown> = type.includes('json')
        ? await c.req.json()
        : await c.req.parseBody()
      const secret = String(form.secret ?? '')
      const token = String(form.response ?? '')
      // The stand-in's widget puts the action it was drawn for in its token; the answer echoes it, as
      // Turnstile does, so the app's exact action check is exercised in development and tests.
      const action = token.startsWith(STANDIN_TOKEN_PREFIX)
        ? token.slice(STANDIN_TOKEN_PREFIX.length)
        : ''
      const answer = (success: boolean, codes: string[] = []) =>
        c.json({
          success,
          'error-codes': codes,
          challenge_ts: new Date(deps.now()).toISOString(),
          hostname: 'example.com',
          action,
        })
      if (!token) return answer(false, ['missing-input-response'])
      if (secret === TURNSTILE_TEST_KEYS.secretPass) return answer(true)
      if (secret === TURNSTILE_TEST_KEYS.secretFail)
        return answer(false, ['invalid-input-response'])
      if (secret === TURNSTILE_TEST_KEYS.secretSpent) return answer(false, ['timeout-or-duplicate'])
      return answer(false, ['invalid-input-secret'])
    })
    .post('/clock', async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as { advanceMs?: number; reset?: boolean }
      if (body.reset) devClock.offsetMs = 0
      else if (typeof body.advanceMs === 'number' && Number.isFinite(body.advanceMs))
        devClock.offsetMs += body.advanceMs
      return c.json({ offsetMs: devClock.offsetMs, now: new Date(devClock.now()).toISOString() })
    })
    .post('/seed', async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as {
        viewingCodes?: { personKey: string; code: string }[]
      }
      return c.json({
        tokens: await seedDemo(deps, Array.isArray(body.viewingCodes) ? body.viewingCodes : []),
      })
    })
    .post('/risk/reset', async (c) => {
      await deps.db.delete(riskEvents)
      await deps.db.delete(addressLocks).where(sql`1 = 1`)
      return c.body(null, 204)
    })
}
