/**
 * `roster import <file>`: a roster CSV into an insurer's roster (./roster-import.ts does the reading and
 * sending), with the report of what was inserted, updated, unchanged and rejected.
 */
import { detectedLabel, rosterReport } from '../../core/import/report.ts'
import { t, type Lang } from '../i18n.ts'
import { defineCommand } from '../command.ts'
import { encodingLabel, reportLines, runImport } from '../import-command.ts'
import { DEFAULT_BATCH, importRoster, MAX_BATCH, type ImportResult } from '../roster-import.ts'
import { formatBytes } from '../terminal.ts'

export function formatReport(lang: Lang, r: ImportResult): string[] {
  return reportLines(lang, rosterReport(lang, r))
}

export default defineCommand({
  name: 'roster import',
  help: 'help_roster_import',
  options: { insurer: { type: 'string' }, batch: { type: 'string' } },
  positionals: ['file'],
  run: (ctx) =>
    runImport<ImportResult>(ctx, {
      cmd: 'roster import',
      kind: 'roster',
      record: (r) => ({
        rowsRead: r.rowsRead,
        blank: r.blank,
        detected: detectedLabel(null, r.encoding),
      }),
      defaultBatch: DEFAULT_BATCH,
      maxBatch: MAX_BATCH,
      expectedBatch: 'expected_batch',
      unit: 'rows',
      run: ({ file, shown, insurer, batchSize, client, signal, tag, info, onProgress }) =>
        importRoster({
          file,
          insurer,
          tag,
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
