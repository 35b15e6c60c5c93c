/**
 * `checkups import <file>`: checkup results (a CSV, one XML DATA file or a zip of them) into an insurer's
 * checkups (./checkup-import.ts does the reading and sending), with the report of what was inserted,
 * replaced, unchanged and rejected.
 */
import {
  checkupReport,
  detectedLabel,
  formatCheckupRejection,
  formatLabel,
} from '../../core/import/report.ts'
import { t, type Lang } from '../i18n.ts'
import {
  DEFAULT_CHECKUP_BATCH,
  importCheckupFile,
  MAX_CHECKUP_BATCH,
  type CheckupImportResult,
} from '../checkup-import.ts'
import { defineCommand } from '../command.ts'
import { encodingLabel, reportLines, runImport } from '../import-command.ts'
import { formatBytes } from '../terminal.ts'

export { formatCheckupRejection, formatLabel }

export function formatCheckupReport(lang: Lang, r: CheckupImportResult): string[] {
  return reportLines(lang, checkupReport(lang, r))
}

export default defineCommand({
  name: 'checkups import',
  help: 'help_checkups_import',
  options: { insurer: { type: 'string' }, batch: { type: 'string' } },
  positionals: ['file'],
  run: (ctx) =>
    runImport<CheckupImportResult>(ctx, {
      cmd: 'checkups import',
      kind: 'checkups',
      record: (r) => ({
        rowsRead: r.checkupsRead,
        blank: r.blank,
        detected: detectedLabel(r.format, r.encoding),
      }),
      defaultBatch: DEFAULT_CHECKUP_BATCH,
      maxBatch: MAX_CHECKUP_BATCH,
      expectedBatch: 'expected_checkup_batch',
      unit: 'documents',
      run: ({ file, shown, insurer, batchSize, client, signal, tag, info, onProgress }) =>
        importCheckupFile({
          file,
          insurer,
          tag,
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
