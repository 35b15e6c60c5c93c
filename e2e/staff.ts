/**
 * Staff in Chromium: the development staff's log-ins as the README lists them (password and TOTP secret),
 * and a code computed from the secret by the development server's clock, as an authenticator app would.
 */
import { Secret, TOTP } from 'otpauth'
import type { Page } from 'playwright-core'
import { advanceClock, BASE } from './support'

/** The README's development staff log-ins (the table "Development log-ins"). */
export const STAFF = {
  admin: {
    email: 'admin@staff.kenshin.example',
    password: 'Staff-Admin-2026',
    secret: 'NJ7VMMFC6BCE7REGTFETCZ4RGDWOSGCP',
  },
  support: {
    email: 'support@staff.kenshin.example',
    password: 'Staff-Support-2026',
    secret: 'N5YJIESCMZBSV5MXVEFAGLE5FYPCEE6J',
  },
  supportDemo: {
    email: 'support-demo@staff.kenshin.example',
    password: 'Staff-Support-Demo-2026',
    secret: 'LC3KE5ZSRFFXW4GRDQ7QBKNGH37JUI6I',
  },
  insurerAdmin: {
    email: 'insurer-admin@staff.kenshin.example',
    password: 'Staff-Insurer-2026',
    secret: 'BTU5GQICTIHQAWGJEVEP3VCIHF7KRIHK',
  },
  operator: {
    email: 'operator@staff.kenshin.example',
    password: 'Staff-Operator-2026',
    secret: 'BYVYEYETD62IEPIK7U6Z7KE3NUQ3UXAU',
  },
} as const
export type StaffName = keyof typeof STAFF

/** The development server's time (its Date header follows the dev clock). */
async function serverNow(): Promise<number> {
  const res = await fetch(`${BASE}/api/config`)
  return Date.parse(res.headers.get('Date') ?? '') || Date.now()
}

const usedStep = new Map<string, number>()

/**
 * A code for the staff member that the server will accept: each code works once, and every test starts from
 * the real time again (useBrowser resets the clock), so the clock is moved past the last step used here.
 */
export async function freshCode(who: StaffName): Promise<string> {
  const { secret } = STAFF[who]
  let now = await serverNow()
  const used = usedStep.get(who) ?? 0
  const step = Math.floor(now / 30_000)
  if (step <= used) {
    await advanceClock((used - step + 1) * 30_000 + 1_000)
    now = await serverNow()
  }
  usedStep.set(who, Math.floor(now / 30_000) + 1)
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: now })
}

/** Fills the staff log-in form by its labels and submits it (the page is at /staff/login). */
export async function fillStaffLogin(page: Page, who: StaffName, code?: string): Promise<void> {
  const s = STAFF[who]
  await page.getByLabel('メールアドレス', { exact: true }).fill(s.email)
  await page.getByLabel('パスワード', { exact: true }).fill(s.password)
  await page.getByLabel('確認コード(6桁)', { exact: true }).fill(code ?? (await freshCode(who)))
  await page.getByRole('button', { name: 'ログイン', exact: true }).click()
}

/** Signs a development staff member in at /staff and waits for the console's home. */
export async function staffLogIn(page: Page, who: StaffName): Promise<void> {
  await page.goto('/staff/login')
  await fillStaffLogin(page, who)
  await page.getByRole('heading', { level: 1, name: 'スタッフホーム' }).waitFor()
}
