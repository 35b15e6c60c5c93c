import { vValidator } from '@hono/valibot-validator'
import { Hono, type Context } from 'hono'
import {
  StaffInviteBody,
  StaffRemoveBody,
  StaffResetBody,
  StaffUpdateBody,
} from '../../core/staff-admin'
import type { Deps } from '../deps'
import { requireCapability, type StaffEnv } from '../middleware/staff'
import {
  inviteStaff,
  listStaff,
  removeStaff,
  resetStaff,
  updateStaff,
} from '../services/staff-admin'
import { sendInBackground } from './respond'
import type { AppEnv } from '../types'
import { validationHook } from './validation'

/**
 * Staff management (docs/security.md#staff): a platform admin manages everyone; an insurer admin their
 * own insurer's insurer admins and operators. Every change is audited with its reason.
 */
export function staffAdminRoutes(deps: Deps) {
  return (
    new Hono<StaffEnv>()
      .use(requireCapability('staff.manage'))
      .get('/', async (c) => c.json({ staff: await listStaff(deps, c.get('staff')) }))
      .post('/', vValidator('json', StaffInviteBody, validationHook), async (c) => {
        const { staff, mail } = await inviteStaff(
          deps,
          c.get('staff'),
          c.get('ip'),
          c.get('lang'),
          c.req.valid('json'),
        )
        await sendInBackground(c as unknown as Context<AppEnv>, deps, mail)
        return c.json({ staff }, 201)
      })
      .patch('/:id', vValidator('json', StaffUpdateBody, validationHook), async (c) => {
        const staff = await updateStaff(
          deps,
          c.get('staff'),
          c.get('ip'),
          c.get('lang'),
          c.req.param('id') ?? '',
          c.req.valid('json'),
        )
        return c.json({ staff })
      })
      .post(
        '/:id/reset',
        requireCapability('platform.manage'),
        vValidator('json', StaffResetBody, validationHook),
        async (c) => {
          const { staff, mail } = await resetStaff(
            deps,
            c.get('staff'),
            c.get('ip'),
            c.get('lang'),
            c.req.param('id') ?? '',
            c.req.valid('json'),
          )
          await sendInBackground(c as unknown as Context<AppEnv>, deps, mail)
          return c.json({ staff, mailed: mail !== null })
        },
      )
      // Removal (the insurer's staff screen)
      .post('/:id/remove', vValidator('json', StaffRemoveBody, validationHook), async (c) =>
        c.json(
          await removeStaff(
            deps,
            c.get('staff'),
            c.get('ip'),
            c.get('lang'),
            c.req.param('id') ?? '',
            c.req.valid('json'),
          ),
        ),
      )
  )
}
