import { env } from 'cloudflare:workers'
import { openD1 } from '../../db/open'
import { watchD1 } from '../test/fuzz'
import { chunkedImportCases } from './chunked-import.cases'

/**
 * Chunked imports on D1 in workerd, with production D1's limits applied (a bound value over
 * 2,000,000 bytes throws, as D1 would; local D1 does not); the same cases run on libSQL:
 * chunked-import.libsql.test.ts.
 */
chunkedImportCases(() =>
  Promise.resolve(openD1(watchD1((env as unknown as { DB: D1Database }).DB).binding)),
)
