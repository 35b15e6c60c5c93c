import { vValidator } from '@hono/valibot-validator'
import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { checkInsurerNumber } from '../../core/card'
import { CheckupBatchBody } from '../../core/checkup-import'
import { CodesIssueBody, InsurerCreateBody, InsurerSettingsBody, RosterBatchBody } from '../../core/insurer'
import { insurers } from '../../db/schema'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { mayActOn, staffGuards, type StaffEnv } from '../middleware/staff'
import { auditStaff } from '../services/audit'
import { importCheckups } from '../services/checkups'
import { issueViewingCodes, viewingCodeStatus } from '../services/health-access'
import { findInsurer, HeaderError, importRosterBatch } from '../services/roster'
import { newId } from '../services/tokens'
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

/** The operator API (docs/operator-api.md): insurers and their rosters, for staff API tokens. */
export function operatorRoutes(deps: Deps) {
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
      const rows = s.role === 'admin' ? await deps.db.select().from(insurers).orderBy(insurers.number) : s.insurerId ? await deps.db.select().from(insurers).where(eq(insurers.id, s.insurerId)) : []
      return c.json({ insurers: rows.map(present) })
    })
    .post('/insurers', vValidator('json', InsurerCreateBody, validationHook), async (c) => {
      const s = c.get('staff')
      if (s.role !== 'admin') throw new AppError('forbidden')
      const body = c.req.valid('json')
      const now = deps.now()
      const created = await deps.db
        .insert(insurers)
        .values({
          id: newId(deps.randomBytes),
          number: body.number,
          name: body.name,
          insuredOnly: body.insuredOnly ?? false,
          dependentMaxAge: body.dependentMaxAge ?? null,
          maintenance: body.maintenance ?? false,
          allowedCidrs: JSON.stringify(body.allowedCidrs ?? []),
          allowlistFailureLimit: body.allowlistFailureLimit ?? 20,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning()
      if (!created.length) throw new AppError('conflict')
      await auditStaff(deps, s, c.get('ip'), 'insurer.created', { insurer: body.number })
      return c.json({ insurer: present(created[0]) }, 201)
    })
    .patch('/insurers/:number', vValidator('json', InsurerSettingsBody, validationHook), async (c) => {
      const s = c.get('staff')
      const insurer = await insurerFor(s, c.req.param('number') ?? '')
      const body = c.req.valid('json')
      const changes: Partial<InsurerRow> = { updatedAt: deps.now() }
      if (body.name !== undefined) changes.name = body.name
      if (body.insuredOnly !== undefined) changes.insuredOnly = body.insuredOnly
      if (body.dependentMaxAge !== undefined) changes.dependentMaxAge = body.dependentMaxAge
      if (body.maintenance !== undefined) changes.maintenance = body.maintenance
      if (body.allowedCidrs !== undefined) changes.allowedCidrs = JSON.stringify(body.allowedCidrs)
      if (body.allowlistFailureLimit !== undefined) changes.allowlistFailureLimit = body.allowlistFailureLimit
      const [updated] = await deps.db.update(insurers).set(changes).where(eq(insurers.id, insurer.id)).returning()
      await auditStaff(deps, s, c.get('ip'), 'insurer.updated', { insurer: insurer.number, fields: Object.keys(body).join(',') })
      return c.json({ insurer: present(updated) })
    })
    .post('/insurers/:number/roster/batches', vValidator('json', RosterBatchBody, validationHook), async (c) => {
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
        if (err instanceof HeaderError) throw new AppError('roster_header', { detail: err.detail })
        throw err
      }
    })
    .post('/insurers/:number/checkups', vValidator('json', CheckupBatchBody, validationHook), async (c) => {
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
    })
    .post('/insurers/:number/codes/issue', vValidator('json', CodesIssueBody, validationHook), async (c) => {
      const s = c.get('staff')
      const insurer = await insurerFor(s, c.req.param('number') ?? '')
      const body = c.req.valid('json')
      // A re-issue names its persons: it revokes their live codes, so it never runs on everyone.
      if (body.reissue && !body.personKeys) throw new AppError('validation', { fields: { personKeys: 'required' } })
      const issued = await issueViewingCodes(deps, insurer.id, body)
      await auditStaff(deps, s, c.get('ip'), body.reissue ? 'codes.reissued' : 'codes.issued', { insurer: insurer.number, count: issued.length })
      return c.json({ issued })
    })
    .get('/insurers/:number/codes/status', async (c) => {
      const insurer = await insurerFor(c.get('staff'), c.req.param('number') ?? '')
      return c.json(await viewingCodeStatus(deps, insurer.id))
    })
}
