/**
 * `csv-parse` as the browser and the import worker get it (vite.config.ts aliases the bare specifier
 * here): the package's browser build, whose parser is a stream of its own polyfill. That polyfill has no
 * `destroy()`, which the shared reader (core/import/csv-records.ts) calls when it stops early or at the
 * end, as Node's streams have: a parser without one gets a `destroy` that marks it destroyed and drops
 * its listeners (it holds no resource: the reader feeds it text and reads records synchronously).
 */
import { parse as browserParse } from 'csv-parse/browser/esm'

export * from 'csv-parse/browser/esm'

export const parse = ((...args: Parameters<typeof browserParse>) => {
  const parser = browserParse(...args) as ReturnType<typeof browserParse> & {
    destroyed?: boolean
    destroy?: () => unknown
  }
  if (typeof parser.destroy !== 'function') {
    parser.destroy = () => {
      parser.destroyed = true
      parser.removeAllListeners()
      return parser
    }
  }
  return parser
}) as typeof browserParse
