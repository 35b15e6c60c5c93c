import { vValidator } from '@hono/valibot-validator'
import { Hono, type Context } from 'hono'
import { MemberActionBody, MemberLookupQuery, type MemberAction } from '../../core/member-actions'
import type { Deps } from '../deps'
import { requireCapability, type StaffEnv } from '../middleware/staff'
import { actOnMember, findMembersByEmail, memberDetail } from '../services/member-actions'
import { validationHook } from './validation'

/**
 * Support's view of a member and its actions (re-issue a viewing code, lift a lock, reset mail, end
 * sessions, forgot login ID, 紐付け解除): support agents only ('member.act'), in their scope (a member out of it
 * is a 404, as one that does not exist). Every action takes a reason and is audited on the member.
 */
export function staffMemberRoutes(deps: Deps) {
  const act = async (c: Context<StaffEnv>, action: MemberAction, reason: string) => {
    const id = c.req.param('id') ?? ''
    const done = await actOnMember(deps, c.get('staff'), c.get('ip'), id, action, reason)
    return c.json({ done: action, ...done })
  }
  const body = vValidator('json', MemberActionBody, validationHook)
  const actor = requireCapability('member.act')

  return (
    new Hono<StaffEnv>()
      // A POST: the address stays out of URLs (history, request logs), and the look-up is audited.
      .post('/lookup', actor, vValidator('json', MemberLookupQuery, validationHook), async (c) => {
        const members = await findMembersByEmail(
          deps,
          c.get('staff'),
          c.get('ip'),
          c.req.valid('json').email,
        )
        return c.json({ members })
      })
      .get('/:id', actor, async (c) => {
        return c.json({
          member: await memberDetail(deps, c.get('staff'), c.get('ip'), c.req.param('id')),
        })
      })
      .post('/:id/actions/reissue-code', actor, body, (c) =>
        act(c, 'reissue-code', c.req.valid('json').reason),
      )
      .post('/:id/actions/unlock-address', actor, body, (c) =>
        act(c, 'unlock-address', c.req.valid('json').reason),
      )
      .post('/:id/actions/unlock-health', actor, body, (c) =>
        act(c, 'unlock-health', c.req.valid('json').reason),
      )
      .post('/:id/actions/reset-mail', actor, body, (c) =>
        act(c, 'reset-mail', c.req.valid('json').reason),
      )
      .post('/:id/actions/end-sessions', actor, body, (c) =>
        act(c, 'end-sessions', c.req.valid('json').reason),
      )
      .post('/:id/actions/login-id-notice', actor, body, (c) =>
        act(c, 'login-id-notice', c.req.valid('json').reason),
      )
      // issue 14: 紐付け解除, so the member may link another card (409 not_linked when not linked)
      .post('/:id/actions/unlink', actor, body, (c) => act(c, 'unlink', c.req.valid('json').reason))
  )
}
