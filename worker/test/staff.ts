import { seedDemo } from '../dev/seed'
import { DEV_STAFF } from '../dev/staff'
import { totpCode } from '../services/totp'
import { captcha, type Harness } from './harness'

/**
 * Staff in worker tests: the development staff (worker/dev/staff.ts) seeded into the harness's database,
 * signed in through the real log-in route with a TOTP code computed from the listed secret.
 */
export { DEV_STAFF }
export type DevStaffId = (typeof DEV_STAFF)[number]['id']

export const devStaff = (id: DevStaffId) => DEV_STAFF.find((s) => s.id === id)!

/** The demo data (insurers, the demo member) and the development staff. */
export async function seedDevStaff(h: Harness): Promise<void> {
  await seedDemo(h.deps)
}

/** The current code of a development staff member, by the harness's clock (optionally steps later). */
export const codeOf = (h: Harness, id: DevStaffId, steps = 0) =>
  totpCode(devStaff(id).totpSecret, h.deps.now() + steps * 30_000)

/** A code of a step not used yet (the clock moves one step first): each code works once. */
export function freshCode(h: Harness, id: DevStaffId): string {
  h.advance(30_000)
  return codeOf(h, id)
}

/** POST /api/ops/session with e-mail, password and code. */
export const staffLoginRequest = (
  h: Harness,
  body: { email: string; password: string; code: string },
) => h.post('/api/ops/session', { ...body, captchaToken: captcha('staff_login') })

/**
 * Signs a development staff member in and returns their `__Host-staff` cookie. Moves the clock one
 * TOTP step first, so two sign-ins of one test never reuse a step (each code works once).
 */
export async function staffSignIn(h: Harness, id: DevStaffId): Promise<string> {
  h.advance(30_000)
  const s = devStaff(id)
  const res = await staffLoginRequest(h, {
    email: s.email,
    password: s.password,
    code: codeOf(h, id),
  })
  if (res.status !== 200) throw new Error(`staff sign-in of ${id} answered ${res.status}`)
  return staffCookie(res)
}

/** `__Host-staff=…` from a response's Set-Cookie, to send back as a Cookie header. */
export function staffCookie(res: Response): string {
  const m = /__Host-staff=([^;]*)/.exec(res.headers.get('Set-Cookie') ?? '')
  if (!m || !m[1]) throw new Error('no staff cookie')
  return `__Host-staff=${m[1]}`
}

/** Calls the staff API as the console does: the cookie, same-origin, JSON. */
export function staffCall(
  h: Harness,
  method: string,
  path: string,
  cookie: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    h.app.request(`http://localhost:8787/api/ops${path}`, {
      method,
      headers: {
        Origin: 'http://localhost:8787',
        'CF-Connecting-IP': h.ip,
        Cookie: cookie,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  )
}
