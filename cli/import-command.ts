/**
 * What `roster import` and `checkups import` share around their import (./roster-import.ts,
 * ./checkup-import.ts): the flags, the file and the server checked before anything is read, progress,
 * Ctrl-C (stop after the batches in flight; twice: at once), the report or JSON, the exit codes.
 */
import { stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { fileFingerprint } from '../core/import/fingerprint.ts'
import { t, type Lang, type MessageKey } from './i18n.ts'
import {
  finishImportRecord,
  startImportRecord,
  type ApiClient,
  type ImportRecordFinish,
} from './client.ts'
import {
  connect,
  infoLine,
  integer,
  onInterrupt,
  requiredInsurer,
  withCommand,
  type Context,
} from './command.ts'
import type { ImportReport } from '../core/import/report.ts'
import { errorLine, fileError, OpsError } from './errors.ts'
import { fileSource } from './import-files.ts'
import { createProgress, type ProgressUnit } from './progress.ts'
import { formatDuration, formatInt, labelled } from './terminal.ts'
import type { ImportProgress } from './roster-import.ts'
import { clipParams } from '../core/clip-params.ts'

type ImportOutcome = { file: string; fatal: OpsError | null }

export type ImportRunArgs = {
  file: string
  shown: string
  insurer: string
  batchSize: number
  client: ApiClient
  signal: AbortSignal
  /** The import record this run feeds (none against a server without import records). */
  tag?: { importId: string }
  /** A line on stderr unless --quiet. */
  info: (line: string) => void
  onProgress: (p: ImportProgress) => void
}

export type ImportCommand<R extends ImportOutcome> = {
  cmd: string
  /** The import record's kind. */
  kind: 'roster' | 'checkups'
  /** What the import record keeps of the result besides the server's counts. */
  record: (r: R) => { rowsRead: number; blank: number; detected?: string }
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

export { encodingLabel } from '../core/import/report.ts'

/** An import's report (core/import/report.ts) as the terminal shows it. */
export function reportLines(lang: Lang, report: ImportReport): string[] {
  const lines = [t(lang, 'report_title', { file: report.file })]
  lines.push(
    ...labelled(
      lang,
      report.rows.map(({ label, value }) => {
        if (value.kind === 'text') return [label, value.text]
        if (value.kind === 'count') return [label, formatInt(value.value)]
        const rate = t(lang, value.rateKey, { rate: formatInt(value.rate) })
        return [label, `${formatDuration(lang, value.ms)} (${rate})`]
      }),
    ),
  )
  if (report.note) lines.push(t(lang, report.note))
  if (report.rejectionsTitle) {
    lines.push(t(lang, report.rejectionsTitle))
    for (const line of report.rejections) lines.push(`  ${line}`)
    lines.push(...moreLine(lang, report.rejections.length + report.more, report.rejections.length))
  }
  if (report.rejectedFile)
    lines.push(t(lang, 'report_rejected_file', { file: report.rejectedFile }))
  return lines
}

/** "… and N more" under a report's first rejections, when the file has more. */
export function moreLine(lang: Lang, total: number, shown: number): string[] {
  return total > shown ? [`  ${t(lang, 'report_more', { count: formatInt(total - shown) })}`] : []
}

/** Fail fast, before any network: the file must exist and be a file. */
async function checkFile(file: string, shown: string): Promise<void> {
  try {
    const s = await stat(file)
    if (s.isDirectory()) throw new OpsError('file_is_directory', { file: shown })
  } catch (err) {
    if (err instanceof OpsError) throw err
    throw fileError(shown, err)
  }
}

export async function runImport<R extends ImportOutcome>(
  ctx: Context,
  command: ImportCommand<R>,
): Promise<number> {
  const cmd = command.cmd
  const v = ctx.values
  const { insurer, batchSize } = withCommand(cmd, () => ({
    insurer: requiredInsurer(ctx, cmd),
    batchSize:
      typeof v.batch === 'string'
        ? integer(ctx, '--batch', v.batch, command.expectedBatch, 1, command.maxBatch)
        : command.defaultBatch,
  }))
  const file = resolve(ctx.io.cwd, ctx.args[0])
  const shown = ctx.args[0]
  const { connection, client } = connect(ctx)
  await checkFile(file, shown)
  // and the server must answer and take the token
  const staff = await client.whoami()
  const quiet = v.quiet === true
  const info = infoLine(ctx)
  info(t(ctx.lang, 'import_as', { url: connection.url, name: staff.name, role: staff.role }))

  const tag = await startRecord(client, insurer, command.kind, file)

  const controller = new AbortController()
  const removeInterrupt = onInterrupt(ctx, controller, 'import_interrupting')
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
      tag,
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
  if (tag) await finishRecord(client, insurer, tag.importId, command, result)
  printOutcome(ctx, command, result)
  return result.fatal ? result.fatal.exitCode : 0
}

/**
 * The import's record on the server (import history, one audit row per import): a fresh id each run (running
 * the command again re-sends the file, which changes nothing already in), the file's name, size and
 * fingerprint. None when the server has no import records.
 */
async function startRecord(
  client: ApiClient,
  insurer: string,
  kind: 'roster' | 'checkups',
  file: string,
): Promise<{ importId: string } | undefined> {
  const source = await fileSource(file)
  const importId = crypto.randomUUID()
  const started = await startImportRecord(client, insurer, {
    id: importId,
    kind,
    source: 'cli',
    fileName: basename(file).slice(0, 255),
    fileSize: source.size,
    fingerprint: await fileFingerprint(source),
  })
  return started ? { importId } : undefined
}

/** How the import ended, for its record. A failure to record it changes nothing of the import's outcome. */
async function finishRecord<R extends ImportOutcome>(
  client: ApiClient,
  insurer: string,
  importId: string,
  command: ImportCommand<R>,
  result: R,
): Promise<void> {
  const fatal = result.fatal
  const finish: ImportRecordFinish = {
    outcome: !fatal ? 'complete' : fatal.key === 'import_interrupted' ? 'interrupted' : 'failed',
    ...command.record(result),
  }
  if (fatal && finish.outcome === 'failed')
    finish.failure = { key: fatal.key.slice(0, 80), params: clipParams(fatal.params) }
  await finishImportRecord(client, insurer, importId, finish).catch(() => {})
}

/** The report (or JSON) on stdout; a failure on stderr, with the hint to run again when part is in. */
function printOutcome<R extends ImportOutcome>(ctx: Context, command: ImportCommand<R>, result: R) {
  if (ctx.values.json) {
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
  } else if (ctx.values.quiet !== true) {
    for (const line of command.report(ctx.lang, result) ?? []) ctx.out(line)
  }
  if (!result.fatal) return
  if (result.fatal.key === 'import_interrupted') ctx.err(t(ctx.lang, 'import_interrupted'))
  else {
    ctx.err(errorLine(ctx.lang, result.fatal))
    if (command.imported(result) > 0) ctx.err(t(ctx.lang, 'import_resume_hint'))
  }
}
