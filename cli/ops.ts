/**
 * Kenshin Portal operator command line: `npm run ops -- <command> [options]` (see `--help`).
 * Exit codes: 0 done, 1 failed (server, permission, file), 2 usage error, 130 interrupted.
 */
import { realpathSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import {
  ApiClient,
  isLocalUrl,
  resolveConnection,
  type Connection,
  type Insurer,
  type InsurerFields,
} from './client.ts'
import {
  displayWidth,
  formatBytes,
  formatDuration,
  formatInt,
  OpsError,
  padEnd,
  pickLang,
  t,
  UsageError,
  type Lang,
  type MessageKey,
} from './messages.ts'
import { FAILURE_LIMIT } from '../core/insurer.ts'
import { createProgress, type ProgressUnit } from './progress.ts'
import {
  DEFAULT_BATCH,
  importRoster,
  MAX_BATCH,
  type ImportProgress,
  type ImportResult,
} from './roster-import.ts'
import {
  DEFAULT_CHECKUP_BATCH,
  importCheckupFile,
  MAX_CHECKUP_BATCH,
  type CheckupFormat,
  type CheckupImportResult,
  type CheckupRejection,
} from './checkup-import.ts'
import type { DetectedEncoding } from './csv.ts'
import {
  checkOut,
  codesRate,
  createCodesProgress,
  issueCodes,
  type IssueResult,
} from './viewing-codes.ts'

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean }
type Options = Record<string, OptionSpec>
type Values = Record<string, string | boolean | string[] | undefined>

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

type Context = {
  io: Io
  lang: Lang
  values: Values
  args: string[]
  out: (line?: string) => void
  err: (line?: string) => void
}

type Command = {
  help: MessageKey
  options: Options
  /** Names of the positional arguments, for "missing …" messages. */
  positionals: string[]
  run: (ctx: Context) => Promise<number>
}

const GLOBAL: Options = {
  url: { type: 'string' },
  token: { type: 'string' },
  as: { type: 'string' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
}

const COMMANDS: Record<string, Command> = {
  whoami: { help: 'help_whoami', options: {}, positionals: [], run: whoami },
  'insurer list': { help: 'help_insurer_list', options: {}, positionals: [], run: insurerList },
  'insurer create': {
    help: 'help_insurer_create',
    options: {
      number: { type: 'string' },
      name: { type: 'string' },
      'insured-only': { type: 'boolean' },
      'dependent-max-age': { type: 'string' },
      maintenance: { type: 'boolean' },
      cidr: { type: 'string', multiple: true },
      'failure-limit': { type: 'string' },
    },
    positionals: [],
    run: insurerCreate,
  },
  'insurer set': {
    help: 'help_insurer_set',
    options: {
      name: { type: 'string' },
      'insured-only': { type: 'string' },
      'dependent-max-age': { type: 'string' },
      maintenance: { type: 'string' },
      cidr: { type: 'string', multiple: true },
      'failure-limit': { type: 'string' },
    },
    positionals: ['number'],
    run: insurerSet,
  },
  'roster import': {
    help: 'help_roster_import',
    options: { insurer: { type: 'string' }, batch: { type: 'string' } },
    positionals: ['file'],
    run: rosterImport,
  },
  'checkups import': {
    help: 'help_checkups_import',
    options: { insurer: { type: 'string' }, batch: { type: 'string' } },
    positionals: ['file'],
    run: checkupsImport,
  },
  'codes issue': {
    help: 'help_codes_issue',
    options: { insurer: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
    positionals: [],
    run: codesIssue,
  },
  'codes reissue': {
    help: 'help_codes_reissue',
    options: {
      insurer: { type: 'string' },
      person: { type: 'string', multiple: true },
      out: { type: 'string' },
      force: { type: 'boolean' },
    },
    positionals: [],
    run: codesReissue,
  },
  'codes status': {
    help: 'help_codes_status',
    options: { insurer: { type: 'string' } },
    positionals: [],
    run: codesStatus,
  },
}

const GROUPS: Record<string, MessageKey> = {
  insurer: 'help_insurer',
  roster: 'help_roster',
  checkups: 'help_checkups',
  codes: 'help_codes',
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

function strictParse(args: string[], options: Options, command: string) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true })
  } catch (err) {
    throw usageFromParseArgs(err, command)
  }
}

export async function main(argv: string[], io: Io): Promise<number> {
  const loose = parseArgs({
    args: argv,
    options: allOptions(),
    strict: false,
    allowPositionals: true,
  })
  const langFlag = typeof loose.values.lang === 'string' ? loose.values.lang : undefined
  const lang = pickLang(langFlag, io.env)
  const out = (line = '') => void io.stdout.write(line + '\n')
  const err = (line = '') => void io.stderr.write(line + '\n')
  const wantsHelp = loose.values.help === true

  try {
    if (langFlag !== undefined && langFlag !== 'ja' && langFlag !== 'en') {
      throw new UsageError('bad_flag_value', {
        flag: '--lang',
        value: langFlag,
        expected: t(lang, 'expected_lang'),
      })
    }
    let words = loose.positionals
    if (words[0] === 'help') {
      words = words.slice(1)
      if (words.length === 0) {
        out(t(lang, 'help_main'))
        return 0
      }
      return printHelp(words, lang, out)
    }
    if (words.length === 0) {
      if (wantsHelp) {
        out(t(lang, 'help_main'))
        return 0
      }
      strictParse(argv, GLOBAL, '') // an unknown flag is the better message
      err(t(lang, 'help_main'))
      return 2
    }
    const [name, sub] = words
    let key = name
    if (GROUPS[name]) {
      if (sub === undefined || !COMMANDS[`${name} ${sub}`]) {
        if (wantsHelp && sub === undefined) {
          out(t(lang, GROUPS[name]))
          return 0
        }
        if (sub !== undefined)
          throw new UsageError('unknown_command', { command: `${name} ${sub}` }, name)
        err(t(lang, GROUPS[name]))
        return 2
      }
      key = `${name} ${sub}`
    } else if (!COMMANDS[name]) {
      strictParse(argv, GLOBAL, '')
      throw new UsageError('unknown_command', { command: name }, '')
    }
    const command = COMMANDS[key]
    if (wantsHelp) {
      out(t(lang, command.help))
      return 0
    }
    const parsed = strictParse(argv, { ...GLOBAL, ...command.options }, key)
    const wordCount = key.split(' ').length
    const args = parsed.positionals.slice(wordCount)
    if (args.length > command.positionals.length) {
      throw new UsageError('unexpected_argument', { arg: args[command.positionals.length] }, key)
    }
    if (args.length < command.positionals.length) {
      const what = t(lang, `arg_${command.positionals[args.length]}` as MessageKey)
      throw new UsageError('missing_argument', { what }, key)
    }
    return await command.run({ io, lang, values: parsed.values as Values, args, out, err })
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${lang === 'ja' ? 'エラー' : 'Error'}: ${error.text(lang)}`)
      err(t(lang, 'see_help', { command: error.command ? `${error.command} ` : '' }))
      return 2
    }
    if (error instanceof OpsError) {
      err(`${lang === 'ja' ? 'エラー' : 'Error'}: ${error.text(lang)}`)
      return error.exitCode
    }
    err(t(lang, 'internal_error', { message: (error as Error)?.message ?? String(error) }))
    if (io.env.KENSHIN_DEBUG) err((error as Error)?.stack ?? '')
    return 1
  }
}

function printHelp(words: string[], lang: Lang, out: (s: string) => void): number {
  const key = words.slice(0, 2).join(' ')
  if (COMMANDS[key]) out(t(lang, COMMANDS[key].help))
  else if (COMMANDS[words[0]]) out(t(lang, COMMANDS[words[0]].help))
  else if (GROUPS[words[0]]) out(t(lang, GROUPS[words[0]]))
  else throw new UsageError('unknown_command', { command: words.join(' ') }, '')
  return 0
}

// ---------------------------------------------------------------------------------------------- helpers

function connect(ctx: Context): { connection: Connection; client: ApiClient } {
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

function integer(
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
function failureLimit(ctx: Context, value: string): number {
  return integer(
    ctx,
    '--failure-limit',
    value,
    'expected_failure_limit',
    FAILURE_LIMIT.min,
    FAILURE_LIMIT.max,
  )
}

function onOff(ctx: Context, flag: string, value: string): boolean {
  const s = value.trim().toLowerCase()
  if (s === 'on' || s === 'true' || s === 'yes') return true
  if (s === 'off' || s === 'false' || s === 'no') return false
  throw new UsageError(
    'bad_flag_value',
    { flag, value, expected: t(ctx.lang, 'expected_on_off') },
    '',
  )
}

function insurerNumber(ctx: Context, flag: string, value: string, command: string): string {
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

function cidrs(values: string[]): string[] {
  return values
    .flatMap((v) => v.split(/[,\s]+/))
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

function withCommand<T>(command: string, f: () => T): T {
  try {
    return f()
  } catch (err) {
    if (err instanceof UsageError && !err.command) err.command = command
    throw err
  }
}

function eligible(lang: Lang, i: Insurer): string {
  if (i.insuredOnly) return t(lang, 'insurer_eligible_insured_only')
  if (i.dependentMaxAge === null || i.dependentMaxAge === undefined)
    return t(lang, 'insurer_eligible_all')
  return t(lang, 'insurer_eligible_age', { age: i.dependentMaxAge })
}

function describeInsurer(lang: Lang, i: Insurer): string[] {
  const rows: [MessageKey, string][] = [
    ['insurer_number', i.number],
    ['insurer_name', i.name],
    ['insurer_eligible', eligible(lang, i)],
    ['insurer_maintenance', t(lang, i.maintenance ? 'on' : 'off')],
    [
      'insurer_cidrs',
      i.allowedCidrs?.length ? i.allowedCidrs.join(', ') : t(lang, 'insurer_cidrs_none'),
    ],
    ['insurer_failure_limit', String(i.allowlistFailureLimit)],
  ]
  const width = Math.max(...rows.map(([k]) => displayWidth(t(lang, k)))) + 2
  return rows.map(([k, v]) => `  ${padEnd(t(lang, k), width)}${v}`)
}

export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))),
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : padEnd(cell, widths[c])))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)]
}

// --------------------------------------------------------------------------------------------- commands

async function whoami(ctx: Context): Promise<number> {
  const { connection, client } = connect(ctx)
  const staff = await client.whoami()
  if (ctx.values.json) {
    ctx.out(JSON.stringify({ staff, url: connection.url }, null, 2))
    return 0
  }
  const rows: [MessageKey, string][] = [
    ['whoami_name', staff.name],
    ['whoami_role', staff.role],
    ['whoami_insurer', staff.insurer ?? t(ctx.lang, 'whoami_insurer_all')],
    ['whoami_url', connection.url],
  ]
  const width = Math.max(...rows.map(([k]) => displayWidth(t(ctx.lang, k)))) + 2
  for (const [k, v] of rows) ctx.out(`${padEnd(t(ctx.lang, k), width)}${v}`)
  return 0
}

async function insurerList(ctx: Context): Promise<number> {
  const { client } = connect(ctx)
  const insurers = await client.listInsurers()
  if (ctx.values.json) {
    ctx.out(JSON.stringify({ insurers }, null, 2))
    return 0
  }
  if (insurers.length === 0) {
    ctx.out(t(ctx.lang, 'insurer_list_empty'))
    return 0
  }
  const l = ctx.lang
  const header = (
    [
      'insurer_number',
      'insurer_name',
      'insurer_eligible',
      'insurer_maintenance',
      'insurer_failure_limit',
      'insurer_cidrs',
    ] as MessageKey[]
  ).map((k) => t(l, k))
  const rows = insurers.map((i) => [
    i.number,
    i.name,
    eligible(l, i),
    t(l, i.maintenance ? 'on' : 'off'),
    String(i.allowlistFailureLimit),
    i.allowedCidrs?.length ? i.allowedCidrs.join(', ') : t(l, 'insurer_cidrs_none'),
  ])
  for (const line of table(header, rows)) ctx.out(line)
  return 0
}

async function insurerCreate(ctx: Context): Promise<number> {
  const cmd = 'insurer create'
  const v = ctx.values
  const body = withCommand(cmd, () => {
    if (typeof v.number !== 'string')
      throw new UsageError('missing_flag', { flag: '--number' }, cmd)
    if (typeof v.name !== 'string' || v.name.trim() === '')
      throw new UsageError('missing_flag', { flag: '--name' }, cmd)
    const b: InsurerFields & { number: string; name: string } = {
      number: insurerNumber(ctx, '--number', v.number, cmd),
      name: v.name.trim(),
    }
    if (v['insured-only']) b.insuredOnly = true
    if (typeof v['dependent-max-age'] === 'string') {
      b.dependentMaxAge = integer(
        ctx,
        '--dependent-max-age',
        v['dependent-max-age'],
        'expected_integer',
        0,
        150,
      )
    }
    if (v.maintenance) b.maintenance = true
    if (Array.isArray(v.cidr)) b.allowedCidrs = cidrs(v.cidr)
    if (typeof v['failure-limit'] === 'string') {
      b.allowlistFailureLimit = failureLimit(ctx, v['failure-limit'])
    }
    return b
  })
  const { client } = connect(ctx)
  const insurer = await client.createInsurer(body)
  if (ctx.values.json) ctx.out(JSON.stringify({ insurer }, null, 2))
  else if (!ctx.values.quiet) {
    ctx.out(t(ctx.lang, 'insurer_created', { number: insurer.number }))
    for (const line of describeInsurer(ctx.lang, insurer)) ctx.out(line)
  }
  return 0
}

async function insurerSet(ctx: Context): Promise<number> {
  const cmd = 'insurer set'
  const v = ctx.values
  const { number, body } = withCommand(cmd, () => {
    const number = insurerNumber(ctx, '<number>', ctx.args[0], cmd)
    const b: InsurerFields = {}
    if (typeof v.name === 'string') {
      if (v.name.trim() === '') throw new UsageError('flag_needs_value', { flag: '--name' }, cmd)
      b.name = v.name.trim()
    }
    if (typeof v['insured-only'] === 'string')
      b.insuredOnly = onOff(ctx, '--insured-only', v['insured-only'])
    if (typeof v['dependent-max-age'] === 'string') {
      const s = v['dependent-max-age'].trim().toLowerCase()
      b.dependentMaxAge =
        s === 'none'
          ? null
          : integer(
              ctx,
              '--dependent-max-age',
              v['dependent-max-age'],
              'expected_int_or_none',
              0,
              150,
            )
    }
    if (typeof v.maintenance === 'string')
      b.maintenance = onOff(ctx, '--maintenance', v.maintenance)
    if (Array.isArray(v.cidr)) {
      b.allowedCidrs =
        v.cidr.length === 1 && v.cidr[0].trim().toLowerCase() === 'none' ? [] : cidrs(v.cidr)
    }
    if (typeof v['failure-limit'] === 'string') {
      b.allowlistFailureLimit = failureLimit(ctx, v['failure-limit'])
    }
    if (Object.keys(b).length === 0) throw new UsageError('nothing_to_change', {}, cmd)
    return { number, body: b }
  })
  const { client } = connect(ctx)
  const insurer = await client.updateInsurer(number, body)
  if (ctx.values.json) ctx.out(JSON.stringify({ insurer }, null, 2))
  else if (!ctx.values.quiet) {
    ctx.out(t(ctx.lang, 'insurer_updated', { number: insurer.number }))
    for (const line of describeInsurer(ctx.lang, insurer)) ctx.out(line)
  }
  return 0
}

export function encodingLabel(lang: Lang, e: DetectedEncoding | null): string {
  if (!e) return '-'
  if (e.encoding === 'shift_jis') return t(lang, 'encoding_sjis')
  return t(lang, e.bom ? 'encoding_utf8_bom' : 'encoding_utf8')
}

export function formatReport(lang: Lang, r: ImportResult): string[] {
  const lines = [t(lang, 'report_title', { file: r.file })]
  const rate = r.elapsedMs > 0 ? (r.rowsDone * 1000) / r.elapsedMs : 0
  const rows: [MessageKey, string][] = [
    ['report_encoding', encodingLabel(lang, r.encoding)],
    // rows read ahead of a failure were not imported: count the rows with an outcome
    ['report_read', formatInt(r.rowsDone)],
    ['report_inserted', formatInt(r.inserted)],
    ['report_updated', formatInt(r.updated)],
    ['report_unchanged', formatInt(r.unchanged)],
    ['report_rejected', formatInt(r.rejected)],
  ]
  if (r.blank > 0) rows.push(['report_blank', formatInt(r.blank)])
  rows.push([
    'report_time',
    `${formatDuration(lang, r.elapsedMs)} (${t(lang, 'report_rate', { rate: formatInt(rate) })})`,
  ])
  const width = Math.max(...rows.map(([k]) => displayWidth(t(lang, k)))) + 2
  for (const [k, v] of rows) lines.push(`  ${padEnd(t(lang, k), width)}${v}`)
  if (r.rowsRead === 0 && r.complete) lines.push(t(lang, 'report_no_rows'))
  if (r.firstRejections.length > 0) {
    lines.push(t(lang, 'report_rejections'))
    for (const x of r.firstRejections) {
      lines.push(
        `  ${t(lang, 'report_rejection', { line: x.line, column: x.column, message: x.message || x.reason })}`,
      )
    }
    if (r.rejections > r.firstRejections.length) {
      lines.push(
        `  ${t(lang, 'report_more', { count: formatInt(r.rejections - r.firstRejections.length) })}`,
      )
    }
  }
  if (r.rejectedFile) lines.push(t(lang, 'report_rejected_file', { file: r.rejectedFile }))
  return lines
}

type ImportOutcome = { file: string; fatal: OpsError | null }

type ImportRunArgs = {
  file: string
  shown: string
  insurer: string
  batchSize: number
  client: ApiClient
  signal: AbortSignal
  /** A line on stderr unless --quiet. */
  info: (line: string) => void
  onProgress: (p: ImportProgress) => void
}

type ImportCommand<R extends ImportOutcome> = {
  cmd: string
  defaultBatch: number
  maxBatch: number
  expectedBatch: MessageKey
  unit: ProgressUnit
  run: (args: ImportRunArgs) => Promise<R>
  /** The report lines, or null for none (nothing was read before a failure). */
  report: (lang: Lang, r: R) => string[] | null
  json: (r: R) => Record<string, unknown>
  /** Anything already in the database (for the "run it again" hint after a failure). */
  imported: (r: R) => number
}

/** The import commands' common flow: flags, the file and the server checked before anything is read, progress,
 * Ctrl-C (stop after the batches in flight; twice: at once), the report or JSON, exit codes. */
async function runImport<R extends ImportOutcome>(
  ctx: Context,
  command: ImportCommand<R>,
): Promise<number> {
  const cmd = command.cmd
  const v = ctx.values
  const { insurer, batchSize } = withCommand(cmd, () => {
    if (typeof v.insurer !== 'string')
      throw new UsageError('missing_flag', { flag: '--insurer' }, cmd)
    return {
      insurer: insurerNumber(ctx, '--insurer', v.insurer, cmd),
      batchSize:
        typeof v.batch === 'string'
          ? integer(ctx, '--batch', v.batch, command.expectedBatch, 1, command.maxBatch)
          : command.defaultBatch,
    }
  })
  const file = resolve(ctx.io.cwd, ctx.args[0])
  const shown = ctx.args[0]
  const { connection, client } = connect(ctx)

  // fail fast, before any network: the file must exist and be a file
  try {
    const s = await stat(file)
    if (s.isDirectory()) throw new OpsError('file_is_directory', { file: shown })
  } catch (err) {
    if (err instanceof OpsError) throw err
    throw new OpsError('file_unreadable', {
      file: shown,
      reason: (err as { code?: string }).code ?? String(err),
    })
  }
  // and the server must answer and take the token
  const staff = await client.whoami()
  const quiet = v.quiet === true
  const info = (line: string) => {
    if (!quiet) ctx.err(line)
  }
  info(t(ctx.lang, 'import_as', { url: connection.url, name: staff.name, role: staff.role }))

  const controller = new AbortController()
  let interrupted = false
  const removeInterrupt = ctx.io.onInterrupt?.(() => {
    if (interrupted) process.exit(130)
    interrupted = true
    ctx.err('\n' + t(ctx.lang, 'import_interrupting'))
    controller.abort()
  })
  const progress = createProgress({ stream: ctx.io.stderr, lang: ctx.lang, unit: command.unit })
  let result: R
  try {
    result = await command.run({
      file,
      shown,
      insurer,
      batchSize,
      client,
      signal: controller.signal,
      info,
      onProgress: (p) => {
        if (!quiet) progress.update(p)
      },
    })
  } finally {
    progress.finish()
    removeInterrupt?.()
  }
  result.file = shown

  if (v.json) {
    ctx.out(
      JSON.stringify(
        {
          ...command.json(result),
          fatal: undefined,
          error: result.fatal
            ? { code: result.fatal.key, message: result.fatal.text(ctx.lang) }
            : null,
        },
        null,
        2,
      ),
    )
  } else if (!quiet) {
    for (const line of command.report(ctx.lang, result) ?? []) ctx.out(line)
  }
  if (result.fatal) {
    const label = ctx.lang === 'ja' ? 'エラー' : 'Error'
    if (result.fatal.key === 'import_interrupted') ctx.err(t(ctx.lang, 'import_interrupted'))
    else {
      ctx.err(`${label}: ${result.fatal.text(ctx.lang)}`)
      if (command.imported(result) > 0) ctx.err(t(ctx.lang, 'import_resume_hint'))
    }
    return result.fatal.exitCode
  }
  return 0
}

function rosterImport(ctx: Context): Promise<number> {
  return runImport<ImportResult>(ctx, {
    cmd: 'roster import',
    defaultBatch: DEFAULT_BATCH,
    maxBatch: MAX_BATCH,
    expectedBatch: 'expected_batch',
    unit: 'rows',
    run: ({ file, shown, insurer, batchSize, client, signal, info, onProgress }) =>
      importRoster({
        file,
        insurer,
        batchSize,
        lang: ctx.lang,
        signal,
        post: (number, batch) => client.postRosterBatch(number, batch),
        onStart: (start) =>
          info(
            t(ctx.lang, 'import_start', {
              file: shown,
              size: formatBytes(start.size),
              encoding: encodingLabel(ctx.lang, start.encoding),
              insurer,
            }),
          ),
        onProgress,
      }),
    // rows read ahead of a failure were not imported: no report when none has an outcome
    report: (lang, r) =>
      r.encoding && (r.rowsDone > 0 || !r.fatal) ? formatReport(lang, r) : null,
    json: (r) => ({ ...r, encoding: r.encoding ? encodingLabel('en', r.encoding) : null }),
    imported: (r) => r.inserted + r.updated + r.unchanged,
  })
}

export function formatLabel(
  lang: Lang,
  format: CheckupFormat | null,
  encoding: DetectedEncoding | null,
): string {
  if (format === 'csv') return t(lang, 'format_csv', { encoding: encodingLabel(lang, encoding) })
  if (format === 'xml') return t(lang, 'format_xml')
  if (format === 'zip') return t(lang, 'format_zip')
  return '-'
}

/** One rejection on one line: where (the file or entry for XML; the line; the item code or CSV column), why. */
export function formatCheckupRejection(
  lang: Lang,
  format: CheckupFormat | null,
  r: CheckupRejection,
): string {
  const parts: string[] = []
  if (format !== 'csv') parts.push(r.ref)
  if (r.line !== null) parts.push(t(lang, 'rejection_line', { line: r.line }))
  if (r.item) parts.push(t(lang, 'rejection_item', { code: r.item }))
  else if (r.column) parts.push(t(lang, 'rejection_column', { column: r.column }))
  parts.push(r.message || r.reason)
  return parts.join('  ')
}

export function formatCheckupReport(lang: Lang, r: CheckupImportResult): string[] {
  const lines = [t(lang, 'report_title', { file: r.file })]
  const rate = r.elapsedMs > 0 ? (r.checkupsDone * 1000) / r.elapsedMs : 0
  const rows: [MessageKey, string][] = [
    ['report_format', formatLabel(lang, r.format, r.encoding)],
    // checkups read ahead of a failure were not imported: count those with an outcome
    ['checkup_report_read', formatInt(r.checkupsDone)],
    ['report_inserted', formatInt(r.inserted)],
    ['report_replaced', formatInt(r.replaced)],
    ['report_unchanged', formatInt(r.unchanged)],
    ['report_rejected', formatInt(r.rejected)],
  ]
  if (r.rowsRejected > 0) rows.push(['checkup_report_rows_rejected', formatInt(r.rowsRejected)])
  if (r.blank > 0) rows.push(['report_blank', formatInt(r.blank)])
  rows.push([
    'report_time',
    `${formatDuration(lang, r.elapsedMs)} (${t(lang, 'checkup_report_rate', { rate: formatInt(rate) })})`,
  ])
  const width = Math.max(...rows.map(([k]) => displayWidth(t(lang, k)))) + 2
  for (const [k, v] of rows) lines.push(`  ${padEnd(t(lang, k), width)}${v}`)
  if (r.checkupsRead === 0 && r.rejections === 0 && r.complete)
    lines.push(t(lang, 'checkup_report_none'))
  if (r.firstRejections.length > 0) {
    lines.push(t(lang, 'checkup_report_rejections'))
    for (const x of r.firstRejections) lines.push(`  ${formatCheckupRejection(lang, r.format, x)}`)
    if (r.rejections > r.firstRejections.length) {
      lines.push(
        `  ${t(lang, 'report_more', { count: formatInt(r.rejections - r.firstRejections.length) })}`,
      )
    }
  }
  if (r.rejectedFile) lines.push(t(lang, 'report_rejected_file', { file: r.rejectedFile }))
  return lines
}

function checkupsImport(ctx: Context): Promise<number> {
  return runImport<CheckupImportResult>(ctx, {
    cmd: 'checkups import',
    defaultBatch: DEFAULT_CHECKUP_BATCH,
    maxBatch: MAX_CHECKUP_BATCH,
    expectedBatch: 'expected_checkup_batch',
    unit: 'documents',
    run: ({ file, shown, insurer, batchSize, client, signal, info, onProgress }) =>
      importCheckupFile({
        file,
        insurer,
        batchSize,
        lang: ctx.lang,
        signal,
        post: (number, batch) => client.postCheckupBatch(number, batch),
        onStart: (start) =>
          info(
            t(ctx.lang, 'import_start', {
              file: shown,
              size: formatBytes(start.size),
              encoding: formatLabel(ctx.lang, start.format, start.encoding),
              insurer,
            }),
          ),
        onProgress,
      }),
    report: (lang, r) =>
      r.format && (r.checkupsDone > 0 || !r.fatal) ? formatCheckupReport(lang, r) : null,
    json: (r) => ({ ...r, encoding: r.encoding ? encodingLabel('en', r.encoding) : null }),
    imported: (r) => r.inserted + r.replaced + r.unchanged,
  })
}

// ------------------------------------------------------------------------------------------ viewing codes

function requiredInsurer(ctx: Context, cmd: string): string {
  const v = ctx.values.insurer
  if (typeof v !== 'string') throw new UsageError('missing_flag', { flag: '--insurer' }, cmd)
  return insurerNumber(ctx, '--insurer', v, cmd)
}

function requiredOut(ctx: Context, cmd: string): { out: string; shown: string } {
  const v = ctx.values.out
  if (typeof v !== 'string' || v.trim() === '')
    throw new UsageError('missing_flag', { flag: '--out' }, cmd)
  return { out: resolve(ctx.io.cwd, v), shown: v }
}

/** --person, repeated or comma-separated; each once, in the order given. */
function personKeys(ctx: Context, cmd: string): string[] {
  const raw = ctx.values.person
  if (!Array.isArray(raw) || raw.length === 0)
    throw new UsageError('missing_flag', { flag: '--person' }, cmd)
  const keys: string[] = []
  for (const value of raw.flatMap((v) => v.split(','))) {
    const key = value.normalize('NFKC').trim()
    if (key === '') continue
    if (key.length > 64) {
      throw new UsageError(
        'bad_flag_value',
        { flag: '--person', value, expected: t(ctx.lang, 'expected_person_key') },
        cmd,
      )
    }
    if (!keys.includes(key)) keys.push(key)
  }
  if (keys.length === 0) throw new UsageError('missing_flag', { flag: '--person' }, cmd)
  return keys
}

const shortList = (keys: string[], max = 20) =>
  keys.length > max
    ? `${keys.slice(0, max).join(', ')} … (+${formatInt(keys.length - max)})`
    : keys.join(', ')

/** `codes issue` and `codes reissue`: the print file checked and the server asked before any code is issued,
 * progress, Ctrl-C (stop after the request in flight is written; twice: at once), the report or JSON. */
async function runCodes(ctx: Context, cmd: 'codes issue' | 'codes reissue'): Promise<number> {
  const reissue = cmd === 'codes reissue'
  const { insurer, out, shown, persons } = withCommand(cmd, () => ({
    insurer: requiredInsurer(ctx, cmd),
    ...requiredOut(ctx, cmd),
    persons: reissue ? personKeys(ctx, cmd) : undefined,
  }))
  const force = ctx.values.force === true
  const quiet = ctx.values.quiet === true
  const info = (line: string) => {
    if (!quiet) ctx.err(line)
  }
  const { connection, client } = connect(ctx)
  // fail fast, before any code is issued: the file, the server, the token, the insurer
  await checkOut(out, shown, force)
  const staff = await client.whoami()
  info(t(ctx.lang, 'import_as', { url: connection.url, name: staff.name, role: staff.role }))
  const total = persons ? persons.length : (await client.codeStatus(insurer)).withoutCode
  info(
    t(ctx.lang, reissue ? 'codes_reissue_start' : 'codes_start', {
      insurer,
      total: formatInt(total),
      file: shown,
    }),
  )

  const controller = new AbortController()
  let interrupted = false
  const removeInterrupt = ctx.io.onInterrupt?.(() => {
    if (interrupted) process.exit(130)
    interrupted = true
    ctx.err('\n' + t(ctx.lang, 'codes_interrupting'))
    controller.abort()
  })
  const progress = createCodesProgress(ctx.io.stderr, ctx.lang)
  let result: IssueResult
  try {
    result = await issueCodes({
      out,
      shown,
      force,
      insurer,
      issue: (request) => client.issueCodes(insurer, request),
      personKeys: persons,
      total,
      recount: reissue ? undefined : async () => (await client.codeStatus(insurer)).withoutCode,
      signal: controller.signal,
      onProgress: (p) => {
        if (!quiet) progress.update(p)
      },
    })
  } finally {
    progress.finish()
    removeInterrupt?.()
  }

  const l = ctx.lang
  if (ctx.values.json) {
    ctx.out(
      JSON.stringify(
        {
          insurer,
          [reissue ? 'reissued' : 'issued']: result.issued,
          file: result.written ? shown : null,
          complete: result.complete,
          elapsedMs: result.elapsedMs,
          ...(reissue
            ? { notFound: result.notFound, uncertain: result.uncertain }
            : { lost: result.answerLost ? result.lost : 0 }),
          unwritten: result.unwritten,
          error: result.fatal ? { code: result.fatal.key, message: result.fatal.text(l) } : null,
        },
        null,
        2,
      ),
    )
  } else if (!quiet && !(result.fatal && result.requests === 0 && result.issued === 0)) {
    ctx.out(t(l, reissue ? 'codes_report_reissue_title' : 'codes_report_title', { insurer }))
    const rows: [MessageKey, string][] = [
      [reissue ? 'codes_report_reissued' : 'codes_report_issued', formatInt(result.issued)],
      [
        'report_time',
        `${formatDuration(l, result.elapsedMs)} (${t(l, 'codes_report_rate', { rate: codesRate({ done: result.issued, elapsedMs: result.elapsedMs }) })})`,
      ],
    ]
    const width = Math.max(...rows.map(([k]) => displayWidth(t(l, k)))) + 2
    for (const [k, v] of rows) ctx.out(`  ${padEnd(t(l, k), width)}${v}`)
    if (result.written) {
      ctx.out(t(l, 'codes_report_file', { file: shown }))
      ctx.out(t(l, 'codes_keep_file'))
    } else if (!result.fatal)
      ctx.out(t(l, reissue ? 'codes_report_none_reissued' : 'codes_report_none'))
  }
  // what needs the operator's attention goes to stderr, even with --quiet or --json
  if (result.notFound.length > 0)
    ctx.err(t(l, 'codes_not_found', { keys: shortList(result.notFound) }))
  if (result.fatal) {
    const label = l === 'ja' ? 'エラー' : 'Error'
    if (result.fatal.key === 'codes_interrupted')
      ctx.err(t(l, 'codes_interrupted', result.fatal.params))
    else ctx.err(`${label}: ${result.fatal.text(l)}`)
    if (result.unwritten.length > 0)
      ctx.err(t(l, 'codes_unwritten', { keys: shortList(result.unwritten, 50) }))
    if (result.uncertain.length > 0)
      ctx.err(t(l, 'codes_reissue_uncertain', { keys: shortList(result.uncertain, 50) }))
    if (result.answerLost && !reissue) {
      ctx.err(
        result.lost === null
          ? t(l, 'codes_answer_lost_unknown')
          : t(l, 'codes_answer_lost', { count: formatInt(result.lost) }),
      )
    }
    if (result.written && !reissue) ctx.err(t(l, 'codes_resume_hint'))
    return result.fatal.exitCode
  }
  return 0
}

function codesIssue(ctx: Context): Promise<number> {
  return runCodes(ctx, 'codes issue')
}

function codesReissue(ctx: Context): Promise<number> {
  return runCodes(ctx, 'codes reissue')
}

async function codesStatus(ctx: Context): Promise<number> {
  const insurer = withCommand('codes status', () => requiredInsurer(ctx, 'codes status'))
  const { client } = connect(ctx)
  const status = await client.codeStatus(insurer)
  if (ctx.values.json) {
    ctx.out(JSON.stringify({ insurer, ...status }, null, 2))
    return 0
  }
  const l = ctx.lang
  const rows: [MessageKey, number][] = [
    ['codes_status_issued', status.issued],
    ['codes_status_used', status.used],
    ['codes_status_locked', status.locked],
    ['codes_status_without', status.withoutCode],
  ]
  const width = Math.max(...rows.map(([k]) => displayWidth(t(l, k)))) + 2
  const numbers = Math.max(...rows.map(([, n]) => formatInt(n).length))
  ctx.out(t(l, 'codes_status_title', { insurer }))
  for (const [k, n] of rows) ctx.out(`  ${padEnd(t(l, k), width)}${formatInt(n).padStart(numbers)}`)
  return 0
}

// -------------------------------------------------------------------------------------------- process

function isEntryPoint(): boolean {
  if (process.argv[1] === undefined) return false
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href
  } catch {
    return false
  }
}

const isEntry = isEntryPoint()
if (isEntry) {
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
