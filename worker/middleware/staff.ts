import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { authenticateStaffToken, type StaffMember } from '../services/staff'
import type { AppEnv } from '../types'

export type StaffEnv = AppEnv & { Variables: AppEnv['Variables'] & { staff: StaffMember } }

export const OPS_MAX_BODY_BYTES = 8 * 1024 * 1024

/**
 * The operator API's door: a staff API token in `Authorization: Bearer …` (no cookies, so no CSRF
 * rule), JSON bodies up to 8 MiB (roster batches). The token is checked first, from the header
 * alone: an anonymous request is refused before its body is read.
 */
export function staffGuards(deps: Deps) {
  const auth = createMiddleware<StaffEnv>(async (c, next) => {
    const header = c.req.header('Authorization') ?? ''
    const token = /^Bearer\s+(\S{10,200})$/.exec(header)?.[1]
    const member = token ? await authenticateStaffToken(deps, token) : null
    if (!member) throw new AppError('unauthenticated')
    c.set('staff', member)
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(c.req.method)) {
      const type = c.req.header('Content-Type') ?? ''
      if (!/^application\/json\s*(;|$)/i.test(type)) throw new AppError('unsupported_media_type')
    }
    await next()
  })
  const limit = bodyLimit({
    maxSize: OPS_MAX_BODY_BYTES,
    onError: () => {
      throw new AppError('payload_too_large')
    },
  })
  return [auth, limit] as const
}
