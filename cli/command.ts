/**
 * What a command of the operator command line is (in the manner of wrangler's `createCommand`): its words,
 * its help (a message key of core/messages/cli-help.*.ts), its options and positional arguments, and `run`,
 * which does the work and prints the report. ./main.ts finds the command and parses its flags; the
 * commands live in ./commands/, one file each. Also the checks of flag values the commands share.
 */
import { t, type CliMessageKey, type Lang, type MessageKey } from './i18n.ts'
import { FAILURE_LIMIT } from '../core/insurer.ts'
import { ApiClient, isLocalUrl, resolveConnection, type Connection } from './client.ts'
import { UsageError } from './errors.ts'

export type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean }
export type Options = Record<string, OptionSpec>
export type Values = Record<string, string | boolean | string[] | undefined>

export type Io = {
  stdout: { write(s: string): unknown }
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number }
  env: Record<string, string | undefined>
  cwd: string
  /** For SIGINT during an import; absent in tests. */
  onInterrupt?: (handler: () => void) => () => void
  /** The API's transport; absent: the global fetch (tests answer in-process). */
  fetch?: typeof fetch
}

/** What a command's `run` is given: the flags parsed, the positional arguments, where to print. */
export type Context = {
  io: Io
  lang: Lang
  values: Values
  args: string[]
  out: (line?: string) => void
  err: (line?: string) => void
}

export type Command = {
  /** The command's words: 'whoami', 'roster import'. */
  name: string
  help: CliMessageKey
  options: Options
  /** Names of the positional arguments, for "missing …" messages (message key `arg_<name>`). */
  positionals: string[]
  /** The exit code: 0 done, 1 failed, 130 interrupted (usage errors are thrown as UsageError). */
  run: (ctx: Context) => Promise<number>
}

export function defineCommand(command: Command): Command {
  return command
}

/** The options every command takes. */
export const GLOBAL: Options = {
  url: { type: 'string' },
  token: { type: 'string' },
  as: { type: 'string' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
}

/** The server and token (flags, environment, the development tokens file) and a client for them. */
export function connect(ctx: Context): { connection: Connection; client: ApiClient } {
  const v = ctx.values
  const connection = resolveConnection({
    url: v.url as string | undefined,
    token: v.token as string | undefined,
    as: v.as as string | undefined,
    env: ctx.io.env,
    cwd: ctx.io.cwd,
  })
  if (connection.url.startsWith('http:') && !isLocalUrl(connection.url)) {
    ctx.err(t(ctx.lang, 'plain_http_warning', { url: connection.url }))
  }
  return { connection, client: new ApiClient(connection, { lang: ctx.lang, fetch: ctx.io.fetch }) }
}

/** A line on stderr unless --quiet: what the command is about to do. */
export function infoLine(ctx: Context): (line: string) => void {
  return (line) => {
    if (ctx.values.quiet !== true) ctx.err(line)
  }
}

/**
 * Ctrl-C during a long run: the first asks `controller` to stop (after the work in flight), saying so with
 * `message`; the second exits at once (130). Returns the function that stops listening.
 */
export function onInterrupt(
  ctx: Context,
  controller: AbortController,
  message: MessageKey,
): (() => void) | undefined {
  let interrupted = false
  return ctx.io.onInterrupt?.(() => {
    if (interrupted) process.exit(130)
    interrupted = true
    ctx.err('\n' + t(ctx.lang, message))
    controller.abort()
  })
}

// ---------------------------------------------------------------------------------------------- flag values

export function integer(
  ctx: Context,
  flag: string,
  value: string,
  expected: MessageKey,
  min = 0,
  max = 1_000_000,
): number {
  const s = value.normalize('NFKC').trim()
  const n = Number(s)
  if (!/^\d+$/.test(s) || n < min || n > max) {
    throw new UsageError('bad_flag_value', { flag, value, expected: t(ctx.lang, expected) }, '')
  }
  return n
}

/** --failure-limit: the server's bounds (core/insurer.ts FAILURE_LIMIT), checked before anything is sent. */
export function failureLimit(ctx: Context, value: string): number {
  return integer(
    ctx,
    '--failure-limit',
    value,
    'expected_failure_limit',
    FAILURE_LIMIT.min,
    FAILURE_LIMIT.max,
  )
}

export function onOff(ctx: Context, flag: string, value: string): boolean {
  const s = value.trim().toLowerCase()
  if (s === 'on' || s === 'true' || s === 'yes') return true
  if (s === 'off' || s === 'false' || s === 'no') return false
  throw new UsageError(
    'bad_flag_value',
    { flag, value, expected: t(ctx.lang, 'expected_on_off') },
    '',
  )
}

export function insurerNumber(ctx: Context, flag: string, value: string, command: string): string {
  const s = value.normalize('NFKC').trim()
  if (!/^(\d{6}|\d{8})$/.test(s)) {
    throw new UsageError(
      'bad_flag_value',
      { flag, value, expected: t(ctx.lang, 'expected_insurer_number') },
      command,
    )
  }
  return s
}

/** --insurer, which the import and codes commands require. */
export function requiredInsurer(ctx: Context, cmd: string): string {
  const v = ctx.values.insurer
  if (typeof v !== 'string') throw new UsageError('missing_flag', { flag: '--insurer' }, cmd)
  return insurerNumber(ctx, '--insurer', v, cmd)
}

export function cidrs(values: string[]): string[] {
  return values
    .flatMap((v) => v.split(/[,\s]+/))
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

/** Runs the checks of a command's flags, so that a usage error they throw points to that command's help. */
export function withCommand<T>(command: string, f: () => T): T {
  try {
    return f()
  } catch (err) {
    if (err instanceof UsageError && !err.command) err.command = command
    throw err
  }
}
