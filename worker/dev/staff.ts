import type { StaffRole } from '../../core/staff'
import type { Deps } from '../deps'
import { hashPassword } from '../services/passwords'
import { upsertStaffMember } from '../services/staff'
import { totpCode } from '../services/totp'

/**
 * The development staff (README, "Development log-ins"): one per role, with a password and an enrolled
 * TOTP secret (base32) that tests and a newcomer use to compute codes. Development only: production has
 * no default staff (the first platform admin comes from the bootstrap secret, docs/security.md#staff).
 */
export const DEV_STAFF: readonly {
  id: string
  name: string
  role: StaffRole
  insurerId: string | null
  email: string
  password: string
  totpSecret: string
}[] = [
  {
    id: 'dev-admin',
    name: '開発用管理者',
    role: 'platform_admin',
    insurerId: null,
    email: 'admin@staff.kenshin.example',
    password: 'Staff-Admin-2026',
    totpSecret: 'NJ7VMMFC6BCE7REGTFETCZ4RGDWOSGCP',
  },
  {
    id: 'dev-support',
    name: 'サポート 花子',
    role: 'support',
    insurerId: null,
    email: 'support@staff.kenshin.example',
    password: 'Staff-Support-2026',
    totpSecret: 'N5YJIESCMZBSV5MXVEFAGLE5FYPCEE6J',
  },
  {
    id: 'dev-support-demo',
    name: 'デモ健保 サポート',
    role: 'support',
    insurerId: 'demo-insurer',
    email: 'support-demo@staff.kenshin.example',
    password: 'Staff-Support-Demo-2026',
    totpSecret: 'LC3KE5ZSRFFXW4GRDQ7QBKNGH37JUI6I',
  },
  {
    id: 'dev-insurer-admin',
    name: 'デモ健保 管理者',
    role: 'insurer_admin',
    insurerId: 'demo-insurer',
    email: 'insurer-admin@staff.kenshin.example',
    password: 'Staff-Insurer-2026',
    totpSecret: 'BTU5GQICTIHQAWGJEVEP3VCIHF7KRIHK',
  },
  {
    id: 'dev-operator',
    name: 'デモ健保 担当者',
    role: 'operator',
    insurerId: 'demo-insurer',
    email: 'operator@staff.kenshin.example',
    password: 'Staff-Operator-2026',
    totpSecret: 'BYVYEYETD62IEPIK7U6Z7KE3NUQ3UXAU',
  },
  {
    id: 'dev-operator-2',
    name: 'デモ保守中健保 担当者',
    role: 'operator',
    insurerId: 'demo-maintenance',
    email: 'operator2@staff.kenshin.example',
    password: 'Staff-Operator2-2026',
    totpSecret: 'PQ6GXVAXJCGGBXP7K3LT5RDXVAW7YJP5',
  },
]

/**
 * The listed passwords' hashes, made once per isolate: seeding again (every test that needs staff) then
 * costs no password hash. Development data only.
 */
const hashes = new Map<string, Promise<string>>()

/** Creates the development staff, or gives them their listed credentials again (idempotent). */
export async function seedStaff(deps: Pick<Deps, 'db' | 'now' | 'randomBytes' | 'config'>) {
  await Promise.all(
    DEV_STAFF.map(async (member) => {
      if (!hashes.has(member.id))
        hashes.set(member.id, hashPassword(member.password, deps.randomBytes))
      await upsertStaffMember(deps, member, await hashes.get(member.id))
    }),
  )
}

/** The current TOTP code of a development staff member (`npm run ops -- dev totp EMAIL`), by the app's clock. */
export function devTotpCode(email: string, now: number): string | null {
  const member = DEV_STAFF.find((s) => s.email.toLowerCase() === email.trim().toLowerCase())
  return member ? totpCode(member.totpSecret, now) : null
}
