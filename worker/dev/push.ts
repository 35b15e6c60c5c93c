/**
 * The development stand-in for the push services (a real browser's subscription needs its vendor's
 * service, unreachable here): POST /dev/push/:id records what a push service would receive, GET
 * /dev/push.json lists it. In memory, like the dev clock: one isolate in `wrangler dev` and in tests.
 * An id that starts with `gone` answers 410 Gone, as a push service does for an expired subscription.
 */
import { Hono } from 'hono'
import { base64url } from '../services/tokens'
import type { AppEnv } from '../types'

export interface RecordedPush {
  id: string
  headers: Record<string, string>
  /** The encrypted body, base64url. */
  body: string
  at: string
  status: number
}

const KEEP = 200
export const recordedPushes: RecordedPush[] = []

export function pushStandIn(now: () => number) {
  return new Hono<AppEnv>()
    .post('/:id{[A-Za-z0-9_-]{1,64}}', async (c) => {
      const id = c.req.param('id')
      const status = id.startsWith('gone') ? 410 : 201
      const headers: Record<string, string> = {}
      for (const name of ['authorization', 'content-encoding', 'content-type', 'ttl', 'urgency'])
        headers[name] = c.req.header(name) ?? ''
      const body = new Uint8Array(await c.req.arrayBuffer())
      recordedPushes.push({
        id,
        headers,
        body: base64url(body),
        at: new Date(now()).toISOString(),
        status,
      })
      if (recordedPushes.length > KEEP) recordedPushes.splice(0, recordedPushes.length - KEEP)
      return c.body(null, status)
    })
    .delete('/', (c) => {
      recordedPushes.length = 0
      return c.body(null, 204)
    })
}
