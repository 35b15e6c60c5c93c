import { Hono } from 'hono'
import type { Deps } from '../deps'
import type { AppEnv } from '../types'

/** What the client needs to know of the server's configuration: the captcha's script and keys. */
export function configRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/', (c) =>
    c.json({
      turnstile: {
        scriptUrl: deps.config.turnstile.scriptUrl,
        siteKey: deps.config.turnstile.siteKey,
        siteKeyInteractive: deps.config.turnstile.siteKeyInteractive,
      },
      environment: deps.config.environment,
    }),
  )
}
