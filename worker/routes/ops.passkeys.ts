import type { RegistrationResponseJSON } from '@simplewebauthn/server'
import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { PasskeyRegisterBody } from '../../core/staff'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { requireConsoleSession, type StaffEnv } from '../middleware/staff'
import { auditStaff } from '../services/audit'
import {
  listPasskeys,
  passkeyRegistrationOptions,
  registerPasskey,
  removePasskey,
} from '../services/passkeys'
import { validationHook } from './validation'

/**
 * A staff member's own passkeys (docs/security.md#staff): a second factor besides TOTP. Added and removed
 * in a console session only (an API token cannot add a way in).
 */
export function staffPasskeyRoutes(deps: Deps) {
  return new Hono<StaffEnv>()
    .get('/', async (c) => c.json({ passkeys: await listPasskeys(deps, c.get('staff').id) }))
    .post('/options', requireConsoleSession, async (c) =>
      c.json(await passkeyRegistrationOptions(deps, c.get('staff').id)),
    )
    .post(
      '/',
      requireConsoleSession,
      vValidator('json', PasskeyRegisterBody, validationHook),
      async (c) => {
        const s = c.get('staff')
        const { challengeId, name, response } = c.req.valid('json')
        const added = await registerPasskey(deps, s.id, {
          challengeId,
          name,
          response: response as unknown as RegistrationResponseJSON,
        })
        if (!added) throw new AppError('passkey_refused')
        await auditStaff(deps, s, c.get('ip'), 'staff.passkey_added', { passkey: name })
        return c.json({ passkey: added }, 201)
      },
    )
    .delete('/:id', requireConsoleSession, async (c) => {
      const s = c.get('staff')
      const removed = await removePasskey(deps, s.id, c.req.param('id'))
      if (!removed) throw new AppError('not_found')
      await auditStaff(deps, s, c.get('ip'), 'staff.passkey_removed', { passkey: removed.name })
      return c.json({ ok: true })
    })
}
