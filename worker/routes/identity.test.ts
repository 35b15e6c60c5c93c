import { env } from 'cloudflare:workers'
import { openD1 } from '../../db/open'
import { identityCases } from './identity.cases'

/** Enumeration, the sign-up binding and the session's step-up on D1 in workerd (and on libSQL: identity.libsql.test.ts). */
identityCases(() => Promise.resolve(openD1((env as unknown as { DB: D1Database }).DB)))
