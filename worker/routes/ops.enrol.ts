import { vValidator } from '@hono/valibot-validator'
import { Hono, type Context } from 'hono'
import { BootstrapBody, EnrolCheckBody, EnrolCompleteBody } from '../../core/staff-admin'
import type { Deps } from '../deps'
import { apiGuards } from '../middleware/request'
import type { StaffEnv } from '../middleware/staff'
import { bootstrapAdmin, checkEnrolment, completeEnrolment } from '../services/staff-admin'
import { sendInBackground } from './respond'
import type { AppEnv } from '../types'
import { validationHook } from './validation'

/**
 * Open without a session: accepting an invitation (password and TOTP enrolment) and the first platform
 * admin's bootstrap. The link's token (256 bits, single use, 7 days) is the credential; the bootstrap
 * needs the Worker secret STAFF_BOOTSTRAP_SECRET and works only while no platform admin exists.
 */
export function staffEnrolRoutes(deps: Deps) {
  const guards = apiGuards(deps.config)
  return new Hono<StaffEnv>()
    .post('/check', ...guards, vValidator('json', EnrolCheckBody, validationHook), async (c) =>
      c.json(await checkEnrolment(deps, c.req.valid('json').token)),
    )
    .post(
      '/complete',
      ...guards,
      vValidator('json', EnrolCompleteBody, validationHook),
      async (c) => {
        const done = await completeEnrolment(deps, c.get('ip'), c.get('lang'), c.req.valid('json'))
        return c.json({ ok: true, email: done.email })
      },
    )
    .post('/bootstrap', ...guards, vValidator('json', BootstrapBody, validationHook), async (c) => {
      const { staff, mail } = await bootstrapAdmin(
        deps,
        c.get('ip'),
        c.get('lang'),
        c.req.valid('json'),
      )
      await sendInBackground(c as unknown as Context<AppEnv>, deps, mail)
      return c.json({ staff }, 201)
    })
}
