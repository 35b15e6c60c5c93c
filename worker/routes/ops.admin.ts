import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { can } from '../../core/staff'
import {
  AllowlistDecisionBody,
  AllowlistRequestBody,
  isOrgCodeShaped,
  normalizeOrgCode,
  OrgCodeIssueBody,
} from '../../core/staff-admin'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { requireCapability, type StaffEnv } from '../middleware/staff'
import {
  decideAllowlist,
  listAllowlistRequests,
  requestAllowlist,
} from '../services/allowlist-requests'
import { issueOrgCode, listOrgCodes, retireOrgCode } from '../services/org-codes'
import { validationHook } from './validation'

/**
 * Platform administration: allow-list requests (an insurer's staff ask, a platform admin decides) and
 * 団体連携コード (a platform admin's).
 */
export function platformRoutes(deps: Deps) {
  return new Hono<StaffEnv>()
    .get('/allowlist-requests', async (c) => {
      const s = c.get('staff')
      if (!can(s.role, 'platform.manage') && !can(s.role, 'allowlist.request'))
        throw new AppError('forbidden')
      return c.json({ requests: await listAllowlistRequests(deps, s) })
    })
    .post(
      '/allowlist-requests',
      requireCapability('allowlist.request'),
      vValidator('json', AllowlistRequestBody, validationHook),
      async (c) => {
        const row = await requestAllowlist(
          deps,
          c.get('staff'),
          c.get('ip'),
          c.get('lang'),
          c.req.valid('json'),
        )
        return c.json({ request: { id: row.id, status: row.status } }, 201)
      },
    )
    .post(
      '/allowlist-requests/:id/decision',
      requireCapability('platform.manage'),
      vValidator('json', AllowlistDecisionBody, validationHook),
      async (c) => {
        const row = await decideAllowlist(
          deps,
          c.get('staff'),
          c.get('ip'),
          c.get('lang'),
          c.req.param('id') ?? '',
          c.req.valid('json'),
        )
        return c.json({ request: { id: row.id, status: row.status } })
      },
    )
    .get('/org-codes', requireCapability('platform.manage'), async (c) =>
      c.json({ codes: await listOrgCodes(deps) }),
    )
    .post(
      '/org-codes',
      requireCapability('platform.manage'),
      vValidator('json', OrgCodeIssueBody, validationHook),
      async (c) => {
        const code = await issueOrgCode(
          deps,
          c.get('staff'),
          c.get('ip'),
          c.get('lang'),
          c.req.valid('json'),
        )
        return c.json({ code }, 201)
      },
    )
    .post('/org-codes/:code/retire', requireCapability('platform.manage'), async (c) => {
      const code = normalizeOrgCode(c.req.param('code'))
      if (!isOrgCodeShaped(code)) throw new AppError('not_found')
      return c.json({ code: await retireOrgCode(deps, c.get('staff'), c.get('ip'), code) })
    })
}
