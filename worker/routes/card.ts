import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { CardLinkBody } from '../../core/card'
import type { Deps } from '../deps'
import { requireMember } from '../middleware/session'
import { linkCard, memberProfile } from '../services/card'
import type { AppEnv } from '../types'
import { validationHook } from './validation'

/** 保険証情報の入力 → 利用資格を照会する → 登録完了 (journey 3). */
export function cardRoutes(deps: Deps) {
  return new Hono<AppEnv>().post(
    '/link',
    requireMember(deps),
    vValidator('json', CardLinkBody, validationHook),
    async (c) => {
      const accountId = c.get('member')!.accountId
      await linkCard(deps, accountId, c.req.valid('json'), c.get('ip'))
      return c.json({ outcome: 'linked' as const, member: await memberProfile(deps, accountId) })
    },
  )
}
