/**
 * `checkups import <file>`: checkup results (a CSV, one XML DATA file or a zip of them) into an insurer's
 * checkups (./checkup-import.ts does the reading and sending), with the report of what was inserted,
 * replaced, unchanged and rejected.
 */
import { t, type Lang, type MessageKey } from '../i18n.ts'
import {
  DEFAULT_CHECKUP_BATCH,
  importCheckupFile,
  MAX_CHECKUP_BATCH,
  type CheckupFormat,
  type CheckupImportResult,
  type CheckupRejection,
} from '../checkup-import.ts'
import { defineCommand } from '../command.ts'
import type { DetectedEncoding } from '../../core/import/encoding.ts'
import { encodingLabel, moreLine, runImport } from '../import-command.ts'
import { formatBytes, formatDuration, formatInt, labelled } from '../terminal.ts'

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
  lines.push(...labelled(lang, rows))
  if (r.checkupsRead === 0 && r.rejections === 0 && r.complete)
    lines.push(t(lang, 'checkup_report_none'))
  if (r.firstRejections.length > 0) {
    lines.push(t(lang, 'checkup_report_rejections'))
    for (const x of r.firstRejections) lines.push(`  ${formatCheckupRejection(lang, r.format, x)}`)
    lines.push(...moreLine(lang, r.rejections, r.firstRejections.length))
  }
  if (r.rejectedFile) lines.push(t(lang, 'report_rejected_file', { file: r.rejectedFile }))
  return lines
}

export default defineCommand({
  name: 'checkups import',
  help: 'help_checkups_import',
  options: { insurer: { type: 'string' }, batch: { type: 'string' } },
  positionals: ['file'],
  run: (ctx) =>
    runImport<CheckupImportResult>(ctx, {
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
    }),
})
