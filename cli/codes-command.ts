/**
 * What `codes issue` and `codes reissue` share around ./viewing-codes.ts: the print file checked and the
 * server asked before any code is issued, progress, Ctrl-C (stop after the request in flight is written;
 * twice: at once), the report or JSON, and on stderr whatever needs the operator's attention.
 */
import { resolve } from 'node:path'
import { t, type Lang, type MessageKey } from './i18n.ts'
import {
  connect,
  infoLine,
  onInterrupt,
  requiredInsurer,
  withCommand,
  type Context,
} from './command.ts'
import { errorLine, UsageError } from './errors.ts'
import { codesRate, createCodesProgress } from './progress.ts'
import { formatDuration, formatInt, labelled } from './terminal.ts'
import { checkOut, issueCodes, type IssueResult } from './viewing-codes.ts'
import { confirmCodeRun, revokeCodeRun, startCodeRun } from './client.ts'

export type CodesCommand = 'codes issue' | 'codes reissue'

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

export async function runCodes(ctx: Context, cmd: CodesCommand): Promise<number> {
  const reissue = cmd === 'codes reissue'
  const { insurer, out, shown, persons } = withCommand(cmd, () => ({
    insurer: requiredInsurer(ctx, cmd),
    ...requiredOut(ctx, cmd),
    persons: reissue ? personKeys(ctx, cmd) : undefined,
  }))
  const force = ctx.values.force === true
  const quiet = ctx.values.quiet === true
  const info = infoLine(ctx)
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
  const removeInterrupt = onInterrupt(ctx, controller, 'codes_interrupting')
  const progress = createCodesProgress(ctx.io.stderr, ctx.lang)
  let result: IssueResult
  try {
    result = await issueCodes({
      out,
      shown,
      force,
      insurer,
      run: {
        start: async () => (await startCodeRun(client, insurer, reissue ? 'reissue' : 'issue')).id,
        confirm: (id, codes) => confirmCodeRun(client, insurer, id, codes),
        revoke: (id) => revokeCodeRun(client, insurer, id),
      },
      issue: (request) => client.issueCodes(insurer, request),
      personKeys: persons,
      total,
      signal: controller.signal,
      onProgress: (p) => {
        if (!quiet) progress.update(p)
      },
    })
  } finally {
    progress.finish()
    removeInterrupt?.()
  }
  if (ctx.values.json) ctx.out(codesJson(ctx.lang, reissue, insurer, shown, result))
  else if (!quiet && !(result.fatal && result.requests === 0 && result.issued === 0))
    for (const line of codesReport(ctx.lang, reissue, insurer, shown, result)) ctx.out(line)
  return codesWarnings(ctx, reissue, result)
}

function codesJson(
  l: Lang,
  reissue: boolean,
  insurer: string,
  shown: string,
  result: IssueResult,
): string {
  return JSON.stringify(
    {
      insurer,
      [reissue ? 'reissued' : 'issued']: result.issued,
      file: result.written ? shown : null,
      complete: result.complete,
      elapsedMs: result.elapsedMs,
      confirmed: result.confirmed,
      revoked: result.revoked,
      ...(reissue ? { notFound: result.notFound } : {}),
      error: result.fatal ? { code: result.fatal.key, message: result.fatal.text(l) } : null,
    },
    null,
    2,
  )
}

function codesReport(
  l: Lang,
  reissue: boolean,
  insurer: string,
  shown: string,
  result: IssueResult,
): string[] {
  const lines = [t(l, reissue ? 'codes_report_reissue_title' : 'codes_report_title', { insurer })]
  const rows: [MessageKey, string][] = [
    [reissue ? 'codes_report_reissued' : 'codes_report_issued', formatInt(result.issued)],
    [
      'report_time',
      `${formatDuration(l, result.elapsedMs)} (${t(l, 'codes_report_rate', { rate: codesRate({ done: result.issued, elapsedMs: result.elapsedMs }) })})`,
    ],
  ]
  lines.push(...labelled(l, rows))
  if (result.written) {
    lines.push(t(l, 'codes_report_file', { file: shown }))
    if (result.confirmed)
      lines.push(t(l, 'codes_run_confirmed', { count: formatInt(result.issued) }))
    lines.push(t(l, 'codes_keep_file'))
  } else if (!result.fatal)
    lines.push(t(l, reissue ? 'codes_report_none_reissued' : 'codes_report_none'))
  return lines
}

/**
 * What needs the operator's attention goes to stderr, even with --quiet or --json: persons not found, and
 * after a failure, a run revoked (its codes void, its persons back in the re-issue queue) or a file that
 * could not be confirmed. Returns the exit code.
 */
function codesWarnings(ctx: Context, _reissue: boolean, result: IssueResult): number {
  const l = ctx.lang
  if (result.notFound.length > 0)
    ctx.err(t(l, 'codes_not_found', { keys: shortList(result.notFound) }))
  if (result.fatal) {
    if (result.fatal.key === 'codes_interrupted')
      ctx.err(t(l, 'codes_interrupted', result.fatal.params))
    else ctx.err(errorLine(l, result.fatal))
  }
  if (result.revoked === 'write_failed') ctx.err(t(l, 'codes_run_revoked_write'))
  if (result.revoked === 'answer_lost') ctx.err(t(l, 'codes_run_revoked_lost'))
  if (result.revoked === 'count_mismatch') ctx.err(t(l, 'codes_run_revoked_count'))
  if (result.confirmFailed) {
    ctx.err(errorLine(l, result.confirmFailed))
    ctx.err(t(l, 'codes_confirm_failed', { file: result.file }))
    return result.confirmFailed.exitCode
  }
  return result.fatal ? result.fatal.exitCode : 0
}
