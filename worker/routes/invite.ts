import { Hono } from 'hono'
import { displayInviteCode } from '../../core/signup-codes'
import type { Deps } from '../deps'
import { requireMember } from '../middleware/session'
import { inviteSummary } from '../services/invites'
import type { AppEnv } from '../types'

/** 招待コード (journey 1): the member's own code, as shown (`ABCD-EFGH`), and how many joined with it. */
export function inviteRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/', requireMember(deps), async (c) => {
    const { code, joined } = await inviteSummary(deps, c.get('member')!.accountId)
    return c.json({ code: displayInviteCode(code), joined })
  })
}
