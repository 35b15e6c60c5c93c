/**
 * The dispatcher of `npm run ops`: finds the command (./commands/index.ts) from the words, prints help, parses
 * the command's flags and arguments, runs it, and turns its errors into messages and exit codes.
 * Exit codes: 0 done, 1 failed (server, permission, file), 2 usage error, 130 interrupted.
 */
import { t, type Lang, type MessageKey } from './i18n.ts'
import { cliLang, looseParse, strictParse } from './args.ts'
import { GLOBAL, type Io, type Values } from './command.ts'
import { COMMANDS, GROUPS } from './commands/index.ts'
import { errorLine, OpsError, UsageError } from './errors.ts'

export type { Io } from './command.ts'

export async function main(argv: string[], io: Io): Promise<number> {
  const loose = looseParse(argv)
  const langFlag = typeof loose.values.lang === 'string' ? loose.values.lang : undefined
  const lang = cliLang(langFlag, io.env)
  const out = (line = '') => void io.stdout.write(line + '\n')
  const err = (line = '') => void io.stderr.write(line + '\n')
  const wantsHelp = loose.values.help === true
  try {
    if (langFlag !== undefined && langFlag !== 'ja' && langFlag !== 'en') {
      const expected = t(lang, 'expected_lang')
      throw new UsageError('bad_flag_value', { flag: '--lang', value: langFlag, expected })
    }
    let words = loose.positionals
    if (words[0] === 'help') {
      words = words.slice(1)
      return words.length === 0 ? (out(t(lang, 'help_main')), 0) : printHelp(words, lang, out)
    }
    if (words.length === 0) {
      if (wantsHelp) return (out(t(lang, 'help_main')), 0)
      strictParse(argv, GLOBAL, '') // an unknown flag is the better message
      return (err(t(lang, 'help_main')), 2)
    }
    const [name, sub] = words
    let key = name
    if (GROUPS[name]) {
      if (sub === undefined || !COMMANDS[`${name} ${sub}`]) {
        if (wantsHelp && sub === undefined) return (out(t(lang, GROUPS[name])), 0)
        if (sub !== undefined)
          throw new UsageError('unknown_command', { command: `${name} ${sub}` }, name)
        return (err(t(lang, GROUPS[name])), 2)
      }
      key = `${name} ${sub}`
    } else if (!COMMANDS[name]) {
      strictParse(argv, GLOBAL, '')
      throw new UsageError('unknown_command', { command: name }, '')
    }
    const command = COMMANDS[key]
    if (wantsHelp) return (out(t(lang, command.help)), 0)
    const parsed = strictParse(argv, { ...GLOBAL, ...command.options }, key)
    const args = parsed.positionals.slice(key.split(' ').length)
    if (args.length > command.positionals.length) {
      throw new UsageError('unexpected_argument', { arg: args[command.positionals.length] }, key)
    }
    if (args.length < command.positionals.length) {
      const what = t(lang, `arg_${command.positionals[args.length]}` as MessageKey)
      throw new UsageError('missing_argument', { what }, key)
    }
    return await command.run({ io, lang, values: parsed.values as Values, args, out, err })
  } catch (error) {
    return failed(error, lang, io, err)
  }
}

/** A usage error (exit 2, with where to find help), an operator's error (its exit code), or a bug (1). */
function failed(error: unknown, lang: Lang, io: Io, err: (line?: string) => void): number {
  if (error instanceof UsageError) {
    err(errorLine(lang, error))
    err(t(lang, 'see_help', { command: error.command ? `${error.command} ` : '' }))
    return 2
  }
  if (error instanceof OpsError) {
    err(errorLine(lang, error))
    return error.exitCode
  }
  err(t(lang, 'internal_error', { message: (error as Error)?.message ?? String(error) }))
  if (io.env.KENSHIN_DEBUG) err((error as Error)?.stack ?? '')
  return 1
}

function printHelp(words: string[], lang: Lang, out: (s: string) => void): number {
  const key = words.slice(0, 2).join(' ')
  if (COMMANDS[key]) out(t(lang, COMMANDS[key].help))
  else if (COMMANDS[words[0]]) out(t(lang, COMMANDS[words[0]].help))
  else if (GROUPS[words[0]]) out(t(lang, GROUPS[words[0]]))
  else throw new UsageError('unknown_command', { command: words.join(' ') }, '')
  return 0
}
