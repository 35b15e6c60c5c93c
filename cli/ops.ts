/**
 * Kenshin Portal operator command line: `npm run ops -- <command> [options]` (see `--help`). This file is the
 * process's entry: the dispatcher is ./main.ts, the commands are in ./commands/.
 * Exit codes: 0 done, 1 failed (server, permission, file), 2 usage error, 130 interrupted.
 */
import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { main } from './main.ts'

export { main, type Io } from './main.ts'

function isEntryPoint(): boolean {
  if (process.argv[1] === undefined) return false
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href
  } catch {
    return false
  }
}

if (isEntryPoint()) {
  const code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    onInterrupt: (handler) => {
      process.on('SIGINT', handler)
      return () => process.off('SIGINT', handler)
    },
  })
  process.exitCode = code
}
