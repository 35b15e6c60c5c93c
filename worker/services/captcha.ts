import type { Config } from '../config'

export type CaptchaOutcome =
  { ok: true } | { ok: false; reason: 'missing' | 'rejected' | 'unavailable' }

/**
 * Server-side Turnstile check (siteverify). Level 1 tokens are checked with the managed widget's
 * secret, level 2 and 3 with the interactive widget's: a token from the easier widget fails there.
 * An unreachable verifier fails closed.
 */
export async function verifyCaptcha(
  fetchFn: (r: Request) => Promise<Response>,
  config: Config['turnstile'],
  input: { token: string | undefined; level: number; action: string; ip: string },
): Promise<CaptchaOutcome> {
  if (input.level === 0) return { ok: true }
  if (!input.token) return { ok: false, reason: 'missing' }
  const form = new FormData()
  form.set('secret', input.level >= 2 ? config.secretInteractive : config.secret)
  form.set('response', input.token)
  if (input.ip) form.set('remoteip', input.ip)
  let body: { success?: boolean; action?: string; hostname?: string }
  try {
    const res = await fetchFn(new Request(config.verifyUrl, { method: 'POST', body: form }))
    if (!res.ok) return { ok: false, reason: 'unavailable' }
    body = await res.json()
  } catch {
    return { ok: false, reason: 'unavailable' }
  }
  if (body.success !== true) return { ok: false, reason: 'rejected' }
  // The token must be the one made for this form (docs/security.md: the exact action); a token with no
  // action, or another form's, is refused.
  if (body.action !== input.action) return { ok: false, reason: 'rejected' }
  if (config.expectedHostname && body.hostname !== config.expectedHostname)
    return { ok: false, reason: 'rejected' }
  return { ok: true }
}
