// The operator CLI (cli/ops.ts) run from source as a child process, for the scripts that import files
// with it as an operator does: `npm start`'s demo data, the journeys' extra checkups, the benchmarks.
import { spawnSync } from 'node:child_process'

/** Node's arguments before the CLI's own: type stripping, no warning, the entry. */
export const OPS_CLI = ['--experimental-strip-types', '--no-warnings', 'cli/ops.ts']

/** `<kind> import --insurer <insurer> <file> --url <url> --token <token>`, then `more`. */
export function importArgs(kind, { insurer = '06139992', file, url, token }, ...more) {
  return [kind, 'import', '--insurer', insurer, file, '--url', url, '--token', token, ...more]
}

/** Runs `ops <kind> import … --quiet` to the end: spawnSync's result (status, stdout, stderr). */
export function opsImport(kind, options) {
  return spawnSync(process.execPath, [...OPS_CLI, ...importArgs(kind, options, '--quiet')], {
    encoding: 'utf8',
  })
}
