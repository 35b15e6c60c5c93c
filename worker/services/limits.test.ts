import { env } from 'cloudflare:workers'
import { openD1 } from '../../db/open'
import { limitCases } from './limits.cases'

/** The limits under concurrency on D1 in workerd (the same cases run on libSQL: limits.libsql.test.ts). */
limitCases(() => Promise.resolve(openD1((env as unknown as { DB: D1Database }).DB)))
