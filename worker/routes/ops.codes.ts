import { vValidator } from '@hono/valibot-validator'
import { Hono, type Context } from 'hono'
import { CodesIssueBody, CodesRunBody, CursorQuery, EmptyBody } from '../../core/insurer'
import { CodesConfirmBody } from '../../core/viewing-codes'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { requireCapability, type StaffEnv } from '../middleware/staff'
import { insurerStaffAudit } from '../services/audit'
import { insurerDbFor } from '../services/shards'
import { insurerForStaff } from '../services/insurers'
import {
  codeQueue,
  confirmRun,
  issueViewingCodes,
  listRuns,
  revokeRunOf,
  startRun,
  viewingCodeStatus,
} from '../services/viewing-codes'
import { validationHook } from './validation'

/**
 * Viewing codes (docs/operator-api.md), in two steps since issue 13: a run is started, codes are issued
 * into it (unusable, 「未印刷」), and the run is confirmed once its print file is saved, or revoked. The
 * status, the re-issue queue and the runs. Every route needs 'insurer.data' and the insurer in scope.
 */
export function staffCodeRoutes(deps: Deps) {
  const insurerOf = (c: Context<StaffEnv>) =>
    insurerForStaff(deps, c.get('staff'), c.req.param('number') ?? '')
  const data = requireCapability('insurer.data')
  const cursor = vValidator('query', CursorQuery, validationHook)
  const empty = vValidator('json', EmptyBody, validationHook)

  return new Hono<StaffEnv>()
    .post(
      '/:number/codes/runs',
      data,
      vValidator('json', CodesRunBody, validationHook),
      async (c) => {
        const insurer = await insurerOf(c)
        const run = await startRun(
          deps,
          c.get('staff'),
          c.get('ip'),
          insurer,
          c.req.valid('json').kind,
        )
        return c.json({ run }, 201)
      },
    )
    .get('/:number/codes/runs', data, cursor, async (c) => {
      const insurer = await insurerOf(c)
      return c.json(await listRuns(deps, insurer.id, c.req.valid('query').cursor))
    })
    .post(
      '/:number/codes/runs/:id/confirm',
      data,
      vValidator('json', CodesConfirmBody, validationHook),
      async (c) => {
        const insurer = await insurerOf(c)
        return c.json(
          await confirmRun(
            deps,
            c.get('staff'),
            c.get('ip'),
            insurer,
            c.req.param('id') ?? '',
            c.req.valid('json').codes,
          ),
        )
      },
    )
    .post('/:number/codes/runs/:id/revoke', data, empty, async (c) => {
      const insurer = await insurerOf(c)
      return c.json(
        await revokeRunOf(deps, c.get('staff'), c.get('ip'), insurer, c.req.param('id') ?? ''),
      )
    })
    .post(
      '/:number/codes/issue',
      data,
      vValidator('json', CodesIssueBody, validationHook),
      async (c) => {
        const s = c.get('staff')
        const insurer = await insurerOf(c)
        const body = c.req.valid('json')
        // A re-issue names its persons: it revokes their live codes, so it never runs on everyone.
        if (body.reissue && !body.personKeys)
          throw new AppError('validation', { fields: { personKeys: 'required' } })
        const issued = await issueViewingCodes(deps, insurer.id, body)
        await insurerStaffAudit(
          await insurerDbFor(deps, s, insurer.id),
          deps.now(),
          s,
          c.get('ip'),
          body.reissue ? 'codes.reissued' : 'codes.issued',
          insurer.id,
          { insurer: insurer.number, run: body.runId, count: issued.length },
        )
        return c.json({ issued })
      },
    )
    .get('/:number/codes/status', data, async (c) => {
      const insurer = await insurerOf(c)
      return c.json(await viewingCodeStatus(deps, insurer.id))
    })
    .get('/:number/codes/queue', data, cursor, async (c) => {
      const insurer = await insurerOf(c)
      return c.json(await codeQueue(deps, insurer.id, c.req.valid('query').cursor))
    })
}
