import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { CheckupCompactBody } from '../../core/checkup-compact'
import type { Deps } from '../deps'
import { requireCapability, type StaffEnv } from '../middleware/staff'
import { compactCheckups } from '../services/checkup-compact'
import { validationHook } from './validation'

/**
 * `ops checkups compact` (a platform admin's): POST /api/ops/platform/checkups/compact converts one page
 * (≤ 100 rows) of one insurer database to the compact stored form and answers where the next call
 * goes on (`next`, null when every database is done).
 */
export function checkupCompactRoutes(deps: Deps) {
  return new Hono<StaffEnv>().post(
    '/compact',
    requireCapability('platform.manage'),
    vValidator('json', CheckupCompactBody, validationHook),
    async (c) => c.json(await compactCheckups(deps, c.get('staff'), c.req.valid('json'))),
  )
}
