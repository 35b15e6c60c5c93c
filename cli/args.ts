/**
 * Reading the command line (node:util parseArgs): a first loose pass that only finds the command's words and
 * the language, then a strict pass with the command's own options, whose errors become usage errors in the
 * operator's language.
 */
import { parseArgs } from 'node:util'
import { pickLang, type Lang } from './i18n.ts'
import { GLOBAL, type Options } from './command.ts'
import { COMMANDS } from './commands/index.ts'
import { UsageError } from './errors.ts'

/**
 * `--lang` wins; else LANG starting with "en" means English; else Japanese. The choice is core's `pickLang`,
 * given the operator's preference as a language range.
 */
export function cliLang(flag: string | undefined, env: Record<string, string | undefined>): Lang {
  if (flag === 'ja' || flag === 'en') return pickLang(flag)
  return pickLang((env.LANG ?? '').toLowerCase().startsWith('en') ? 'en' : null)
}

/** Every option of every command, for a first loose pass that finds the command words. Options that are a
 * flag in one command and take a value in another are taken as flags here (only the words matter). */
function allOptions(): Options {
  const all: Options = { ...GLOBAL }
  for (const c of Object.values(COMMANDS)) {
    for (const [name, spec] of Object.entries(c.options)) {
      if (!all[name] || spec.type === 'boolean') all[name] = spec
    }
  }
  return all
}

export function looseParse(argv: string[]) {
  return parseArgs({ args: argv, options: allOptions(), strict: false, allowPositionals: true })
}

function usageFromParseArgs(err: unknown, command: string): UsageError {
  const e = err as { code?: string; message?: string }
  const message = e.message ?? ''
  const flag = /'(-[^' ]*)/.exec(message)?.[1] ?? message
  const flagName = /(--[\w-]+)/.exec(message)?.[1] ?? flag
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError('unknown_flag', { flag }, command)
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('does not take an argument')
        ? new UsageError('flag_takes_no_value', { flag: flagName }, command)
        : new UsageError('flag_needs_value', { flag: flagName }, command)
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(
        'unexpected_argument',
        { arg: /'([^']*)'/.exec(message)?.[1] ?? message },
        command,
      )
    default:
      return new UsageError('unknown_flag', { flag: message }, command)
  }
}

export function strictParse(args: string[], options: Options, command: string) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true })
  } catch (err) {
    throw usageFromParseArgs(err, command)
  }
}
