/**
 * Staff in Chromium: the development staff's log-ins as the README lists them (password and TOTP secret),
 * and a code computed from the secret by the development server's clock, as an authenticator app would.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { Secret, TOTP } from 'otpauth'
import type { BrowserContext, Page } from 'playwright-core'
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
export async function serverNow(): Promise<number> {
  const res = await fetch(`${BASE}/api/config`)
  return Date.parse(res.headers.get('Date') ?? '') || Date.now()
}

/**
 * The last TOTP step each staff member used in this run, kept in a file under the e2e state directory
 * (wiped by global-setup): test files may run in different workers, and each code works once.
 */
const LEDGER = '.e2e-state/totp-ledger.json'
const readLedger = (): Record<string, number> => {
  try {
    return JSON.parse(readFileSync(LEDGER, 'utf8'))
  } catch {
    return {}
  }
}

/**
 * A code for the staff member that the server will accept: each code works once, and every test starts from
 * the real time again (useBrowser resets the clock), so the clock is moved past the last step used.
 */
export async function freshCode(who: StaffName): Promise<string> {
  const { secret } = STAFF[who]
  let now = await serverNow()
  const ledger = readLedger()
  const used = ledger[who] ?? 0
  const step = Math.floor(now / 30_000)
  if (step <= used) {
    await advanceClock((used - step + 1) * 30_000 + 1_000)
    now = await serverNow()
  }
  // The code of the step `now` is in, and the next (drift allowed by the server) counted as used too.
  writeFileSync(LEDGER, JSON.stringify({ ...ledger, [who]: Math.floor(now / 30_000) + 1 }))
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

/** Signs a development staff member in through the staff API, in the browser context (its cookie stays). */
export async function staffApiLogIn(context: BrowserContext, who: StaffName): Promise<void> {
  const s = STAFF[who]
  const res = await context.request.post('/api/ops/session', {
    headers: { Origin: BASE },
    data: {
      email: s.email,
      password: s.password,
      code: await freshCode(who),
      captchaToken: 'XXXX.DUMMY.TOKEN.staff_login',
    },
  })
  if (res.status() !== 200)
    throw new Error(`staff log-in of ${who}: ${res.status()} ${await res.text()}`)
}
