/**
 * `roster import <file>`: a roster CSV into an insurer's roster (./roster-import.ts does the reading and
 * sending), with the report of what was inserted, updated, unchanged and rejected.
 */
import { t, type Lang, type MessageKey } from '../i18n.ts'
import { defineCommand } from '../command.ts'
import { encodingLabel, moreLine, runImport } from '../import-command.ts'
import { DEFAULT_BATCH, importRoster, MAX_BATCH, type ImportResult } from '../roster-import.ts'
import { formatBytes, formatDuration, formatInt, labelled } from '../terminal.ts'

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
  lines.push(...labelled(lang, rows))
  if (r.rowsRead === 0 && r.complete) lines.push(t(lang, 'report_no_rows'))
  if (r.firstRejections.length > 0) {
    lines.push(t(lang, 'report_rejections'))
    for (const x of r.firstRejections) {
      lines.push(
        `  ${t(lang, 'report_rejection', { line: x.line, column: x.column, message: x.message || x.reason })}`,
      )
    }
    lines.push(...moreLine(lang, r.rejections, r.firstRejections.length))
  }
  if (r.rejectedFile) lines.push(t(lang, 'report_rejected_file', { file: r.rejectedFile }))
  return lines
}

export default defineCommand({
  name: 'roster import',
  help: 'help_roster_import',
  options: { insurer: { type: 'string' }, batch: { type: 'string' } },
  positionals: ['file'],
  run: (ctx) =>
    runImport<ImportResult>(ctx, {
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
    }),
})
