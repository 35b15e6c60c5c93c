import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { PushEndpointBody, PushSubscriptionBody } from '../../core/notices'
import type { Deps } from '../deps'
import { requireMember } from '../middleware/session'
import { subscribePush, unsubscribePush } from '../services/push-subscriptions'
import type { AppEnv } from '../types'
import { validationHook } from './validation'

/**
 * This device's Web Push subscription: stored for the session's owner and tied to the session (it
 * goes at log-out); only endpoints of the known push services.
 */
export function pushRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireMember(deps))
    .post('/subscriptions', vValidator('json', PushSubscriptionBody, validationHook), async (c) => {
      const member = c.get('member')!
      await subscribePush(deps, member, c.req.valid('json'))
      return c.json({ subscribed: true as const }, 201)
    })
    .post(
      '/subscriptions/remove',
      vValidator('json', PushEndpointBody, validationHook),
      async (c) => {
        await unsubscribePush(deps, c.get('member')!.accountId, c.req.valid('json').endpoint)
        return c.json({ subscribed: false as const })
      },
    )
}
