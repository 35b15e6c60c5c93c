import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { t } from '../../core/i18n'
import { TokenIssueBody } from '../../core/staff'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { requireConsoleSession, type StaffEnv } from '../middleware/staff'
import { auditStaff } from '../services/audit'
import { confirmTotp, issueStaffToken, listStaffTokens, revokeStaffToken } from '../services/staff'
import { validationHook } from './validation'

/**
 * A staff member's own API tokens for the command line (docs/security.md#staff): issued in a console
 * session only (a token cannot mint tokens), shown once, at most 90 days, revocable.
 */
export function staffTokenRoutes(deps: Deps) {
  return new Hono<StaffEnv>()
    .get('/', async (c) => c.json({ tokens: await listStaffTokens(deps, c.get('staff').id) }))
    .post(
      '/',
      requireConsoleSession,
      vValidator('json', TokenIssueBody, validationHook),
      async (c) => {
        const s = c.get('staff')
        const { code, label, days } = c.req.valid('json')
        if (!(await confirmTotp(deps, s.id, code)))
          throw new AppError('validation', {
            fields: { code: t(c.get('lang'), 'staff.field.code.wrong') },
          })
        const issued = await issueStaffToken(deps, s.id, { label, days })
        await auditStaff(deps, s, c.get('ip'), 'staff.token_issued', {
          token: issued.id,
          label: issued.label,
          expiresAt: issued.expiresAt,
        })
        return c.json({ token: issued }, 201)
      },
    )
    .delete('/:id', async (c) => {
      const s = c.get('staff')
      const id = c.req.param('id')
      if (!(await revokeStaffToken(deps, s.id, id))) throw new AppError('not_found')
      await auditStaff(deps, s, c.get('ip'), 'staff.token_revoked', { token: id })
      return c.json({ ok: true })
    })
}
