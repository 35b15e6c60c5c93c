import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { NoticeSettingsBody } from '../../core/notices'
import type { Deps } from '../deps'
import { requireMember } from '../middleware/session'
import { audit } from '../services/audit'
import { listNotices, noticeSettings, readNotice, setNoticeMail } from '../services/notices'
import type { AppEnv } from '../types'
import { validationHook } from './validation'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

/**
 * お知らせ: the member's notices (newest first), opening one, and お知らせの設定 (mail; push's key).
 * Writes are POSTs: the PWA's one `call` (client/lib/api.ts) speaks GET and POST only.
 */
export function noticeRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireMember(deps))
    .get('/', async (c) => {
      const { notices, unread } = await listNotices(deps, c.get('member')!.accountId)
      return c.json({
        unread,
        notices: notices.map((n) => ({
          id: n.id,
          kind: n.kind,
          link: n.link,
          at: iso(n.createdAt)!,
          readAt: iso(n.readAt),
        })),
      })
    })
    .post('/:id/read', async (c) => {
      const id = c.req.param('id')
      return c.json(await readNotice(deps, c.get('member')!.accountId, id.slice(0, 64)))
    })
    .get('/settings', async (c) => {
      const { mail } = await noticeSettings(deps, c.get('member')!.accountId)
      return c.json({ mail, pushKey: deps.config.vapid.publicKey })
    })
    .post('/settings', vValidator('json', NoticeSettingsBody, validationHook), async (c) => {
      const { mail } = c.req.valid('json')
      const member = c.get('member')!
      if (await setNoticeMail(deps, member.accountId, mail))
        await audit(deps, {
          action: 'notices.mail_setting_changed',
          actorType: 'member',
          actorId: member.accountId,
          accountId: member.accountId,
          ip: c.get('ip'),
          detail: { mail },
        })
      return c.json({ mail, pushKey: deps.config.vapid.publicKey })
    })
}
