import { eq } from 'drizzle-orm'
import { normalizeViewingCode } from '../../core/health-access'
import { accounts, insurers, memberLinks, staffTokens, viewingCodes } from '../../db/schema'
import { placeInsurer, registerDatabase } from '../../db/open'
import type { Deps } from '../deps'
import { hashPassword } from '../services/passwords'
import { issueStaffToken } from '../services/staff'
import { seedInquiries } from './seed-inquiries'
import { seedStaff } from './staff'
import { newId } from '../services/tokens'
import { liveCodeOf, storeViewingCode } from '../services/viewing-codes'

/** The demo insurer: dependents up to 60 may use the service (so one demo card shows the restriction). */
export const DEMO_INSURER = {
  id: 'demo-insurer',
  number: '06139992',
  name: 'デモ健康保険組合',
  dependentMaxAge: 60,
}
/** A second demo insurer, in maintenance: any card of it shows the maintenance message. */
export const MAINTENANCE_INSURER = {
  id: 'demo-maintenance',
  number: '06139463',
  name: 'デモ保守中健康保険組合',
}
/**
 * A third demo insurer, NOT in maintenance, in the second insurer database (DB_SECOND) with the
 * maintenance insurer: `npm start` loads its own small roster and checkups (db/seed/second-*.csv), so
 * the demo shows data on both insurer databases.
 */
export const SECOND_INSURER = {
  id: 'demo-second',
  number: '06139471',
  name: 'デモ第二健康保険組合',
}
/** The demo member account, linked to the roster's D0000 (ケンコウ タロウ). */
export const DEMO_ACCOUNT = {
  email: 'demo@kenshin.example',
  password: 'Kenko-Demo-2026',
  personKey: 'D0000',
}

/**
 * The development demo data (idempotent): the demo insurers, the demo member account and its link,
 * the development staff (worker/dev/staff.ts), a few inquiries in each state, and fresh API tokens of
 * the platform admin and the demo insurer's operator (the earlier development tokens are revoked). The roster itself is loaded by `npm start` through the
 * CLI and the operator API, the operators' own path.
 */
export async function seedDemo(
  deps: Pick<Deps, 'db' | 'dbFor' | 'databases' | 'now' | 'randomBytes' | 'config'>,
  viewingCodeList: { personKey: string; code: string }[] = [],
  /** `npm start`'s demo (/dev/seed): the second insurer too, with its postcards' codes. */
  second?: { viewingCodes: { personKey: string; code: string }[] },
): Promise<{ admin: string; operator: string }> {
  const now = deps.now()
  // Two insurer databases (wrangler.toml's DB_DEMO and DB_SECOND): the demo insurer in one, the
  // maintenance insurer in the other.
  await registerDatabase(deps.db, { name: 'demo', kind: 'd1' }, now)
  await registerDatabase(deps.db, { name: 'second', kind: 'd1' }, now)
  await placeInsurer(deps.db, DEMO_INSURER.id, 'demo', now)
  await placeInsurer(deps.db, MAINTENANCE_INSURER.id, 'second', now)
  if (second) await placeInsurer(deps.db, SECOND_INSURER.id, 'second', now)
  deps.databases.refresh()
  await deps.db
    .insert(insurers)
    .values([
      { ...DEMO_INSURER, createdAt: now, updatedAt: now },
      { ...MAINTENANCE_INSURER, maintenance: true, createdAt: now, updatedAt: now },
      ...(second ? [{ ...SECOND_INSURER, createdAt: now, updatedAt: now }] : []),
    ])
    .onConflictDoNothing()
  await deps.db
    .insert(accounts)
    .values({
      id: newId(deps.randomBytes),
      email: DEMO_ACCOUNT.email,
      emailKey: DEMO_ACCOUNT.email,
      passwordHash: await hashPassword(DEMO_ACCOUNT.password, deps.randomBytes),
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: now,
      insurerId: DEMO_INSURER.id,
      linkState: 'linked',
      linkChangedAt: now,
    })
    .onConflictDoNothing()
  const demoDb = await deps.dbFor(DEMO_INSURER.id)
  const [account] = await deps.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.emailKey, DEMO_ACCOUNT.email))
  await demoDb
    .insert(memberLinks)
    .values({
      accountId: account.id,
      insurerId: DEMO_INSURER.id,
      personKey: DEMO_ACCOUNT.personKey,
      linkedAt: now,
    })
    .onConflictDoNothing()
  // The demo postcards' codes (db/seed/demo-viewing-codes.csv, second-viewing-codes.csv), stored
  // like any issued code, in each insurer's own database.
  const postcards = [
    { insurerId: DEMO_INSURER.id, db: demoDb, codes: viewingCodeList },
    ...(second
      ? [
          {
            insurerId: SECOND_INSURER.id,
            db: await deps.dbFor(SECOND_INSURER.id),
            codes: second.viewingCodes,
          },
        ]
      : []),
  ]
  for (const { insurerId, db, codes } of postcards)
    for (const { personKey, code } of codes) {
      const normal = normalizeViewingCode(code)
      const [live] = await db
        .select({ id: viewingCodes.id })
        .from(viewingCodes)
        .where(liveCodeOf(insurerId, personKey))
      if (normal && !live) await storeViewingCode(deps, insurerId, personKey, normal)
    }
  await seedStaff(deps)
  await seedInquiries(deps)
  for (const id of ['dev-admin', 'dev-operator'])
    await deps.db.update(staffTokens).set({ revokedAt: now }).where(eq(staffTokens.staffId, id))
  const admin = await issueStaffToken(deps, 'dev-admin', { label: 'development', days: 90 })
  const operator = await issueStaffToken(deps, 'dev-operator', { label: 'development', days: 90 })
  return { admin: admin.token, operator: operator.token }
}
