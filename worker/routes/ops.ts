import { vValidator } from '@hono/valibot-validator'
import { Hono, type Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { BaseIssue } from 'valibot'
import {
  ADMIN_ONLY_SETTINGS,
  allowListProblems,
  InsurerCreateBody,
  InsurerSettingsBody,
} from '../../core/insurer'
import { WIDEST_PREFIX } from '../../core/ip'
import { fieldErrors } from '../../core/schemas'
import { can } from '../../core/staff'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { requireCapability, staffGuards, type StaffEnv } from '../middleware/staff'
import {
  createInsurer,
  insurerForStaff,
  listInsurers,
  updateInsurer,
  type Insurer,
} from '../services/insurers'
import type { AppEnv } from '../types'
import { platformRoutes } from './ops.admin'
import { staffAuditRoutes } from './ops.audit'
import { staffCodeRoutes } from './ops.codes'
import { staffEnrolRoutes } from './ops.enrol'
import { staffImportRoutes } from './ops.imports'
import { staffInquiryRoutes } from './ops.inquiries'
import { staffMemberRoutes } from './ops.members'
import { staffPasskeyRoutes } from './ops.passkeys'
import { staffSessionRoutes } from './ops.session'
import { staffAdminRoutes } from './ops.staff'
import { staffTokenRoutes } from './ops.tokens'
import { validationHook } from './validation'
// issue 14, compact
import { checkupCompactRoutes } from './ops.checkups-compact'

/** An insurer as the operator API shows it. */
const present = (i: Insurer) => ({
  number: i.number,
  name: i.name,
  insuredOnly: i.insuredOnly,
  dependentMaxAge: i.dependentMaxAge,
  maintenance: i.maintenance,
  maintenanceMessage: i.maintenanceMessage,
  maintenanceUntil: i.maintenanceUntil === null ? null : new Date(i.maintenanceUntil).toISOString(),
  allowedCidrs: JSON.parse(i.allowedCidrs) as string[],
  allowlistFailureLimit: i.allowlistFailureLimit,
})

/**
 * The allow-list settings are a platform admin's (docs/security.md): an operator's request that names one
 * is refused with 403 before its values are looked at, so the answer does not depend on them and
 * nothing of the request is applied. A body that is not JSON goes on to the validator's 400.
 */
const adminOnlySettings = createMiddleware<StaffEnv>(async (c, next) => {
  if (!can(c.get('staff').role, 'platform.manage')) {
    const body: unknown = await c.req.json().catch(() => null)
    if (
      body &&
      typeof body === 'object' &&
      ADMIN_ONLY_SETTINGS.some((key) => Object.hasOwn(body, key))
    )
      throw new AppError('forbidden')
  }
  await next()
})

/**
 * The insurer routes' validation: as everywhere (a message per field), and a refused allow-list also
 * names its bad entries (detail.cidrTooWide, detail.cidrMalformed) and the widest ranges allowed.
 */
async function insurerValidationHook(
  result: { success: boolean; issues?: unknown },
  c: Context<AppEnv>,
): Promise<undefined> {
  if (!result.success) {
    const { cidrTooWide, cidrMalformed } = allowListProblems(await c.req.json().catch(() => null))
    if (cidrTooWide.length || cidrMalformed.length) {
      const issues = result.issues as [BaseIssue<unknown>, ...BaseIssue<unknown>[]]
      const widest = `IPv4 /${WIDEST_PREFIX.v4}, IPv6 /${WIDEST_PREFIX.v6}`
      throw new AppError('validation', {
        fields: fieldErrors(issues, c.get('lang')),
        detail: { cidrTooWide, cidrMalformed, widest },
      })
    }
  }
  return validationHook(result, c)
}

/**
 * The staff API (docs/operator-api.md): one API for the console (session cookie) and the command line
 * (API tokens). Each area is a sub-app in routes/ops.<area>.ts; every route says which capability it
 * needs (core/staff.ts) and checks the insurer's scope.
 */
export function opsRoutes(deps: Deps) {
  /** The insurer of the URL's number, when this staff member may act on it. */
  const insurerOf = (c: Context<StaffEnv>) =>
    insurerForStaff(deps, c.get('staff'), c.req.param('number') ?? '')

  return new Hono<StaffEnv>()
    .route('/session', staffSessionRoutes(deps))
    .route('/enrol', staffEnrolRoutes(deps))
    .use(...staffGuards(deps))
    .route('/tokens', staffTokenRoutes(deps))
    .route('/passkeys', staffPasskeyRoutes(deps))
    .route('/inquiries', staffInquiryRoutes(deps))
    .route('/members', staffMemberRoutes(deps))
    .route('/audit', staffAuditRoutes(deps))
    .route('/staff', staffAdminRoutes(deps))
    .route('/platform', platformRoutes(deps))
    .get('/whoami', (c) => {
      const s = c.get('staff')
      return c.json({ staff: { id: s.id, name: s.name, role: s.role, insurer: s.insurerNumber } })
    })
    .get('/insurers', async (c) => {
      const s = c.get('staff')
      const rows = await listInsurers(deps, s)
      // The allow-listed ranges are for those who set them or ask for them, not for every role.
      const seesRanges = can(s.role, 'platform.manage') || can(s.role, 'insurer.settings')
      const shown = rows
        .map(present)
        .map((i): ReturnType<typeof present> => (seesRanges ? i : { ...i, allowedCidrs: [] }))
      return c.json({ insurers: shown })
    })
    .post(
      '/insurers',
      requireCapability('platform.manage'),
      adminOnlySettings,
      vValidator('json', InsurerCreateBody, insurerValidationHook),
      async (c) => {
        const created = await createInsurer(deps, c.get('staff'), c.get('ip'), c.req.valid('json'))
        return c.json({ insurer: present(created), database: created.database }, 201)
      },
    )
    .patch(
      '/insurers/:number',
      requireCapability('insurer.settings'),
      adminOnlySettings,
      vValidator('json', InsurerSettingsBody, insurerValidationHook),
      async (c) => {
        const s = c.get('staff')
        const insurer = await insurerOf(c)
        const body = c.req.valid('json')
        const updated = await updateInsurer(deps, s, c.get('ip'), insurer, body)
        return c.json({ insurer: present(updated) })
      },
    )
    .route('/insurers', staffImportRoutes(deps))
    .route('/insurers', staffCodeRoutes(deps))
    .route('/platform/checkups', checkupCompactRoutes(deps))
}
