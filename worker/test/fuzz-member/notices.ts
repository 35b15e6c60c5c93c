/** お知らせ and Web Push (issue 12) for the fuzz test: the member's notices, settings and subscriptions. */
import { NoticeSettingsBody, PushEndpointBody, PushSubscriptionBody } from '../../../core/notices'
import { pushSubscriptions } from '../../../db/schema'
import { ORIGIN, type Endpoint } from '../fuzz-endpoint'
import { ctx } from '../fuzz-runner'

let n = 0
/** A subscription as a browser's PushManager gives it, pointed at the development stand-in. */
const subscription = () => ({
  endpoint: `${ORIGIN}/dev/push/fuzz${++n}`,
  keys: {
    p256dh:
      'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
    auth: 'BTBZMqHH6r4Tts7J_aSIgg',
  },
})

export const NOTICES_ENDPOINTS: Endpoint[] = [
  { method: 'GET', route: '/api/notices', as: ['member', 'ready'], doorAs: ['anon'] },
  {
    // No notice has this id: 404 after the session check, nothing changes.
    method: 'POST',
    route: '/api/notices/:id/read',
    param: '00000000-0000-4000-8000-000000000000',
    as: ['member'],
    doorAs: ['anon'],
  },
  { method: 'GET', route: '/api/notices/settings', as: ['member', 'ready'], doorAs: ['anon'] },
  {
    method: 'POST',
    route: '/api/notices/settings',
    schema: NoticeSettingsBody,
    as: ['member'],
    doorAs: ['anon'],
    bodies: [() => ({ mail: true }), () => ({ mail: false })],
  },
  {
    // The cap (10 devices an account) would refuse the later valid probes: cleared before each.
    method: 'POST',
    route: '/api/push/subscriptions',
    schema: PushSubscriptionBody,
    as: ['member'],
    doorAs: ['anon'],
    beforeEach: () => ctx.db.plain.delete(pushSubscriptions),
    bodies: [subscription],
  },
  {
    method: 'POST',
    route: '/api/push/subscriptions/remove',
    schema: PushEndpointBody,
    as: ['member'],
    doorAs: ['anon'],
    bodies: [() => ({ endpoint: subscription().endpoint })],
  },
]

/** The development routes of this area, left out of the fuzz test as the other /dev/ ones are. */
export const NOTICES_NOT_FUZZED: Record<string, string> = {
  'GET /dev/push.json': 'development only: what the push stand-in received',
  'POST /dev/push/:id{[A-Za-z0-9_-]{1,64}}': 'development only: the push services’ stand-in',
  'DELETE /dev/push': 'development only: clears the push stand-in',
  'POST /dev/jobs/notices': 'development only: runs the notices job now',
}
