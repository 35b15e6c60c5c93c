import { vValidator } from '@hono/valibot-validator'
import { and, eq } from 'drizzle-orm'
import { Hono, type Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { BaseIssue } from 'valibot'
import { checkInsurerNumber } from '../../core/card'
import { CheckupBatchBody } from '../../core/checkup-import'
import {
  ADMIN_ONLY_SETTINGS,
  allowListProblems,
  CodesIssueBody,
  InsurerCreateBody,
  InsurerSettingsBody,
  RosterBatchBody,
} from '../../core/insurer'
import { WIDEST_PREFIX } from '../../core/ip'
import { fieldErrors } from '../../core/schemas'
import { insurers } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { mayActOn, staffGuards, type StaffEnv } from '../middleware/staff'
import { auditStaff, staffAuditWhere } from '../services/audit'
import { importCheckups } from '../services/checkups'
import { issueViewingCodes, viewingCodeStatus } from '../services/health-access'
import { findInsurer, HeaderError, importRosterBatch } from '../services/roster'
import { newId } from '../services/tokens'
import type { AppEnv } from '../types'
import { validationHook } from './validation'

type InsurerRow = typeof insurers.$inferSelect

const present = (i: InsurerRow) => ({
  number: i.number,
  name: i.name,
  insuredOnly: i.insuredOnly,
  dependentMaxAge: i.dependentMaxAge,
  maintenance: i.maintenance,
  allowedCidrs: JSON.parse(i.allowedCidrs) as string[],
  allowlistFailureLimit: i.allowlistFailureLimit,
})

/** A new insurer's failure limit for its allow-listed ranges (the column's default). */
const DEFAULT_FAILURE_LIMIT = 20

/**
 * The allow-list settings are a platform admin's (security.md): an operator's request that names one
 * is refused with 403 before its values are looked at, so the answer does not depend on them and
 * nothing of the request is applied. A body that is not JSON goes on to the validator's 400.
 */
const adminOnlySettings = createMiddleware<StaffEnv>(async (c, next) => {
  if (c.get('staff').role !== 'admin') {
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
 * What an allow-list change changes, from and to, for its audit row; null when nothing does. `before`
 * is null for a new insurer.
 */
function allowListChange(
  before: Pick<InsurerRow, 'allowedCidrs' | 'allowlistFailureLimit'> | null,
  after: Pick<InsurerRow, 'allowedCidrs' | 'allowlistFailureLimit'>,
) {
  const change: Record<string, string | number> = {}
  if (after.allowedCidrs !== (before?.allowedCidrs ?? '[]')) {
    change.allowedCidrsFrom = before?.allowedCidrs ?? '[]'
    change.allowedCidrsTo = after.allowedCidrs
  }
  if (after.allowlistFailureLimit !== (before?.allowlistFailureLimit ?? DEFAULT_FAILURE_LIMIT)) {
    change.allowlistFailureLimitFrom = before?.allowlistFailureLimit ?? DEFAULT_FAILURE_LIMIT
    change.allowlistFailureLimitTo = after.allowlistFailureLimit
  }
  return Object.keys(change).length ? change : null
}

/** The operator API (docs/operator-api.md): insurers and their rosters, for staff API tokens. */
export function operatorRoutes(deps: Deps) {
  /** Statements run as one batch (one transaction on D1 and libSQL alike); the shared type lacks `batch`. */
  const batch = <A, B>(a: PromiseLike<A>, b: PromiseLike<B>) =>
    (
      deps.db as unknown as { batch: (q: [PromiseLike<A>, PromiseLike<B>]) => Promise<[A, B]> }
    ).batch([a, b])

  async function insurerFor(staff: StaffEnv['Variables']['staff'], raw: string) {
    const checked = checkInsurerNumber(raw)
    const insurer = checked.ok ? await findInsurer(deps, checked.number) : null
    if (!insurer) throw new AppError('not_found')
    if (!mayActOn(staff, insurer.id)) throw new AppError('forbidden')
    return insurer
  }

  return new Hono<StaffEnv>()
    .use(...staffGuards(deps))
    .get('/whoami', (c) => {
      const s = c.get('staff')
      return c.json({ staff: { id: s.id, name: s.name, role: s.role, insurer: s.insurerNumber } })
    })
    .get('/insurers', async (c) => {
      const s = c.get('staff')
      const rows =
        s.role === 'admin'
          ? await deps.db.select().from(insurers).orderBy(insurers.number)
          : s.insurerId
            ? await deps.db.select().from(insurers).where(eq(insurers.id, s.insurerId))
            : []
      return c.json({ insurers: rows.map(present) })
    })
    .post(
      '/insurers',
      adminOnlySettings,
      vValidator('json', InsurerCreateBody, insurerValidationHook),
      async (c) => {
        const s = c.get('staff')
        if (s.role !== 'admin') throw new AppError('forbidden')
        const body = c.req.valid('json')
        const now = deps.now()
        const id = newId(deps.randomBytes)
        const row = {
          id,
          number: body.number,
          name: body.name,
          insuredOnly: body.insuredOnly ?? false,
          dependentMaxAge: body.dependentMaxAge ?? null,
          maintenance: body.maintenance ?? false,
          allowedCidrs: JSON.stringify(body.allowedCidrs ?? []),
          allowlistFailureLimit: body.allowlistFailureLimit ?? DEFAULT_FAILURE_LIMIT,
          createdAt: now,
          updatedAt: now,
        }
        const insert = deps.db.insert(insurers).values(row).onConflictDoNothing().returning()
        // The allow-list's first value is audited with the insert, in one batch: the row only if it went in.
        const change = allowListChange(null, row)
        const [created] = change
          ? await batch(
              insert,
              staffAuditWhere(
                deps,
                s,
                c.get('ip'),
                'insurer.allowlist_changed',
                { insurer: body.number, ...change },
                insurers,
                eq(insurers.id, id),
              ),
            )
          : [await insert]
        if (!created.length) throw new AppError('conflict')
        await auditStaff(deps, s, c.get('ip'), 'insurer.created', { insurer: body.number })
        return c.json({ insurer: present(created[0]) }, 201)
      },
    )
    .patch(
      '/insurers/:number',
      adminOnlySettings,
      vValidator('json', InsurerSettingsBody, insurerValidationHook),
      async (c) => {
        const s = c.get('staff')
        const insurer = await insurerFor(s, c.req.param('number') ?? '')
        const body = c.req.valid('json')
        const changes: Partial<InsurerRow> = { updatedAt: deps.now() }
        if (body.name !== undefined) changes.name = body.name
        if (body.insuredOnly !== undefined) changes.insuredOnly = body.insuredOnly
        if (body.dependentMaxAge !== undefined) changes.dependentMaxAge = body.dependentMaxAge
        if (body.maintenance !== undefined) changes.maintenance = body.maintenance
        if (body.allowedCidrs !== undefined)
          changes.allowedCidrs = JSON.stringify(body.allowedCidrs)
        if (body.allowlistFailureLimit !== undefined)
          changes.allowlistFailureLimit = body.allowlistFailureLimit
        const change = allowListChange(insurer, { ...insurer, ...changes })
        let updated: InsurerRow | undefined
        if (change) {
          // The update and its audit row in one batch, both only if the allow-list is still the one read
          // above: the row's "from" is exactly what was replaced, and a change made meanwhile is a 409.
          const unchanged = and(
            eq(insurers.id, insurer.id),
            eq(insurers.allowedCidrs, insurer.allowedCidrs),
            eq(insurers.allowlistFailureLimit, insurer.allowlistFailureLimit),
          )
          const detail = { insurer: insurer.number, ...change }
          ;[, [updated]] = await batch(
            staffAuditWhere(
              deps,
              s,
              c.get('ip'),
              'insurer.allowlist_changed',
              detail,
              insurers,
              unchanged,
            ),
            deps.db.update(insurers).set(changes).where(unchanged).returning(),
          )
          if (!updated) throw new AppError('conflict')
        } else
          [updated] = await deps.db
            .update(insurers)
            .set(changes)
            .where(eq(insurers.id, insurer.id))
            .returning()
        await auditStaff(deps, s, c.get('ip'), 'insurer.updated', {
          insurer: insurer.number,
          fields: Object.keys(body).join(','),
        })
        return c.json({ insurer: present(updated) })
      },
    )
    .post(
      '/insurers/:number/roster/batches',
      vValidator('json', RosterBatchBody, validationHook),
      async (c) => {
        const s = c.get('staff')
        const insurer = await insurerFor(s, c.req.param('number') ?? '')
        const { header, rows } = c.req.valid('json')
        try {
          const result = await importRosterBatch(deps, insurer, header, rows, c.get('lang'))
          await auditStaff(deps, s, c.get('ip'), 'roster.batch_imported', {
            insurer: insurer.number,
            firstLine: rows[0].line,
            rows: rows.length,
            inserted: result.inserted,
            updated: result.updated,
            rejected: result.rejected.length,
          })
          return c.json(result)
        } catch (err) {
          if (err instanceof HeaderError)
            throw new AppError('roster_header', { detail: err.detail })
          throw err
        }
      },
    )
    .post(
      '/insurers/:number/checkups',
      vValidator('json', CheckupBatchBody, validationHook),
      async (c) => {
        const s = c.get('staff')
        const insurer = await insurerFor(s, c.req.param('number') ?? '')
        const { checkups } = c.req.valid('json')
        const result = await importCheckups(deps, insurer, checkups, c.get('lang'))
        await auditStaff(deps, s, c.get('ip'), 'checkups.imported', {
          insurer: insurer.number,
          checkups: checkups.length,
          inserted: result.inserted,
          replaced: result.replaced,
          rejected: result.rejected.length,
        })
        return c.json(result)
      },
    )
    .post(
      '/insurers/:number/codes/issue',
      vValidator('json', CodesIssueBody, validationHook),
      async (c) => {
        const s = c.get('staff')
        const insurer = await insurerFor(s, c.req.param('number') ?? '')
        const body = c.req.valid('json')
        // A re-issue names its persons: it revokes their live codes, so it never runs on everyone.
        if (body.reissue && !body.personKeys)
          throw new AppError('validation', { fields: { personKeys: 'required' } })
        const issued = await issueViewingCodes(deps, insurer.id, body)
        await auditStaff(deps, s, c.get('ip'), body.reissue ? 'codes.reissued' : 'codes.issued', {
          insurer: insurer.number,
          count: issued.length,
        })
        return c.json({ issued })
      },
    )
    .get('/insurers/:number/codes/status', async (c) => {
      const insurer = await insurerFor(c.get('staff'), c.req.param('number') ?? '')
      return c.json(await viewingCodeStatus(deps, insurer.id))
    })
}
