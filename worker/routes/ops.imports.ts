import { vValidator } from '@hono/valibot-validator'
import { Hono, type Context } from 'hono'
import { CheckupBatchBody } from '../../core/checkup-import'
import { CursorQuery, ImportFinishBody, ImportStartBody, RosterBatchBody } from '../../core/insurer'
import type { Deps } from '../deps'
import { requireCapability, type StaffEnv } from '../middleware/staff'
import { insurerAudit } from '../services/audit'
import { importCheckups } from '../services/checkup-import'
import {
  attachment,
  finishImport,
  importDetail,
  importOf,
  listImports,
  recordedBatch,
  rejectionCsv,
  startImport,
} from '../services/imports'
import { insurerForStaff, type Insurer } from '../services/insurers'
import { importRosterBatch } from '../services/roster'
import { insurerDbFor } from '../services/shards'
import { validationHook } from './validation'

/**
 * Roster and checkup imports (docs/operator-api.md): their batches, and since issue 13 the import
 * records: start (or find again to resume), idempotent batches by (importId, seq), finish, the
 * history, and the rejection file. Every route needs 'insurer.data' and the insurer in scope.
 */
export function staffImportRoutes(deps: Deps) {
  /** The insurer of the URL's number, when this staff member may act on it. */
  const insurerOf = (c: Context<StaffEnv>) =>
    insurerForStaff(deps, c.get('staff'), c.req.param('number') ?? '')
  /**
   * A batch's audit row without an import record: the insurer, what was sent, what it did. In the
   * insurer's database, beside what it records (issue 14).
   */
  const auditImport = async (
    c: Context<StaffEnv>,
    insurer: Insurer,
    action: 'roster.batch_imported' | 'checkups.imported',
    sent: Record<string, number>,
    { unchanged: _, rejected, ...done }: { unchanged: number; rejected: unknown[] } & object,
  ) =>
    insurerAudit(await insurerDbFor(deps, c.get('staff'), insurer.id), deps.now(), {
      action,
      actorType: 'staff',
      actorId: c.get('staff').id,
      insurerId: insurer.id,
      ip: c.get('ip'),
      detail: {
        insurer: insurer.number,
        ...sent,
        ...(done as Record<string, number>),
        rejected: rejected.length,
      },
    })
  const data = requireCapability('insurer.data')

  return new Hono<StaffEnv>()
    .post(
      '/:number/roster/batches',
      data,
      vValidator('json', RosterBatchBody, validationHook),
      async (c) => {
        const insurer = await insurerOf(c)
        const { header, rows, importId, seq, localRejections } = c.req.valid('json')
        const lang = c.get('lang')
        if (importId !== undefined && seq !== undefined)
          // One audit row per import (started, finished), none per batch.
          return c.json(
            await recordedBatch(
              deps,
              insurer.id,
              'roster',
              { importId, seq, localRejections },
              lang,
              (record) => importRosterBatch(deps, insurer, header, rows, lang, record),
            ),
          )
        const result = await importRosterBatch(deps, insurer, header, rows, lang)
        const sent = { firstLine: rows[0]?.line ?? 0, rows: rows.length }
        await auditImport(c, insurer, 'roster.batch_imported', sent, result)
        return c.json(result)
      },
    )
    .post(
      '/:number/checkups',
      data,
      vValidator('json', CheckupBatchBody, validationHook),
      async (c) => {
        const insurer = await insurerOf(c)
        const { checkups, importId, seq, lastUnit, localRejections } = c.req.valid('json')
        const lang = c.get('lang')
        if (importId !== undefined && seq !== undefined)
          return c.json(
            await recordedBatch(
              deps,
              insurer.id,
              'checkups',
              { importId, seq, lastUnit, localRejections },
              lang,
              (record) => importCheckups(deps, insurer, checkups, lang, record),
            ),
          )
        const result = await importCheckups(deps, insurer, checkups, lang)
        await auditImport(c, insurer, 'checkups.imported', { checkups: checkups.length }, result)
        return c.json(result)
      },
    )
    .post(
      '/:number/imports',
      data,
      vValidator('json', ImportStartBody, validationHook),
      async (c) => {
        const insurer = await insurerOf(c)
        const started = await startImport(
          deps,
          c.get('staff'),
          c.get('ip'),
          insurer,
          c.req.valid('json'),
        )
        return c.json(
          { import: started.import, resume: started.resume },
          started.created ? 201 : 200,
        )
      },
    )
    .get('/:number/imports', data, vValidator('query', CursorQuery, validationHook), async (c) => {
      const insurer = await insurerOf(c)
      return c.json(await listImports(deps, insurer.id, c.req.valid('query').cursor))
    })
    .get('/:number/imports/:id', data, async (c) => {
      const insurer = await insurerOf(c)
      return c.json(await importDetail(deps, insurer.id, c.req.param('id')))
    })
    .post(
      '/:number/imports/:id/finish',
      data,
      vValidator('json', ImportFinishBody, validationHook),
      async (c) => {
        const insurer = await insurerOf(c)
        const view = await finishImport(
          deps,
          c.get('staff'),
          c.get('ip'),
          insurer,
          c.req.param('id') ?? '',
          c.req.valid('json'),
        )
        return c.json({ import: view })
      },
    )
    .get('/:number/imports/:id/rejected.csv', data, async (c) => {
      const insurer = await insurerOf(c)
      const row = await importOf(deps, insurer.id, c.req.param('id'))
      const ins = await insurerDbFor(deps, c.get('staff'), insurer.id)
      return c.body(rejectionCsv(ins, row, c.get('lang')), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': attachment(`${row.fileName}.rejected.csv`),
        'Cache-Control': 'no-store',
      })
    })
}
