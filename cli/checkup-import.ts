/**
 * `checkups import`'s reading and sending, for a file on disk: the shared importer
 * (core/import/checkup-import.ts) fed by the file (./import-files.ts) and, for a zip, yauzl (./zip-yauzl.ts),
 * writing FILE.rejected.csv, its failure as the CLI's OpsError (exit codes).
 */
import {
  emptyCheckupResult,
  importCheckupFile as importCheckupSource,
  type CheckupImportOptions as SourceOptions,
  type CheckupImportResult as SourceResult,
} from '../core/import/checkup-import.ts'
import { t } from './i18n.ts'
import { opsError, OpsError } from './errors.ts'
import { checkupRejectedPathFor, fileSource, RejectionFile } from './import-files.ts'
import { yauzlZip } from './zip-yauzl.ts'

export {
  csvCheckupInput,
  DEFAULT_CHECKUP_BATCH,
  detectCheckupFormat,
  localMessage,
  MAX_CHECKUP_BATCH,
  MAX_CHECKUP_BYTES,
  sniffCheckupFormat,
  xmlCheckupInput,
  xmlResultInput,
  type CheckupFormat,
  type CheckupImportStart,
  type CheckupRejection,
  type PostCheckups,
} from '../core/import/checkup-import.ts'
export { checkupRejectedPathFor } from './import-files.ts'

export type CheckupImportOptions = Omit<SourceOptions, 'source' | 'zip' | 'sink' | 'sinkName'> & {
  file: string
  /** Default: beside the input, FILE.rejected.csv. */
  rejectedFile?: string
}

export type CheckupImportResult = Omit<SourceResult, 'fatal'> & { fatal: OpsError | null }

export async function importCheckupFile(
  options: CheckupImportOptions,
): Promise<CheckupImportResult> {
  const { file, rejectedFile, ...rest } = options
  const now = options.now ?? Date.now
  const started = now()
  let source
  try {
    source = await fileSource(file)
  } catch (err) {
    return { ...emptyCheckupResult(file), fatal: err as OpsError, elapsedMs: now() - started }
  }
  const path = rejectedFile ?? checkupRejectedPathFor(file)
  const result = await importCheckupSource({
    ...rest,
    source,
    zip: yauzlZip(file),
    sink: new RejectionFile(path, t(options.lang ?? 'ja', 'checkup_rejected_csv_header')),
    sinkName: path,
  })
  return { ...result, fatal: opsError(result.fatal) }
}
